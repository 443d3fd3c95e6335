import type { TemplateSet } from '../core/deck.js';

/**
 * The shipped templates, precompiled by the build into the CLI's bundle as code (scripts/build.mjs
 * gives this module that body there), where V8's code cache keeps them compiled from one run to the
 * next; each is still used only while its source is unchanged. Undefined run from the sources, and in
 * the other bundles, which read dist/templates.precompiled.json.
 */
export const BUNDLED_TEMPLATES: TemplateSet['precompiled'] = undefined;
