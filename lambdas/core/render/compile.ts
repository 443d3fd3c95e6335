import { createHash } from 'node:crypto';
import type HandlebarsApi from 'handlebars';
// The runtime alone (18 KB against 81 KB): templates arrive precompiled, or through the set's compiler.
// Its own .d.ts declares nothing, so it takes the full package's types (of which it is a subset).
import runtime from 'handlebars/runtime.js';
import type { PrecompiledTemplate, TemplateSet } from '../deck.js';
import { LecternError } from '../errors.js';
import { SLIDE_KINDS } from '../schema.js';

/** The Handlebars runtime: environments, partials and precompiled templates, without the compiler. */
export const Handlebars = runtime as unknown as Pick<typeof HandlebarsApi, 'create' | 'template'>;
type Environment = ReturnType<typeof Handlebars.create>;
export type TemplateDelegate = HandlebarsApi.TemplateDelegate;

/** A template set compiled into its own Handlebars environment. */
export interface CompiledTemplates {
  deck: TemplateDelegate;
  handout: TemplateDelegate;
}

/**
 * strict: a field the view model lacks is an error, not an empty string. knownHelpersOnly: the
 * templates call only Handlebars' own block helpers (if, each, with), so each `{{field}}` compiles to
 * the field's lookup alone, without first asking whether a helper of that name exists (templates a
 * third smaller; about 1 % off a render). Used by the build as well.
 */
export const COMPILE_OPTIONS = { strict: true, preventIndent: true, knownHelpersOnly: true } as const;

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

function precompileOne(templates: TemplateSet, path: string): string {
  const text = source(templates, path);
  if (!templates.precompile) {
    throw new LecternError(
      'template-not-precompiled',
      `Template ${path} has no precompiled form for its current source, and no compiler was given`,
    );
  }
  try {
    return templates.precompile(text, COMPILE_OPTIONS);
  } catch (cause) {
    throw new LecternError('template-invalid', `Template ${path} does not compile`, { cause });
  }
}

/**
 * Every `.hbs` template of a set, precompiled with the options the renderer uses: what the build
 * ships beside the bundles so that a cold start skips compiling (about 40 ms of a CLI run).
 */
export function precompileTemplates(
  templates: TemplateSet,
): Record<string, PrecompiledTemplate & { spec: string }> {
  const out: Record<string, PrecompiledTemplate & { spec: string }> = {};
  for (const [path, text] of Object.entries(templates.files)) {
    if (path.endsWith('.hbs'))
      out[path] = { sha256: templateHash(text), spec: precompileOne(templates, path) };
  }
  return out;
}

/** Compile one template of the set into `env`: its precompiled form if made from this very source, else the set's compiler. */
export function compileTemplate(env: Environment, templates: TemplateSet, path: string): TemplateDelegate {
  const pre = templates.precompiled?.[path];
  const spec =
    pre && pre.sha256 === templateHash(source(templates, path)) ? pre.spec : precompileOne(templates, path);
  // A spec as text is JavaScript that Handlebars wrote from our own template source.
  return env.template(typeof spec === 'string' ? new Function(`return (${spec});`)() : spec);
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
