import { describe, expect, it } from 'vitest';
import { withMath } from '../../../lambdas/core/math/math-markup.js';
import { renderDeck } from '../../../lambdas/core/render/index.js';
import type { Lecture } from '../../../lambdas/core/schema.js';
import { writePptx } from '../../../lambdas/pptx/write-pptx.js';
import { allKinds, lecture, OPTIONS, templates } from '../core/render-helpers.js';
import { openPptx, paragraphs, texts } from './pptx-helpers.js';

async function write(l: Lecture) {
  return openPptx(await writePptx({ lecture: l, templates: templates() }));
}

const deckSlides = (l: Lecture) =>
  withMath({ render: (tex) => tex }, () => renderDeck(l, templates(), OPTIONS)).result.manifest.slides;

describe('writePptx: the all-kinds lecture', { timeout: 30_000 }, () => {
  it('has one slide per deck slide, in the deck order, with every title and point as text', async () => {
    const l = allKinds();
    const pptx = await write(l);
    expect(pptx.slides).toHaveLength(deckSlides(l));
    expect(pptx.slides).toHaveLength(13);
    const all = pptx.slides.map((xml) => paragraphs(xml));
    expect(all[0]).toContain('Uncertain Partners');
    expect(all[0]).toContain('Stalin, Mao and the Korean War, 1945–1953');
    expect(all[1]).toEqual(['1', 'A giant new ally in the East']);
    expect(all[2]).toEqual([
      'Two events of autumn 1949',
      'The end of the US atomic monopoly (Truman, 23 Sept 1949)',
      'Communist victory in China',
      'Mao proclaims the PRC, 1 Oct 1949',
      '[1]',
    ]);
    expect(all[5]).toEqual(['2', 'Сталин and the decision for war']);
    expect(all[12]?.[0]).toBe('Sources');
  });

  it('keeps nesting as list levels and one set of paragraph properties per paragraph', async () => {
    const pptx = await write(allKinds());
    const bullets = pptx.slides[2] as string;
    expect(bullets.match(/<a:pPr[^>]*\blvl="1"/g)).toHaveLength(1);
    expect(bullets.match(/<a:buChar /g)).toHaveLength(3);
    // the bold words of the first point do not bring a second pPr into its paragraph
    expect(bullets).not.toMatch(/<\/a:r><a:pPr/);
    for (const xml of pptx.slides) expect(xml).not.toMatch(/<\/a:r>(<a:br\/>)?<a:pPr/);
    expect(bullets).toMatch(/<a:rPr [^>]*b="1"[^>]*>[\s\S]*?<a:t>atomic monopoly<\/a:t>/);
  });

  it('writes the timeline as shapes in date order, the table as a native table with its header', async () => {
    const pptx = await write(allKinds());
    const timeline = pptx.slides[4] as string;
    expect(timeline.match(/prst="ellipse"/g)).toHaveLength(3);
    expect(timeline).toMatch(/prst="line"/);
    const t = texts(timeline);
    expect(t.indexOf('October 1949')).toBeLessThan(t.indexOf('December 16, 1949'));
    expect(t.indexOf('The PRC is proclaimed')).toBeLessThan(t.indexOf('Mao arrives in Moscow'));
    const table = pptx.slides[7] as string;
    expect(table).toMatch(/<a:tbl>/);
    const rows = [...table.matchAll(/<a:tr [\s\S]*?<\/a:tr>/g)].map((r) => texts(r[0]));
    expect(rows).toEqual([
      ['Year', 'Credit (million USD)', 'Note'],
      ['1950', '300', 'Five-year credit'],
      ['1954', '130', "After Stalin's death"],
    ]);
  });

  it('numbers questions, keeps quote and attribution, code as monospace text', async () => {
    const pptx = await write(allKinds());
    const questions = pptx.slides[11] as string;
    expect(questions.match(/<a:buAutoNum type="arabicPeriod"/g)).toHaveLength(2);
    expect(paragraphs(questions)).toContain('Was the alliance a partnership or a hierarchy?');
    expect(paragraphs(pptx.slides[3] as string)).toEqual([
      '“The Chinese revolution is a continuation of the October Revolution.”',
      '— 毛泽东 (Mao Zedong), 1949',
    ]);
    const code = pptx.slides[10] as string;
    expect(paragraphs(code)).toContain('message = "Agree to the proposal"');
    expect(code).toMatch(/typeface="Consolas"/);
  });

  it('puts each slide’s notes in its notes slide, a paragraph per paragraph', async () => {
    const l = lecture({
      sections: [
        {
          title: 'One',
          slides: [
            {
              title: 'A',
              points: ['x'],
              notes: 'First *paragraph*.\n\nSecond one.\n\n- item one\n- item two',
            },
          ],
        },
      ],
    });
    const pptx = await write(l);
    const notes = pptx.notes[2] as string;
    const body = notes.slice(notes.indexOf('Notes Placeholder'));
    expect(paragraphs(body).slice(0, 4)).toEqual(['First paragraph.', 'Second one.', 'item one', 'item two']);
    expect(body.match(/<a:buChar /g)).toHaveLength(2);
    expect(body).toMatch(/i="1"[^>]*><\/a:rPr><a:t>paragraph<\/a:t>/);
    const fixture = await write(allKinds());
    expect(texts(fixture.notes[2] as string).join('')).toContain('Open with the two shocks of autumn 1949.');
  });

  it('splits the Sources slides as the deck does, numbering on from the last', async () => {
    const sources = Array.from({ length: 19 }, (_, i) => ({
      id: `s${i + 1}`,
      text: `Source number ${i + 1}`,
    }));
    const l = lecture({
      sources,
      sections: [{ title: 'One', slides: [{ title: 'A', points: ['x'], cite: ['s19', 's2'] }] }],
    });
    const pptx = await write(l);
    expect(pptx.slides).toHaveLength(deckSlides(l));
    const closing = pptx.slides.slice(3);
    expect(closing).toHaveLength(3);
    expect(texts(closing[1] as string)[0]).toBe('Sources, continued (2/3)');
    expect(closing[1]).toMatch(/<a:buAutoNum type="arabicPeriod" startAt="9"\/>/);
    expect(texts(pptx.slides[2] as string)).toContain('[2, 19]');
  });
});

describe('writePptx: languages and themes', { timeout: 30_000 }, () => {
  it('keeps Chinese, Cyrillic and Arabic text as written', async () => {
    const l = lecture({
      title: 'Холодная война',
      sections: [
        { title: '冷战', slides: [{ title: 'الحرب الباردة', points: ['中苏同盟', 'Договор 1950 года'] }] },
      ],
    });
    const all = (await write(l)).slides.flatMap(texts);
    for (const text of ['Холодная война', '冷战', 'الحرب الباردة', '中苏同盟', 'Договор 1950 года']) {
      expect(all).toContain(text);
    }
  });

  it('sets right-to-left paragraphs, and notes, for an Arabic lecture; none for English', async () => {
    const l = lecture({
      language: 'ar',
      sections: [
        { title: 'الجزء', slides: [{ title: 'عنوان', points: ['نقطة'], notes: 'ملاحظة.\n\nفقرة ثانية.' }] },
      ],
    });
    const pptx = await write(l);
    for (const xml of pptx.slides) expect(xml).toMatch(/<a:pPr [^>]*rtl="1"/);
    expect(pptx.slides[2]).toMatch(/<a:pPr [^>]*rtl="1"[^>]*algn="r"|<a:pPr [^>]*algn="r"[^>]*rtl="1"/);
    expect(pptx.notes[2]).toMatch(/<a:pPr rtl="1" algn="r">/);
    expect(await pptx.zip.file('ppt/presentation.xml')?.async('string')).toMatch(/rtl="1"/);
    const english = await write(allKinds());
    for (const xml of english.slides) expect(xml).not.toMatch(/rtl="1"/);
  });

  it('takes the background and heading colours from the lecture’s theme', async () => {
    const light = (await write(lecture({ sections: [{ title: 'S', slides: [{ title: 'T' }] }] }))).slides[2];
    const dark = (
      await write(lecture({ theme: 'dark', sections: [{ title: 'S', slides: [{ title: 'T' }] }] }))
    ).slides[2];
    expect(light).toMatch(/<p:bg><p:bgPr><a:solidFill><a:srgbClr val="FBFAF6"/);
    expect(dark).toMatch(/<p:bg><p:bgPr><a:solidFill><a:srgbClr val="15181D"/);
    expect(dark).toMatch(/<a:srgbClr val="FFFFFF"\/><\/a:solidFill>[\s\S]*?<a:t>T<\/a:t>/);
  });

  it('sets long text smaller than short text, and marks every text box to shrink', async () => {
    const long = 'A point that goes on and on about the alliance and its many consequences. '.repeat(14);
    const pptx = await write(
      lecture({
        sections: [
          {
            title: 'S',
            slides: [
              { title: 'T', points: ['Short'] },
              { title: 'T', points: [long] },
            ],
          },
        ],
      }),
    );
    const size = (xml: string) => Number(/<a:buChar [\s\S]*?<a:rPr [^>]*sz="(\d+)"/.exec(xml)?.[1]);
    expect(size(pptx.slides[2] as string)).toBe(2800);
    expect(size(pptx.slides[3] as string)).toBeLessThan(2400);
    expect(pptx.slides[3]).toMatch(/<a:normAutofit\/>/);
  });
});

describe('writePptx: hostile text', { timeout: 30_000 }, () => {
  it('drops characters XML cannot hold, so every part stays a well-formed file', async () => {
    const l = lecture({
      title: 'Bell \u0007 and \u0001',
      author: 'A \u0002',
      sections: [
        { title: 'S \u000b', slides: [{ title: 'T \u0003', points: ['a \u0004 b'], notes: 'n \u0005' }] },
      ],
    });
    const pptx = await write(l);
    const parts = Object.keys(pptx.zip.files).filter((p) => /\.(xml|rels)$/.test(p));
    for (const part of parts) {
      const xml = (await pptx.zip.file(part)?.async('string')) ?? '';
      const control = [...xml].filter((c) => (c.codePointAt(0) ?? 0) < 0x20 && !'\t\n\r'.includes(c));
      expect(control, part).toEqual([]);
    }
    expect(texts(pptx.slides[0] as string)).toContain('Bell  and ');
    expect(paragraphs(pptx.slides[2] as string)).toEqual(['T ', 'a  b']);
  });

  it('keeps markup as text and links only http(s) and mailto targets', async () => {
    const l = lecture({
      sections: [
        {
          title: 'S',
          slides: [
            {
              title: '<script>alert(1)</script>',
              points: ['[x](javascript:alert(1)) [y](https://example.org/ok) <img src=x onerror=alert(1)>'],
            },
          ],
        },
      ],
    });
    const pptx = await write(l);
    expect(texts(pptx.slides[2] as string)).toContain('<script>alert(1)</script>');
    expect(pptx.slides[2]).toContain('&lt;script&gt;');
    const rels = await Promise.all(
      Object.keys(pptx.zip.files)
        .filter((p) => p.endsWith('.rels'))
        .map((p) => pptx.zip.file(p)?.async('string') ?? ''),
    );
    const targets = rels.flatMap((xml) =>
      [...xml.matchAll(/TargetMode="External"[^>]*|Target="([^"]+)"/g)].map((m) => m[0]),
    );
    expect(targets.join('\n')).not.toMatch(/javascript:|data:/i);
    expect(targets.join('\n')).toContain('https://example.org/ok');
  });
});
