import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BAD_CITE, GOOD, lectern, workspace } from './cli-helpers.js';

describe('lectern render', () => {
  it('writes a deck folder and the shared assets', async () => {
    const dir = workspace({ 'good.yaml': GOOD });
    const run = await lectern(dir, 'render', 'good.yaml', '--out', 'out');
    expect(run.code).toBe(0);
    for (const file of ['index.html', 'handout.html', 'deck.json']) {
      expect(existsSync(join(dir, 'out', 'good-deck', file))).toBe(true);
    }
    expect(existsSync(join(dir, 'out', 'assets', 'reveal', 'reveal.js'))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(dir, 'out', 'good-deck', 'deck.json'), 'utf8'));
    expect(manifest).toMatchObject({ id: 'good-deck', title: 'Good deck' });
  });

  it('writes nothing for a file with errors, renders the others, and exits 1', async () => {
    const dir = workspace({ 'good.yaml': GOOD, 'bad.yaml': BAD_CITE.replace('good-deck', 'bad-deck') });
    const run = await lectern(dir, 'render', 'bad.yaml', 'good.yaml', '--out', 'out');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^bad\.yaml:13:/m);
    expect(existsSync(join(dir, 'out', 'bad-deck'))).toBe(false);
    expect(existsSync(join(dir, 'out', 'good-deck', 'index.html'))).toBe(true);
  });

  it('prints the errors of every file before any warning', async () => {
    const noNotes = GOOD.replace('        notes: "Some notes to say."\n', '').replace(
      'good-deck',
      'quiet-deck',
    );
    const dir = workspace({ 'a.yaml': noNotes, 'b.yaml': BAD_CITE });
    const run = await lectern(dir, 'render', 'a.yaml', 'b.yaml', '--out', 'out');
    expect(run.code).toBe(1);
    const reported = run.stderr.split('\n').filter((line) => /^[ab]\.yaml/.test(line));
    expect(reported.map((line) => line.split(':')[0])).toEqual(['b.yaml', 'a.yaml']);
    expect(reported[1]).toMatch(/warning: /);
    expect(existsSync(join(dir, 'out', 'quiet-deck', 'index.html'))).toBe(true);
  });

  it('refuses the deck id "assets", the shared folder beside the decks', async () => {
    const dir = workspace({ 'a.yaml': GOOD.replace('good-deck', 'assets') });
    const run = await lectern(dir, 'render', 'a.yaml', '--out', 'out');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^a\.yaml {2}id {2}deck id "assets" is the name of a shared folder beside the decks/m,
    );
    expect(existsSync(join(dir, 'out', 'assets', 'index.html'))).toBe(false);
  });

  it('refuses two files with the same deck id', async () => {
    const dir = workspace({ 'a.yaml': GOOD, 'b.yaml': GOOD.replace('Good deck', 'Other') });
    const run = await lectern(dir, 'render', 'a.yaml', 'b.yaml', '--out', 'out');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/already used by a\.yaml/);
    expect(readFileSync(join(dir, 'out', 'good-deck', 'index.html'), 'utf8')).toContain('Good deck');
  });

  it('shows progress over many files', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 6; i++) files[`l${i}.yaml`] = GOOD.replace('good-deck', `deck-${i}`);
    const dir = workspace(files);
    const run = await lectern(dir, 'render', '.', '--out', 'out');
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/\[6\/6\] rendered/);
    expect(readdirSync(join(dir, 'out')).filter((f) => f.startsWith('deck-'))).toHaveLength(6);
  });

  it('re-rendering replaces the folder and leaves no staging folders behind', async () => {
    const dir = workspace({ 'good.yaml': GOOD });
    await lectern(dir, 'render', 'good.yaml', '--out', 'out');
    const again = await lectern(dir, 'render', 'good.yaml', '--out', 'out');
    expect(again.code).toBe(0);
    expect(readdirSync(join(dir, 'out')).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('needs --out, and rejects unknown flags with usage', async () => {
    const dir = workspace({ 'good.yaml': GOOD });
    const noOut = await lectern(dir, 'render', 'good.yaml');
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/needs --out/);
    const flag = await lectern(dir, 'render', 'good.yaml', '--out', 'o', '--bogus');
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/Usage: lectern render/);
  });

  it('has --help, and the top level lists the commands', async () => {
    const dir = workspace({});
    expect((await lectern(dir, 'render', '-h')).stdout).toMatch(/Usage: lectern render/);
    const top = await lectern(dir, '--help');
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/validate/);
    const unknown = await lectern(dir, 'bake');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "bake"/);
  });
});
