import JSZip from 'jszip';

/** A written .pptx, opened: its parts by path, and the slides' and notes' XML in slide order. */
export interface OpenedPptx {
  zip: JSZip;
  slides: string[];
  notes: string[];
}

function partNumber(path: string): number {
  return Number(/(\d+)\.xml$/.exec(path)?.[1] ?? Number.NaN);
}

async function ordered(zip: JSZip, folder: RegExp): Promise<string[]> {
  const paths = Object.keys(zip.files)
    .filter((p) => folder.test(p))
    .sort((a, b) => partNumber(a) - partNumber(b));
  return Promise.all(paths.map((p) => zip.file(p)?.async('string') ?? ''));
}

export async function openPptx(bytes: Uint8Array): Promise<OpenedPptx> {
  const zip = await JSZip.loadAsync(bytes);
  return {
    zip,
    slides: await ordered(zip, /^ppt\/slides\/slide\d+\.xml$/),
    notes: await ordered(zip, /^ppt\/notesSlides\/notesSlide\d+\.xml$/),
  };
}

const XML_ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&apos;': "'",
};

/** The text of every `<a:t>` in `xml`, entities decoded. */
export function texts(xml: string): string[] {
  return [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) =>
    (m[1] as string).replace(/&(amp|lt|gt|quot|apos);/g, (e) => XML_ENTITIES[e] ?? e),
  );
}

/** The text of each paragraph (`<a:p>`) in `xml`, its runs joined. */
export function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<a:p>([\s\S]*?)<\/a:p>/g)].map((m) => texts(m[1] as string).join(''));
}
