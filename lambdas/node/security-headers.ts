import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  type InlineHashes,
  mediaHeaders,
  mergeHashes,
  pluginStyleHashes,
  printStyleHashes,
  securityHeaders,
  speakerViewHashes,
} from '../site/csp.js';

let cached: InlineHashes | undefined;

/** Hashes of the speaker view shipped in node_modules/reveal.js (read once per process). */
export function revealSpeakerViewHashes(): InlineHashes {
  if (!cached) {
    const dist = dirname(createRequire(import.meta.url).resolve('reveal.js'));
    cached = speakerViewHashes(readFileSync(join(dist, 'plugin', 'notes.js'), 'utf8'));
  }
  return cached;
}

let allCached: InlineHashes | undefined;

/** Every inline block the shipped reveal.js needs: the speaker view, highlight's line-number sheet, the search box, the print view. */
export function revealInlineHashes(): InlineHashes {
  if (!allCached) {
    const dist = dirname(createRequire(import.meta.url).resolve('reveal.js'));
    const plugins = join(dist, 'plugin');
    allCached = mergeHashes(
      revealSpeakerViewHashes(),
      printStyleHashes(readFileSync(join(dist, 'reveal.js'), 'utf8')),
      pluginStyleHashes(
        readFileSync(join(plugins, 'highlight.js'), 'utf8'),
        readFileSync(join(plugins, 'search.js'), 'utf8'),
      ),
    );
  }
  return allCached;
}

/** The site's security headers, with the CSP matched to the reveal.js we ship (and, deployed, the bucket's upload origin). */
export function siteSecurityHeaders(uploadOrigin?: string): Record<string, string> {
  return securityHeaders(revealInlineHashes(), uploadOrigin);
}

/** The headers of a stored media file: the site's, with the sandboxing media policy as CSP. */
export function mediaSecurityHeaders(): Record<string, string> {
  return mediaHeaders(siteSecurityHeaders());
}
