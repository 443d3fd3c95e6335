import { parseArgs } from 'node:util';
import { UsageError } from '../core/errors.js';
import { sortDiagnostics } from '../core/paths.js';
import { loadTemplates } from '../node/templates-fs.js';
import { ENV } from '../site/env-names.js';
import { courseUrl, deckUrl, PUBLICATION_TYPE } from '../site/layout.js';
import { formatDiagnostic } from './format-diagnostic.js';
import type { CliIo } from './io.js';
import { mapLimit } from './map-limit.js';
import { Progress } from './progress.js';
import { type PlannedCourse, type PlannedLecture, planPublish } from './publish-plan.js';
import { createSiteClient, type SiteClient, SiteRequestError } from './site-client.js';
import { createMediaUploader } from './upload-media.js';

export const PUBLISH_USAGE = `Usage: lectern publish <file|folder|course.yaml…> --site <url> [--token <token>] [--json]

Publish lectures and courses to a Lectern site (local or deployed). Every lecture is checked here
first, with the same messages as "lectern validate"; a lecture with errors is not sent, the others
are. Each lecture's local images go first, only those the site does not hold yet; then the
lectures are published, then the courses (a course names its lectures' deck ids).
Prints each deck's and course's URL.

Options:
  --site <url>     the site, e.g. http://127.0.0.1:8080 (required)
  --token <token>  the API token (default: the ${ENV.token} environment variable); never printed
  --json           print [{id, version, url, status}] on stdout (status 201 new, 200 unchanged,
                   the HTTP status of a refusal, 0 when the site could not be reached)
  -q, --quiet      print errors only
  -h, --help       show this help

Exit status: 0 when everything was published, 1 when any lecture or course was not, 2 on a usage mistake.`;

/** One line of `--json`: a deck (with its version) or a course, published or not. */
interface Outcome {
  kind: 'deck' | 'course';
  file: string;
  id: string;
  version?: string;
  url?: string;
  status: number;
  error?: string;
}

/** `lectern publish`: check locally, then publish lectures, then courses; exit 1 if any was not published. */
export async function runPublish(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      site: { type: 'string' },
      token: { type: 'string' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(PUBLISH_USAGE);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('publish needs at least one lecture file or folder');
  const site = values.site;
  if (!site || !/^https?:\/\/[^/\s]+/i.test(site))
    throw new UsageError('--site must be the http(s) URL of a Lectern site');
  const token = values.token ?? (io.env ?? process.env)[ENV.token];
  if (!token) throw new UsageError(`give the API token with --token or ${ENV.token}`);

  const templates = loadTemplates();
  const checking = new Progress(io, positionals.length > 1 ? positionals.length : 0, 'checked');
  const plan = await planPublish(positionals, io.cwd, templates, (file) => checking.tick(file));
  checking.done();
  const report = (text: string) => io.err(text);
  for (const { file, diagnostics } of [...plan.problems, ...plan.lectures]) {
    for (const d of sortDiagnostics(diagnostics)) {
      if (d.severity === 'error' || !values.quiet) report(formatDiagnostic(file, d));
    }
  }

  const client = createSiteClient(site, token);
  const uploader = createMediaUploader(client);
  // Every image of the run first, asked about in one request: the site refuses a lecture whose
  // media it does not hold.
  const failedMedia = await uploader.ensure(
    plan.lectures.flatMap((lecture) => [...(lecture.send?.media.values() ?? [])]),
  );
  const outcomes: Outcome[] = [];
  const progress = new Progress(io, plan.lectures.length + plan.courses.length, 'published');
  const show = (outcome: Outcome) => {
    outcomes.push(outcome);
    progress.print(describe(client, outcome), outcome.error ? 'err' : values.json ? 'err' : 'out');
    progress.tick(outcome.file);
  };
  // A few lectures at once, each reported in the order given as soon as those before it are.
  await mapInOrder(
    plan.lectures,
    LECTURES_AT_ONCE,
    (lecture) => publishLecture(client, failedMedia, lecture),
    show,
  );
  for (const course of plan.courses) show(await publishCourse(client, course));
  progress.done();
  for (const { file } of plan.problems)
    outcomes.push({ kind: 'course', file, id: '', status: 0, error: 'has errors' });

  if (values.json) io.out(JSON.stringify(outcomes.map(toJson), null, 2));
  const failed = outcomes.filter((outcome) => outcome.error).length;
  if (!values.quiet) {
    const sent = outcomes.length - failed;
    const media = `${uploader.uploaded} media file${uploader.uploaded === 1 ? '' : 's'} uploaded`;
    io.err(`${sent} published${failed > 0 ? `, ${failed} not published` : ''}, ${media}, to ${client.base}`);
  }
  return failed > 0 ? 1 : 0;
}

/** Lectures sent at once: the site renders each, so more than a few only queue there. */
const LECTURES_AT_ONCE = 3;

async function publishLecture(
  client: SiteClient,
  failedMedia: ReadonlyMap<string, SiteRequestError>,
  lecture: PlannedLecture,
): Promise<Outcome> {
  const { file, send } = lecture;
  if (!send) return { kind: 'deck', file, id: '', status: 0, error: 'has errors; not sent' };
  const media: Record<string, string> = {};
  for (const [src, { file: found }] of send.media) {
    const failed = failedMedia.get(found.sha256);
    if (failed)
      return failure(
        'deck',
        file,
        send.id,
        new SiteRequestError(`${src} not uploaded: ${failed.message}`, failed.status, { cause: failed }),
      );
    media[src] = found.sha256;
  }
  try {
    const [body, type] =
      send.media.size > 0
        ? [JSON.stringify({ lecture: send.text, format: send.format, media }), PUBLICATION_TYPE]
        : [send.text, send.format === 'json' ? 'application/json' : 'application/yaml'];
    const answer = await client.send('PUT', `/api/decks/${send.id}`, body, type);
    return {
      kind: 'deck',
      file,
      id: send.id,
      version: String(answer.body.version ?? ''),
      url: `${client.base}${deckUrl(send.id)}`,
      status: answer.status,
    };
  } catch (error) {
    return failure('deck', file, send.id, error);
  }
}

async function publishCourse(client: SiteClient, planned: PlannedCourse): Promise<Outcome> {
  const { file, course } = planned;
  const document = JSON.stringify({ ...course, lectures: planned.lectureIds });
  try {
    const answer = await client.send('PUT', `/api/courses/${course.id}`, document, 'application/json');
    return {
      kind: 'course',
      file,
      id: course.id,
      url: `${client.base}${courseUrl(course.id)}`,
      status: answer.status,
    };
  } catch (error) {
    return failure('course', file, course.id, error);
  }
}

/** `work` on each item, a few at once; `report` sees each result in the items' order, as soon as it can. */
async function mapInOrder<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
  report: (result: R) => void,
): Promise<void> {
  const done = new Map<number, R>();
  let reported = 0;
  await mapLimit(items, limit, async (item, index) => {
    done.set(index, await work(item));
    while (done.has(reported)) {
      report(done.get(reported) as R);
      done.delete(reported++);
    }
  });
}

function failure(kind: Outcome['kind'], file: string, id: string, error: unknown): Outcome {
  if (!(error instanceof SiteRequestError)) throw error;
  return { kind, file, id, status: error.status, error: error.message };
}

function describe(client: SiteClient, outcome: Outcome): string {
  if (outcome.error) return `${outcome.file}: not published: ${outcome.error}`;
  const state = outcome.status === 201 ? 'published' : 'unchanged';
  return `${outcome.file}  ${state}  ${outcome.url ?? client.base}`;
}

function toJson(outcome: Outcome) {
  return {
    id: outcome.id,
    ...(outcome.kind === 'deck' ? { version: outcome.version ?? null } : {}),
    url: outcome.url ?? null,
    status: outcome.status,
    kind: outcome.kind,
    file: outcome.file,
    ...(outcome.error ? { error: outcome.error } : {}),
  };
}
