import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLecture } from '../../../lambdas/core/parse.js';
import { validateLecture } from '../../../lambdas/core/validate.js';
import { allKindsText, THEMES } from './lecture-helpers.js';

const LAMBDAS = join(import.meta.dirname, '..', '..', '..', 'lambdas');

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('zod, as every schema of the project gets it', () => {
  it('is set up first by every module that makes schemas (lambdas/core/zod-setup.ts)', () => {
    const unset = sourcesUnder(LAMBDAS)
      .filter((file) => !file.endsWith('zod-setup.ts'))
      .filter((file) => {
        const text = readFileSync(file, 'utf8');
        const usesZod = /^import (?!type\b)[^;]*from 'zod(?:\/[^']*)?';/m.test(text);
        return usesZod && !/^import '(?:\.\/|\.\.\/core\/)zod-setup\.js';/m.test(text);
      })
      .map((file) => relative(LAMBDAS, file));
    expect(unset).toEqual([]);
  });

  it("is zod/mini everywhere: no module loads zod's full build, whose schemas cost several times more to make", () => {
    const full = sourcesUnder(LAMBDAS)
      .filter((file) => /^import [^;]*from 'zod(?:\/v4)?';/m.test(readFileSync(file, 'utf8')))
      .map((file) => relative(LAMBDAS, file));
    expect(full).toEqual([]);
  });

  it('validates a lecture without generating code from strings', () => {
    const text = allKindsText();
    const original = globalThis.Function;
    let made = 0;
    globalThis.Function = new Proxy(original, {
      construct(target, args) {
        made++;
        return Reflect.construct(target, args);
      },
      apply(target, self, args) {
        made++;
        return Reflect.apply(target, self, args);
      },
    });
    try {
      const result = validateLecture(parseLecture(text), { themes: THEMES });
      expect(result.diagnostics).toEqual([]);
      expect(result.lecture?.sections.length).toBeGreaterThan(0);
    } finally {
      globalThis.Function = original;
    }
    expect(made).toBe(0);
  });
});
