import './zod-setup.js';
import * as z from 'zod/mini';
import { diagnosticSchema } from './diagnostic.js';

/**
 * deck.json: what a rendered deck says of itself. The renderer writes it; the store reads it back
 * through this schema rather than trusting what it finds.
 */
const deckManifestShape = {
  id: z.string(),
  title: z.string(),
  /** Hash of the normalised lecture and the template set: same input, same version. */
  version: z.string(),
  /** Total slides in the rendered deck (title, dividers, content and sources slides): Reveal.getTotalSlides(). */
  slides: z.int().check(z.nonnegative()),
  warnings: z.array(diagnosticSchema),
  generatedAt: z.string(),
  theme: z.string(),
  /** Extensions beside the format's fields, for course pages and deck lists. */
  subtitle: z.optional(z.string()),
  /** The lecture's `course` line, as written (plain text). */
  course: z.optional(z.string()),
  /** The lecture's `date` (YYYY-MM-DD), when it gives one: orders a course's decks on the site. */
  date: z.optional(z.string()),
  /** Planned minutes (the lecture's `duration`), when it gives one. */
  duration: z.optional(z.number()),
  /** Minutes the notes take to speak, rounded (0 in a deck.json written before it was recorded). */
  estimatedMinutes: z._default(z.number(), 0),
};

export const deckManifestSchema = z.object(deckManifestShape);

/** A manifest as stored: the fields above checked, any others kept (a newer writer's, say). */
export const storedManifestSchema = z.looseObject(deckManifestShape);

export type DeckManifest = z.infer<typeof deckManifestSchema>;

/** A stored deck.json's value as a manifest, its other fields kept; undefined when it is not one. */
export function readManifest(value: unknown): DeckManifest | undefined {
  const parsed = storedManifestSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
