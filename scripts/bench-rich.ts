// A lecture as instructors of the sciences write them: 20 local figures (PNG, drawn here, and SVG)
// and 30 formulas beside ordinary slides. `lectern render` as a whole process (KaTeX loaded, media
// read, hashed and copied) against the same lecture without them. Figures, never assertions.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { stringify } from 'yaml';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, tail]);
}

/** A 960×540 RGB PNG with a gradient that differs per figure (so each has its own hash). */
export function drawPng(seed: number, width = 960, height = 540): Buffer {
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      rows[row + 1 + x * 3] = (x + seed * 37) & 0xff;
      rows[row + 2 + x * 3] = (y + seed * 11) & 0xff;
      rows[row + 3 + x * 3] = ((x ^ y) + seed) & 0xff;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', new Uint8Array()),
  ]);
}

const FORMULAS = [
  't_2 = \\frac{\\ln 2}{\\ln(1+g)}',
  'E = mc^2',
  '\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}',
  '\\int_0^\\infty e^{-x^2}\\,dx = \\frac{\\sqrt{\\pi}}{2}',
  'P(A \\mid B) = \\frac{P(B \\mid A)\\,P(A)}{P(B)}',
  '\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}^{-1} = \\frac{1}{ad-bc}\\begin{pmatrix} d & -b \\\\ -c & a \\end{pmatrix}',
];

/** Write the lecture and its figures into `dir`; returns the lecture's file name. */
export function writeRichLecture(dir: string, svg: string, withMedia = true): string {
  mkdirSync(join(dir, 'figures'), { recursive: true });
  const slides: Record<string, unknown>[] = [];
  for (let i = 0; i < 20; i++) {
    const png = i % 4 !== 3;
    const name = `figures/figure-${i}.${png ? 'png' : 'svg'}`;
    if (withMedia)
      writeFileSync(join(dir, name), png ? drawPng(i) : svg.replace('</svg>', `<!-- ${i} --></svg>`));
    slides.push(
      withMedia
        ? { kind: 'image', title: `Figure ${i}`, src: name, alt: `Figure ${i}`, caption: `Caption ${i}` }
        : { title: `Figure ${i}`, points: [`Caption ${i}`] },
    );
  }
  for (let i = 0; i < 30; i++) {
    const tex = FORMULAS[i % FORMULAS.length] ?? 'x';
    slides.push(
      withMedia
        ? { kind: 'math', title: `Formula ${i}`, tex, caption: `With \\(x_${i}\\) in the line` }
        : { title: `Formula ${i}`, points: [`With x${i} in the line`] },
    );
  }
  for (let i = 0; i < 10; i++) slides.push({ title: `Slide ${i}`, points: ['One point', 'Another point'] });
  const name = withMedia ? 'rich.yaml' : 'plain.yaml';
  writeFileSync(
    join(dir, name),
    stringify({
      id: withMedia ? 'rich' : 'plain',
      title: 'Figures and formulas',
      sections: [{ title: 'All', slides }],
    }),
  );
  return name;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const RSS_PROBE = `process.on('exit', () => process.stderr.write('peak-rss-kib=' + process.resourceUsage().maxRSS + '\\n'));`;

/** Median wall time and peak RSS of rendering the rich lecture and its plain twin, interleaved. */
export function benchRich(root: string, runs: number): { rich: number; plain: number; richRss: number } {
  const work = mkdtempSync(join(tmpdir(), 'lectern-bench-rich-'));
  try {
    const svg = readFileSync(join(root, 'test', 'fixtures', 'svg', 'safe', 'chart.svg'), 'utf8');
    const rich = writeRichLecture(work, svg);
    const plain = writeRichLecture(work, svg, false);
    writeFileSync(join(work, 'rss-probe.cjs'), RSS_PROBE);
    const bin = join(root, 'bin', 'lectern.cjs');
    const run = (file: string) => {
      const start = process.hrtime.bigint();
      const done = spawnSync(
        process.execPath,
        ['-r', './rss-probe.cjs', bin, 'render', file, '--out', 'out', '--quiet'],
        {
          cwd: work,
          encoding: 'utf8',
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (done.status !== 0) throw new Error(`lectern render ${file} failed: ${done.stderr}`);
      return { ms, rss: Number(/peak-rss-kib=(\d+)/.exec(done.stderr)?.[1]) / 1024 };
    };
    run(rich);
    run(plain);
    const samples = { rich: [] as number[], plain: [] as number[], rss: [] as number[] };
    for (let i = 0; i < runs; i++) {
      rmSync(join(work, 'out'), { recursive: true, force: true }); // media are copied anew each time
      const r = run(rich);
      samples.rich.push(r.ms);
      samples.rss.push(r.rss);
      samples.plain.push(run(plain).ms);
    }
    return { rich: median(samples.rich), plain: median(samples.plain), richRss: median(samples.rss) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
