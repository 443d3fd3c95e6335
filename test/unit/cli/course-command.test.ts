import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { GOOD, lectern, workspace } from './cli-helpers.js';

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

  it('render still renders the valid lectures when the course file is broken, and exits 1', async () => {
    const dir = workspace({ 'course.yaml': 'id: x\ntitle: [oops\n', 'first.yaml': FIRST });
    const run = await lectern(dir, 'render', '.', '--out', 'out');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^course\.yaml:\d+:\d+ /m);
    expect(existsSync(join(dir, 'out', 'first-deck', 'index.html'))).toBe(true);
  });
});
