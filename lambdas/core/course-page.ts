import type { Course } from './course.js';
import type { DeckManifest, TemplateSet } from './deck.js';
import { inlineText, renderInline } from './markdown.js';
import { compileTemplate, Handlebars, type TemplateDelegate } from './render/compile.js';

/** A group of decks on a course page: a described course, or decks that belong to none. */
export interface CourseGroup {
  /** A course file's content; absent for a group formed otherwise (e.g. by the lectures' `course` line). */
  course?: Course;
  /** Heading of a group with no course file. */
  heading?: string;
  /** The decks in teaching order. */
  decks: readonly DeckManifest[];
  /**
   * The course's deck ids in teaching order, when it names them (a course on the site): the decks
   * are laid out in this order, and an id with no published deck is listed as not yet published.
   */
  lectureIds?: readonly string[];
}

export interface CoursePageOptions {
  /** The page's <title> and heading. */
  title: string;
  /** Relative URL from the page to the shared assets folder, e.g. `assets/`. */
  assetsBase: string;
  /** Relative URL from the page to the folder holding the deck folders: `''` (CLI) or `decks/` (site). */
  decksBase: string;
  /** The files each deck folder holds for download (the site's PowerPoint and single-file page), to link them. */
  downloads?: readonly Download[];
}

/** A file every deck folder holds for saving, linked on each deck's card. */
export interface Download {
  /** Its name in the deck folder (`deck.pptx`). */
  file: string;
  /** The link's text (`PowerPoint`) and what it gives (its title). */
  label: string;
  title: string;
  /** The name it is saved under, from the deck's id. */
  saveAs(id: string): string;
}

interface DeckCard {
  pending: false;
  href: string;
  handoutHref: string;
  speakerHref: string;
  /** The deck's files for saving, each with the name it downloads under. */
  downloads: { href: string; name: string; label: string; title: string }[];
  titleHtml: string;
  subtitleHtml: string | null;
  slides: number;
  minutesText: string;
  minutesLabel: string;
}

function minutes(deck: DeckManifest): { text: string; label: string } {
  if (deck.duration !== undefined) return { text: `${deck.duration} min`, label: `${deck.duration} minutes` };
  return {
    text: `≈ ${deck.estimatedMinutes} min`,
    label: `about ${deck.estimatedMinutes} minutes (estimated)`,
  };
}

function card(deck: DeckManifest, decksBase: string, downloads: readonly Download[]): DeckCard {
  const href = `${decksBase}${encodeURIComponent(deck.id)}/`;
  const time = minutes(deck);
  return {
    pending: false,
    href,
    handoutHref: `${href}handout.html`,
    speakerHref: `${href}?speaker`,
    // A page opened from disk has no header to name a download: the link does.
    downloads: downloads.map(({ file, label, title, saveAs }) => ({
      href: `${href}${file}`,
      name: saveAs(deck.id),
      label,
      title,
    })),
    titleHtml: renderInline(deck.title),
    subtitleHtml: deck.subtitle ? renderInline(deck.subtitle) : null,
    slides: deck.slides,
    minutesText: time.text,
    minutesLabel: time.label,
  };
}

/** A group's length in minutes: each deck's stated duration, else its estimate. */
export function courseMinutes(decks: readonly DeckManifest[]): number {
  return decks.reduce((sum, d) => sum + (d.duration ?? d.estimatedMinutes), 0);
}

/** Decks in teaching order: dated lectures first, by date; undated ones and ties as given. */
export function inTeachingOrder(decks: readonly DeckManifest[]): DeckManifest[] {
  const key = (deck: DeckManifest) => deck.date ?? '\uffff';
  return [...decks].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** A lecture of a course that has no published deck yet. */
interface PendingCard {
  pending: true;
  id: string;
}

function cards(
  group: CourseGroup,
  decksBase: string,
  downloads: readonly Download[],
): (DeckCard | PendingCard)[] {
  if (!group.lectureIds) return group.decks.map((deck) => card(deck, decksBase, downloads));
  const byId = new Map(group.decks.map((deck) => [deck.id, deck]));
  return group.lectureIds.map((id) => {
    const deck = byId.get(id);
    return deck ? card(deck, decksBase, downloads) : { pending: true, id };
  });
}

function viewGroup(group: CourseGroup, decksBase: string, downloads: readonly Download[]) {
  const course = group.course;
  const totalMinutes = courseMinutes(group.decks);
  const entries = cards(group, decksBase, downloads);
  return {
    id: course?.id ?? null,
    titleHtml: renderInline(course?.title ?? group.heading ?? 'Decks'),
    codeHtml: course?.code ? renderInline(course.code) : null,
    termHtml: course?.term ? renderInline(course.term) : null,
    instructorHtml: course?.instructor ? renderInline(course.instructor) : null,
    descriptionHtml: course?.description ? renderInline(course.description) : null,
    lectureCount: entries.length,
    lectureWord: entries.length === 1 ? 'lecture' : 'lectures',
    totalMinutes,
    decks: entries,
  };
}

const compiled = new WeakMap<TemplateSet, TemplateDelegate>();

function compileCoursePage(templates: TemplateSet): TemplateDelegate {
  const cached = compiled.get(templates);
  if (cached) return cached;
  const template = compileTemplate(Handlebars.create(), templates, 'course.hbs');
  compiled.set(templates, template);
  return template;
}

/** Render a page that lists courses and their decks (title, subtitle, slide count, duration) with links. */
export function renderCoursePage(
  groups: readonly CourseGroup[],
  templates: TemplateSet,
  options: CoursePageOptions,
): string {
  return compileCoursePage(templates)({
    titleHtml: renderInline(options.title),
    titleText: inlineText(options.title),
    assetsBase: options.assetsBase,
    groups: groups
      .filter((g) => g.decks.length > 0 || (g.lectureIds?.length ?? 0) > 0)
      .map((g) => viewGroup(g, options.decksBase, options.downloads ?? [])),
  });
}

/**
 * Group decks by the `course` line their lectures give, in order of each group's first deck, each
 * group in teaching order; decks with no course line come last, as given, under "Other decks". Used
 * where no course file is known: by the CLI's course page and by the API's deck list (for the site).
 */
export function groupByCourseLine(decks: readonly DeckManifest[]): CourseGroup[] {
  const groups = new Map<string, DeckManifest[]>();
  for (const deck of decks) {
    const key = deck.course?.trim() || '';
    const list = groups.get(key) ?? [];
    list.push(deck);
    groups.set(key, list);
  }
  const named = [...groups].filter(([key]) => key !== '');
  const other = groups.get('');
  return [
    ...named.map(([heading, list]) => ({ heading, decks: inTeachingOrder(list) })),
    ...(other ? [{ heading: named.length > 0 ? 'Other decks' : 'Decks', decks: other }] : []),
  ];
}
