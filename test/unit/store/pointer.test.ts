import { describe, expect, it } from 'vitest';
import type { DeckManifest } from '../../../lambdas/core/deck.js';
import {
  type Actor,
  decidePointer,
  type Pointer,
  parseHistoryEntry,
  parsePointer,
} from '../../../lambdas/store/pointer.js';

const ADA: Actor = { id: 'ada', name: 'ada@example.edu', admin: false };
const BEN: Actor = { id: 'ben', name: 'ben@example.edu', admin: false };
const ROOT: Actor = { id: 'root', name: 'root@example.edu', admin: true };

const manifest = (version: string): DeckManifest => ({
  id: 'deck',
  title: 'Deck',
  version,
  slides: 4,
  warnings: [],
  generatedAt: '2026-12-01T00:00:00.000Z',
  theme: 'lecture',
  estimatedMinutes: 3,
});

const at = '2026-12-02T09:00:00.000Z';
const pointerAt = (
  version: string | null,
  owner: Actor = ADA,
  updatedAt = '2026-12-02T08:00:00.000Z',
): Pointer => ({
  id: 'deck',
  owner: { id: owner.id, name: owner.name },
  manifest: version ? manifest(version) : null,
  entry: version
    ? { version, publishedAt: updatedAt, publishedBy: owner.name, slides: 4, action: 'publish' }
    : null,
  updatedAt,
});

describe('decidePointer', () => {
  it('gives a new deck to its first publisher', () => {
    const decision = decidePointer(undefined, { kind: 'publish', manifest: manifest('v1'), at }, BEN);
    expect(decision).toMatchObject({
      kind: 'write',
      pointer: {
        owner: { id: 'ben' },
        manifest: { version: 'v1' },
        entry: { publishedBy: BEN.name, action: 'publish' },
      },
    });
  });

  it.each([
    ['publish', { kind: 'publish', manifest: manifest('v2'), at }],
    ['restore', { kind: 'restore', manifest: manifest('v0'), at }],
    ['delete', { kind: 'delete', at }],
  ] as const)('refuses a %s by someone who neither owns the deck nor administers', (_kind, change) => {
    expect(decidePointer(pointerAt('v1'), change, BEN)).toEqual({
      kind: 'forbidden',
      owner: { id: 'ada', name: ADA.name },
    });
  });

  it('lets an administrator change a deck, keeping its owner and naming the administrator in the entry', () => {
    const decision = decidePointer(pointerAt('v1'), { kind: 'publish', manifest: manifest('v2'), at }, ROOT);
    expect(decision.kind === 'write' && decision.pointer.owner.id).toBe('ada');
    expect(decision.kind === 'write' && decision.pointer.entry?.publishedBy).toBe(ROOT.name);
  });

  it('leaves the pointer alone when the version is already current', () => {
    expect(decidePointer(pointerAt('v1'), { kind: 'publish', manifest: manifest('v1'), at }, ADA).kind).toBe(
      'unchanged',
    );
    expect(decidePointer(pointerAt('v1'), { kind: 'restore', manifest: manifest('v1'), at }, ADA).kind).toBe(
      'unchanged',
    );
  });

  it('deletes as a tombstone that keeps the owner; a deleted deck cannot be deleted again', () => {
    const decision = decidePointer(pointerAt('v1'), { kind: 'delete', at }, ADA);
    expect(decision).toMatchObject({
      kind: 'write',
      pointer: { manifest: null, entry: null, owner: { id: 'ada' } },
    });
    expect(decidePointer(pointerAt(null), { kind: 'delete', at }, ADA)).toEqual({ kind: 'missing' });
    expect(decidePointer(undefined, { kind: 'delete', at }, ROOT)).toEqual({ kind: 'missing' });
    expect(decidePointer(pointerAt(null), { kind: 'publish', manifest: manifest('v3'), at }, BEN).kind).toBe(
      'forbidden',
    );
  });

  it('never dates a change before the state it replaces, whatever the writer clock says', () => {
    const later = '2026-12-02T10:00:00.000Z';
    const decision = decidePointer(
      pointerAt('v1', ADA, later),
      { kind: 'publish', manifest: manifest('v2'), at },
      ADA,
    );
    expect(decision.kind === 'write' && decision.pointer.entry?.publishedAt).toBe('2026-12-02T10:00:00.001Z');
  });
});

describe('parsePointer', () => {
  it('reads what the store writes, and refuses anything else', () => {
    const pointer = pointerAt('v1');
    expect(parsePointer(JSON.stringify(pointer))).toEqual(pointer);
    for (const text of [
      '{bad',
      'null',
      '[1]',
      '{"id": "x"}',
      '{"id": "x", "owner": {}}',
      '{"id":"x","owner":{"id":"a"},"manifest":{"id":1}}',
    ]) {
      expect(parsePointer(text), text).toBeUndefined();
    }
  });
});

describe('parseHistoryEntry', () => {
  it('reads an entry as written, fills what an older entry lacks, and refuses the rest', () => {
    const entry = {
      version: 'v1',
      publishedAt: '2026-12-01T10:00:00.000Z',
      publishedBy: 'Ana',
      slides: 12,
      action: 'restore' as const,
    };
    expect(parseHistoryEntry(JSON.stringify(entry))).toEqual(entry);
    expect(parseHistoryEntry('{"version":"v2","publishedAt":"2026-12-01T11:00:00.000Z"}')).toEqual({
      version: 'v2',
      publishedAt: '2026-12-01T11:00:00.000Z',
      publishedBy: '',
      slides: 0,
      action: 'publish',
    });
    for (const text of ['{bad', 'null', '"v1"', '{"version":"v1"}', '{"version":1,"publishedAt":"x"}']) {
      expect(parseHistoryEntry(text), text).toBeUndefined();
    }
  });

  it('keeps a pointer whose entry is unreadable, with no entry', () => {
    const pointer = { ...pointerAt('v1'), entry: { version: 3 } };
    expect(parsePointer(JSON.stringify(pointer))?.entry).toBeNull();
  });
});
