import type { Lecture } from '../core/schema.js';
import { toPng } from './raster.js';
import type { PptxImage } from './slide-text.js';
import { texToSvg } from './tex-svg.js';

/**
 * The pictures a lecture's slides need drawn before they are placed (drawing is asynchronous, placing
 * is not): each math slide's formula as SVG with a PNG beside it, and each SVG, WebP or AVIF figure in
 * a form every office suite shows. Nothing is loaded for a lecture that has none of them.
 */

/** A picture ready to place: a PNG, and for a vector picture its SVG, which PowerPoint prefers. */
export interface Picture {
  png: Uint8Array;
  svg?: string;
  /** Size in pixels (of the PNG), for the aspect ratio. */
  width: number;
  height: number;
  /** A formula's size in ems, to set it at the slide's text size. */
  em?: { w: number; h: number };
}

export interface Pictures {
  /** Math slides' formulas by their TeX. */
  formulas: ReadonlyMap<string, Picture>;
  /** Figures by `src`, for the types that are not embedded as they are. */
  figures: ReadonlyMap<string, Picture>;
}

/** Types converted before embedding. */
export const CONVERTED_TYPES = new Set(['svg', 'webp', 'avif']);

// A formula's PNG: 16 px an em in the SVG, drawn at this many times that for a projector.
const FORMULA_DENSITY = 72 * 4;

/** Draw every formula and convert every SVG, WebP and AVIF figure `lecture` shows. */
export async function preparePictures(
  lecture: Lecture,
  images: ReadonlyMap<string, PptxImage>,
  color: string,
): Promise<Pictures> {
  const formulas = new Map<string, Picture>();
  const figures = new Map<string, Picture>();
  for (const section of lecture.sections) {
    for (const slide of section.slides) {
      if (slide.kind === 'math' && !formulas.has(slide.tex)) {
        const drawn = await texToSvg(slide.tex, color);
        const png = drawn && (await toPng(new TextEncoder().encode(drawn.svg), { density: FORMULA_DENSITY }));
        if (drawn && png)
          formulas.set(slide.tex, {
            png: png.bytes,
            svg: drawn.svg,
            width: png.width,
            height: png.height,
            em: { w: drawn.widthEm, h: drawn.heightEm },
          });
      } else if (slide.kind === 'image' && !figures.has(slide.src)) {
        const found = images.get(slide.src);
        if (!found || !CONVERTED_TYPES.has(found.type)) continue;
        // An SVG is drawn at twice its own size (sharp reads it at 72 dpi), so a small one is still crisp.
        const png = await toPng(found.bytes, found.type === 'svg' ? { density: 144 } : {});
        if (!png) continue;
        figures.set(slide.src, {
          png: png.bytes,
          ...(found.type === 'svg' && { svg: new TextDecoder().decode(found.bytes) }),
          width: found.width ?? png.width,
          height: found.height ?? png.height,
        });
      }
    }
  }
  return { formulas, figures };
}
