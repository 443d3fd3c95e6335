// Live preview: the time from saving a lecture to its open tab showing the change (reloaded, on its
// slide, painted), median of 20 edits of the course's largest lecture, in Chromium. `lectern preview`
// runs as its own process, as an instructor runs it. Figures only.
import { type ChildProcess, spawn } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { launchChromium } from '../lambdas/node/chromium.js';

const EDITS = 20;
const WARM_UP = 2;

/**
 * The page's side, from every load: once the deck is ready and its current slide shows the text
 * asked for, report the next frame's time, once per text. It keeps watching, since a tab takes an
 * edit in place (no new load) whenever it can.
 */
const WATCH_SCRIPT = `(() => {
  let reported;
  const check = () => {
    const want = sessionStorage.getItem('lecternBenchWant');
    const reveal = window.Reveal;
    const slide = want && want !== reported && reveal && reveal.isReady() && reveal.getCurrentSlide();
    if (slide && slide.textContent.includes(want)) {
      reported = want;
      requestAnimationFrame(() => setTimeout(() => window.lecternBenchShown(performance.timeOrigin + performance.now()), 0));
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

function largestLecture(root: string): string {
  const dir = join(root, 'content', 'cold-war');
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.yaml') && name !== 'course.yaml')
    .map((name) => join(dir, name));
  return files.sort((a, b) => statSync(b).size - statSync(a).size)[0] as string;
}

async function startPreview(
  root: string,
  cwd: string,
  file: string,
): Promise<{ url: string; child: ChildProcess; renders: number[] }> {
  const child = spawn(process.execPath, [join(root, 'bin', 'lectern.cjs'), 'preview', file, '--port', '0'], {
    cwd,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Each render the preview prints ("rendered x.yaml → … in 41 ms"): the render's share of the wait.
  const renders: number[] = [];
  let seen = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    seen += chunk.toString();
    const lines = seen.split('\n');
    seen = lines.pop() ?? '';
    for (const line of lines) {
      const took = / in (\d+) ms$/.exec(line);
      if (took?.[1]) renders.push(Number(took[1]));
    }
  });
  const url = await new Promise<string>((resolve, reject) => {
    let all = '';
    const onData = (chunk: Buffer) => {
      all += chunk.toString();
      const match = /Preview on (http:\/\/[^/\s]+)\//.exec(all);
      if (match?.[1]) {
        child.stdout?.off('data', onData);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`preview exited (${code}):\n${all}`)));
  });
  return { url, child, renders };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

export interface PreviewFigures {
  lecture: string;
  slides: number;
  samples: number[];
  median: number;
  /** Median time the preview took to render an edit (its own report), in ms. */
  renderMedian: number;
  /** How many of the measured edits reloaded the tab rather than taking the slides in place. */
  reloads: number;
}

/** Save → repaint in the tab, `edits` times on the largest lecture. */
export async function benchPreview(root: string, edits = EDITS): Promise<PreviewFigures> {
  const source = largestLecture(root);
  const dir = mkdtempSync(join(tmpdir(), 'lectern-bench-preview-'));
  const file = join(dir, basename(source));
  copyFileSync(source, file);
  // The lecture's own images sit in figures/ beside it: without them it does not render.
  const figures = join(dirname(source), 'figures');
  if (existsSync(figures)) cpSync(figures, join(dir, 'figures'), { recursive: true });
  const original = readFileSync(file, 'utf8');
  // A slide in the middle of the deck, with an id (its URL) and a title to edit.
  const slides = [...original.matchAll(/^(\s*- id: ([a-z0-9-]+)\n\s*title: ")([^"\n]*)"/gm)];
  const target = slides[Math.floor(slides.length / 2)];
  if (!target || target.index === undefined) throw new Error(`no slide with an id and a title in ${source}`);
  const [whole, head = '', id = '', title = ''] = target;
  const edited = (n: number) =>
    `${original.slice(0, target.index)}${head}${title} (edit ${n})"${original.slice((target.index ?? 0) + whole.length)}`;

  const preview = await startPreview(root, dir, basename(file));
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    let shown: ((at: number) => void) | undefined;
    await context.exposeBinding('lecternBenchShown', (_source, at: number) => shown?.(at));
    await context.addInitScript({ content: WATCH_SCRIPT });
    const page = await context.newPage();
    const deckId = /^id: ([a-z0-9-]+)$/m.exec(original)?.[1];
    await page.goto(`${preview.url}/${deckId}/#/${id}`, { waitUntil: 'load' });
    await page.waitForFunction(() =>
      (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady(),
    );
    const count = await page.evaluate(() =>
      (window as unknown as { Reveal: { getTotalSlides(): number } }).Reveal.getTotalSlides(),
    );
    const samples: number[] = [];
    let loads = 0;
    page.on('load', () => {
      loads += 1;
    });
    for (let n = 1; n <= WARM_UP + edits; n += 1) {
      await page.evaluate((want) => sessionStorage.setItem('lecternBenchWant', want), `(edit ${n})`);
      const painted = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`edit ${n} never showed`)), 15_000);
        shown = (at) => {
          clearTimeout(timer);
          resolve(at);
        };
      });
      const saved = performance.timeOrigin + performance.now();
      writeFileSync(file, edited(n));
      const at = await painted;
      if (n === WARM_UP) loads = 0;
      if (n > WARM_UP) samples.push(at - saved);
      await new Promise((resolve) => setTimeout(resolve, 250)); // each edit its own save, not a burst
    }
    return {
      lecture: basename(source),
      slides: count,
      samples,
      median: median(samples),
      renderMedian: median(preview.renders.slice(-edits)),
      reloads: loads,
    };
  } finally {
    await browser.close();
    preview.child.kill('SIGINT');
    // A preview that does not stop at Ctrl-C within a few seconds is stopped outright.
    const exited = new Promise((resolve) => preview.child.once('exit', resolve));
    const waited = await Promise.race([exited, sleep(5_000).then(() => 'late')]);
    if (waited === 'late') preview.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Run alone: `npx tsx scripts/bench-preview.ts`. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const root = join(import.meta.dirname, '..');
  const figures = await benchPreview(root);
  const sorted = [...figures.samples].sort((a, b) => a - b);
  console.log(
    `${figures.lecture} (${figures.slides} slides): save → tab repainted, median of ${figures.samples.length} ${figures.median.toFixed(0)} ms (min ${sorted[0]?.toFixed(0)}, max ${sorted.at(-1)?.toFixed(0)}); render median ${figures.renderMedian} ms; ${figures.reloads} of ${figures.samples.length} edits reloaded the tab`,
  );
}
