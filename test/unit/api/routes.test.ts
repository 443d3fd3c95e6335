import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../lambdas/api/http.js';
import { matchRoute } from '../../../lambdas/api/routes.js';

function failure(method: string, path: string): HttpError {
  try {
    matchRoute(method, path);
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error(`${method} ${path} matched a route`);
}

describe('matchRoute', () => {
  it.each([
    ['GET', '/api/decks', { name: 'list-decks' }],
    ['POST', '/api/decks', { name: 'create-deck' }],
    ['POST', '/api/decks/', { name: 'create-deck' }],
    ['GET', '/api/decks/cold-war', { name: 'get-deck', id: 'cold-war' }],
    ['PUT', '/api/decks/cold-war', { name: 'put-deck', id: 'cold-war' }],
    ['DELETE', '/api/decks/cold-war/', { name: 'delete-deck', id: 'cold-war' }],
    ['GET', '/api/decks/cold%2Dwar', { name: 'get-deck', id: 'cold-war' }],
    ['POST', '/api/validate', { name: 'validate' }],
  ])('%s %s', (method, path, route) => {
    expect(matchRoute(method, path)).toEqual(route);
  });

  it.each([
    ['DELETE', '/api/decks', 'GET, POST'],
    ['GET', '/api/validate', 'POST'],
    ['POST', '/api/decks/a', 'GET, PUT, DELETE'],
  ])('answers 405 to %s %s, naming what it allows', (method, path, allow) => {
    const error = failure(method, path);
    expect([error.status, error.code, error.headers.allow]).toEqual([405, 'method-not-allowed', allow]);
  });

  it.each([
    ['capitals', '/api/decks/Cold-War'],
    ['a reserved id', '/api/decks/assets'],
    ['an encoded slash', '/api/decks/a%2Fb'],
    ['an encoded ..', '/api/decks/%2e%2e'],
    ['an id too long', `/api/decks/${'a'.repeat(65)}`],
  ])('answers 400 to %s', (_, path) => {
    const error = failure('GET', path);
    expect([error.status, error.code]).toEqual([400, 'bad-id']);
  });

  it.each(['/api', '/api/', '/api/decks/a/b', '/api/other', '/decks/a'])('answers 404 to %s', (path) => {
    const error = failure('GET', path);
    expect([error.status, error.code]).toEqual([404, 'not-found']);
  });
});
