import type { ParsedDocument } from './deck.js';
import type { Diagnostic } from './errors.js';
import { isRecord } from './paths.js';

/**
 * When the caller already knows the deck's id (PUT /api/decks/{id}): a lecture without an id takes
 * it, and one with another id gets an `id-mismatch` error at `id`. Anything that is not a mapping
 * is left for validation to refuse.
 */
export function adoptExpectedId(
  doc: ParsedDocument,
  id: string | undefined,
): { doc: ParsedDocument; errors: Diagnostic[] } {
  if (id === undefined || !isRecord(doc.value)) return { doc, errors: [] };
  const written = doc.value.id;
  if (written === undefined) return { doc: { ...doc, value: { id, ...doc.value } }, errors: [] };
  if (written === id) return { doc, errors: [] };
  const where = doc.locate(['id']);
  const error: Diagnostic = {
    severity: 'error',
    code: 'id-mismatch',
    path: 'id',
    message: `The lecture's id "${String(written)}" does not match the id in the URL, "${id}".`,
    ...(where ? { line: where.line, col: where.col } : {}),
  };
  return { doc, errors: [error] };
}
