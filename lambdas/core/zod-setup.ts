import { config } from 'zod/mini';
import { en } from 'zod/v4/locales';

/**
 * zod's setting for every schema of the project, imported by each module that makes schemas (a test
 * holds them to it): the setting is read when a schema is made, and a module's imports all run
 * before its own code.
 *
 * jitless: by default zod writes a parser for each object schema as generated code (`new Function`)
 * the first time it parses with it. In a run that checks one lecture (the CLI, a cold Lambda) making
 * them cost more than they saved, and once warm they gained nothing measurable (the whole pipeline
 * took 1.9 ms a 60-slide lecture either way). Without them, nothing here generates code from strings.
 */
config({ jitless: true });

// Every schema of the project is made with zod/mini: its schemas carry a handful of methods where zod's
// full build defines some sixty on each one it makes (a fresh process took 31–34 ms to import the
// lecture's, the course's and the store's schemas with it, 19 ms with zod/mini). zod/mini sets no language of its own; English, as the full build does, so
// that an issue a schema words no message for still reads in English.
config(en());
