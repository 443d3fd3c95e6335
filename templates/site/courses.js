// The course view: the decks grouped by their lectures' course line (docs/course-format.md).
import { deckLinks } from './deck-links.js';
import { counted, element, link, sitePath } from './dom.js';

/** Shows the courses of a deck list in `section` (its first child, the heading, stays). */
export function createCourseView(section) {
  return {
    show(decks) {
      const blocks = [...groupByCourse(decks)].map(([course, list], index) =>
        courseBlock(course, list, index),
      );
      section.replaceChildren(section.firstElementChild, ...blocks);
      section.hidden = blocks.length === 0;
    },
  };
}

/**
 * The decks grouped by their lecture's `course` line, in teaching order (the lectures' `date`, then
 * id), each with the facts the CLI's course page shows.
 */
function groupByCourse(decks) {
  const groups = new Map();
  for (const deck of decks) {
    if (!deck.course) continue;
    if (!groups.has(deck.course)) groups.set(deck.course, []);
    groups.get(deck.course).push(deck);
  }
  for (const list of groups.values()) list.sort(byTeachingOrder);
  return groups;
}

/** A course's decks by lecture date, then id: dated lectures first, in the order they are given. */
function byTeachingOrder(a, b) {
  const key = (deck) => `${deck.date ?? '9999'} ${deck.id}`;
  return key(a) < key(b) ? -1 : 1;
}

function courseBlock(course, list, index) {
  const minutes = list.reduce((sum, d) => sum + (d.duration ?? d.estimatedMinutes ?? 0), 0);
  const block = element('section', undefined, 'course');
  const heading = element('h3', course);
  heading.id = `course-${index}`;
  block.setAttribute('aria-labelledby', heading.id);
  const items = element('ol', undefined, 'course-decks');
  items.append(...list.map(courseItem));
  block.append(
    heading,
    element('p', `${counted(list.length, 'lecture')}, ${minutes} minutes in all`, 'hint'),
    items,
  );
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
