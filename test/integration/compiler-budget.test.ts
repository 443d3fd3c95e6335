import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compilerFlags, LARGER_BUDGET, LONG_INPUT } from '../../bin/compiler-budget.cjs';

const work = mkdtempSync(join(tmpdir(), 'lectern-budget-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function file(path: string, bytes: number): string {
  const full = join(work, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, 'x'.repeat(bytes));
  return full;
}

describe('the compiler budget of a CLI run', () => {
  const small = file('small.yaml', 40 * 1024);
  const large = file('large.yaml', LONG_INPUT);

  it('is raised when the lectures named come to the long-input size, by one file or several', () => {
    expect(compilerFlags(['render', small, '--out', work])).toBe('');
    expect(compilerFlags(['render', large, '--out', join(work, 'out')])).toBe(LARGER_BUDGET);
    expect(compilerFlags(['validate', small, small, small])).toBe('');
    expect(compilerFlags(['validate', small, small, small, small])).toBe(LARGER_BUDGET);
  });

  it('is raised for every PowerPoint file, whatever its size', () => {
    expect(compilerFlags(['pptx', small, '-o', join(work, 'x.pptx')])).toBe(LARGER_BUDGET);
    expect(compilerFlags(['render', small, '--pptx', '-o', work])).toBe(LARGER_BUDGET);
    expect(compilerFlags(['render', small, '--single-file', '-o', work])).toBe('');
  });

  it('does not count the folder or file an option names', () => {
    const out = join(work, 'big-out');
    file('big-out/old.yaml', 2 * LONG_INPUT);
    expect(compilerFlags(['render', small, '--out', out])).toBe('');
    expect(compilerFlags(['render', small, '-o', out, '--quiet'])).toBe('');
  });

  it('counts the lectures a folder holds, and a course as long', () => {
    file('folder/a.yaml', 50 * 1024);
    file('folder/notes.txt', 2 * LONG_INPUT);
    expect(compilerFlags(['render', join(work, 'folder'), '-o', join(work, 'o')])).toBe('');
    file('folder/b.json', 90 * 1024);
    expect(compilerFlags(['render', join(work, 'folder'), '-o', join(work, 'o')])).toBe(LARGER_BUDGET);
    file('nested/week1/a.yaml', 10);
    expect(compilerFlags(['validate', join(work, 'nested')])).toBe(LARGER_BUDGET);
    expect(compilerFlags(['render', file('course/course.yaml', 200), '-o', work])).toBe(LARGER_BUDGET);
  });

  it('stays at the default for the commands that run for long or wait on others, and for missing files', () => {
    for (const command of ['preview', 'publish', 'pdf', 'help'])
      expect(compilerFlags([command, large, '--out', work])).toBe('');
    expect(compilerFlags([])).toBe('');
    expect(compilerFlags(['render', join(work, 'missing.yaml'), '--out', work])).toBe('');
  });
});
