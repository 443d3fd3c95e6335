import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_BUNDLE, PROJECT_ROOT } from '../../../infra/api-bundle.js';
import { LAZY_PACKAGES, lazyExports } from '../../../infra/bundle-lazy-packages.mjs';

// The Lambda ships the parts of the AWS SDK it uses as its own files (infra/bundle-lazy-packages.mjs):
// a name imported in lambdas/ but not listed there would be missing only once deployed.

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The value names (not types) each file imports from `pkg`, statically or by `await import()`. */
function importedNames(text: string, pkg: string): string[] {
  const quoted = pkg.replace(/[/.-]/g, '\\$&');
  const patterns = [
    new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*'${quoted}'`, 'g'),
    new RegExp(`const\\s*\\{([^}]*)\\}\\s*=\\s*await\\s+import\\('${quoted}'\\)`, 'g'),
  ];
  return patterns.flatMap((pattern) =>
    [...text.matchAll(pattern)].flatMap((match) =>
      (match[1] ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== '' && !name.startsWith('type ')),
    ),
  );
}

describe('the packages shipped beside the Lambda handler', () => {
  const files = sources(join(PROJECT_ROOT, 'lambdas')).map((file) => readFileSync(file, 'utf8'));

  it('export every name lambdas/ imports from the AWS SDK', () => {
    for (const pkg of ['@aws-sdk/client-s3', '@aws-sdk/s3-request-presigner']) {
      const used = new Set(files.flatMap((text) => importedNames(text, pkg)));
      expect(used.size, pkg).toBeGreaterThan(0);
      expect(lazyExports(pkg)).toEqual(expect.arrayContaining([...used]));
    }
  });

  it('are all left out of the handler bundle', () => {
    for (const name of LAZY_PACKAGES)
      expect(
        API_BUNDLE.external.some((pattern) => pattern === name || name.startsWith(pattern.replace('*', ''))),
      ).toBe(true);
  });

  it('import no other package of the SDK than those shipped', () => {
    const sdk = new Set(files.flatMap((text) => [...text.matchAll(/'(@aws-sdk\/[^']+)'/g)].map((m) => m[1])));
    expect([...sdk].sort()).toEqual(LAZY_PACKAGES.filter((name) => name.startsWith('@aws-sdk/')).sort());
  });
});
