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
import type { TemplateSet } from '../core/deck.js';
import { readAssetBytes } from '../node/single-file-assets.js';
import { type DeckStore, EXPORT_FILES } from '../store/deck-store.js';
import type { ExportReply, ExportWorkerData } from './export-worker.js';

/**
 * The local server's exporter: a new version's PowerPoint file and single-file page are made after the
 * publish has answered, one version at a time, in a worker thread with a heap bound and a time bound.
 * A deck over either bound gets no exports (the worker is replaced for the next one), and the server
 * answers every other request meanwhile. A version still waiting when a newer one of the same deck
 * comes is passed over. A download asked for while its version's exports are being
 * made waits for them.
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
  /** How many versions may wait; a publish past that waits for room before it answers. */
  maxWaiting: number;
}

export interface ExportQueue extends Exporter {
  /** Wait for the versions queued now (at most `waitMs`), then stop the worker. */
  close(waitMs: number): Promise<void>;
}

interface Waiting {
  job: ExportSource;
  done: () => void;
}

export function createExportQueue(options: ExportQueueOptions): ExportQueue {
  const pending = new Map<string, Promise<void>>();
  const waiting: Waiting[] = [];
  const room: (() => void)[] = [];
  let running = false;
  let worker: Worker | undefined;
  let seq = 0;
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

  const pump = () => {
    if (running) return;
    const next = waiting.shift();
    if (!next) return;
    running = true;
    room.shift()?.();
    const { job } = next;
    // After the answer that queued it has gone out.
    setImmediate(() => {
      options
        .readImages(job.media)
        .then((images) => make({ ...job, images }))
        .then((files) => options.store.addVersionExports(job.id, job.version, files))
        .catch((error: unknown) =>
          options.logger.error('Making the exports of a new version failed', {
            id: job.id,
            version: job.version,
            error: error instanceof Error ? error.message : String(error),
          }),
        )
        .finally(() => {
          running = false;
          next.done();
          pump();
        });
    });
  };

  return {
    files: options.files,

    async export(job: ExportSource) {
      const key = keyOf(job.id, job.version);
      if (pending.has(key)) return;
      // A newer version of a deck takes the place of one still waiting: nobody is likely to download
      // a version replaced seconds later, and the same publish sent again makes its exports.
      const older = waiting.findIndex((entry) => entry.job.id === job.id);
      if (older !== -1) {
        const [replaced] = waiting.splice(older, 1);
        options.logger.info('Exports skipped: a newer version of the deck came first', {
          id: job.id,
          version: replaced?.job.version,
        });
        replaced?.done();
      }
      while (waiting.length >= options.maxWaiting) await new Promise<void>((resolve) => room.push(resolve));
      if (pending.has(key)) return;
      let done = () => {};
      const finished = new Promise<void>((resolve) => {
        done = resolve;
      });
      pending.set(key, finished);
      void finished.then(() => pending.delete(key));
      waiting.push({ job, done });
      pump();
    },

    settled: (id, version) => pending.get(keyOf(id, version)) ?? Promise.resolve(),

    async close(waitMs) {
      const all = Promise.all(pending.values());
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([all, new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]);
      clearTimeout(timer);
      for (const dropped of waiting.splice(0)) dropped.done();
      await worker?.terminate();
      worker = undefined;
    },
  };
}

/** The built worker, beside the built server (dist/); run from the sources, there is none. */
const EXPORT_WORKER = new URL('./export-worker.mjs', import.meta.url);
/** One version's exports may take this much heap and time; a publish answers with this many waiting. */
export const EXPORT_LIMITS = { memoryMb: 256, timeoutMs: 60_000, maxWaiting: 16 } as const;
const SILENT: ApiLogger = { info: () => {}, warn: () => {}, error: () => {} };

/** The local server's export queue: in the built worker when there is one, in this thread otherwise. */
export function createServerExports(options: {
  store: DeckStore;
  readImages: ReadImages;
  templates: TemplateSet;
  templatesDir?: string;
  logger?: ApiLogger;
  limits?: { memoryMb?: number; timeoutMs?: number };
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
  });
}
