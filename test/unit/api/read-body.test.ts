import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../lambdas/api/http.js';
import { MAX_BODY_BYTES, readLectureBody } from '../../../lambdas/api/read-body.js';

function failure(headers: Record<string, string>, body: string | undefined, base64 = false): HttpError {
  try {
    readLectureBody(headers, body, base64);
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('the body was accepted');
}

const yaml = { 'content-type': 'application/yaml' };

describe('readLectureBody', () => {
  it.each([
    ['application/json', 'json'],
    ['application/yaml', 'yaml'],
    ['application/x-yaml', 'yaml'],
    ['text/yaml; charset=utf-8', 'yaml'],
    ['Application/JSON; charset="UTF-8"', 'json'],
  ])('reads %s as %s', (type, format) => {
    expect(readLectureBody({ 'content-type': type }, 'id: a', false)).toEqual({ text: 'id: a', format });
  });

  it('leaves the format to the parser when there is no content type', () => {
    expect(readLectureBody({}, '{"id": "a"}', false)).toEqual({ text: '{"id": "a"}' });
  });

  it('decodes a base64 body', () => {
    const text = 'title: "毛泽东 и Сталин"';
    expect(readLectureBody(yaml, Buffer.from(text).toString('base64'), true).text).toBe(text);
  });

  it.each([
    ['text/plain', 'id: a'],
    ['application/yaml; charset=latin1', 'id: a'],
    ['multipart/form-data', 'id: a'],
  ])('answers 415 to %s', (type, body) => {
    const error = failure({ 'content-type': type }, body);
    expect([error.status, error.code]).toEqual([415, 'unsupported-media-type']);
  });

  it('answers 413 past the limit, counted in bytes, plain or base64', () => {
    const over = 'é'.repeat(MAX_BODY_BYTES / 2 + 1); // two bytes a character
    expect(failure(yaml, over).status).toBe(413);
    expect(failure(yaml, Buffer.from(over).toString('base64'), true).status).toBe(413);
    expect(readLectureBody(yaml, 'a'.repeat(MAX_BODY_BYTES), false).text).toHaveLength(MAX_BODY_BYTES);
  });

  it('answers 400 to an empty body and to bytes that are not UTF-8', () => {
    expect([failure(yaml, undefined).code, failure(yaml, '').code]).toEqual(['empty-body', 'empty-body']);
    const latin1 = Buffer.from([0x69, 0x64, 0x3a, 0x20, 0xe9]).toString('base64');
    const error = failure(yaml, latin1, true);
    expect([error.status, error.code]).toEqual([400, 'bad-encoding']);
  });
});
