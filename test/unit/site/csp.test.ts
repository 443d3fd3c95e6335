import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  revealInlineHashes,
  revealSpeakerViewHashes,
  siteSecurityHeaders,
} from '../../../lambdas/node/security-headers.js';
import {
  contentSecurityPolicy,
  mergeHashes,
  pluginStyleHashes,
  speakerViewHashes,
} from '../../../lambdas/site/csp.js';

const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

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

  it('hashes the highlight plugin line-number sheet with its variables filled in, and the search box style', () => {
    const highlight =
      'var r=`hljs-ln`,a=`hljs-ln-n`,o=`data-line-number`;n.innerHTML=m(`.{0}{border:0}.{1}:before{content:attr({2})}`,[r,a,o])';
    const search = 'e.innerHTML=`<input type="search" style="vertical-align: top;"/>`';
    const hashes = pluginStyleHashes(highlight, search);
    expect(hashes.styles).toEqual([
      sha('.hljs-ln{border:0}.hljs-ln-n:before{content:attr(data-line-number)}'),
    ]);
    expect(hashes.styleAttributes).toEqual([sha('vertical-align: top;')]);
    expect(() => pluginStyleHashes('nothing here', search)).toThrow(/highlight plugin/);
    expect(() => pluginStyleHashes(highlight, 'nothing')).toThrow(/search plugin/);
  });

  it('merges hash sets without repeats, and the shipped plugins give the site its full set', () => {
    const merged = mergeHashes(
      { scripts: ['a'], styles: ['b'], styleAttributes: [] },
      { scripts: ['a', 'c'], styles: [], styleAttributes: ['d'] },
    );
    expect(merged).toEqual({ scripts: ['a', 'c'], styles: ['b'], styleAttributes: ['d'] });
    const all = revealInlineHashes();
    expect(all.styles.length).toBeGreaterThan(revealSpeakerViewHashes().styles.length);
    expect(siteSecurityHeaders()['content-security-policy']).toContain(all.styleAttributes[0]);
  });
});
