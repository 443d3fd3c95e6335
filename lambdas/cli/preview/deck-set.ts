import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { RenderedDeck, TemplateSet } from '../../core/deck.js';
import type { Diagnostic } from '../../core/errors.js';
import { collectFiles } from '../../node/collect-files.js';
import { sortCourseFiles } from '../../node/course-files.js';
import { ASSETS_BASE, DECK_FILES, DECK_ID, RESERVED_IDS } from '../../site/layout.js';
import { buildReadText, readError } from '../check-file.js';
import type { PreviewEntry } from './pages.js';

/** One lecture file as the preview holds it: its text, and its deck's files when it renders. */
export interface Slot extends PreviewEntry {
  /** The text last read; undefined when the file could not be read. */
  text?: string;
  /** index.html, handout.html and deck.json of the last render, when the file has no error. */
  files?: Readonly<Record<string, string>>;
  /** The local images the last render links: each `src` and its content-hashed name under /media/. */
  media?: RenderedDeck['media'];
  /** `src` → the absolute path of each local image found. */
  mediaFiles?: ReadonlyMap<string, string>;
  /** Every local image path the lecture names, found or not: a change to one renders the deck again. */
  mediaPaths?: readonly string[];
}

/** What a refresh changed: the site paths whose page is different now, and the decks whose path moved. */
export interface Update {
  changed: string[];
  moved: Record<string, string>;
  /** The files rendered (or found broken) by this refresh, in order. */
  rendered: Slot[];
  /** Diagnostics of course files, by file. */
  courseProblems: { file: string; diagnostics: Diagnostic[] }[];
}

const urlOf = (id: string) => `/${id}/`;

/** Whether two renders give the same pages (deck.json differs by its time stamp alone). */
function samePages(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const names = Object.keys(b).filter((name) => name !== DECK_FILES.manifest);
  return names.length === Object.keys(a).length - 1 && names.every((name) => a[name] === b[name]);
}

/** Whether a batch of changed paths reaches `path`: the file itself, or a folder it is in (created, deleted). */
function touches(changed: ReadonlySet<string>, path: string): boolean {
  for (let at = path; ; ) {
    if (changed.has(at)) return true;
    const up = dirname(at);
    if (up === at) return false;
    at = up;
  }
}

/** A URL segment for a file that has not rendered yet: its name, made to fit the id pattern. */
function idFromFileName(file: string): string {
  const slug = basename(file)
    .replace(/\.[^.]*$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 64);
  return DECK_ID.test(slug) && !RESERVED_IDS.includes(slug) ? slug : `lecture-${slug || 'file'}`;
}

/**
 * The lectures a preview watches, kept rendered in memory. `refresh` re-reads the list of files
 * (folders and course files may gain or lose lectures) and renders again only the files that are
 * new or were named as changed, and only when their text really differs.
 */
export class DeckSet {
  private slots = new Map<string, Slot>();
  /** How many times a lecture went through the pipeline: each save burst should cost one. */
  renders = 0;

  constructor(
    private readonly args: readonly string[],
    private readonly cwd: string,
    private readonly templates: TemplateSet,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The lecture files, in the order of the course files and folders given. */
  entries(): Slot[] {
    return [...this.slots.values()];
  }

  /** The slot serving `/<id>/`. */
  byId(id: string): Slot | undefined {
    return this.entries().find((slot) => slot.id === id);
  }

  /** The image served at `/media/<name>`: the path it was read from, if a deck links it. */
  mediaFile(name: string): string | undefined {
    for (const slot of this.slots.values()) {
      const src = slot.media?.find((entry) => entry.name === name)?.src;
      const path = src === undefined ? undefined : slot.mediaFiles?.get(src);
      if (path) return path;
    }
    return undefined;
  }

  /** Every folder holding a file the decks are made from, images included: the watcher follows them all. */
  folders(): string[] {
    const media = [...this.slots.values()].flatMap((slot) => slot.mediaPaths ?? []);
    return [...new Set([...this.slots.keys(), ...this.courseFiles, ...media].map((file) => dirname(file)))];
  }

  private courseFiles: string[] = [];

  private listFiles(): { lectures: string[]; courseProblems: Update['courseProblems'] } {
    // A named file that is gone stays listed, so its tab says so and follows it when it comes back.
    const files = this.args.flatMap((arg) =>
      existsSync(resolve(this.cwd, arg)) ? collectFiles([arg], this.cwd) : [arg],
    );
    const sorted = sortCourseFiles(files, this.cwd);
    this.courseFiles = sorted.courses.map((c) => resolve(this.cwd, c.file));
    return { lectures: sorted.lectures, courseProblems: sorted.problems };
  }

  private queue: Promise<unknown> = Promise.resolve();

  /**
   * Render the lectures that render `times` times over, discarding what comes out: the first
   * renders of a process are several times slower than later ones (the code is not compiled yet),
   * and these are the ones a save would otherwise wait for. Not counted in `renders`. It stops as
   * soon as `stop()` says so (a file changed, the preview is closing): a render holds the process
   * for its length, and a save must not wait behind one that is thrown away.
   */
  async warmUp(times: number, stop: () => boolean): Promise<void> {
    const good = [...this.slots.values()].filter((slot) => slot.text !== undefined && slot.files);
    for (let n = 0; n < times && good.length > 0; n += 1) {
      // Let the server answer between two renders.
      await new Promise((resolve) => setImmediate(resolve));
      if (stop()) return;
      const slot = good[n % good.length] as Slot;
      await buildReadText(
        slot.file,
        resolve(this.cwd, slot.file),
        slot.text as string,
        this.templates,
        ASSETS_BASE.output,
        this.clock().toISOString(),
      );
    }
  }

  /**
   * Bring the decks up to date with the files; `changed` holds absolute paths (all files when
   * omitted): lecture files, or images a lecture uses. Refreshes run one after another.
   */
  refresh(changed?: ReadonlySet<string>): Promise<Update> {
    const next = this.queue.then(() => this.refreshNow(changed));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async refreshNow(changed?: ReadonlySet<string>): Promise<Update> {
    const { lectures, courseProblems } = this.listFiles();
    const before = new Map(this.slots);
    const next = new Map<string, Slot>();
    const rendered: Slot[] = [];
    for (const file of lectures) {
      const key = resolve(this.cwd, file);
      const old = before.get(key);
      const imageChanged = Boolean(changed && old?.mediaPaths?.some((path) => touches(changed, path)));
      if (old && changed && !changed.has(key) && !imageChanged) {
        next.set(key, old);
        continue;
      }
      const slot = await this.read(file, old, imageChanged);
      if (slot !== old) rendered.push(slot);
      next.set(key, slot);
    }
    this.slots = next;
    const dupes = this.settleIds();
    const changedPaths = new Set<string>();
    const moved: Record<string, string> = {};
    for (const slot of [...rendered, ...dupes]) changedPaths.add(urlOf(slot.id));
    for (const [key, old] of before) {
      const now = this.slots.get(key);
      if (!now) changedPaths.add(urlOf(old.id));
      else if (now.id !== old.id) {
        moved[urlOf(old.id)] = urlOf(now.id);
        changedPaths.add(urlOf(old.id));
      }
    }
    if (changedPaths.size > 0 || before.size !== this.slots.size) changedPaths.add('/');
    return { changed: [...changedPaths], moved, rendered, courseProblems };
  }

  private async read(file: string, old: Slot | undefined, imageChanged: boolean): Promise<Slot> {
    let text: string | undefined;
    const path = resolve(this.cwd, file);
    try {
      text = readFileSync(path, 'utf8');
    } catch (cause) {
      if (old && old.text === undefined) return old;
      return { file, id: old?.id ?? idFromFileName(file), diagnostics: [readError(cause)] };
    }
    // An editor that touches a file without changing it costs nothing.
    const clashed = old?.diagnostics.some((d) => d.code === 'duplicate-id');
    if (old && old.text === text && old.file === file && !clashed && !imageChanged) return old;
    this.renders += 1;
    const built = await buildReadText(
      file,
      path,
      text,
      this.templates,
      ASSETS_BASE.output,
      this.clock().toISOString(),
    );
    const { result } = built;
    // An image touched but not changed gives the same pages: the tabs have nothing to reload.
    if (old?.files && old.text === text && result.ok && samePages(old.files, result.deck.files)) return old;
    const media = { ...(built.mediaPaths && { mediaPaths: built.mediaPaths }) };
    if (!result.ok)
      return { file, id: old?.id ?? idFromFileName(file), text, diagnostics: result.diagnostics, ...media };
    return {
      file,
      id: result.manifest.id,
      text,
      manifest: result.manifest,
      files: result.deck.files,
      diagnostics: result.diagnostics,
      media: result.deck.media,
      ...(built.mediaFiles && { mediaFiles: built.mediaFiles }),
      ...media,
    };
  }

  /** A deck id taken by an earlier file, or reserved, makes this file an error; it keeps a URL of its own. Returns the slots changed. */
  private settleIds(): Slot[] {
    const taken = new Map<string, Slot>();
    const changed: Slot[] = [];
    for (const [key, slot] of this.slots) {
      const holder = taken.get(slot.id);
      const reserved = RESERVED_IDS.includes(slot.id);
      if (!holder && !reserved) {
        taken.set(slot.id, slot);
        continue;
      }
      const message = reserved
        ? `deck id "${slot.id}" is the name of a shared folder beside the decks; choose another id`
        : `deck id "${slot.id}" is already used by ${holder?.file}`;
      let id = `${idFromFileName(slot.file)}-file`;
      for (let n = 2; taken.has(id); n += 1) id = `${idFromFileName(slot.file)}-file-${n}`;
      const clash: Diagnostic = { severity: 'error', code: 'duplicate-id', path: 'id', message };
      const fixed: Slot = {
        file: slot.file,
        id,
        diagnostics: [clash],
        ...(slot.text !== undefined && { text: slot.text }),
      };
      this.slots.set(key, fixed);
      taken.set(id, fixed);
      changed.push(fixed);
    }
    return changed;
  }
}
