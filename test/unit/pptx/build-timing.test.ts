import { describe, expect, it } from 'vitest';
import { addBuildTiming, BUILD_LIST_NAME, pointGroups } from '../../../lambdas/pptx/build-timing.js';
import { writePptx } from '../../../lambdas/pptx/write-pptx.js';
import { allKinds, templates } from '../core/render-helpers.js';
import { openPptx } from './pptx-helpers.js';

const ranges = (xml: string) =>
  [...xml.matchAll(/<p:pRg st="(\d+)" end="(\d+)"\/>/g)].map((m) => [Number(m[1]), Number(m[2])]);

describe('fragments as build animations', () => {
  it('groups each top-level point with the points under it', () => {
    expect(pointGroups([0, 1, 0, 2])).toEqual([
      [0, 0],
      [1, 2],
      [3, 3],
      [4, 6],
    ]);
    expect(pointGroups([])).toEqual([]);
  });

  it('adds one click per group, after the colour map, aimed at the named list only', () => {
    const slide = `<p:sld><p:cSld><p:spTree><p:sp><p:nvSpPr><p:cNvPr id="2" name="Title"></p:cNvPr></p:nvSpPr></p:sp><p:sp><p:nvSpPr><p:cNvPr id="3" name="${BUILD_LIST_NAME}"></p:cNvPr></p:nvSpPr></p:sp></p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>`;
    const built = addBuildTiming(slide, [
      [0, 0],
      [1, 2],
    ]);
    expect(built).toMatch(/<\/p:clrMapOvr><p:timing>[\s\S]*<\/p:timing><\/p:sld>$/);
    expect(ranges(built)).toEqual([
      [0, 0],
      [1, 2],
    ]);
    expect(built.match(/nodeType="clickEffect"/g)).toHaveLength(2);
    expect([...built.matchAll(/spid="(\d+)"/g)].map((m) => m[1])).toEqual(['3', '3', '3']);
    // cTn ids are unique within the slide.
    const ids = [...built.matchAll(/<p:cTn id="(\d+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    // No list to build, or no groups: the slide is left as it was.
    expect(addBuildTiming(slide.replace(BUILD_LIST_NAME, 'Body'), [[0, 0]])).toBe(
      slide.replace(BUILD_LIST_NAME, 'Body'),
    );
    expect(addBuildTiming(slide, [])).toBe(slide);
  });

  it('builds the all-kinds lecture’s fragment slide point by point, and no other slide', async () => {
    const opened = await openPptx(await writePptx({ lecture: allKinds(), templates: templates() }));
    const withTiming = opened.slides
      .map((xml, i) => (xml.includes('<p:timing>') ? i : -1))
      .filter((i) => i >= 0);
    expect(withTiming).toEqual([2]);
    const slide = opened.slides[2] ?? '';
    // Two top-level points: the first alone, the second with the point under it.
    expect(ranges(slide)).toEqual([
      [0, 0],
      [1, 2],
    ]);
    const spid = new RegExp(`<p:cNvPr id="(\\d+)" name="${BUILD_LIST_NAME}"`).exec(slide)?.[1];
    expect(slide).toContain(`<p:bldP spid="${spid}" grpId="0" build="p"/>`);
    const list = /name="Points, one per click"[\s\S]*?<\/p:sp>/.exec(slide)?.[0] ?? '';
    expect(list.match(/<a:p>/g)).toHaveLength(3);
  });
});
