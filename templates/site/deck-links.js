// A deck's links (present, speaker view, handout, the downloads), in the deck list and the course view. Their
// addresses are the ones the API answers with; the page builds none of its own.
import { link, sitePath } from './dom.js';
import layout from './site-layout.js';

// The name reveal.js's notes plugin gives its speaker window (plugin/notes.js, `window.open(…, 'reveal.js - Notes')`).
const SPEAKER_WINDOW = 'reveal.js - Notes';

/**
 * The speaker view link goes to the deck with ?speaker: the deck opens its speaker window once it is
 * ready, or offers a button where the browser blocks a window no click asked for. A click here is
 * such a click, so it opens that window (empty) under the plugin's name first; the deck then finds
 * the window by name and fills it, with no pop-up to block.
 */
function openSpeakerWindow(event) {
  if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  window.open('about:blank', SPEAKER_WINDOW, 'width=1100,height=700');
}

function speakerLink(deck) {
  const speaker = link(sitePath(deck.speakerUrl), 'Speaker view');
  speaker.title = 'Opens the deck and a second window with your notes, the next slide and a timer';
  speaker.addEventListener('click', openSpeakerWindow);
  return speaker;
}

/**
 * The files to save (the editable PowerPoint file, the single-file page), those the answer names;
 * the site sends the name each is saved under (Content-Disposition).
 */
export function downloadLinks(deck) {
  return layout.downloads
    .filter(({ field }) => typeof deck[field] === 'string')
    .map(({ field, label, title }) => {
      const anchor = link(sitePath(deck[field]), label);
      anchor.title = title;
      return anchor;
    });
}

/**
 * The links to present a deck, open its speaker view and its handout. Each list repeats the same link
 * texts, so each link is tied to the element `titleId` names (the deck's title) for screen readers' link lists.
 */
export function deckLinks(deck, titleId) {
  const links = [
    link(sitePath(deck.url), 'Present'),
    speakerLink(deck),
    link(sitePath(deck.handoutUrl), 'Handout'),
    ...downloadLinks(deck),
  ];
  for (const anchor of links) anchor.setAttribute('aria-describedby', titleId);
  return links;
}
