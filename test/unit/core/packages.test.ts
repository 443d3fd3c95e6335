import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Which of the packages the pipeline loads on first use a build of one lecture loaded, in a fresh
// process (this one has loaded them all for other tests): each is a CommonJS module once required.
const root = resolve(import.meta.dirname, '../../..');
const PROBE = `
import { createRequire } from 'node:module';
import { buildDeck } from './lambdas/core/pipeline.ts';
import { loadTemplates } from './lambdas/node/templates-fs.ts';
const built = buildDeck(process.env.LECTURE, {
  templates: loadTemplates(), assetsBase: '../assets', generatedAt: '2026-01-01T00:00:00.000Z',
});
const cache = Object.keys(createRequire(import.meta.url).cache);
const loaded = ['yaml', 'markdown-it', 'htmlparser2'].filter((name) =>
  cache.some((file) => file.includes('/node_modules/' + name + '/')),
);
console.log(JSON.stringify({ ok: built.ok, slides: built.ok ? built.manifest.slides : 0, loaded }));
`;

function build(lecture: string): { ok: boolean; slides: number; loaded: string[] } {
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', PROBE], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, LECTURE: lecture },
  });
  expect(child.stderr).toBe('');
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? 'null');
}

// Without notes, which go through markdown-it unless they are plain paragraphs.
const lecture = (point: string) =>
  JSON.stringify({
    id: 'plain',
    title: 'Plain',
    sections: [{ title: 'One', slides: [{ points: [point] }] }],
  });

describe('the packages the pipeline loads on first use', () => {
  it('are none for a JSON lecture of plain text', () => {
    expect(build(lecture('Plain words'))).toEqual({ ok: true, slides: 3, loaded: [] });
  });

  // Each case starts a process: two to a test, with room for a loaded machine.
  it('are markdown-it for Markdown beyond the common shapes', () => {
    expect(build(lecture('Some **bold** words')).loaded).toEqual([]);
    expect(build(lecture('Some __bold__ words')).loaded).toEqual(['markdown-it']);
  }, 30_000);

  it('are yaml for YAML beyond the plain kind', () => {
    const yaml =
      'id: plain\ntitle: Plain\nsections:\n  - title: One\n    slides:\n      - points: [Plain words]\n';
    expect(build(yaml)).toEqual({ ok: true, slides: 3, loaded: [] });
    const anchored = yaml.replace('title: Plain', 'title: &title Plain');
    expect(build(anchored)).toEqual({ ok: true, slides: 3, loaded: ['yaml'] });
  }, 30_000);
});
