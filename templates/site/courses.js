// The course view: the decks grouped by their lectures' course line (docs/course-format.md). The API's
// deck list carries the groups, in teaching order, as the CLI's course page has them.
import { deckLinks } from './deck-links.js';
import { counted, element, link, sitePath } from './dom.js';

/** Shows the courses of a deck list answer in `section` (its first child, the heading, stays). */
export function createCourseView(section) {
  return {
    show({ decks = [], courseGroups = [] }) {
      const byId = new Map(decks.map((deck) => [deck.id, deck]));
      const blocks = courseGroups.map((group, index) =>
        courseBlock(group, group.decks.map((id) => byId.get(id)).filter(Boolean), index),
      );
      section.replaceChildren(section.firstElementChild, ...blocks);
      section.hidden = blocks.length === 0;
    },
  };
}

function courseBlock(group, list, index) {
  const block = element('section', undefined, 'course');
  const heading = element('h3', group.title);
  heading.id = `course-${index}`;
  block.setAttribute('aria-labelledby', heading.id);
  const items = element('ol', undefined, 'course-decks');
  items.append(...list.map(courseItem));
  const summary = `${counted(list.length, 'lecture')}, ${group.minutes} minutes in all`;
  block.append(heading, element('p', summary, 'hint'), items);
  return block;
}

function courseItem(deck) {
  const item = element('li', undefined, 'course-deck');
  const title = element('h4');
  title.id = `course-deck-${deck.id}`;
  title.append(link(sitePath(deck.url), deck.title));
  const minutes =
    deck.duration !== undefined ? `${deck.duration} min` : `≈ ${deck.estimatedMinutes ?? '?'} min`;
  const facts = element('p', `${deck.slides} slides · ${minutes}`, 'facts');
  const links = element('p', undefined, 'links');
  links.append(...deckLinks(deck, title.id));
  item.append(title);
  if (deck.subtitle) item.append(element('p', deck.subtitle, 'subtitle'));
  item.append(facts, links);
  return item;
}
