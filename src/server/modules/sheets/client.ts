/**
 * A small Google Sheets API v4 client for a service account: a signed JWT (RS256) is exchanged for an OAuth
 * access token (RFC 7523 jwt-bearer grant) that is cached and renewed a minute before it expires; Sheets
 * calls carry it as a Bearer token. The token and API base URLs come from the service account JSON and the
 * settings, so tests point the same client at a local server that speaks the documented API. Every failure
 * becomes a SheetsError whose message tells a person what to do.
 */
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { assertConnectable, BlockedHostError } from '../../kernel/netGuard';

export const SHEETS_SCOPE = 'https://www.googleapis.com/auth/spreadsheets';
export const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token';
export const GOOGLE_SHEETS_API = 'https://sheets.googleapis.com';
/** Renew a token this long before Google says it expires. */
const REFRESH_MARGIN_MS = 60_000;

export type SheetsErrorKind =
  | 'invalid_key'
  | 'auth'
  | 'forbidden'
  | 'not_found'
  | 'bad_request'
  | 'rate_limited'
  | 'unreachable'
  | 'server';

export class SheetsError extends Error {
  constructor(
    readonly kind: SheetsErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface ServiceAccount {
  clientEmail: string;
  privateKey: string;
  privateKeyId: string;
  tokenUri: string;
}

/** Reads a service account key file (the JSON Google Cloud downloads); the key is checked, not just present. */
export function parseServiceAccount(json: string): ServiceAccount {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(json) as Record<string, unknown>;
  } catch {
    throw new SheetsError(
      'invalid_key',
      'The service account file is not JSON. Upload the key file Google Cloud downloaded.',
    );
  }
  if (raw === null || typeof raw !== 'object')
    throw new SheetsError('invalid_key', 'The service account file is not a JSON object.');
  const str = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string).trim() : '');
  if (raw.type !== undefined && raw.type !== 'service_account')
    throw new SheetsError(
      'invalid_key',
      `The file is a "${String(raw.type)}" key, not a service account key.`,
    );
  const clientEmail = str('client_email');
  const privateKey = str('private_key').replace(/\\n/g, '\n');
  if (!clientEmail || !/^[^\s@]+@[^\s@]+$/.test(clientEmail))
    throw new SheetsError('invalid_key', 'The service account file has no client_email.');
  if (!privateKey) throw new SheetsError('invalid_key', 'The service account file has no private_key.');
  readKey(privateKey);
  const tokenUri = str('token_uri') || GOOGLE_TOKEN_URI;
  if (!/^https?:\/\//.test(tokenUri))
    throw new SheetsError('invalid_key', `The token_uri "${tokenUri}" is not an http(s) address.`);
  return { clientEmail, privateKey, privateKeyId: str('private_key_id'), tokenUri };
}

function readKey(pem: string): KeyObject {
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'rsa') throw new Error('not an RSA key');
    return key;
  } catch (e) {
    throw new SheetsError(
      'invalid_key',
      `The service account's private key could not be read (${(e as Error).message}). Upload the key file again.`,
    );
  }
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** The signed assertion of the jwt-bearer grant. */
export function signAssertion(account: ServiceAccount, nowMs: number, scope = SHEETS_SCOPE): string {
  const iat = Math.floor(nowMs / 1000);
  const header = { alg: 'RS256', typ: 'JWT', ...(account.privateKeyId ? { kid: account.privateKeyId } : {}) };
  const claims = { iss: account.clientEmail, scope, aud: account.tokenUri, iat, exp: iat + 3600 };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${b64url(sign('RSA-SHA256', Buffer.from(input), readKey(account.privateKey)))}`;
}

export type CellValue = string | number | boolean;
export type ValueInputOption = 'RAW' | 'USER_ENTERED';

export interface SheetProperties {
  sheetId: number;
  title: string;
  index: number;
  gridProperties?: {
    rowCount?: number;
    columnCount?: number;
    frozenRowCount?: number;
    frozenColumnCount?: number;
  };
}
export interface SpreadsheetMeta {
  spreadsheetId: string;
  properties: { title: string };
  sheets: { properties: SheetProperties; conditionalFormats?: unknown[] }[];
}

export interface ClientOptions {
  account: ServiceAccount;
  apiBaseUrl?: string;
  now?: () => number;
  timeoutMs?: number;
}

/** Quotes a tab title for A1 notation: 'My Tab'!A1:B2. */
export function a1(sheetTitle: string, range?: string): string {
  const quoted = `'${sheetTitle.replace(/'/g, "''")}'`;
  return range ? `${quoted}!${range}` : quoted;
}

/** Column number (1-based) → letters: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

export class SheetsClient {
  private token: { value: string; expiresAt: number } | null = null;
  private pending: Promise<string> | null = null;
  private readonly base: string;
  private readonly now: () => number;
  private readonly timeoutMs: number;
  /** How many tokens this client fetched (tests check the caching). */
  tokensFetched = 0;

  constructor(private readonly opts: ClientOptions) {
    this.base = (opts.apiBaseUrl || GOOGLE_SHEETS_API).replace(/\/+$/, '');
    this.now = opts.now ?? Date.now;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
  }

  get account(): ServiceAccount {
    return this.opts.account;
  }

  /** A valid access token: the cached one, or a new one when it is missing or about to expire. */
  async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt - REFRESH_MARGIN_MS > this.now()) return this.token.value;
    // Concurrent callers share one exchange.
    this.pending ??= this.fetchToken().finally(() => (this.pending = null));
    return this.pending;
  }

  private async fetchToken(): Promise<string> {
    const { account } = this.opts;
    const assertion = signAssertion(account, this.now());
    const res = await this.send(account.tokenUri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion,
      }).toString(),
    });
    const body = (await res.json().catch(() => ({}))) as {
      access_token?: string;
      expires_in?: number;
      error?: string;
      error_description?: string;
    };
    if (!res.ok || !body.access_token) {
      const why = body.error_description || body.error || `HTTP ${res.status}`;
      throw new SheetsError(
        res.status >= 500 ? 'server' : 'auth',
        `Google refused the service account ${account.clientEmail}: ${why}. Check that the key is current (keys can be deleted or disabled in the Google Cloud console).`,
        res.status,
      );
    }
    this.tokensFetched++;
    this.token = {
      value: body.access_token,
      expiresAt: this.now() + (Number(body.expires_in) || 3600) * 1000,
    };
    return body.access_token;
  }

  private async send(url: string, init: RequestInit, retried = false): Promise<Response> {
    if (!retried) {
      let hostname = '';
      try {
        hostname = new URL(url).hostname;
      } catch {
        // A malformed address fails below, in fetch's words.
      }
      if (hostname)
        await assertConnectable(hostname).catch((e: unknown) => {
          throw e instanceof BlockedHostError ? new SheetsError('unreachable', e.message) : e;
        });
    }
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (e) {
      const err = e as Error & { cause?: { code?: string; message?: string } };
      // A kept-alive connection the server closed while we were busy (a long pull): open a new one, once.
      if (!retried && ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'].includes(err.cause?.code ?? ''))
        return this.send(url, init, true);
      const host = (() => {
        try {
          return new URL(url).host;
        } catch {
          return url;
        }
      })();
      const why =
        err.name === 'TimeoutError'
          ? `no answer within ${Math.round(this.timeoutMs / 1000)} s`
          : (err.cause?.code ?? err.cause?.message ?? err.message);
      throw new SheetsError('unreachable', `Could not reach ${host} (${why}). Check the network connection.`);
    }
  }

  /** One Sheets API call, with the token renewed and the call retried once if Google says it expired. */
  private async call<T>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    query: Record<string, string> = {},
    body?: unknown,
  ): Promise<T> {
    const qs = new URLSearchParams(query).toString();
    const url = `${this.base}/v4/spreadsheets/${path}${qs ? `?${qs}` : ''}`;
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken();
      const res = await this.send(url, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (res.status === 401 && attempt === 0) {
        this.token = null;
        continue;
      }
      const text = await res.text();
      if (res.ok) return (text ? JSON.parse(text) : {}) as T;
      throw this.mapError(res.status, text, path);
    }
  }

  private mapError(status: number, text: string, path: string): SheetsError {
    let message = '';
    try {
      message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? '';
    } catch {
      message = text.slice(0, 200);
    }
    const id = decodeURIComponent(path.split(/[/:?]/)[0] ?? '');
    const email = this.opts.account.clientEmail;
    if (status === 401)
      return new SheetsError(
        'auth',
        `Google did not accept the access token (${message || 'unauthenticated'}).`,
        status,
      );
    if (status === 403)
      return new SheetsError(
        'forbidden',
        `The spreadsheet ${id} is not shared with the service account. In Google Sheets choose Share and give ${email} Editor access.`,
        status,
      );
    if (status === 404)
      return new SheetsError(
        'not_found',
        `No spreadsheet has the id ${id}. Check the spreadsheet URL or id in the settings.`,
        status,
      );
    if (status === 429)
      return new SheetsError(
        'rate_limited',
        'Google asks to slow down (rate limit). Try again in a minute.',
        status,
      );
    if (status >= 500)
      return new SheetsError(
        'server',
        `Google Sheets had an error (${status}${message ? `: ${message}` : ''}). Try again later.`,
        status,
      );
    return new SheetsError(
      'bad_request',
      `Google Sheets refused the request: ${message || `HTTP ${status}`}.`,
      status,
    );
  }

  spreadsheet(id: string, fields?: string): Promise<SpreadsheetMeta> {
    return this.call('GET', encodeURIComponent(id), fields ? { fields } : {});
  }

  async getValues(
    id: string,
    range: string,
    opts: {
      valueRenderOption?: 'FORMATTED_VALUE' | 'UNFORMATTED_VALUE';
      dateTimeRenderOption?: 'FORMATTED_STRING' | 'SERIAL_NUMBER';
    } = {},
  ): Promise<CellValue[][]> {
    const res = await this.call<{ values?: CellValue[][] }>(
      'GET',
      `${encodeURIComponent(id)}/values/${encodeURIComponent(range)}`,
      { majorDimension: 'ROWS', ...opts },
    );
    return res.values ?? [];
  }

  updateValues(id: string, range: string, values: CellValue[][], input: ValueInputOption = 'USER_ENTERED') {
    return this.call<{ updatedRows?: number; updatedCells?: number }>(
      'PUT',
      `${encodeURIComponent(id)}/values/${encodeURIComponent(range)}`,
      { valueInputOption: input },
      { range, majorDimension: 'ROWS', values },
    );
  }

  batchUpdateValues(
    id: string,
    data: { range: string; values: CellValue[][] }[],
    input: ValueInputOption = 'USER_ENTERED',
  ) {
    return this.call<{ totalUpdatedRows?: number; totalUpdatedCells?: number }>(
      'POST',
      `${encodeURIComponent(id)}/values:batchUpdate`,
      {},
      { valueInputOption: input, data: data.map((d) => ({ ...d, majorDimension: 'ROWS' })) },
    );
  }

  clearValues(id: string, range: string) {
    return this.call<{ clearedRange?: string }>(
      'POST',
      `${encodeURIComponent(id)}/values/${encodeURIComponent(range)}:clear`,
      {},
      {},
    );
  }

  batchUpdate(id: string, requests: Record<string, unknown>[]) {
    return this.call<{ replies?: Record<string, unknown>[] }>(
      'POST',
      `${encodeURIComponent(id)}:batchUpdate`,
      {},
      {
        requests,
      },
    );
  }
}
