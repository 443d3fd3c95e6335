import Handlebars from 'handlebars';
import type { TemplateSet } from '../deck.js';
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

function compileOne(
  env: typeof Handlebars,
  templates: TemplateSet,
  path: string,
): Handlebars.TemplateDelegate {
  const text = source(templates, path);
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
    env.registerPartial(kind, compileOne(env, templates, `partials/${kind}.hbs`));
  }
  const result = {
    deck: compileOne(env, templates, 'deck.hbs'),
    handout: compileOne(env, templates, 'handout.hbs'),
  };
  compiled.set(templates, result);
  return result;
}
