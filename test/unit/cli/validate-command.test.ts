import { describe, expect, it } from 'vitest';
import { BAD_CITE, GOOD, lectern, workspace } from './cli-helpers.js';

describe('lectern validate', () => {
  it('exits 0 on a valid file', async () => {
    const dir = workspace({ 'good.yaml': GOOD });
    const run = await lectern(dir, 'validate', 'good.yaml');
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/1 file checked: 0 errors/);
  });

  it('prints file:line:col  path  message and exits 1 on an error', async () => {
    const dir = workspace({ 'bad.yaml': BAD_CITE });
    const run = await lectern(dir, 'validate', 'bad.yaml');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^bad\.yaml:13:\d+ {2}sections\[0\]\.slides\[0\]\.cite\[0\] {2}.*nope/m);
  });

  it('reports a YAML syntax error with its line and column', async () => {
    const dir = workspace({ 'broken.yaml': 'id: x\ntitle: [unclosed\n' });
    const run = await lectern(dir, 'validate', 'broken.yaml');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^broken\.yaml:\d+:\d+ {2}/m);
  });

  it('checks every file and lists errors before warnings', async () => {
    const noNotes = GOOD.replace('        notes: "Some notes to say."\n', '');
    const dir = workspace({ 'a.yaml': noNotes, 'b.yaml': BAD_CITE });
    const run = await lectern(dir, 'validate', 'a.yaml', 'b.yaml');
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    // a.yaml's warning is found first, but b.yaml's error is printed before it.
    expect(lines.map((line) => line.split(':')[0])).toEqual(['b.yaml', 'a.yaml']);
    expect(lines[0]).toMatch(/^b\.yaml:13:\d+ {2}.*nope/);
    expect(lines[1]).toMatch(/^a\.yaml:.*warning: /);
  });

  it('exits 0 when there are only warnings', async () => {
    const dir = workspace({ 'a.yaml': GOOD.replace('        notes: "Some notes to say."\n', '') });
    const run = await lectern(dir, 'validate', 'a.yaml');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/warning: /);
  });

  it('answers a missing file and a wrong flag with a message, not a stack trace', async () => {
    const dir = workspace({});
    const missing = await lectern(dir, 'validate', 'nothing.yaml');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nothing\.yaml: no such file/);
    const flag = await lectern(dir, 'validate', '--frobnicate', 'x.yaml');
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/Usage: lectern validate/);
    expect(flag.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });

  it('has --help', async () => {
    const run = await lectern(workspace({}), 'validate', '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage: lectern validate/);
  });
});
