import { parentPort, workerData } from 'node:worker_threads';
import { type ExportJob, makeExports } from '../api/deck-exports.js';
import { readAssetBytes } from '../node/single-file-assets.js';
import { loadTemplates } from '../node/templates-fs.js';
import { lowerThreadPriority } from '../node/thread-priority.js';

/**
 * The local server's export worker: makes new versions' PowerPoint files and single-file pages, one
 * job at a time, in a thread with its own heap bound, so a costly deck neither stalls the server's
 * answers nor grows its memory past that bound. It only computes; the server stores what it answers.
 * It runs at a lower priority than the server's own thread, so that on a busy machine a publish
 * (or any request) is answered before an earlier version's exports are finished, not beside them.
 */

export interface ExportWorkerData {
  templatesDir?: string;
}

export type ExportReply =
  | { seq: number; files: Record<string, string | Uint8Array> }
  | { seq: number; error: string };

const port = parentPort;
if (!port) throw new Error('export-worker runs as a worker thread');
lowerThreadPriority();
const { templatesDir } = workerData as ExportWorkerData;
const templates = loadTemplates(templatesDir);
let assets: ReadonlyMap<string, Uint8Array> | undefined;
const tools = { templates, loadAssets: async () => (assets ??= readAssetBytes(templatesDir)) };

port.on('message', ({ seq, job }: { seq: number; job: ExportJob }) => {
  makeExports(job, tools).then(
    (files) => {
      // A file that owns its whole buffer moves to the server without a copy.
      const transfer = Object.values(files).flatMap((body) =>
        typeof body !== 'string' && body.byteOffset === 0 && body.byteLength === body.buffer.byteLength
          ? [body.buffer]
          : [],
      );
      port.postMessage({ seq, files } satisfies ExportReply, transfer as ArrayBuffer[]);
    },
    (error: unknown) =>
      port.postMessage({
        seq,
        error: error instanceof Error ? error.message : String(error),
      } satisfies ExportReply),
  );
});
