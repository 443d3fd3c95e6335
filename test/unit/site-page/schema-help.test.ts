import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { helpFor, type SchemaNode, suggestionsAt } from '../../../templates/site/editor/schema-help.js';
import { cursorContext, keyAt } from '../../../templates/site/editor/yaml-path.js';

const schema = JSON.parse(
  readFileSync(new URL('../../../lecture.schema.json', import.meta.url), 'utf8'),
) as SchemaNode;

function suggest(marked: string) {
  const pos = marked.indexOf('|');
  const context = cursorContext(marked.slice(0, pos) + marked.slice(pos + 1), pos);
  if (!context) throw new Error('no context');
  return suggestionsAt(schema, context);
}

describe('suggestions from lecture.schema.json', () => {
  it('offers the root fields not yet written, the required ones boosted', () => {
    const labels = suggest('id: x\n|\nsections: []\n').map((s) => s.label);
    expect(labels).toContain('title');
    expect(labels).toContain('theme');
    expect(labels).not.toContain('id');
    expect(labels).not.toContain('sections');
    const title = suggest('|').find((s) => s.label === 'title');
    expect(title).toMatchObject({ apply: 'title: ', detail: 'text', boost: 2 });
    expect(title?.info).toMatch(/^title: text, required \(not empty\)\./);
  });

  it('offers the fields of the slide kind the mapping names', () => {
    const labels = suggest('sections:\n  - slides:\n      - kind: quote\n        |').map((s) => s.label);
    expect(labels).toEqual(expect.arrayContaining(['text', 'by', 'title', 'notes']));
    expect(labels).not.toContain('points');
    expect(labels).not.toContain('kind');
  });

  it('offers every slide kind after `kind: `, each with its fields', () => {
    const kinds = suggest('sections:\n  - slides:\n      - kind: |');
    expect(kinds.map((s) => s.label)).toEqual(
      expect.arrayContaining(['bullets', 'quote', 'timeline', 'table', 'image', 'code', 'math']),
    );
    expect(kinds.find((s) => s.label === 'image')?.info).toMatch(/Required: src, alt\./);
  });

  it('offers the fields of a section', () => {
    expect(suggest('sections:\n  - |').map((s) => s.label)).toEqual(['title', 'slides']);
  });
});

describe('hover help', () => {
  it('describes a field, and a slide kind by its fields', () => {
    const text = 'sections:\n  - slides:\n      - kind: image\n        alt: A map\n';
    expect(helpFor(schema, keyAt(text, text.indexOf('alt') + 1) ?? expect.fail())).toMatch(
      /^alt: text, required/,
    );
    expect(helpFor(schema, keyAt(text, text.indexOf('image') + 1) ?? expect.fail())).toMatch(
      /^Slide kind "image"\./,
    );
    expect(helpFor(schema, keyAt('colour: red\n', 1) ?? expect.fail())).toBeUndefined();
  });
});
