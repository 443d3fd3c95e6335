/**
 * Pictures turned into PNG for the PowerPoint file, with sharp (libvips; SVG through librsvg): the PNG
 * an SVG picture carries for suites that do not read SVG (LibreOffice, PowerPoint before 2016), and
 * WebP or AVIF, which PowerPoint does not all draw. sharp is a native package, loaded on first use;
 * where it cannot be loaded the writer keeps its framed box with the picture's description.
 */

export interface PngPicture {
  bytes: Uint8Array;
  width: number;
  height: number;
}

type SharpFn = (
  input: Uint8Array,
  options?: { density?: number; limitInputPixels?: number },
) => {
  png(): {
    toBuffer(opts: {
      resolveWithObject: true;
    }): Promise<{ data: Buffer; info: { width: number; height: number } }>;
  };
  resize(
    width: number,
    height: number,
    options: { fit: 'inside'; withoutEnlargement: boolean },
  ): ReturnType<SharpFn>;
};

let loading: Promise<SharpFn | undefined> | undefined;

/** sharp, or undefined where its native part is missing (a platform it was not installed for). */
export function loadSharp(): Promise<SharpFn | undefined> {
  loading ??= import('sharp').then(
    (mod) => ((mod as { default?: unknown }).default ?? mod) as SharpFn,
    () => undefined,
  );
  return loading;
}

// A picture on a 13.3-inch slide needs no more than this many pixels across to stay sharp when shown.
const MAX_SIDE = 2400;

/** `bytes` (SVG, WebP, AVIF…) as PNG, at most MAX_SIDE pixels a side; undefined if it cannot be drawn. */
export async function toPng(
  bytes: Uint8Array,
  options: { density?: number } = {},
): Promise<PngPicture | undefined> {
  const sharp = await loadSharp();
  if (!sharp) return undefined;
  try {
    const { data, info } = await sharp(bytes, { ...options, limitInputPixels: 50_000_000 })
      .resize(MAX_SIDE, MAX_SIDE, { fit: 'inside', withoutEnlargement: true })
      .png()
      .toBuffer({ resolveWithObject: true });
    return { bytes: new Uint8Array(data), width: info.width, height: info.height };
  } catch {
    return undefined;
  }
}
