import './zod-setup.js';
// Namespace import: it lets esbuild leave out zod's 60-odd locales and other unused parts (~340 KB).
import * as z from 'zod/mini';

/** The lecture format (docs/lecture-format.md). Types are inferred from it. */

export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const EVENT_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
// BCP 47, loosely: a primary language subtag and optional subtags (en, en-GB, zh-Hans-CN).
const LANGUAGE = /^[a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8})*$/;

/** True when `value` (YYYY, YYYY-MM or YYYY-MM-DD) names a real calendar date. */
export function isRealDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number);
  if (m === undefined) return true;
  if (m < 1 || m > 12) return false;
  if (d === undefined) return true;
  const days = new Date(Date.UTC(y ?? 0, m, 0)).getUTCDate();
  return d >= 1 && d <= days;
}

const text = z.string({ error: 'must be text' });
const requiredText = text.check(z.trim(), z.minLength(1, 'must not be empty'));
const slideId = z
  .string()
  .check(z.regex(ID_PATTERN, 'must be lowercase letters, digits and dashes (e.g. "treaty-1950")'));
const httpUrl = z.string().check(
  z.url('must be a URL'),
  z.refine((u) => /^https?:\/\//i.test(u), 'must be an http or https URL'),
);

// YAML reads `date: 1950` as a number; a four-digit year is accepted either way.
const eventDate = z.pipe(
  z.pipe(
    z.union([z.string(), z.int().check(z.gte(0), z.lte(9999))], {
      error: 'must be a date: YYYY, YYYY-MM or YYYY-MM-DD',
    }),
    z.transform(String),
  ),
  z
    .string()
    .check(
      z.regex(EVENT_DATE, 'must be a date: YYYY, YYYY-MM or YYYY-MM-DD'),
      z.refine(isRealDate, 'is not a real calendar date'),
    ),
);

// Table cells: numbers are fine in a table (years, counts); validate puts back the text the file wrote.
const cell = z.pipe(
  z.union([z.string(), z.number()], { error: 'must be text or a number' }),
  z.transform(String),
);

const common = {
  id: z.optional(slideId),
  title: z.optional(text),
  notes: z.optional(text),
  cite: z.optional(z.array(z.string({ error: 'must be a source id' }))),
};

export const pointSchema = z.union([
  text,
  z.strictObject({
    text: requiredText,
    points: z.optional(z.array(text, { error: 'must be a list of text (one level of nesting at most)' })),
  }),
]);

export const bulletsSlideSchema = z.strictObject({
  kind: z.optional(z.literal('bullets')),
  ...common,
  points: z.optional(z.array(pointSchema)),
  fragments: z.optional(z.boolean()),
});

export const quoteSlideSchema = z.strictObject({
  kind: z.literal('quote'),
  ...common,
  text: requiredText,
  by: z.optional(text),
});

export const timelineEventSchema = z.strictObject({
  date: eventDate,
  text: requiredText,
  /** The date as shown ("late 1949"); `date` still orders the event and goes into <time datetime>. */
  label: z.optional(requiredText),
});

export const timelineSlideSchema = z.strictObject({
  kind: z.literal('timeline'),
  ...common,
  events: z.array(timelineEventSchema).check(z.minLength(2, 'needs at least 2 events')),
});

export const compareSlideSchema = z.strictObject({
  kind: z.literal('compare'),
  ...common,
  columns: z
    .array(z.strictObject({ heading: requiredText, points: z.optional(z.array(text)) }))
    .check(z.minLength(2, 'needs 2 or 3 columns'), z.maxLength(3, 'needs 2 or 3 columns')),
});

export const tableSlideSchema = z.strictObject({
  kind: z.literal('table'),
  ...common,
  header: z.array(cell).check(z.minLength(1, 'needs at least one column')),
  rows: z.array(z.array(cell, { error: 'must be a list of cells' })),
});

// An https URL, or a path relative to the lecture file (the media check refuses absolute and climbing paths).
const imageSource = z.string({ error: 'must be an https URL or a path relative to the lecture file' }).check(
  z.trim(),
  z.minLength(1, 'must not be empty'),
  z.refine(
    (src) => !/^[a-z][a-z0-9+.-]*:/i.test(src) || (/^https:\/\//i.test(src) && URL.canParse(src)),
    'must be an https URL or a path relative to the lecture file',
  ),
);

export const imageSlideSchema = z.strictObject({
  kind: z.literal('image'),
  ...common,
  src: imageSource,
  alt: requiredText,
  caption: z.optional(text),
  credit: z.optional(text),
});

export const statementSlideSchema = z.strictObject({
  kind: z.literal('statement'),
  ...common,
  text: requiredText,
});

export const questionsSlideSchema = z.strictObject({
  kind: z.literal('questions'),
  ...common,
  items: z.array(requiredText).check(z.minLength(1, 'needs at least one question')),
});

export const codeSlideSchema = z.strictObject({
  kind: z.literal('code'),
  ...common,
  language: z.optional(
    z.string().check(z.regex(/^[a-zA-Z0-9_+#-]{1,32}$/, 'must be a language name such as "python"')),
  ),
  text: z.string({ error: 'must be text' }).check(z.minLength(1, 'must not be empty')),
});

export const mathSlideSchema = z.strictObject({
  kind: z.literal('math'),
  ...common,
  /** Display TeX, rendered when the deck is built. */
  tex: z.string({ error: 'must be TeX' }).check(z.trim(), z.minLength(1, 'must not be empty')),
  caption: z.optional(text),
});

export const SLIDE_KINDS = [
  'bullets',
  'quote',
  'timeline',
  'compare',
  'table',
  'image',
  'statement',
  'questions',
  'code',
  'math',
] as const;

export const slideSchema = z.discriminatedUnion('kind', [
  bulletsSlideSchema,
  quoteSlideSchema,
  timelineSlideSchema,
  compareSlideSchema,
  tableSlideSchema,
  imageSlideSchema,
  statementSlideSchema,
  questionsSlideSchema,
  codeSlideSchema,
  mathSlideSchema,
]);

export const sourceSchema = z.strictObject({
  id: slideId,
  text: requiredText,
  url: z.optional(httpUrl),
});

export const sectionSchema = z.strictObject({
  title: requiredText,
  slides: z.array(slideSchema).check(z.minLength(1, 'needs at least one slide')),
});

export const labelsSchema = z.strictObject({
  sources: z.optional(requiredText),
  discussion: z.optional(requiredText),
  continued: z.optional(requiredText),
  cited: z.optional(requiredText),
});

export const lectureSchema = z.strictObject({
  id: z
    .string()
    .check(
      z.regex(
        ID_PATTERN,
        'must be 1–64 lowercase letters, digits and dashes, starting with a letter or digit',
      ),
    ),
  title: requiredText,
  subtitle: z.optional(text),
  course: z.optional(text),
  author: z.optional(text),
  date: z.optional(
    z
      .string({ error: 'must be a date written YYYY-MM-DD' })
      .check(
        z.regex(DAY, 'must be a date written YYYY-MM-DD'),
        z.refine(isRealDate, 'is not a real calendar date'),
      ),
  ),
  language: z._default(
    z.string().check(z.regex(LANGUAGE, 'must be a BCP 47 language tag such as "en" or "zh-Hans"')),
    'en',
  ),
  duration: z.optional(
    z
      .number({ error: 'must be a number of minutes' })
      .check(z.positive('must be more than 0 minutes'), z.lte(600, 'must be at most 600 minutes')),
  ),
  theme: z.optional(z.string({ error: 'must be a theme name' })),
  sources: z._default(z.array(sourceSchema), []),
  /** The lecture's own wording of the words Lectern writes itself (headings, "continued", …). */
  labels: z.optional(labelsSchema),
  sections: z.array(sectionSchema).check(z.minLength(1, 'needs at least one section')),
});

/** A lecture as written (before defaults). */
export type LectureInput = z.input<typeof lectureSchema>;
/** A valid lecture, defaults applied. */
export type Lecture = z.output<typeof lectureSchema>;
export type Section = Lecture['sections'][number];
export type Slide = Section['slides'][number];
export type SlideKind = (typeof SLIDE_KINDS)[number];
export type Point = z.output<typeof pointSchema>;
export type Source = Lecture['sources'][number];
export type Labels = z.output<typeof labelsSchema>;
