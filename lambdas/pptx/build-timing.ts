/**
 * A slide's fragments as PowerPoint build animations: pptxgenjs writes no animations, so the finished
 * slide gets a `<p:timing>` block in which each top-level point, with the points under it, appears on
 * its own click, as the deck's fragments do. Pure: XML text in, XML text out.
 */

/** The name the writer gives a list whose points appear one click at a time. */
export const BUILD_LIST_NAME = 'Points, one per click';

/** Paragraph ranges (first and last paragraph index, inclusive) that appear together. */
export type ParagraphGroup = readonly [number, number];

/** The paragraph ranges of top-level points, each followed by `nested[i]` paragraphs of its own. */
export function pointGroups(nested: readonly number[]): ParagraphGroup[] {
  const groups: ParagraphGroup[] = [];
  let start = 0;
  for (const count of nested) {
    groups.push([start, start + count]);
    start += count + 1;
  }
  return groups;
}

function appearXml(spid: string, [first, last]: ParagraphGroup, id: () => number): string {
  const click = id();
  const group = id();
  const effect = id();
  const set = id();
  return (
    `<p:par><p:cTn id="${click}" fill="hold"><p:stCondLst><p:cond delay="indefinite"/></p:stCondLst><p:childTnLst>` +
    `<p:par><p:cTn id="${group}" fill="hold"><p:stCondLst><p:cond delay="0"/></p:stCondLst><p:childTnLst>` +
    `<p:par><p:cTn id="${effect}" presetID="1" presetClass="entr" presetSubtype="0" fill="hold" grpId="0" nodeType="clickEffect">` +
    '<p:stCondLst><p:cond delay="0"/></p:stCondLst><p:childTnLst>' +
    `<p:set><p:cBhvr><p:cTn id="${set}" dur="1" fill="hold"><p:stCondLst><p:cond delay="0"/></p:stCondLst></p:cTn>` +
    `<p:tgtEl><p:spTgt spid="${spid}"><p:txEl><p:pRg st="${first}" end="${last}"/></p:txEl></p:spTgt></p:tgtEl>` +
    '<p:attrNameLst><p:attrName>style.visibility</p:attrName></p:attrNameLst></p:cBhvr>' +
    '<p:to><p:strVal val="visible"/></p:to></p:set>' +
    '</p:childTnLst></p:cTn></p:par></p:childTnLst></p:cTn></p:par></p:childTnLst></p:cTn></p:par>'
  );
}

/** The `<p:timing>` block: each group of shape `spid`'s paragraphs appears on a click, in order. */
export function buildTimingXml(spid: string, groups: readonly ParagraphGroup[]): string {
  let next = 3;
  const id = () => next++;
  const clicks = groups.map((g) => appearXml(spid, g, id)).join('');
  return (
    '<p:timing><p:tnLst><p:par><p:cTn id="1" dur="indefinite" restart="never" nodeType="tmRoot"><p:childTnLst>' +
    '<p:seq concurrent="1" nextAc="seek"><p:cTn id="2" dur="indefinite" nodeType="mainSeq"><p:childTnLst>' +
    clicks +
    '</p:childTnLst></p:cTn>' +
    '<p:prevCondLst><p:cond evt="onPrev" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond></p:prevCondLst>' +
    '<p:nextCondLst><p:cond evt="onNext" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond></p:nextCondLst>' +
    '</p:seq></p:childTnLst></p:cTn></p:par></p:tnLst>' +
    `<p:bldLst><p:bldP spid="${spid}" grpId="0" build="p"/></p:bldLst></p:timing>`
  );
}

/**
 * `slideXml` with its list named BUILD_LIST_NAME built paragraph group by group; unchanged when the
 * slide has no such list or already has a timing block.
 */
export function addBuildTiming(slideXml: string, groups: readonly ParagraphGroup[]): string {
  if (groups.length === 0 || slideXml.includes('<p:timing>')) return slideXml;
  const spid = new RegExp(`<p:cNvPr id="(\\d+)" name="${BUILD_LIST_NAME}"`).exec(slideXml)?.[1];
  if (!spid) return slideXml;
  // The schema's order: cSld, clrMapOvr, transition, timing.
  const at = slideXml.indexOf('</p:clrMapOvr>');
  if (at < 0) return slideXml;
  const end = at + '</p:clrMapOvr>'.length;
  return slideXml.slice(0, end) + buildTimingXml(spid, groups) + slideXml.slice(end);
}
