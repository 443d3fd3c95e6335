// The instructors' page's editor and live preview: the bundled editor's size (minified as shipped, and
// gzipped, with the packages that weigh most), and how long the local server takes to answer the
// preview call (POST /api/validate?preview) for the course's largest lecture, against plain validate.
// Figures, not assertions. Run with `npx tsx scripts/bench-editor.ts`.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { startServer } from '../lambdas/server/start-server.js';
import { openDeckStore } from '../lambdas/store/open-deck-store.js';
// @ts-expect-error: a plain ES module of the build, without type declarations
import { buildEditorBundle } from './editor-bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.LECTERN_BENCH_RUNS ?? 20);

interface Metafile {
  outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }>;
}

async function bundleSize() {
  const result = (await buildEditorBundle(root, { write: false, metafile: true })) as {
    outputFiles: { contents: Uint8Array }[];
    metafile: Metafile;
  };
  const bytes = result.outputFiles[0]?.contents ?? new Uint8Array();
  const byPackage = new Map<string, number>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [file, input] of Object.entries(output.inputs)) {
      const parts = file.replace(/^node_modules\//, '').split('/');
      const name = file.startsWith('node_modules/')
        ? parts.slice(0, parts[0]?.startsWith('@') ? 2 : 1).join('/')
        : (parts[0] ?? file);
      byPackage.set(name, (byPackage.get(name) ?? 0) + input.bytesInOutput);
    }
  }
  return {
    minified: bytes.byteLength,
    gzipped: gzipSync(bytes, { level: 9 }).byteLength,
    largest: [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 6),
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function previewLatency(file: string) {
  const text = await readFile(join(root, file), 'utf8');
  const dataDir = await mkdtemp(join(tmpdir(), 'lectern-bench-editor-'));
  const token = 'bench-editor-token-0123456789';
  const store = await openDeckStore({ dataDir });
  const server = await startServer({ store, token, port: 0, host: '127.0.0.1' });
  const call = async (query: string) => {
    const started = performance.now();
    const answer = await fetch(`${server.url}/api/validate${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/yaml' },
      body: text,
    });
    const body = await answer.text();
    return { ms: performance.now() - started, bytes: body.length };
  };
  try {
    await call('?preview'); // warm: templates compiled, the modules loaded
    await call('');
    const preview: number[] = [];
    const plain: number[] = [];
    let answerBytes = 0;
    for (let i = 0; i < RUNS; i += 1) {
      const withDeck = await call('?preview');
      preview.push(withDeck.ms);
      answerBytes = withDeck.bytes;
      plain.push((await call('')).ms);
    }
    return { preview: median(preview), plain: median(plain), answerBytes };
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const size = await bundleSize();
console.log(
  `editor bundle (templates/site/code-editor.js): ${kib(size.minified)} minified, ${kib(size.gzipped)} gzipped`,
);
console.log(`  largest: ${size.largest.map(([name, bytes]) => `${name} ${kib(bytes)}`).join(', ')}`);
const lecture = 'content/cold-war/03-friendship-to-rivalry.yaml';
const latency = await previewLatency(lecture);
console.log(
  `preview call on ${lecture} (median of ${RUNS}, local server): validate?preview ${latency.preview.toFixed(1)} ms ` +
    `(answer ${kib(latency.answerBytes)}), plain validate ${latency.plain.toFixed(1)} ms`,
);
