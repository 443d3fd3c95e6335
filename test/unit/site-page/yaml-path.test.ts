import { describe, expect, it } from 'vitest';
import { cursorContext, keyAt } from '../../../templates/site/editor/yaml-path.js';

/** The text with `|` marking the cursor, and the cursor's offset. */
function at(marked: string): [string, number] {
  const pos = marked.indexOf('|');
  return [marked.slice(0, pos) + marked.slice(pos + 1), pos];
}

const LECTURE = `id: demo
title: Demo
sections:
  - title: Opening
    slides:
      - kind: quote
        text: "Words"
        |
      - title: Later
`;

describe('cursorContext', () => {
  it('finds the mapping of a slide, its kind and its other keys', () => {
    const context = cursorContext(...at(LECTURE));
    expect(context).toMatchObject({ path: ['sections', '*', 'slides', '*'], kind: 'key', word: '' });
    expect(Object.fromEntries(context?.siblings ?? [])).toEqual({ kind: 'quote', text: 'Words' });
  });

  it('reads a key half typed at the root, and the keys below it', () => {
    const [text, pos] = at('id: demo\nti|\nsections:\n  - title: A\n');
    const context = cursorContext(text, pos);
    expect(context).toMatchObject({ path: [], kind: 'key', word: 'ti', from: pos - 2 });
    expect([...(context?.siblings.keys() ?? [])]).toEqual(['sections', 'id']);
  });

  it('reads a new item of a sequence written at its parent key’s column', () => {
    const context = cursorContext(...at('id: x\nsections:\n- title: A\n  slides:\n  - |'));
    expect(context).toMatchObject({ path: ['sections', '*', 'slides', '*'], kind: 'key', word: '' });
    expect(context?.siblings.size).toBe(0);
  });

  it('reads a value after `key: `', () => {
    const context = cursorContext(...at('sections:\n  - slides:\n      - kind: qu|\n'));
    expect(context).toMatchObject({
      path: ['sections', '*', 'slides', '*'],
      kind: 'value',
      key: 'kind',
      word: 'qu',
    });
  });

  it('answers nothing inside a value being written, or under a key with a scalar value', () => {
    expect(cursorContext(...at('title: Some words |'))).toBeUndefined();
    expect(cursorContext(...at('title: Words\n  |'))).toBeUndefined();
  });
});

describe('keyAt', () => {
  it('names the key under the pointer and its mapping', () => {
    const [text] = at(LECTURE);
    const pos = text.indexOf('text:') + 2;
    expect(keyAt(text, pos)).toMatchObject({
      path: ['sections', '*', 'slides', '*'],
      key: 'text',
      value: 'Words',
      from: text.indexOf('text:'),
      to: text.indexOf('text:') + 4,
    });
  });

  it('names the key of a value under the pointer, and nothing past the line’s text', () => {
    const [text] = at(LECTURE);
    expect(keyAt(text, text.indexOf('quote') + 1)).toMatchObject({ key: 'kind', value: 'quote' });
    expect(keyAt(text, text.indexOf('sections:') + 9)).toBeUndefined();
  });
});
