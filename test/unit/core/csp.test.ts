import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, speakerViewHashes } from '../../../lambdas/core/csp.js';
import { revealSpeakerViewHashes, siteSecurityHeaders } from '../../../lambdas/security-headers.js';

describe('content security policy', () => {
  it('hashes exactly the inline blocks of a speaker view', () => {
    const plugin =
      'x.document.write(`<html><style>a{}</style><p style="display: none"></p><script>go()\\n</script></html>`)';
    const hashes = speakerViewHashes(plugin);
    expect(hashes.scripts).toHaveLength(1);
    expect(hashes.styles).toHaveLength(1);
    expect(hashes.styleAttributes).toHaveLength(1);
    // sha256("go()\n"), computed independently: the escape in the template literal is undone before hashing.
    expect(hashes.scripts[0]).toBe("'sha256-uxztVBOu4I1US70toGMPbtpfckNKW9OzJ9C6/M5mIrI='");
  });

  it('fails loudly when the plugin no longer has the markup it expects', () => {
    expect(() => speakerViewHashes('function notes(){}')).toThrow(/speaker view markup not found/);
  });

  it('finds the speaker view script in the reveal.js we ship', () => {
    const hashes = revealSpeakerViewHashes();
    expect(hashes.scripts.length).toBeGreaterThan(0);
    for (const hash of [...hashes.scripts, ...hashes.styles])
      expect(hash).toMatch(/^'sha256-[A-Za-z0-9+/]+=*'$/);
  });

  it('allows scripts only from the site and the hashed blocks, never unsafe-inline or other hosts', () => {
    const csp = contentSecurityPolicy(revealSpeakerViewHashes());
    const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src')) ?? '';
    expect(scriptSrc.split(' ').slice(0, 2)).toEqual(['script-src', "'self'"]);
    expect(
      scriptSrc
        .split(' ')
        .slice(2)
        .every((s) => s.startsWith("'sha256-")),
    ).toBe(true);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(siteSecurityHeaders()['x-content-type-options']).toBe('nosniff');
  });
});
