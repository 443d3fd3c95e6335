import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sizedSvg, texToSvg } from '../../../lambdas/pptx/tex-svg.js';
import { type PptxImage, writePptx } from '../../../lambdas/pptx/write-pptx.js';
import { lecture, templates } from '../core/render-helpers.js';
import { openPptx } from './pptx-helpers.js';

const FIGURES = join(import.meta.dirname, '../../fixtures/media/figures');
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];
const SVG_EXTENSION = '{96DAC541-7B7A-43D3-8B79-37D633B846F1}';

/** Every picture on a slide: its description and the relationship ids of its blip and SVG blip. */
function pictures(xml: string) {
  return [...xml.matchAll(/<p:pic>([\s\S]*?)<\/p:pic>/g)].map((m) => {
    const pic = m[1] as string;
    return {
      descr: /descr="([^"]*)"/.exec(pic)?.[1],
      blip: /<a:blip r:embed="(rId\d+)"/.exec(pic)?.[1],
      svgBlip: /<asvg:svgBlip [^>]*r:embed="(rId\d+)"/.exec(pic)?.[1],
      svgExtension: pic.includes(SVG_EXTENSION),
    };
  });
}

async function mediaOf(opened: Awaited<ReturnType<typeof openPptx>>, slide: number, rId: string | undefined) {
  const rels = (await opened.zip.file(`ppt/slides/_rels/slide${slide}.xml.rels`)?.async('string')) ?? '';
  const target = new RegExp(`Id="${rId}"[^>]*Target="\\.\\./media/([^"]+)"`).exec(rels)?.[1];
  expect(target, `${rId} of slide ${slide}`).toBeDefined();
  return (await opened.zip.file(`ppt/media/${target}`)?.async('uint8array')) ?? new Uint8Array();
}

describe('texToSvg', { timeout: 30_000 }, () => {
  it('draws TeX as paths in the given colour, sized in pixels', async () => {
    const drawn = await texToSvg('\\frac{a}{b} + \\sqrt{x}', '112233');
    expect(drawn?.svg).toMatch(/^<svg[^>]* width="[\d.]+" height="[\d.]+"/);
    expect(drawn?.svg).toContain('#112233');
    expect(drawn?.svg).not.toContain('currentColor');
    expect(drawn?.svg).not.toContain('<text');
    expect(drawn?.widthEm).toBeGreaterThan(1);
  });

  it('answers undefined for TeX it cannot read', async () => {
    expect(await texToSvg('\\frac{1}{', '000000')).toBeUndefined();
  });

  it('sizes from the viewBox, a thousandth of an em a unit', () => {
    const sized = sizedSvg(
      '<svg style="vertical-align: -1ex;" width="3ex" height="2ex" viewBox="0 -750 2000 1000"><g fill="currentColor"/></svg>',
      'abcdef',
    );
    expect(sized).toEqual({
      svg: '<svg width="32.000" height="16.000" viewBox="0 -750 2000 1000"><g fill="#abcdef"/></svg>',
      widthEm: 2,
      heightEm: 1,
    });
  });
});

describe('writePptx: pictures', { timeout: 30_000 }, () => {
  it('puts a math slide’s formula in as an SVG picture with a real PNG beside it, its TeX the description', async () => {
    const tex = '\\int_0^1 x^2\\,dx = \\frac{1}{3}';
    const opened = await openPptx(
      await writePptx({
        lecture: lecture({ sections: [{ title: 'S', slides: [{ kind: 'math', title: 'Area', tex }] }] }),
        templates: templates(),
      }),
    );
    // Title slide, divider, then the math slide.
    const [pic] = pictures(opened.slides[2] ?? '');
    expect(pic?.descr).toBe(tex.replaceAll('&', '&amp;'));
    expect(pic?.svgExtension).toBe(true);
    const svg = new TextDecoder().decode(await mediaOf(opened, 3, pic?.svgBlip));
    expect(svg).toMatch(/^<svg/);
    const png = await mediaOf(opened, 3, pic?.blip);
    expect([...png.slice(0, 4)]).toEqual(PNG_SIGNATURE);
    // pptxgenjs's own placeholder is a tiny picture; the formula drawn is hundreds of pixels wide.
    const meta = await sharp(png).metadata();
    expect(meta.width).toBeGreaterThan(300);
    expect(opened.slides[2]).not.toContain('Formula (TeX)');
  });

  it('embeds an SVG figure as SVG with its PNG, and a WebP or AVIF one as PNG', async () => {
    const svgBytes = new Uint8Array(readFileSync(join(FIGURES, 'chart.svg')));
    const png = readFileSync(join(FIGURES, 'dot.png'));
    const webp = new Uint8Array(await sharp(png).resize(40, 20).webp().toBuffer());
    const avif = new Uint8Array(await sharp(png).resize(40, 20).avif().toBuffer());
    const images = new Map<string, PptxImage>([
      ['chart.svg', { bytes: svgBytes, type: 'svg' }],
      ['photo.webp', { bytes: webp, type: 'webp', width: 40, height: 20 }],
      ['photo.avif', { bytes: avif, type: 'avif', width: 40, height: 20 }],
    ]);
    const slides = ['chart.svg', 'photo.webp', 'photo.avif'].map((src) => ({
      kind: 'image' as const,
      src,
      alt: `Figure ${src}`,
    }));
    const opened = await openPptx(
      await writePptx({
        lecture: lecture({ sections: [{ title: 'S', slides }] }),
        templates: templates(),
        images,
      }),
    );
    const [chart] = pictures(opened.slides[2] ?? '');
    expect(chart?.descr).toBe('Figure chart.svg');
    expect(new TextDecoder().decode(await mediaOf(opened, 3, chart?.svgBlip))).toBe(
      new TextDecoder().decode(svgBytes),
    );
    const chartPng = await mediaOf(opened, 3, chart?.blip);
    expect((await sharp(chartPng).metadata()).width).toBeGreaterThan(100);
    for (const [slide, src] of [
      [4, 'photo.webp'],
      [5, 'photo.avif'],
    ] as const) {
      const [pic] = pictures(opened.slides[slide - 1] ?? '');
      expect(pic?.descr).toBe(`Figure ${src}`);
      expect(pic?.svgBlip).toBeUndefined();
      const bytes = await mediaOf(opened, slide, pic?.blip);
      expect([...bytes.slice(0, 4)]).toEqual(PNG_SIGNATURE);
      expect(await sharp(bytes).metadata()).toMatchObject({ format: 'png', width: 40, height: 20 });
    }
  });
});
