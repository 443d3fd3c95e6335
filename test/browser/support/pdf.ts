import { inflateSync } from 'node:zlib';

/**
 * Just enough of PDF to test what Chromium prints: pages in order, their size, and their text.
 * Chromium (Skia) writes text as glyph ids in Flate-compressed content streams, with a ToUnicode
 * CMap on every font; we map the glyphs back through those CMaps. Not a general PDF reader.
 */
export interface PdfPage {
  /** Width and height in points. */
  size: [number, number];
  text: string;
}

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const source = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  for (const match of source.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = match[2] ?? '';
    const at = body.indexOf('stream');
    let stream: Buffer | null = null;
    let dict = body;
    if (at >= 0 && /^stream\r?\n/.test(body.slice(at))) {
      dict = body.slice(0, at);
      const start = body.indexOf('\n', at) + 1;
      const raw = Buffer.from(body.slice(start, body.lastIndexOf('endstream')), 'latin1');
      stream = /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw;
    }
    objects.set(Number(match[1]), { dict, stream });
  }
  return objects;
}

const refs = (text: string) => [...text.matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));

/** glyph id (hex) → text, from a ToUnicode CMap. */
function readCmap(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, src, dst] of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      map.set((src as string).toUpperCase(), utf16(dst as string));
    }
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, rest] of (block[1] ?? '').matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\[[^\]]*\])/g,
    )) {
      const from = Number.parseInt(lo as string, 16);
      const to = Number.parseInt(hi as string, 16);
      const width = (lo as string).length;
      const list = (rest as string).startsWith('[')
        ? [...(rest as string).matchAll(/<([0-9a-fA-F]+)>/g)]
        : null;
      for (let code = from; code <= to; code++) {
        const key = code.toString(16).toUpperCase().padStart(width, '0');
        if (list) {
          const hex = list[code - from]?.[1];
          if (hex) map.set(key, utf16(hex));
        } else {
          const base = Buffer.from((rest as string).slice(1, -1), 'hex');
          base.writeUInt16BE(base.readUInt16BE(base.length - 2) + (code - from), base.length - 2);
          map.set(key, base.swap16().toString('utf16le'));
        }
      }
    }
  }
  return map;
}

/** Text of one content stream: every string shown (Tj, TJ), decoded through the font in use. */
function showText(content: string, fonts: Map<string, Map<string, string>>): string {
  const out: string[] = [];
  let font: Map<string, string> | undefined;
  for (const op of content.matchAll(/\/(\w+)\s+[\d.]+\s+Tf|(<[0-9a-fA-F]*>|\[[^\]]*\])\s*T[jJ]/g)) {
    if (op[1] !== undefined) {
      font = fonts.get(op[1]);
      continue;
    }
    const strings = [...(op[2] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => (m[1] ?? '').toUpperCase());
    const width = font && font.size > 0 ? ([...font.keys()][0]?.length ?? 4) : 4;
    let run = '';
    for (const hex of strings) {
      for (let i = 0; i < hex.length; i += width) run += font?.get(hex.slice(i, i + width)) ?? '';
    }
    out.push(run);
  }
  return out.join(' ');
}

/** The pages of a PDF, in order, with their size and text. */
export function readPdf(pdf: Buffer): PdfPage[] {
  const objects = readObjects(pdf);
  // Font resource names (/F4) → their ToUnicode maps. Chromium names fonts after their object, so names are global.
  const fonts = new Map<string, Map<string, string>>();
  for (const { dict } of objects.values()) {
    for (const [, name, num] of dict.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
      const font = objects.get(Number(num));
      const toUnicode =
        font && /\/Type\s*\/Font/.test(font.dict) && /\/ToUnicode\s+(\d+) 0 R/.exec(font.dict);
      const cmap = toUnicode ? objects.get(Number(toUnicode[1]))?.stream : null;
      if (cmap && !fonts.has(name as string)) fonts.set(name as string, readCmap(cmap.toString('latin1')));
    }
  }
  const catalog = [...objects.values()].find((o) => /\/Type\s*\/Catalog/.test(o.dict));
  const root = catalog && /\/Pages\s+(\d+) 0 R/.exec(catalog.dict);
  if (!root) throw new Error('not a PDF this reader understands: no page tree');
  const pages: PdfPage[] = [];
  const walk = (num: number) => {
    const node = objects.get(num);
    if (!node) return;
    if (/\/Type\s*\/Pages\b/.test(node.dict)) {
      for (const kid of refs(/\/Kids\s*\[([^\]]*)\]/.exec(node.dict)?.[1] ?? '')) walk(kid);
      return;
    }
    const box = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(node.dict);
    const contents = /\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(node.dict)?.[1] ?? '';
    const text = refs(contents)
      .map((ref) => showText(objects.get(ref)?.stream?.toString('latin1') ?? '', fonts))
      .join(' ');
    pages.push({
      size: [Number(box?.[3]) - Number(box?.[1]), Number(box?.[4]) - Number(box?.[2])],
      text: text.replace(/\s+/g, ' ').trim(),
    });
  };
  walk(Number(root[1]));
  return pages;
}

/**
 * Text with all white space removed: Chromium positions words and kerned runs separately, so spaces in
 * extracted text are unreliable. Compare squashed text with squashed expectations.
 */
export function squash(text: string): string {
  return text.replace(/\s+/g, '');
}
