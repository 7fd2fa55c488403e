import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
  ApiError,
  fieldMessages,
  parseErrorResponse,
  request,
  setCsrfToken,
  setUnauthorizedHandler,
  withQuery,
} from './client';

describe('parseErrorResponse', () => {
  it('keeps the code, message and field messages of the API error shape', () => {
    const err = parseErrorResponse(
      400,
      JSON.stringify({
        error: {
          code: 'validation_failed',
          message: 'The request has problems.',
          fields: { email: 'is required' },
        },
      }),
    );
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(400);
    expect(err.code).toBe('validation_failed');
    expect(err.message).toBe('The request has problems.');
    expect(err.fields).toEqual({ email: 'is required' });
  });

  it('recognises a version conflict', () => {
    const err = parseErrorResponse(
      409,
      JSON.stringify({ error: { code: 'version_conflict', message: 'Changed by Sam.' } }),
    );
    expect(err.isConflict).toBe(true);
    expect(err.fields).toEqual({});
  });

  it('explains answers that are not the API shape (a proxy page, an empty body)', () => {
    const gateway = parseErrorResponse(502, '<html><body>Bad gateway</body></html>');
    expect(gateway.code).toBe('server_error');
    expect(gateway.message).toMatch(/not reachable/);
    expect(parseErrorResponse(500, '').message).toMatch(/HTTP 500/);
    expect(parseErrorResponse(418, '{"oops":true}').message).toBe('The request failed (HTTP 418).');
    expect(parseErrorResponse(429, '').message).toMatch(/Too many attempts/);
  });
});

describe('helpers', () => {
  it('capitalises field messages for display next to inputs', () => {
    const err = new ApiError(400, 'validation_failed', 'x', {
      name: 'is required',
      'smtp.port': 'must be at most 65535',
    });
    expect(fieldMessages(err)).toEqual({ name: 'Is required', 'smtp.port': 'Must be at most 65535' });
    expect(fieldMessages(new Error('plain'))).toEqual({});
  });

  it('builds query strings without empty values', () => {
    expect(
      withQuery('/api/v1/users', { q: 'ann', roleId: null, active: undefined, limit: 25, cursor: '' }),
    ).toBe('/api/v1/users?q=ann&limit=25');
    expect(withQuery('/api/v1/users', {})).toBe('/api/v1/users');
  });
});

describe('request', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
    setUnauthorizedHandler(null);
  });

  function stubFetch(status: number, body: unknown) {
    const fetchMock = vi.fn(
      async (_url: string, _init?: RequestInit) =>
        new Response(typeof body === 'string' ? body : JSON.stringify(body), { status }),
    );
    vi.stubGlobal('fetch', fetchMock);
    return fetchMock;
  }

  it('sends the CSRF token on writes only, and parses the answer with the schema', async () => {
    setCsrfToken('tok-123');
    const fetchMock = stubFetch(200, { ok: true, extra: 'dropped' });
    const schema = z.object({ ok: z.literal(true) });
    await expect(request('/api/v1/things', { method: 'POST', body: { a: 1 }, schema })).resolves.toEqual({
      ok: true,
    });
    const post = fetchMock.mock.calls[0]![1]!;
    expect((post.headers as Record<string, string>)['x-csrf-token']).toBe('tok-123');
    expect(post.credentials).toBe('same-origin');
    expect(post.body).toBe('{"a":1}');

    await request('/api/v1/things', { schema });
    expect((fetchMock.mock.calls[1]![1]!.headers as Record<string, string>)['x-csrf-token']).toBeUndefined();
  });

  it('reports an ended session once, but not for the sign-in calls themselves', async () => {
    const ended = vi.fn();
    setUnauthorizedHandler(ended);
    stubFetch(401, { error: { code: 'unauthorized', message: 'Please sign in.' } });
    await expect(request('/api/v1/users')).rejects.toMatchObject({ status: 401, message: 'Please sign in.' });
    expect(ended).toHaveBeenCalledTimes(1);
    await expect(request('/api/v1/auth/login', { method: 'POST', body: {} })).rejects.toBeInstanceOf(
      ApiError,
    );
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it('turns a network failure and an unexpected answer into readable errors', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(request('/api/v1/users')).rejects.toMatchObject({ status: 0, code: 'network' });

    vi.spyOn(console, 'error').mockImplementation(() => {});
    stubFetch(200, { items: 'not a list' });
    await expect(
      request('/api/v1/users', { schema: z.object({ items: z.array(z.string()) }) }),
    ).rejects.toMatchObject({
      code: 'bad_response',
    });
  });
});
