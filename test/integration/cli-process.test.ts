import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'bin', 'lectern.cjs');

function lectern(cwd: string, ...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });
}

// The installed command, as a user runs it: the bundled dist/cli.cjs behind bin/lectern.cjs.
describe('the lectern executable', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root });
  });

  it('renders the course and exits 0', () => {
    const out = tempDir('bin');
    const run = lectern(root, 'render', 'content', '--out', out);
    expect(run.stderr).toMatch(/: 0 errors, 0 warnings/);
    expect(run.status).toBe(0);
    expect(existsSync(join(out, 'assets', 'reveal', 'reveal.js'))).toBe(true);
    // The build ships the templates precompiled beside the bundle, so a run need not compile them.
    expect(existsSync(join(root, 'dist', 'templates.precompiled.json'))).toBe(true);
  });

  it('renders with the templates its bundle carries precompiled, making no function from text', () => {
    // Counts every function made from text in the run (the bundle runs in the main context); a template
    // without its precompiled form in the bundle, or made from another source, is one such function.
    const dir = tempDir('bin');
    const counter = join(dir, 'count-functions.cjs');
    writeFileSync(
      counter,
      `let made = 0;
globalThis.Function = new Proxy(Function, {
  construct: (target, args) => { made += 1; return Reflect.construct(target, args); },
  apply: (target, self, args) => { made += 1; return Reflect.apply(target, self, args); },
});
process.on('exit', () => process.stderr.write('functions-from-text=' + made + '\\n'));`,
    );
    const run = spawnSync(
      process.execPath,
      [
        '-r',
        counter,
        bin,
        'render',
        'test/fixtures/lectures/all-kinds.yaml',
        '--out',
        join(dir, 'out'),
        '--quiet',
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/functions-from-text=0\n/);
    expect(readFileSync(join(dir, 'out', 'all-kinds', 'index.html'), 'utf8')).toMatch(/class="reveal"/);
  });

  it('writes a PowerPoint file, twice: without the code cache and then from it', () => {
    // The bundle runs as a vm.Script; an import() left in it would fail once the code cache is used.
    const out = tempDir('bin');
    for (const run of [1, 2]) {
      const target = join(out, `deck-${run}.pptx`);
      const result = lectern(root, 'pptx', 'test/fixtures/lectures/all-kinds.yaml', '--out', target);
      expect(result.stderr, `run ${run}`).not.toMatch(/node:internal|dynamic import/i);
      expect(result.status, `run ${run}`).toBe(0);
      expect(readFileSync(target).subarray(0, 2).toString('latin1')).toBe('PK');
    }
  });

  it('exits 1 on an invalid lecture and 2 on a wrong flag, without a stack trace', () => {
    const dir = tempDir('bin');
    writeFileSync(join(dir, 'bad.json'), '{"id": "Bad Id", "title": "x", "sections": []}');
    const bad = lectern(dir, 'validate', 'bad.json');
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/^bad\.json:1:\d+ {2}id {2}/m);
    const flag = lectern(dir, 'render', '--nope');
    expect(flag.status).toBe(2);
    expect(flag.stderr).toMatch(/Usage: lectern render/);
    expect(flag.stderr).not.toMatch(/node:internal|at .*\.m?js:\d+/);
  });

  it('ends once its work is done, its whole report read through a pipe and its exit code kept', () => {
    // Far more report than a pipe holds (64 KB), so the process writes while the reader reads; the
    // executable ends the process itself when nothing is left to do, which must cut nothing short.
    const dir = tempDir('bin');
    const count = 400;
    for (let i = 0; i < count; i++) {
      writeFileSync(join(dir, `bad-${i}.json`), `{"id": "Bad Id ${i}", "title": "x", "sections": []}`);
    }
    const run = lectern(dir, 'validate', '.');
    expect(run.status).toBe(1);
    expect(run.stdout.length).toBeGreaterThan(64 * 1024);
    const named = new Set(run.stdout.match(/^bad-\d+\.json(?=:)/gm));
    expect(named.size).toBe(count);
  });
});
