import { describe, expect, it } from 'vitest';
import { undescribedOperations } from './openapi-contract.ts';

describe('the OpenAPI contract check', () => {
  it('names each operation whose success answer is not described', () => {
    const doc = {
      paths: {
        '/a': {
          get: { responses: { 200: { content: { 'application/json': { schema: { type: 'object' } } } } } },
          delete: { responses: { 204: { description: 'gone' } } },
          post: { responses: { 200: { description: 'default response' } } },
        },
        '/b': { put: { responses: { 400: { content: { 'application/json': { schema: {} } } } } } },
        '/c': { get: { responses: { 200: { content: { 'text/xml': { schema: { type: 'string' } } } } } } },
      },
    };
    expect(undescribedOperations(doc)).toEqual(['POST /a', 'PUT /b']);
  });
});
