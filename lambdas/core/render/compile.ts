import { createHash } from 'node:crypto';
import Handlebars from 'handlebars';
import type { PrecompiledTemplate, TemplateSet } from '../deck.js';
import { LecternError } from '../errors.js';
import { SLIDE_KINDS } from '../schema.js';

/** A template set compiled into its own Handlebars environment. */
export interface CompiledTemplates {
  deck: Handlebars.TemplateDelegate;
  handout: Handlebars.TemplateDelegate;
}

// strict: a field the view model lacks is an error, not an empty string.
const COMPILE_OPTIONS: CompileOptions = { strict: true, preventIndent: true };
type CompileOptions = Parameters<typeof Handlebars.compile>[1];

const compiled = new WeakMap<TemplateSet, CompiledTemplates>();

function source(templates: TemplateSet, path: string): string {
  const text = templates.files[path];
  if (text === undefined) throw new LecternError('template-missing', `The template set has no ${path}`);
  return text;
}

/** The sha256 (hex) a precompiled template is matched to its source by. */
export function templateHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Every `.hbs` template of a set, precompiled with the options the renderer uses: what the build
 * ships beside the bundles so that a cold start skips compiling (about 40 ms of a CLI run).
 */
export function precompileTemplates(templates: TemplateSet): Record<string, PrecompiledTemplate> {
  const out: Record<string, PrecompiledTemplate> = {};
  for (const [path, text] of Object.entries(templates.files)) {
    if (!path.endsWith('.hbs')) continue;
    out[path] = { sha256: templateHash(text), spec: Handlebars.precompile(text, COMPILE_OPTIONS) as string };
  }
  return out;
}

/** Compile one template of the set into `env`, from its precompiled form when that was made from this very source. */
export function compileTemplate(
  env: typeof Handlebars,
  templates: TemplateSet,
  path: string,
): Handlebars.TemplateDelegate {
  const text = source(templates, path);
  const pre = templates.precompiled?.[path];
  if (pre && pre.sha256 === templateHash(text)) {
    // The spec is JavaScript that the build wrote from our own template (see precompileTemplates).
    return env.template(new Function(`return (${pre.spec});`)());
  }
  // Handlebars compiles lazily on the first call; parse now so a broken template is reported by name.
  try {
    env.parse(text);
  } catch (cause) {
    throw new LecternError('template-invalid', `Template ${path} does not compile`, { cause });
  }
  return env.compile(text, COMPILE_OPTIONS);
}

/** Compile a template set once; later calls with the same object reuse the result. */
export function compileTemplates(templates: TemplateSet): CompiledTemplates {
  const cached = compiled.get(templates);
  if (cached) return cached;
  // An isolated environment: our partials never leak into, or collide with, anyone else's.
  const env = Handlebars.create();
  for (const kind of SLIDE_KINDS) {
    env.registerPartial(kind, compileTemplate(env, templates, `partials/${kind}.hbs`));
  }
  const result = {
    deck: compileTemplate(env, templates, 'deck.hbs'),
    handout: compileTemplate(env, templates, 'handout.hbs'),
  };
  compiled.set(templates, result);
  return result;
}
