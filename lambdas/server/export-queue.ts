import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ApiLogger } from '../api/create-api.js';
import {
  type Exporter,
  type ExportFiles,
  type ExportJob,
  type ExportSource,
  makeExports,
  type ReadImages,
} from '../api/deck-exports.js';
import { readExportJob, writeExportJob } from '../api/export-jobs.js';
import type { TemplateSet } from '../core/deck.js';
import { readAssetBytes } from '../node/single-file-assets.js';
import { EXPORT_JOBS_PREFIX, exportJobKey } from '../site/layout.js';
import { type DeckStore, EXPORT_FILES } from '../store/deck-store.js';
import type { ObjectStore } from '../store/object-store.js';
import type { ExportReply, ExportWorkerData } from './export-worker.js';

/**
 * The local server's exporter: a new version's PowerPoint file and single-file page are made after the
 * publish has answered, one version at a time, in a worker thread with a heap bound and a time bound.
 * A deck over either bound gets no exports (the worker is replaced for the next one), and the server
 * answers every other request meanwhile. A version still waiting when a newer one of the same deck
 * comes is passed over. The next version's exports start only once no new version has been queued for
 * `quietMs`, so a burst of publishes is answered without a worker busy beside it; a download asked for
 * while its version waits moves it to the front (made next, without waiting for a quiet moment), and
 * a download waits for its version's exports.
 *
 * Up to `maxWaiting` versions wait in memory. Past that, a version waits as a job file in `jobs` (the
 * export-jobs/ file the deployed API writes for its export function), read back when its turn comes,
 * so a burst of publishes is never held back by exports that fall behind, and what still waits when
 * the server stops is made after its next start. Without `jobs`, or when a job file cannot be written,
 * a publish past `maxWaiting` waits for room.
 */

export interface ExportQueueOptions {
  store: DeckStore;
  /** The exports a version gets (the single-file page needs the assets). */
  files: readonly string[];
  /** The built worker (dist/export-worker.mjs); none: the exports are made in this thread, still after the answer. */
  worker?: { file: URL; data: ExportWorkerData };
  /** Makes the exports in this thread, without a worker. */
  makeHere: (job: ExportJob) => Promise<ExportFiles>;
  /** Reads a version's stored images, just before its exports are made. */
  readImages: ReadImages;
  logger: ApiLogger;
  /** The worker's old-generation heap bound, in MiB. */
  memoryMb: number;
  /** The longest one version's exports may take to make. */
  timeoutMs: number;
  /** How many versions may wait in memory; past that they wait in `jobs`, or the publish waits for room. */
  maxWaiting: number;
  /** How long after the last version was queued the next one's exports may start (0: at once). */
  quietMs: number;
  /** Where versions past `maxWaiting` wait as job files (under export-jobs/). */
  jobs?: ObjectStore;
}

export interface ExportQueue extends Exporter {
  /** Queue the job files an earlier run left waiting; how many. */
  resume(): Promise<number>;
  /** Wait for the versions queued now (at most `waitMs`), then stop the worker. */
  close(waitMs: number): Promise<void>;
}

/** Versions that may wait as job files: bounded only so that no burst fills a disk. */
const MAX_JOB_FILES = 10_000;

interface Waiting {
  id: string;
  version: string;
  /** The job, held in memory; none: it waits as its job file. */
  job?: ExportSource;
  /** A download waits for it: it goes first, without waiting for a quiet moment. */
  asked?: boolean;
  done: () => void;
}

export function createExportQueue(options: ExportQueueOptions): ExportQueue {
  const pending = new Map<string, Promise<void>>();
  // In order, those in memory and those in job files alike.
  const waiting: Waiting[] = [];
  let inMemory = 0;
  const room: (() => void)[] = [];
  let running = false;
  // The version being made, and whether the queue has been closed (a job stopped by the close keeps its job file).
  let current: Waiting | undefined;
  let closed = false;
  const { jobs } = options;
  let worker: Worker | undefined;
  let seq = 0;
  // When a version was last queued, and the timer that starts the next job once that is quietMs ago.
  let lastQueued = Number.NEGATIVE_INFINITY;
  let quietTimer: NodeJS.Timeout | undefined;
  const keyOf = (id: string, version: string) => `${id}/${version}`;

  const startWorker = (file: URL, data: ExportWorkerData): Worker => {
    const started = new Worker(file, {
      workerData: data,
      resourceLimits: { maxOldGenerationSizeMb: options.memoryMb },
    });
    // An idle worker never keeps the process alive, and its failure between jobs is only logged.
    started.unref();
    started.on('error', (error) =>
      options.logger.error('The export worker failed', { error: error.message }),
    );
    started.on('exit', () => {
      if (worker === started) worker = undefined;
    });
    return started;
  };

  const inWorker = (file: URL, data: ExportWorkerData, job: ExportJob): Promise<ExportFiles> => {
    worker ??= startWorker(file, data);
    const thread = worker;
    const mine = ++seq;
    return new Promise<ExportFiles>((resolve, reject) => {
      const finish = (error?: Error, files?: ExportFiles) => {
        clearTimeout(timer);
        thread.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (error) reject(error);
        else resolve(files ?? {});
      };
      const onMessage = (reply: ExportReply) => {
        if (reply.seq !== mine) return;
        if ('error' in reply) finish(new Error(reply.error));
        else finish(undefined, reply.files);
      };
      // Out of its heap bound, the worker stops with ERR_WORKER_OUT_OF_MEMORY.
      const onError = (error: Error) => finish(error);
      const onExit = (code: number) => finish(new Error(`the export worker stopped (exit code ${code})`));
      const timer = setTimeout(() => {
        finish(new Error(`making the exports took over ${options.timeoutMs / 1000} s`));
        if (worker === thread) worker = undefined;
        void thread.terminate();
      }, options.timeoutMs);
      thread.on('message', onMessage).on('error', onError).on('exit', onExit);
      thread.ref();
      try {
        thread.postMessage({ seq: mine, job });
      } catch (error) {
        // A job that cannot be copied to the thread (nothing the pipeline makes, but never a hang).
        finish(error instanceof Error ? error : new Error(String(error)));
      }
    }).finally(() => thread.unref());
  };

  const make = (job: ExportJob): Promise<ExportFiles> =>
    options.worker ? inWorker(options.worker.file, options.worker.data, job) : options.makeHere(job);

  /** Take `entry` out of the count of those in memory, if it was, and let one held publish on. */
  const leftMemory = (entry: Waiting) => {
    if (!entry.job) return;
    inMemory -= 1;
    room.shift()?.();
  };

  const removeJobFile = (entry: Waiting) => {
    if (entry.job || !jobs) return Promise.resolve();
    return jobs.delete(exportJobKey(entry.id, entry.version)).catch((error: unknown) =>
      options.logger.warn('An export job file could not be removed', {
        id: entry.id,
        version: entry.version,
        error: error instanceof Error ? error.message : String(error),
      }),
    );
  };

  /** The job of `entry`: held, or read from its job file (none when the file is gone). */
  const jobOf = async (entry: Waiting): Promise<ExportSource | undefined> =>
    entry.job || !jobs ? entry.job : readExportJob(jobs, entry.id, entry.version);

  const pump = () => {
    if (running || closed || waiting.length === 0) return;
    let index = waiting.findIndex((entry) => entry.asked);
    if (index === -1) {
      const wait = lastQueued + options.quietMs - performance.now();
      if (wait > 0) {
        quietTimer ??= setTimeout(() => {
          quietTimer = undefined;
          pump();
        }, Math.ceil(wait)).unref();
        return;
      }
      index = 0;
    }
    const [next] = waiting.splice(index, 1);
    if (!next) return;
    running = true;
    current = next;
    leftMemory(next);
    let finished = false;
    // After the answer that queued it has gone out.
    setImmediate(() => {
      jobOf(next)
        .then(async (job) => {
          if (job) {
            const images = await options.readImages(job.media);
            const files = await make({ ...job, images });
            await options.store.addVersionExports(job.id, job.version, files);
          }
          finished = true;
        })
        .catch((error: unknown) =>
          options.logger.error('Making the exports of a new version failed', {
            id: next.id,
            version: next.version,
            error: error instanceof Error ? error.message : String(error),
          }),
        )
        // Made or failed, a job file is done with (a failure is logged, as for a job held in memory),
        // unless the close stopped it: then the next start makes it.
        .then(() => (finished || !closed ? removeJobFile(next) : undefined))
        .finally(() => {
          running = false;
          current = undefined;
          next.done();
          pump();
        });
    });
  };

  /** Put `entry` in line, `pending` under `key` until it is made or passed over. */
  const enqueue = (key: string, entry: Omit<Waiting, 'done'>) => {
    let done = () => {};
    const finished = new Promise<void>((resolve) => {
      done = resolve;
    });
    pending.set(key, finished);
    void finished.then(() => pending.delete(key));
    waiting.push({ ...entry, done });
    if (entry.job) inMemory += 1;
  };

  /** Write `job` as its job file; false when it could not be (the publish then waits for room). */
  const writeJobFile = async (job: ExportSource): Promise<boolean> => {
    if (!jobs || waiting.length - inMemory >= MAX_JOB_FILES) return false;
    try {
      await writeExportJob(jobs, job);
      return true;
    } catch (error) {
      options.logger.warn('An export job file could not be written: the publish waits for room', {
        id: job.id,
        version: job.version,
        error: error instanceof Error ? error.message : String(error),
      });
      return false;
    }
  };

  return {
    files: options.files,

    async export(job: ExportSource) {
      lastQueued = performance.now();
      const key = keyOf(job.id, job.version);
      if (pending.has(key)) return;
      // A newer version of a deck takes the place of one still waiting: nobody is likely to download
      // a version replaced seconds later, and the same publish sent again makes its exports.
      const older = waiting.findIndex((entry) => entry.id === job.id);
      if (older !== -1) {
        const [replaced] = waiting.splice(older, 1);
        if (replaced) {
          options.logger.info('Exports skipped: a newer version of the deck came first', {
            id: job.id,
            version: replaced.version,
          });
          leftMemory(replaced);
          await removeJobFile(replaced);
          replaced.done();
        }
      }
      if (inMemory >= options.maxWaiting && (await writeJobFile(job))) {
        // Asked for again while its file was written: that one is queued.
        if (pending.has(key)) return;
        enqueue(key, { id: job.id, version: job.version });
        pump();
        return;
      }
      while (inMemory >= options.maxWaiting) await new Promise<void>((resolve) => room.push(resolve));
      if (pending.has(key)) return;
      enqueue(key, { id: job.id, version: job.version, job });
      pump();
    },

    async resume() {
      if (!jobs) return 0;
      let resumed = 0;
      // By deck: the order they were queued in is not kept across a restart.
      for (const id of (await jobs.listChildren(EXPORT_JOBS_PREFIX)).sort()) {
        for (const file of await jobs.listKeys(`${EXPORT_JOBS_PREFIX}${id}/`)) {
          const version = /([^/]+)\.json$/.exec(file)?.[1];
          if (!version || file !== exportJobKey(id, version) || pending.has(keyOf(id, version))) continue;
          enqueue(keyOf(id, version), { id, version });
          resumed += 1;
        }
      }
      pump();
      return resumed;
    },

    settled(id, version) {
      const entry = waiting.find((one) => one.id === id && one.version === version);
      if (entry && !entry.asked) {
        entry.asked = true;
        pump();
      }
      return pending.get(keyOf(id, version)) ?? Promise.resolve();
    },

    async close(waitMs) {
      const all = Promise.all(pending.values());
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([all, new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]);
      clearTimeout(timer);
      clearTimeout(quietTimer);
      closed = true;
      // What is still being made or waits in memory is kept as job files too, for the next start.
      if (current?.job && (await writeJobFile(current.job))) current.job = undefined;
      for (const dropped of waiting.splice(0)) {
        if (dropped.job) await writeJobFile(dropped.job);
        dropped.done();
      }
      inMemory = 0;
      await worker?.terminate();
      worker = undefined;
    },
  };
}

/** The built worker, beside the built server (dist/); run from the sources, there is none. */
const EXPORT_WORKER = new URL('./export-worker.mjs', import.meta.url);
/** One version's exports may take this much heap and time; this many versions wait in memory. */
export const EXPORT_LIMITS = { memoryMb: 256, timeoutMs: 60_000, maxWaiting: 16 } as const;
/**
 * Exports start once no new version has been queued for this long: a client publishing a course sends
 * the next lecture within a few milliseconds of the last answer, and one version's exports take a
 * course lecture about 80 ms here.
 */
export const EXPORT_QUIET_MS = 100;
const SILENT: ApiLogger = { info: () => {}, warn: () => {}, error: () => {} };

/** The local server's export queue: in the built worker when there is one, in this thread otherwise. */
export function createServerExports(options: {
  store: DeckStore;
  readImages: ReadImages;
  templates: TemplateSet;
  templatesDir?: string;
  logger?: ApiLogger;
  limits?: { memoryMb?: number; timeoutMs?: number };
  /** Where versions past the in-memory bound wait as job files (the store's own backing). */
  jobs?: ObjectStore;
}): ExportQueue {
  const { templatesDir } = options;
  const loadAssets = async () => readAssetBytes(templatesDir);
  return createExportQueue({
    store: options.store,
    files: EXPORT_FILES,
    ...(existsSync(fileURLToPath(EXPORT_WORKER)) && {
      worker: { file: EXPORT_WORKER, data: templatesDir ? { templatesDir } : {} },
    }),
    makeHere: (job) => makeExports(job, { templates: options.templates, loadAssets }),
    readImages: options.readImages,
    logger: options.logger ?? SILENT,
    memoryMb: options.limits?.memoryMb ?? EXPORT_LIMITS.memoryMb,
    timeoutMs: options.limits?.timeoutMs ?? EXPORT_LIMITS.timeoutMs,
    maxWaiting: EXPORT_LIMITS.maxWaiting,
    quietMs: EXPORT_QUIET_MS,
    ...(options.jobs && { jobs: options.jobs }),
  });
}
