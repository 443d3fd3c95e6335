import { config } from 'zod';

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
