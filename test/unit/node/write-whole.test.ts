import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replaceFolderWhole, writeFileWhole, writeStaged } from '../../../lambdas/node/write-whole.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lectern-whole-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writing whole', () => {
  it('replaces a file and leaves no staging file beside it', () => {
    const target = join(dir, 'deep', 'index.html');
    writeFileWhole(target, 'old');
    writeFileWhole(target, 'new');
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(join(dir, 'deep'))).toEqual(['index.html']);
  });

  it('keeps the old file when the writer fails half-way, and cleans up what it wrote', async () => {
    const target = join(dir, 'deck.pdf');
    writeFileSync(target, 'old');
    await expect(
      writeStaged(target, (staging) => {
        writeFileSync(staging, 'half');
        throw new Error('printer died');
      }),
    ).rejects.toThrow('printer died');
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['deck.pdf']);
  });

  it('replaces a folder with exactly the new files', () => {
    const target = join(dir, 'deck');
    replaceFolderWhole(target, { 'index.html': 'a', 'gone.html': 'b' });
    replaceFolderWhole(target, { 'index.html': 'c', 'media/x.png': new Uint8Array([1, 2]) });
    expect(readFileSync(join(target, 'index.html'), 'utf8')).toBe('c');
    expect(existsSync(join(target, 'gone.html'))).toBe(false);
    expect([...readFileSync(join(target, 'media', 'x.png'))]).toEqual([1, 2]);
    expect(readdirSync(dir)).toEqual(['deck']);
  });
});
