import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { BAD_CITE, GOOD, lectern, workspace } from './cli-helpers.js';

const COURSE = `id: demo-course
title: "Demo course"
code: "DEMO 1"
lectures:
  - second.yaml
  - first.yaml
`;

const FIRST = GOOD.replace('good-deck', 'first-deck').replace('"Good deck"', '"First deck"');
const SECOND = GOOD.replace('good-deck', 'second-deck').replace('"Good deck"', '"Second deck"');

describe('courses in the CLI', () => {
  it('render writes a course page listing the decks in the course order', async () => {
    const dir = workspace({ 'course.yaml': COURSE, 'first.yaml': FIRST, 'second.yaml': SECOND });
    const run = await lectern(dir, 'render', '.', '--out', 'out');
    expect(run.code).toBe(0);
    const { document } = parseHTML(readFileSync(join(dir, 'out', 'index.html'), 'utf8'));
    const titles = [...document.querySelectorAll('.deck-card h3 a')].map((a) => a.textContent);
    expect(titles).toEqual(['Second deck', 'First deck']);
    expect(document.querySelector('h1')?.textContent).toBe('DEMO 1 · Demo course');
    expect(existsSync(join(dir, 'out', 'assets', 'lectern-course.css'))).toBe(true);
  });

  it('render of one lone lecture writes no course page', async () => {
    const dir = workspace({ 'first.yaml': FIRST });
    const run = await lectern(dir, 'render', 'first.yaml', '--out', 'out');
    expect(run.code).toBe(0);
    expect(existsSync(join(dir, 'out', 'first-deck', 'index.html'))).toBe(true);
    expect(existsSync(join(dir, 'out', 'index.html'))).toBe(false);
  });

  it('render given only the course file renders its lectures too', async () => {
    const dir = workspace({ 'course.yaml': COURSE, 'first.yaml': FIRST, 'second.yaml': SECOND });
    const run = await lectern(dir, 'render', 'course.yaml', '--out', 'out');
    expect(run.code).toBe(0);
    expect(existsSync(join(dir, 'out', 'first-deck', 'index.html'))).toBe(true);
    expect(existsSync(join(dir, 'out', 'second-deck', 'index.html'))).toBe(true);
  });

  it('validate reports a course naming a missing lecture at its line and exits 1', async () => {
    const dir = workspace({ 'course.yaml': COURSE, 'first.yaml': FIRST });
    const run = await lectern(dir, 'validate', '.');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^course\.yaml:5:5 {2}lectures\[0\] {2}there is no lecture file "second\.yaml"/m,
    );
    expect(run.stderr).toMatch(/1 file and 1 course checked: 1 error/);
  });

  it('a course file with an error still brings in its lectures, for render and for validate', async () => {
    const broken = COURSE.replace('code: "DEMO 1"', 'code: "DEMO 1"\nextra: 1');
    const dir = workspace({ 'course.yaml': broken, 'first.yaml': FIRST, 'second.yaml': SECOND });
    const run = await lectern(dir, 'render', 'course.yaml', '--out', 'out');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^course\.yaml:4:1 {2}extra {2}unknown field/m);
    expect(existsSync(join(dir, 'out', 'first-deck', 'index.html'))).toBe(true);
    expect(existsSync(join(dir, 'out', 'second-deck', 'index.html'))).toBe(true);
    const missing = workspace({
      'course.yaml': `${COURSE}  - gone.yaml\n`,
      'first.yaml': BAD_CITE,
      'second.yaml': SECOND,
    });
    const check = await lectern(missing, 'validate', 'course.yaml');
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(
      /^course\.yaml:\d+:\d+ {2}lectures\[2\] {2}there is no lecture file "gone\.yaml"/m,
    );
    expect(check.stdout).toMatch(/^first\.yaml:13:\d+ {2}sections\[0\]\.slides\[0\]\.cite\[0\]/m);
    expect(check.stderr).toMatch(/2 files and 1 course checked/);
  });

  it('render and validate of a folder skip the decks an earlier render wrote into it', async () => {
    const dir = workspace({ 'first.yaml': FIRST });
    expect((await lectern(dir, 'render', '.', '--out', 'out')).code).toBe(0);
    const again = await lectern(dir, 'render', '.', '--out', 'out');
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/1 of 1 rendered/);
    expect((await lectern(dir, 'validate', '.')).code).toBe(0);
  });

  it('render still renders the valid lectures when the course file is broken, and exits 1', async () => {
    const dir = workspace({ 'course.yaml': 'id: x\ntitle: [oops\n', 'first.yaml': FIRST });
    const run = await lectern(dir, 'render', '.', '--out', 'out');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^course\.yaml:\d+:\d+ /m);
    expect(existsSync(join(dir, 'out', 'first-deck', 'index.html'))).toBe(true);
  });
});
