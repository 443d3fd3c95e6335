import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type InlineHashes, securityHeaders, speakerViewHashes } from './core/csp.js';

let cached: InlineHashes | undefined;

/** Hashes of the speaker view shipped in node_modules/reveal.js (read once per process). */
export function revealSpeakerViewHashes(): InlineHashes {
  if (!cached) {
    const dist = dirname(createRequire(import.meta.url).resolve('reveal.js'));
    cached = speakerViewHashes(readFileSync(join(dist, 'plugin', 'notes.js'), 'utf8'));
  }
  return cached;
}

/** The site's security headers, with the CSP matched to the reveal.js we ship. */
export function siteSecurityHeaders(): Record<string, string> {
  return securityHeaders(revealSpeakerViewHashes());
}
