import { describe, expect, it } from 'vitest';
import type { LectureFormat } from '../../../lambdas/core/deck.js';
import { checkLecture } from '../../../lambdas/core/pipeline.js';

// Table cells may be numbers, and a table shows them as the file writes them: YAML and JSON would
// otherwise turn 1.10 into 1.1, 007 into 7 and 0x1F into 31.

function tableOf(text: string, format?: LectureFormat) {
  const checked = checkLecture(text, { themes: [], ...(format ? { format } : {}) });
  expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const slide = checked.ok ? checked.lecture.sections[0]?.slides[0] : undefined;
  if (slide?.kind !== 'table') throw new Error('expected a table slide');
  return slide;
}

describe('numbers in tables', () => {
  it('keeps each number of a YAML table as written, header included', () => {
    const slide = tableOf(`id: t
title: T
sections:
  - title: S
    slides:
      - kind: table
        header: [Version, 2026]
        rows:
          - [1.10, 0.50]
          - [1e3, 010]
          - [0x1F, 007]
          - [1.0, 12345678901234567890]
          - ["quoted 1.10", 3]
`);
    expect(slide.header).toEqual(['Version', '2026']);
    expect(slide.rows).toEqual([
      ['1.10', '0.50'],
      ['1e3', '010'],
      ['0x1F', '007'],
      ['1.0', '12345678901234567890'],
      ['quoted 1.10', '3'],
    ]);
  });

  it('keeps each number of a JSON table as written', () => {
    const json = JSON.stringify({
      id: 't',
      title: 'T',
      sections: [{ title: 'S', slides: [{ kind: 'table', header: ['a', 'b'], rows: [['x', 'y']] }] }],
    }).replace('["x","y"]', '[1.10, 1e3]');
    expect(tableOf(json, 'json').rows).toEqual([['1.10', '1e3']]);
  });
});
