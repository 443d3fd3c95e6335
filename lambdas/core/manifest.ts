import './zod-setup.js';
import * as z from 'zod';
import { diagnosticSchema } from './diagnostic.js';

/**
 * deck.json: what a rendered deck says of itself. The renderer writes it; the store reads it back
 * through this schema rather than trusting what it finds.
 */
export const deckManifestSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** Hash of the normalised lecture and the template set: same input, same version. */
  version: z.string(),
  /** Total slides in the rendered deck (title, dividers, content and sources slides): Reveal.getTotalSlides(). */
  slides: z.int().nonnegative(),
  warnings: z.array(diagnosticSchema),
  generatedAt: z.string(),
  theme: z.string(),
  /** Extensions beside the format's fields, for course pages and deck lists. */
  subtitle: z.string().optional(),
  /** The lecture's `course` line, as written (plain text). */
  course: z.string().optional(),
  /** The lecture's `date` (YYYY-MM-DD), when it gives one: orders a course's decks on the site. */
  date: z.string().optional(),
  /** Planned minutes (the lecture's `duration`), when it gives one. */
  duration: z.number().optional(),
  /** Minutes the notes take to speak, rounded (0 in a deck.json written before it was recorded). */
  estimatedMinutes: z.number().default(0),
});

export type DeckManifest = z.infer<typeof deckManifestSchema>;

/** A stored deck.json's value as a manifest, its other fields kept; undefined when it is not one. */
export function readManifest(value: unknown): DeckManifest | undefined {
  const parsed = deckManifestSchema.loose().safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
