import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheDirs, cacheName, flaggedStem, writeCache } from '../../bin/code-cache.cjs';

const runner = resolve(import.meta.dirname, '../../bin/code-cache.cjs');
const work = mkdtempSync(join(tmpdir(), 'lectern-code-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// A bundle as the build writes the CLI: CommonJS, reading require, __filename and the URL stand-in.
function writeBundle(dir: string, answer: number): string {
  mkdirSync(dir, { recursive: true });
  const bundle = join(dir, 'cli.cjs');
  const body = `const { basename } = require('node:path');
function work(n) { let s = 0; for (let i = 0; i < n; i++) s += i % 7; return s; }
module.exports = work(10);
console.log(JSON.stringify({ answer: ${answer}, file: basename(__filename), url: __bundleUrl.startsWith('file://') }));`;
  writeFileSync(bundle, body);
  return bundle;
}

// Each run in a fresh process, as a user starts the CLI; prints the bundle's line, then the cache state.
function run(bundle: string, dirs: string[], flags = '') {
  const script = `import { runBundle } from ${JSON.stringify(runner)};
const state = runBundle(${JSON.stringify(bundle)}, ${JSON.stringify(dirs)}, ${JSON.stringify(flags)});
console.log(state);`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);
  const [line, state] = child.stdout.trim().split('\n');
  return { output: JSON.parse(line ?? 'null'), state };
}

describe('the CLI code cache', () => {
  it('is written by the first run, used by the next, and replaced when the bundle changes', () => {
    const dir = join(work, 'pkg');
    const cache = join(dir, '.cache');
    const bundle = writeBundle(dir, 1);
    const first = run(bundle, [cache]);
    expect(first).toEqual({ output: { answer: 1, file: 'cli.cjs', url: true }, state: 'absent' });
    const name = cacheName(readFileSync(bundle, 'utf8'));
    expect(readdirSync(cache)).toEqual([name]);
    expect(run(bundle, [cache])).toEqual({ output: first.output, state: 'used' });

    writeBundle(dir, 2); // a rebuilt bundle: same length, other bytes
    const rebuilt = run(bundle, [cache]);
    expect(rebuilt).toEqual({ output: { answer: 2, file: 'cli.cjs', url: true }, state: 'absent' });
    expect(readdirSync(cache)).toEqual([cacheName(readFileSync(bundle, 'utf8'))]);
  });

  it('runs the same from a damaged cache, and writes a good one', () => {
    const dir = join(work, 'damaged');
    const cache = join(dir, '.cache');
    const bundle = writeBundle(dir, 3);
    const name = cacheName(readFileSync(bundle, 'utf8'));
    mkdirSync(cache, { recursive: true });
    writeFileSync(join(cache, name), 'not a V8 code cache');
    expect(run(bundle, [cache])).toEqual({
      output: { answer: 3, file: 'cli.cjs', url: true },
      state: 'rejected',
    });
    expect(run(bundle, [cache]).state).toBe('used');
  });

  it('falls back to the next folder, and runs without a cache when none can be written', () => {
    const dir = join(work, 'readonly');
    const bundle = writeBundle(dir, 4);
    const blocked = join(dir, 'a-file');
    writeFileSync(blocked, '');
    const fallback = join(work, 'os-cache');
    expect(run(bundle, [join(blocked, 'cache'), fallback]).state).toBe('absent');
    expect(run(bundle, [join(blocked, 'cache'), fallback]).state).toBe('used');
    expect(existsSync(join(blocked, 'cache'))).toBe(false);

    const nowhere = [join(blocked, 'one'), join(blocked, 'two')];
    expect(run(bundle, nowhere)).toEqual({
      output: { answer: 4, file: 'cli.cjs', url: true },
      state: 'absent',
    });
    expect(run(bundle, nowhere).state).toBe('absent');
    expect(writeCache(nowhere, 'x.v8cache', new Uint8Array([1]))).toBeUndefined();
  });

  it('reads a bundle that is not ASCII as UTF-8', () => {
    const dir = join(work, 'utf8');
    mkdirSync(dir, { recursive: true });
    const bundle = join(dir, 'cli.cjs');
    writeFileSync(
      bundle,
      "console.log(JSON.stringify({ answer: /[’]/.test('it’s') && '“ok”', file: 'cli.cjs', url: true }));",
    );
    expect(run(bundle, [join(dir, '.cache')]).output.answer).toBe('“ok”');
  });

  it('runs a package from its own bundle in lazy/ on first require, with a cache of its own', () => {
    const dir = join(work, 'lazy-pkg');
    const cache = join(dir, '.cache');
    mkdirSync(join(dir, 'lazy'), { recursive: true });
    writeFileSync(join(dir, 'lazy', 'tex.cjs'), "module.exports = { draw: (s) => '<' + s + '>' };");
    const bundle = join(dir, 'cli.cjs');
    writeFileSync(
      bundle,
      `const { basename } = require('node:path');
const uses = process.env.USE_TEX === '1';
console.log(JSON.stringify({ answer: uses ? require('tex').draw('x') : 0, file: basename(__filename), url: true }));`,
    );
    const names = () => readdirSync(cache).sort();
    expect(run(bundle, [cache]).output.answer).toBe(0);
    expect(names()).toEqual([cacheName(readFileSync(bundle, 'utf8'))]);
    process.env.USE_TEX = '1';
    try {
      expect(run(bundle, [cache]).output.answer).toBe('<x>');
      const tex = cacheName(readFileSync(join(dir, 'lazy', 'tex.cjs'), 'utf8'), 'tex');
      expect(names()).toEqual([cacheName(readFileSync(bundle, 'utf8')), tex].sort());
      // A rebuilt lazy bundle replaces its own cache and leaves the main bundle's alone.
      writeFileSync(join(dir, 'lazy', 'tex.cjs'), "module.exports = { draw: (s) => '[' + s + ']' };");
      expect(run(bundle, [cache]).output.answer).toBe('[x]');
      const rebuilt = cacheName(readFileSync(join(dir, 'lazy', 'tex.cjs'), 'utf8'), 'tex');
      expect(names()).toEqual([cacheName(readFileSync(bundle, 'utf8')), rebuilt].sort());
    } finally {
      delete process.env.USE_TEX;
    }
  });

  it('loads a deferred built-in only when one of its names is used, and then as it is', () => {
    const dir = join(work, 'deferred');
    mkdirSync(dir, { recursive: true });
    const bundle = join(dir, 'cli.cjs');
    // As esbuild writes an import of node:http: required at the top, its names read where used.
    writeFileSync(
      bundle,
      `const http = require('node:http');
const loaded = () => process.moduleLoadList.includes('NativeModule http');
const before = loaded();
const server = process.env.SERVE === '1' ? http.createServer() : undefined;
console.log(JSON.stringify({ answer: [before, loaded(), server instanceof http.Server, 'METHODS' in http], file: 'cli.cjs', url: true }));`,
    );
    expect(run(bundle, [join(dir, '.cache')]).output.answer).toEqual([false, false, false, true]);
    process.env.SERVE = '1';
    try {
      expect(run(bundle, [join(dir, '.cache')]).output.answer).toEqual([false, true, true, true]);
    } finally {
      delete process.env.SERVE;
    }
  });

  it('keeps apart the caches of runs under other V8 flags, each used by the runs under its flags', () => {
    const dir = join(work, 'flagged');
    const cache = join(dir, '.cache');
    const bundle = writeBundle(dir, 3);
    const flags = '--interrupt-budget=1081344';
    const plain = cacheName(readFileSync(bundle, 'utf8'));
    const flagged = cacheName(readFileSync(bundle, 'utf8'), flaggedStem('cli', flags));
    expect(flagged).not.toBe(plain);
    expect(run(bundle, [cache]).state).toBe('absent');
    // V8 would reject the other flags' cache: the flagged run makes its own and leaves the plain one.
    expect(run(bundle, [cache], flags).state).toBe('absent');
    expect(readdirSync(cache).sort()).toEqual([plain, flagged].sort());
    expect(run(bundle, [cache]).state).toBe('used');
    expect(run(bundle, [cache], flags)).toEqual({
      output: { answer: 3, file: 'cli.cjs', url: true },
      state: 'used',
    });
    // A rebuilt bundle replaces each set of flags' cache with a new one of the same flags.
    writeBundle(dir, 4);
    expect(run(bundle, [cache], flags).state).toBe('absent');
    expect(readdirSync(cache).sort()).toEqual(
      [plain, cacheName(readFileSync(bundle, 'utf8'), flaggedStem('cli', flags))].sort(),
    );
    expect(flaggedStem('katex', '')).toBe('katex');
  });

  it('keeps its cache beside the bundle, then where the OS keeps caches', () => {
    expect(cacheDirs('/pkg/dist/cli.cjs', { XDG_CACHE_HOME: '/c' }, 'linux')).toEqual([
      join('/pkg/dist', '.cache'),
      join('/c', 'lectern'),
    ]);
    expect(cacheDirs('/pkg/dist/cli.cjs', { LOCALAPPDATA: 'C:\\L' }, 'win32')[1]).toBe(
      join('C:\\L', 'lectern', 'Cache'),
    );
  });
});
