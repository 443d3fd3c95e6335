import '../core/zod-setup.js';
import * as z from 'zod/mini';
import type { DeckManifest } from '../core/deck.js';
import { storedManifestSchema } from '../core/manifest.js';

/** Who asks for a change: an instructor (a Cognito `sub`, or a name from the users file) and whether they administer the site. */
export interface Actor {
  id: string;
  /** Shown to people: an e-mail deployed, the users file's name locally. */
  name: string;
  admin: boolean;
}

/** The owner a pointer records: the first publisher of the deck. */
export const ownerSchema = z.object({ id: z.string(), name: z.catch(z.string(), '') });
export type Owner = z.infer<typeof ownerSchema>;

/** One entry of a deck's history: a version that became current, when and by whom. */
export const historyEntrySchema = z.object({
  version: z.string(),
  publishedAt: z.string(),
  publishedBy: z.catch(z.string(), ''),
  slides: z.catch(z.number(), 0),
  action: z.catch(z.enum(['publish', 'restore']), 'publish'),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/**
 * A deck's pointer: the one small object that changes. It names the current version (with that
 * version's manifest, so a listing reads one object per deck), the owner, and the history entry that
 * made it current. A deleted deck keeps its pointer with `manifest: null`, so its owner and history
 * stay and a later publish by anyone else is still refused.
 */
export const pointerSchema = z.object({
  id: z.string(),
  owner: ownerSchema,
  manifest: z.nullable(storedManifestSchema),
  /** The history entry of the state this pointer records; null once deleted. */
  entry: z.catch(z.nullable(historyEntrySchema), null),
  /** When the pointer last moved (the epoch for a pointer written without it). */
  updatedAt: z.catch(z.string(), '1970-01-01T00:00:00.000Z'),
});
export type Pointer = z.infer<typeof pointerSchema>;

/** What a caller wants the pointer to become. */
export type PointerChange =
  | { kind: 'publish'; manifest: DeckManifest; at: string }
  | { kind: 'restore'; manifest: DeckManifest; at: string }
  | { kind: 'delete'; at: string };

/** The outcome of a change against the pointer as last read. */
export type PointerDecision =
  | { kind: 'write'; pointer: Pointer }
  | { kind: 'unchanged'; pointer: Pointer }
  | { kind: 'forbidden'; owner: Owner }
  | { kind: 'missing' };

/**
 * Decide what a change does to a pointer read a moment ago. Pure: the store writes the result with a
 * condition on exactly that read (create if absent, swap if unchanged), and on a conflict reads again
 * and asks again, so the decision always rests on the latest pointer: an owner is never overridden
 * by a slower writer, and a newer version is never silently replaced by a stale decision.
 */
export function decidePointer(
  current: Pointer | undefined,
  change: PointerChange,
  actor: Actor,
): PointerDecision {
  if (current && current.owner.id !== actor.id && !actor.admin)
    return { kind: 'forbidden', owner: current.owner };
  if (change.kind === 'delete') {
    if (!current?.manifest) return { kind: 'missing' };
    return {
      kind: 'write',
      pointer: {
        ...current,
        manifest: null,
        entry: null,
        updatedAt: change.at > current.updatedAt ? change.at : after(current.updatedAt),
      },
    };
  }
  if (change.kind === 'publish' && current?.manifest?.version === change.manifest.version) {
    return { kind: 'unchanged', pointer: current };
  }
  if (change.kind === 'restore' && current?.manifest?.version === change.manifest.version) {
    return { kind: 'unchanged', pointer: current };
  }
  // History sorts by time: never record a change as earlier than the state it replaces (clocks of two
  // containers differ a little), so the newest entry is always the current one.
  const at = current && change.at <= current.updatedAt ? after(current.updatedAt) : change.at;
  const entry: HistoryEntry = {
    version: change.manifest.version,
    publishedAt: at,
    publishedBy: actor.name,
    slides: change.manifest.slides,
    action: change.kind,
  };
  return {
    kind: 'write',
    pointer: {
      id: change.manifest.id,
      owner: current?.owner ?? { id: actor.id, name: actor.name },
      manifest: change.manifest,
      entry,
      updatedAt: at,
    },
  };
}

function after(iso: string): string {
  return new Date(Date.parse(iso) + 1).toISOString();
}

/** Read a stored pointer, or undefined when the bytes are not one (the caller treats that deck as unreadable). */
export function parsePointer(text: string): Pointer | undefined {
  return parseStoredJson(text, pointerSchema);
}

/** Read a stored history entry, or undefined when the bytes are not one (the listing skips it). */
export function parseHistoryEntry(text: string): HistoryEntry | undefined {
  return parseStoredJson(text, historyEntrySchema);
}

/** JSON read back from storage, checked against the schema of what was written rather than trusted. */
export function parseStoredJson<T>(text: string, schema: z.ZodMiniType<T>): T | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
