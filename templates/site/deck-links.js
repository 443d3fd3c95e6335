// A deck's three links (present, speaker view, handout), in the deck list and the course view.
import { link, sitePath } from './dom.js';

// The name reveal.js's notes plugin gives its speaker window (plugin/notes.js, `window.open(…, 'reveal.js - Notes')`).
const SPEAKER_WINDOW = 'reveal.js - Notes';

/**
 * A deck opened with ?notes opens its speaker window as it starts, but browsers block a pop-up that no
 * click asked for, and reveal.js then fails to start the deck at all. So the click opens that window
 * (empty) here, under the plugin's name, and only then goes to the deck with ?notes: the deck finds the
 * window by name and fills it, with no pop-up to block. If even this window is refused, the plain deck opens.
 */
function openSpeakerView(event, path) {
  if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  const speakerWindow = window.open('about:blank', SPEAKER_WINDOW, 'width=1100,height=700');
  window.location.assign(speakerWindow ? `${path}?notes` : path);
}

function speakerLink(path) {
  // The link's own address is the plain deck (press S there), so opening it in a new tab always works;
  // a click opens the speaker window as well (see openSpeakerView).
  const speaker = link(path, 'Speaker view');
  speaker.title = 'Opens the deck and a second window with your notes, the next slide and a timer';
  speaker.addEventListener('click', (event) => openSpeakerView(event, path));
  return speaker;
}

/**
 * The links to present a deck, open its speaker view and its handout. Each list repeats the same link
 * texts, so each link is tied to the element `titleId` names (the deck's title) for screen readers' link lists.
 */
export function deckLinks(deck, titleId) {
  const path = sitePath(deck.url);
  const links = [link(path, 'Present'), speakerLink(path), link(`${path}handout.html`, 'Handout')];
  for (const anchor of links) anchor.setAttribute('aria-describedby', titleId);
  return links;
}
