/**
 * HTTP plumbing shared by every module: the typed app instance, route access declarations, the one hook
 * that enforces them, and the one error handler that gives every failure the same shape.
 */
import type {
  FastifyBaseLogger,
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import fastJsonStringify from 'fast-json-stringify';
import { hasZodFastifySchemaValidationErrors, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can, describePermission, type Permission } from '../../shared/permissions';
import { isForeignKeyViolation, isUniqueViolation } from '../db/dialect';
import type { Actor } from './context';
import { AppError, forbidden, unauthorized } from './errors';

/**
 * What a route requires. `public`: anyone; `signed-in`: any signed-in user (their own profile, their
 * notifications); `two-factor`: a session that passed the password step but not yet the code; otherwise
 * a permission name such as `users.create`.
 */
export type RouteAccess = 'public' | 'signed-in' | 'two-factor' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Token scope a Bearer token needs for this route (default "api"). */
    tokenScope?: string;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** The data version read with this request's sign-in, if it was (Authenticated.dataVersion). */
    dataVersion: string | null;
  }
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface Authenticated {
  actor: Actor;
  twoFactorPending: boolean;
  csrfToken: string | null;
  /**
   * The data version (DbHandle.dataVersion) as of the sign-in lookup, where it came with it (PostgreSQL): a
   * handler that keeps results by data version can take it as the version before it reads, one round trip
   * fewer than asking.
   */
  dataVersion?: string | null;
}
export type Authenticator = (req: FastifyRequest) => Promise<Authenticated | null>;

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Responses are serialised by fast-json-stringify from the JSON Schema of each route's zod response
 * schema: it writes only the declared fields (nothing a presenter forgot to drop leaks out) and is several
 * times faster than validating every response with zod before JSON.stringify.
 */
export const responseSerializerCompiler = ({ schema }: { schema: unknown }) => {
  const json = z.toJSONSchema(schema as z.ZodType, {
    target: 'draft-7',
    io: 'output',
    unrepresentable: 'any',
  });
  return fastJsonStringify(json as Parameters<typeof fastJsonStringify>[0]) as (data: unknown) => string;
};

/** Requires the signed-in actor; routes that declare a permission always have one. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthorized();
  return req.actor;
}

/** One API route and the access it declared, as the generated route × role test walks them. */
export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess;
  tokenScope?: string;
}
const routeTables = new WeakMap<object, RegisteredRoute[]>();

/** Every /api route the app registered (HEAD twins included), in registration order. */
export function registeredRoutes(app: App): readonly RegisteredRoute[] {
  return routeTables.get(app) ?? [];
}

export function installAccessControl(app: App, authenticate: Authenticator): void {
  const table: RegisteredRoute[] = [];
  routeTables.set(app, table);
  app.decorateRequest('actor', null);
  app.decorateRequest('dataVersion', null);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const access = route.config?.access;
    if (!access) {
      throw new Error(
        `Route ${String(route.method)} ${route.url} declares no access; every API route must say who may call it.`,
      );
    }
    for (const method of [route.method].flat())
      table.push({ method, url: route.url, access, tokenScope: route.config?.tokenScope });
  });
  app.addHook('onRequest', async (req) => {
    const access = req.routeOptions.config?.access;
    if (!access) return;
    const auth = await authenticate(req);
    req.dataVersion = auth?.dataVersion ?? null;
    if (access === 'public') {
      req.actor = auth && !auth.twoFactorPending ? auth.actor : null;
      return;
    }
    if (!auth) throw unauthorized('Please sign in to continue.');
    if (access === 'two-factor') {
      if (!auth.twoFactorPending)
        throw new AppError(
          409,
          'two_factor_not_pending',
          'There is no sign-in waiting for a two-factor code.',
        );
    } else if (auth.twoFactorPending) {
      throw unauthorized('Finish signing in: enter the code from your authenticator app.');
    }
    if (auth.actor.via === 'session' && UNSAFE.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (!auth.csrfToken || sent !== auth.csrfToken) {
        throw new AppError(
          403,
          'csrf_failed',
          'This request is missing its security token (X-CSRF-Token). Reload the page and try again.',
        );
      }
    }
    if (auth.actor.via === 'token') {
      const scope = req.routeOptions.config?.tokenScope ?? 'api';
      if (!auth.actor.tokenScopes?.includes(scope))
        throw forbidden(`This API token lacks the "${scope}" scope.`);
    }
    req.actor = auth.actor;
    if (access === 'signed-in' || access === 'two-factor') return;
    if (!can(auth.actor.permissions, access)) {
      throw forbidden(`Your role does not allow you to ${describePermission(access)}.`);
    }
  });
}

function zodFieldErrors(err: FastifyError): { fields: Record<string, string>; where: string } {
  const fields: Record<string, string> = {};
  const validation = (
    err as unknown as {
      validation: {
        keyword?: string;
        instancePath?: string;
        message?: string;
        params?: { keys?: string[] };
      }[];
    }
  ).validation;
  for (const v of validation) {
    const base = (v.instancePath ?? '').split('/').filter(Boolean).join('.');
    if (v.keyword === 'unrecognized_keys' && v.params?.keys) {
      for (const k of v.params.keys) fields[base ? `${base}.${k}` : k] = 'is not a known field';
      continue;
    }
    fields[base || '(body)'] ??= humanise(v.message ?? 'is not valid');
  }
  return { fields, where: (err as unknown as { validationContext?: string }).validationContext ?? 'body' };
}

const withArticle = (noun: string) => (/^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`);

/** Zod's default messages, phrased for people (imports phrase row errors with it too). */
export function humanise(message: string): string {
  return message
    .replace(/^Invalid input: expected (\w+), received undefined$/, 'is required')
    .replace(/^Invalid input: expected int, received number$/, 'must be a whole number')
    .replace(/^Invalid input: expected number, received NaN$/, 'must be a number')
    .replace(
      /^Invalid input: expected (\w+), received (\w+)$/,
      (_m, want: string, got: string) => `must be ${withArticle(want)}, not ${withArticle(got)}`,
    )
    .replace(/^Too small: expected string to have >=(\d+) characters?$/, 'must be at least $1 characters')
    .replace(/^Too big: expected string to have <=(\d+) characters?$/, 'must be at most $1 characters')
    .replace(/^Too small: expected number to be >=(-?[\d.]+)$/, 'must be at least $1')
    .replace(/^Too big: expected number to be <=(-?[\d.]+)$/, 'must be at most $1')
    .replace(
      /^Invalid option: expected one of (.*)$/,
      (_m, list: string) => `must be one of ${list.replaceAll('|', ', ')}`,
    );
}

/**
 * Errors Fastify's router raises before any route or error handler runs (a broken %-escape, an overlong
 * path segment), answered in the one error shape.
 */
export function frameworkError(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const message =
    err.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'A part of the address is too long.'
      : err.code === 'FST_ERR_BAD_URL'
        ? 'The address is not valid: it has a broken %-escape.'
        : 'The address is not valid.';
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  void reply.status(status).send({ error: { code: 'bad_request', message } });
}

export function notFoundBody(method: string, url: string) {
  return {
    error: { code: 'not_found', message: `There is no ${method} ${url.split('?')[0]} in the Accord API.` },
  };
}

export function installErrorHandler(app: App, bodyLimitBytes: number): void {
  const send = (
    reply: FastifyReply,
    status: number,
    code: string,
    message: string,
    fields?: Record<string, string>,
    existingId?: string,
  ) =>
    reply.status(status).send({
      error: {
        code,
        message,
        ...(fields && Object.keys(fields).length ? { fields } : {}),
        ...(existingId ? { existingId } : {}),
      },
    });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      if (err.headers) reply.headers(err.headers);
      return send(reply, err.status, err.code, err.message, err.fields, err.existingId);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const { fields, where } = zodFieldErrors(err);
      const list = Object.entries(fields)
        .map(([k, v]) => `${k} ${v}`)
        .join('; ');
      const what =
        where === 'querystring'
          ? 'query parameters have'
          : where === 'params'
            ? 'address has'
            : 'request has';
      return send(reply, 400, 'validation_failed', `The ${what} problems: ${list}.`, fields);
    }
    switch (err.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(reply, 400, 'invalid_json', 'The request body is not valid JSON.');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(
          reply,
          413,
          'body_too_large',
          `The request body is larger than the limit of ${Math.round(bodyLimitBytes / 1024)} KB.`,
        );
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(reply, 415, 'unsupported_media_type', 'Send the request body as application/json.');
      case 'FST_REQ_FILE_TOO_LARGE':
        return send(reply, 413, 'file_too_large', 'The file is larger than the upload limit of 10 MB.');
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        return send(reply, 415, 'unsupported_media_type', 'Send the file as multipart/form-data.');
      case 'FST_FILES_LIMIT':
      case 'FST_PARTS_LIMIT':
        return send(reply, 400, 'bad_request', 'Send one file per request.');
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return send(
          reply,
          400,
          'bad_request',
          'The request body length does not match its Content-Length header.',
        );
    }
    if (err instanceof SyntaxError)
      return send(reply, 400, 'invalid_json', 'The request body is not valid JSON.');
    if (isUniqueViolation(err))
      return send(reply, 409, 'duplicate', 'A record with the same unique value already exists.');
    if (isForeignKeyViolation(err))
      return send(
        reply,
        409,
        'in_use',
        'The record refers to, or is referred to by, another record that does not allow this change.',
      );
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return send(reply, err.statusCode, 'bad_request', err.message);
    }
    req.log.error({ err }, 'unhandled error');
    return send(
      reply,
      500,
      'internal',
      'Something went wrong on our side. The error was logged; please try again.',
    );
  });
}
