import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { plainValue } from '../../../lambdas/core/yaml-scalars.js';
import { typedForm } from './yaml-compare.js';
import { seededRandom } from './yaml-generate.js';

const WRITTEN = [
  '0',
  '-0',
  '+0',
  '007',
  '-12',
  '+12',
  '1_000',
  '1,000',
  '12345678901234567890',
  '0o17',
  '0o8',
  '0O17',
  '0x1F',
  '0x',
  '0X1f',
  '-0x1F',
  '1.10',
  '1.',
  '.5',
  '.',
  '-.5',
  '+1.5e3',
  '1e3',
  '1E-3',
  '.5e+2',
  '1.e2',
  'e3',
  '1e',
  '.inf',
  '-.Inf',
  '+.INF',
  '.iNf',
  '.nan',
  '.NaN',
  '.NAN',
  '-.nan',
  '~',
  'null',
  'Null',
  'NULL',
  'nUll',
  'true',
  'True',
  'TRUE',
  'tRue',
  'false',
  'False',
  'FALSE',
  'yes',
  'on',
  '2020-01-01',
  '12:30',
  '1.2.3',
  '~x',
  '+',
  '-x',
];

describe('plain scalars read without the yaml package', () => {
  it.each(WRITTEN)('reads %s as the yaml package does', (source) => {
    expect(typedForm(plainValue(source))).toBe(typedForm(parse(`a: ${source}`).a));
  });

  it('reads thousands of number-like texts as the yaml package does', () => {
    const random = seededRandom(7);
    const pieces = ['0', '1', '7', '9', '.', 'e', 'E', '-', '+', 'x', 'o', 'f', 'A', '_', 'inf', 'nan'];
    for (let i = 0; i < 5000; i++) {
      const length = 1 + Math.floor(random() * 6);
      const source = Array.from({ length }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      if (/^[-+]?$/.test(source) || /^-(?:\s|$)/.test(source)) continue;
      expect(typedForm(plainValue(source)), source).toBe(typedForm(parse(`a: ${source}`).a));
    }
  });
});
