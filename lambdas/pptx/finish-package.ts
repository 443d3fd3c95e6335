import type { ZippableFile } from 'fflate';
import { addBuildTiming, type ParagraphGroup } from './build-timing.js';
import { notesParagraphsXml, replaceNotesBody } from './notes-xml.js';
import { keepFirstParagraphProperties } from './paragraph-properties.js';
import type { Pictures } from './prepare-pictures.js';
import { noteBlocks } from './text-runs.js';

/**
 * The last step of writing a PowerPoint file: the package pptxgenjs wrote, read back and mended where
 * it falls short, then zipped again.
 */

/** Each SVG picture's PNG, by the SVG's text. */
export function svgFallbacks(pictures: Pictures): Map<string, Uint8Array> {
  const found = new Map<string, Uint8Array>();
  for (const picture of [...pictures.formulas.values(), ...pictures.figures.values()])
    if (picture.svg) found.set(picture.svg, picture.png);
  return found;
}

/**
 * Mend what pptxgenjs writes: one set of paragraph properties per paragraph on every slide, the
 * fragments as build animations, each slide's notes, as paragraphs and list items, in its notes slide,
 * and each SVG picture's PNG (in Node pptxgenjs writes a placeholder where the PNG that suites without
 * SVG show belongs).
 */
export async function finishPackage(
  file: Uint8Array,
  notes: readonly string[],
  options: {
    lang: string;
    rtl: boolean;
    mono: string;
    svgFallbacks: ReadonlyMap<string, Uint8Array>;
    builds: readonly ParagraphGroup[][];
  },
): Promise<Uint8Array> {
  // fflate rather than jszip to read and write the package: jszip's deflate (pako) starts every one of
  // a few hundred parts by allocating and clearing its tables, which was most of the writing time.
  const { unzipSync, zipSync, strFromU8, strToU8 } = await import('fflate');
  const parts: Record<string, Uint8Array> = unzipSync(file);
  const part = (path: string) => {
    const found = parts[path];
    if (!found) throw new Error(`pptxgenjs wrote no ${path}`);
    return found;
  };
  if (options.svgFallbacks.size > 0) {
    for (const path of Object.keys(parts)) {
      const name = /^ppt\/media\/image-(\d+)-(\d+)\.svg$/.exec(path);
      const png = name ? options.svgFallbacks.get(strFromU8(part(path))) : undefined;
      if (!name || !png) continue;
      // pptxgenjs names an SVG's PNG with the number just before the SVG's own.
      const pngPath = `ppt/media/image-${name[1]}-${Number(name[2]) - 1}.png`;
      part(pngPath);
      parts[pngPath] = png;
    }
  }
  for (const i of notes.keys()) {
    const path = `ppt/slides/slide${i + 1}.xml`;
    const xml = keepFirstParagraphProperties(strFromU8(part(path)));
    parts[path] = strToU8(addBuildTiming(xml, options.builds[i] ?? []));
  }
  for (const [i, text] of notes.entries()) {
    if (text.trim() === '') continue;
    const path = `ppt/notesSlides/notesSlide${i + 1}.xml`;
    parts[path] = strToU8(
      replaceNotesBody(strFromU8(part(path)), notesParagraphsXml(noteBlocks(text), options)),
    );
  }
  // Pictures are compressed already, and a part of a few hundred bytes (two relationship parts a slide)
  // gains little from deflating: both are stored as they are.
  const entries = Object.entries(parts)
    .filter(([path]) => !path.endsWith('/'))
    .map(([path, bytes]) => {
      const stored = path.startsWith('ppt/media/') || bytes.byteLength < 512;
      const file: ZippableFile = [bytes, { level: stored ? 0 : 1 }];
      return [path, file];
    });
  return zipSync(Object.fromEntries(entries));
}
