import type { NoteBlock, TextRun } from './text-runs.js';

/**
 * Speaker notes as DrawingML paragraphs. pptxgenjs writes a slide's notes as one run of text, so
 * paragraphs and list items would run together; the writer puts these in the notes placeholder instead.
 */

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * `text` without the characters XML 1.0 cannot hold (control characters, lone surrogates): a lecture
 * may carry them, and pptxgenjs writes text as given, which would make a file no office suite opens.
 */
export function xmlChars(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
}

/** Text for XML content and attributes. */
export function escapeXml(text: string): string {
  return xmlChars(text).replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

function runXml(run: TextRun, lang: string, mono: string): string {
  const attrs = [`lang="${escapeXml(lang)}"`, run.bold ? 'b="1"' : '', run.italic ? 'i="1"' : '', 'dirty="0"']
    .filter(Boolean)
    .join(' ');
  const face = run.code || run.math ? `<a:latin typeface="${escapeXml(mono)}"/>` : '';
  return `<a:r><a:rPr ${attrs}>${face}</a:rPr><a:t>${escapeXml(run.text)}</a:t></a:r>`;
}

/** The notes placeholder's paragraphs for `blocks`; a list item gets a bullet, RTL lectures `rtl="1"`. */
export function notesParagraphsXml(
  blocks: readonly NoteBlock[],
  options: { lang: string; rtl: boolean; mono: string },
): string {
  if (blocks.length === 0) return `<a:p><a:endParaRPr lang="${escapeXml(options.lang)}" dirty="0"/></a:p>`;
  return blocks
    .map((block) => {
      const props = [
        options.rtl ? 'rtl="1" algn="r"' : '',
        block.item ? 'marL="285750" indent="-285750"' : '',
      ]
        .filter(Boolean)
        .join(' ');
      const bullet = block.item ? '<a:buFont typeface="Arial"/><a:buChar char="•"/>' : '';
      const pPr = props || bullet ? `<a:pPr${props ? ` ${props}` : ''}>${bullet}</a:pPr>` : '';
      const runs = block.runs.map((r) => runXml(r, options.lang, options.mono)).join('');
      return `<a:p>${pPr}${runs}</a:p>`;
    })
    .join('');
}

const NOTES_BODY =
  /(<p:nvPr><p:ph type="body" idx="1"\/><\/p:nvPr><\/p:nvSpPr><p:spPr\/><p:txBody><a:bodyPr\/><a:lstStyle\/>)<a:p>[\s\S]*?<\/a:p>(<\/p:txBody>)/;

/** A notes slide's XML with its notes placeholder holding `paragraphs` in place of what pptxgenjs wrote. */
export function replaceNotesBody(xml: string, paragraphs: string): string {
  if (!NOTES_BODY.test(xml)) throw new Error('notes slide has no notes placeholder where pptxgenjs puts it');
  return xml.replace(NOTES_BODY, (_, open: string, close: string) => `${open}${paragraphs}${close}`);
}
