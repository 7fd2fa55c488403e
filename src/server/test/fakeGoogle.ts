/**
 * A local server that speaks the documented parts of Google's OAuth token endpoint (jwt-bearer grant) and the
 * Sheets API v4 that Accord uses, keeping spreadsheets in memory — so the real client is tested over real
 * HTTP. It verifies the JWT assertion's RS256 signature against the service accounts it issued, issues
 * expiring tokens, checks the Bearer token on every Sheets call, checks who a spreadsheet is shared with,
 * and validates request shapes (A1 ranges, valueInputOption, batchUpdate request kinds). Tests can make it
 * fail, expire its tokens, and read or edit the cells.
 */
import { generateKeyPairSync, randomBytes, verify, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Cell = string | number | boolean;

export interface FakeTab {
  sheetId: number;
  title: string;
  cells: Cell[][];
  frozenRows: number;
  frozenColumns: number;
  hiddenColumns: Set<number>;
  columnWidths: Map<number, number>;
  boldRows: Set<number>;
  conditionalFormats: unknown[];
  basicFilter: boolean;
  numberFormats: Map<number, string>;
}

interface FakeSpreadsheet {
  id: string;
  title: string;
  sharedWith: Set<string>;
  tabs: FakeTab[];
}

const BATCH_KINDS = new Set([
  'addSheet',
  'updateSheetProperties',
  'repeatCell',
  'updateDimensionProperties',
  'setBasicFilter',
  'clearBasicFilter',
  'addConditionalFormatRule',
  'deleteConditionalFormatRule',
  'addBanding',
  'deleteBanding',
  'autoResizeDimensions',
]);

/** Parses a column-letters reference: A → 0. */
function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

interface ParsedRange {
  tab: string | null;
  c1: number;
  r1: number;
  c2: number | null;
  r2: number | null;
}

/** A1 notation as the API accepts it: Tab, 'My Tab'!A1:B2, Tab!A:ZZ, A1:C. */
export function parseA1(range: string): ParsedRange | null {
  if (!range) return null;
  let tab: string | null = null;
  let rest = range;
  const bang = range.lastIndexOf('!');
  if (bang >= 0) {
    const t = range.slice(0, bang);
    tab = t.startsWith("'") ? (t.endsWith("'") ? t.slice(1, -1).replace(/''/g, "'") : null) : t;
    if (tab === null || tab === '') return null;
    rest = range.slice(bang + 1);
  } else if (!/^[A-Z]+\d*(:[A-Z]+\d*)?$/.test(range)) {
    // A bare name is a whole tab.
    tab = range.startsWith("'") ? range.slice(1, -1).replace(/''/g, "'") : range;
    return { tab, c1: 0, r1: 0, c2: null, r2: null };
  }
  const cm = /^([A-Z]+)(\d+)?(?::([A-Z]+)(\d+)?)?$/.exec(rest);
  if (!cm) return null;
  return {
    tab,
    c1: colIndex(cm[1]!),
    r1: cm[2] ? Number(cm[2]) - 1 : 0,
    c2: cm[3] ? colIndex(cm[3]) : cm[2] ? colIndex(cm[1]!) : colIndex(cm[1]!),
    r2: cm[4] ? Number(cm[4]) - 1 : cm[3] ? null : cm[2] ? Number(cm[2]) - 1 : null,
  };
}

export interface FakeGoogle {
  url: string;
  tokenUrl: string;
  /** A service account key file whose key this server trusts. */
  serviceAccountJson(email?: string): string;
  /** The same account with a key this server does not know (a revoked or wrong key). */
  untrustedServiceAccountJson(email?: string): string;
  createSpreadsheet(id: string, opts?: { sharedWith?: string[]; title?: string; tabs?: string[] }): void;
  tab(id: string, title: string): FakeTab | undefined;
  /** The tab's values as rows of strings (what a person sees). */
  rows(id: string, title: string): string[][];
  setCell(id: string, title: string, row: number, col: number, value: Cell): void;
  /** The next `count` Sheets calls fail with this status and message. */
  failNext(status: number, message?: string, count?: number): void;
  /** Every issued token stops working (as when they expire). */
  expireTokens(): void;
  tokenLifetimeSeconds: number;
  stats: { tokenRequests: number; sheetsCalls: number; rejectedBearer: number };
  log: { method: string; path: string; body?: unknown }[];
  close(): Promise<void>;
}

const DEFAULT_EMAIL = 'accord-sync@accord-test.iam.gserviceaccount.com';

export async function startFakeGoogle(opts: { port?: number; host?: string } = {}): Promise<FakeGoogle> {
  const keys = new Map<string, KeyObject>(); // client_email → public key
  const tokens = new Map<string, { email: string; expiresAt: number }>();
  const books = new Map<string, FakeSpreadsheet>();
  const failures: { status: number; message: string }[] = [];
  let nextSheetId = 1;
  const pems = new Map<string, string>();
  const log: FakeGoogle['log'] = [];
  const stats = { tokenRequests: 0, sheetsCalls: 0, rejectedBearer: 0 };

  function keyPair(): { pub: KeyObject; pem: string } {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return { pub: publicKey, pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
  }

  const newTab = (title: string): FakeTab => ({
    sheetId: nextSheetId++,
    title,
    cells: [],
    frozenRows: 0,
    frozenColumns: 0,
    hiddenColumns: new Set(),
    columnWidths: new Map(),
    boldRows: new Set(),
    conditionalFormats: [],
    basicFilter: false,
    numberFormats: new Map(),
  });

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
  const apiError = (res: http.ServerResponse, code: number, status: string, message: string) =>
    send(res, code, { error: { code, message, status } });

  async function readBody(req: http.IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  function handleToken(body: string, res: http.ServerResponse, tokenUrl: string) {
    stats.tokenRequests++;
    const form = new URLSearchParams(body);
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer')
      return send(res, 400, { error: 'unsupported_grant_type', error_description: 'Invalid grant_type.' });
    const parts = (form.get('assertion') ?? '').split('.');
    if (parts.length !== 3)
      return send(res, 400, { error: 'invalid_request', error_description: 'Invalid assertion format.' });
    let header: { alg?: string };
    let claims: { iss?: string; aud?: string; scope?: string; iat?: number; exp?: number };
    try {
      header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as typeof header;
      claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as typeof claims;
    } catch {
      return send(res, 400, { error: 'invalid_request', error_description: 'Invalid JWT encoding.' });
    }
    if (header.alg !== 'RS256')
      return send(res, 400, { error: 'invalid_grant', error_description: 'Invalid JWT algorithm.' });
    const pub = keys.get(claims.iss ?? '');
    if (!pub) return send(res, 400, { error: 'invalid_grant', error_description: 'Invalid issuer.' });
    const ok = verify(
      'RSA-SHA256',
      Buffer.from(`${parts[0]}.${parts[1]}`),
      pub,
      Buffer.from(parts[2]!, 'base64url'),
    );
    if (!ok) return send(res, 400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
    const now = Math.floor(Date.now() / 1000);
    if (claims.aud !== tokenUrl)
      return send(res, 400, { error: 'invalid_grant', error_description: 'Invalid JWT audience.' });
    if (
      !claims.exp ||
      !claims.iat ||
      claims.exp <= now ||
      claims.iat > now + 300 ||
      claims.exp - claims.iat > 3600
    )
      return send(res, 400, {
        error: 'invalid_grant',
        error_description:
          'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.',
      });
    if (!(claims.scope ?? '').split(' ').includes('https://www.googleapis.com/auth/spreadsheets'))
      return send(res, 400, { error: 'invalid_scope', error_description: 'Missing the spreadsheets scope.' });
    const token = `ya29.fake-${randomBytes(16).toString('hex')}`;
    tokens.set(token, { email: claims.iss!, expiresAt: Date.now() + fake.tokenLifetimeSeconds * 1000 });
    return send(res, 200, {
      access_token: token,
      expires_in: fake.tokenLifetimeSeconds,
      token_type: 'Bearer',
    });
  }

  function userEntered(v: unknown): Cell {
    if (typeof v === 'number' || typeof v === 'boolean') return v;
    const s = String(v ?? '');
    if (s.startsWith("'")) return s.slice(1);
    if (/^-?\d+(\.\d+)?$/.test(s.trim()) && s.trim() !== '') return Number(s.trim());
    if (/^(true|false)$/i.test(s)) return s.toLowerCase() === 'true';
    return s;
  }

  function writeRange(tab: FakeTab, r: ParsedRange, values: unknown[][], input: string) {
    values.forEach((row, i) => {
      const rr = r.r1 + i;
      while (tab.cells.length <= rr) tab.cells.push([]);
      const line = tab.cells[rr]!;
      row.forEach((v, j) => {
        const cc = r.c1 + j;
        while (line.length <= cc) line.push('');
        line[cc] = input === 'RAW' ? (v as Cell) : userEntered(v);
      });
    });
  }

  function validValues(values: unknown): values is unknown[][] {
    return (
      Array.isArray(values) &&
      values.every(
        (row) =>
          Array.isArray(row) &&
          row.every((c) => c === null || ['string', 'number', 'boolean'].includes(typeof c)),
      )
    );
  }

  function tabFor(book: FakeSpreadsheet, r: ParsedRange): FakeTab | undefined {
    return r.tab === null ? book.tabs[0] : book.tabs.find((t) => t.title === r.tab);
  }

  function applyBatchRequest(
    book: FakeSpreadsheet,
    req: Record<string, unknown>,
  ): string | Record<string, unknown> {
    const kinds = Object.keys(req);
    if (kinds.length !== 1) return 'Each request must have exactly one kind.';
    const kind = kinds[0]!;
    if (!BATCH_KINDS.has(kind))
      return `Invalid JSON payload received. Unknown name "${kind}" at 'requests[0]'.`;
    const body = req[kind] as Record<string, any>;
    const byId = (id: unknown) => book.tabs.find((t) => t.sheetId === id);
    const rangeTab = (range: Record<string, unknown> | undefined) =>
      range ? byId(range.sheetId) : undefined;
    switch (kind) {
      case 'addSheet': {
        const title = body?.properties?.title;
        if (typeof title !== 'string' || !title) return 'addSheet needs properties.title.';
        if (book.tabs.some((t) => t.title === title))
          return `A sheet with the name "${title}" already exists. Please enter another name.`;
        const tab = newTab(title);
        book.tabs.push(tab);
        return { addSheet: { properties: { sheetId: tab.sheetId, title, index: book.tabs.length - 1 } } };
      }
      case 'updateSheetProperties': {
        const tab = byId(body?.properties?.sheetId);
        if (!tab) return 'No grid with id: ' + String(body?.properties?.sheetId);
        if (typeof body.fields !== 'string' || !body.fields) return "updateSheetProperties needs 'fields'.";
        const g = body.properties.gridProperties ?? {};
        if (g.frozenRowCount !== undefined) tab.frozenRows = g.frozenRowCount;
        if (g.frozenColumnCount !== undefined) tab.frozenColumns = g.frozenColumnCount;
        return {};
      }
      case 'repeatCell': {
        const tab = rangeTab(body?.range);
        if (!tab) return 'repeatCell needs a range on an existing sheet.';
        if (typeof body.fields !== 'string' || !body.fields) return "repeatCell needs 'fields'.";
        const fmt = body.cell?.userEnteredFormat ?? {};
        const r1 = body.range.startRowIndex ?? 0;
        if (fmt.textFormat?.bold)
          for (let r = r1; r < (body.range.endRowIndex ?? r1 + 1); r++) tab.boldRows.add(r);
        if (fmt.numberFormat?.type)
          for (let c = body.range.startColumnIndex ?? 0; c < (body.range.endColumnIndex ?? 0); c++)
            tab.numberFormats.set(c, String(fmt.numberFormat.type));
        return {};
      }
      case 'updateDimensionProperties': {
        const range = body?.range;
        const tab = rangeTab(range);
        if (!tab || !['ROWS', 'COLUMNS'].includes(range.dimension))
          return 'updateDimensionProperties needs a range with a sheetId and a dimension.';
        if (typeof body.fields !== 'string' || !body.fields)
          return "updateDimensionProperties needs 'fields'.";
        if (range.dimension === 'COLUMNS')
          for (let c = range.startIndex ?? 0; c < (range.endIndex ?? 0); c++) {
            if (body.properties?.hiddenByUser === true) tab.hiddenColumns.add(c);
            if (body.properties?.hiddenByUser === false) tab.hiddenColumns.delete(c);
            if (typeof body.properties?.pixelSize === 'number')
              tab.columnWidths.set(c, body.properties.pixelSize);
          }
        return {};
      }
      case 'setBasicFilter': {
        const tab = rangeTab(body?.filter?.range);
        if (!tab) return 'setBasicFilter needs filter.range on an existing sheet.';
        tab.basicFilter = true;
        return {};
      }
      case 'clearBasicFilter': {
        const tab = byId(body?.sheetId);
        if (!tab) return 'No grid with id: ' + String(body?.sheetId);
        tab.basicFilter = false;
        return {};
      }
      case 'addConditionalFormatRule': {
        const tab = rangeTab(body?.rule?.ranges?.[0]);
        if (!tab) return 'addConditionalFormatRule needs rule.ranges on an existing sheet.';
        tab.conditionalFormats.splice(body.index ?? tab.conditionalFormats.length, 0, body.rule);
        return {};
      }
      case 'deleteConditionalFormatRule': {
        const tab = byId(body?.sheetId);
        if (!tab) return 'No grid with id: ' + String(body?.sheetId);
        if (typeof body.index !== 'number' || body.index >= tab.conditionalFormats.length)
          return (
            'Invalid requests[0].deleteConditionalFormatRule: No conditional format at index ' + body.index
          );
        tab.conditionalFormats.splice(body.index, 1);
        return {};
      }
      default: {
        const tab = rangeTab(body?.range ?? body?.dimensions);
        if (!tab && kind !== 'deleteBanding') return `${kind} needs a range on an existing sheet.`;
        return {};
      }
    }
  }

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const body = await readBody(req);
      log.push({
        method: req.method ?? '',
        path: `${url.pathname}${url.search}`,
        body: body ? safeJson(body) : undefined,
      });
      if (url.pathname === '/token' && req.method === 'POST') return handleToken(body, res, fake.tokenUrl);
      const m =
        /^\/v4\/spreadsheets\/([^/:]+)(?::(batchUpdate)|\/values(?::(batchUpdate)|\/([^:]+)(?::(clear))?))?$/.exec(
          url.pathname,
        );
      if (!m) return apiError(res, 404, 'NOT_FOUND', `No route ${req.method} ${url.pathname}`);
      stats.sheetsCalls++;
      const auth = req.headers.authorization ?? '';
      const token = auth.startsWith('Bearer ') ? tokens.get(auth.slice(7)) : undefined;
      if (!token || token.expiresAt <= Date.now()) {
        stats.rejectedBearer++;
        return apiError(
          res,
          401,
          'UNAUTHENTICATED',
          'Request had invalid authentication credentials. Expected OAuth 2 access token.',
        );
      }
      const failure = failures.shift();
      if (failure) return apiError(res, failure.status, 'FAKE_FAILURE', failure.message);
      const id = decodeURIComponent(m[1]!);
      const book = books.get(id);
      if (!book) return apiError(res, 404, 'NOT_FOUND', 'Requested entity was not found.');
      if (!book.sharedWith.has(token.email))
        return apiError(res, 403, 'PERMISSION_DENIED', 'The caller does not have permission');
      const json = body ? safeJson(body) : {};
      if (json === undefined) return apiError(res, 400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.');
      const input =
        url.searchParams.get('valueInputOption') ?? (json as { valueInputOption?: string }).valueInputOption;

      // spreadsheets.get
      if (!m[2] && !m[3] && !m[4] && req.method === 'GET' && !url.pathname.includes('/values'))
        return send(res, 200, {
          spreadsheetId: book.id,
          properties: { title: book.title },
          sheets: book.tabs.map((t, index) => ({
            properties: {
              sheetId: t.sheetId,
              title: t.title,
              index,
              gridProperties: {
                rowCount: Math.max(1000, t.cells.length),
                columnCount: 26,
                frozenRowCount: t.frozenRows,
                frozenColumnCount: t.frozenColumns,
              },
            },
            conditionalFormats: t.conditionalFormats,
          })),
        });
      // spreadsheets.batchUpdate
      if (m[2] && req.method === 'POST') {
        const requests = (json as { requests?: unknown }).requests;
        if (!Array.isArray(requests) || requests.length === 0)
          return apiError(res, 400, 'INVALID_ARGUMENT', 'Must specify at least one request.');
        const replies: unknown[] = [];
        for (const [i, r] of requests.entries()) {
          const out = applyBatchRequest(book, r as Record<string, unknown>);
          if (typeof out === 'string')
            return apiError(res, 400, 'INVALID_ARGUMENT', `Invalid requests[${i}]: ${out}`);
          replies.push(out);
        }
        return send(res, 200, { spreadsheetId: id, replies });
      }
      // values.batchUpdate
      if (m[3] && req.method === 'POST') {
        if (input !== 'RAW' && input !== 'USER_ENTERED')
          return apiError(
            res,
            400,
            'INVALID_ARGUMENT',
            "Invalid valueInputOption: must be 'RAW' or 'USER_ENTERED'.",
          );
        const data = (json as { data?: { range?: string; values?: unknown }[] }).data;
        if (!Array.isArray(data) || data.length === 0)
          return apiError(res, 400, 'INVALID_ARGUMENT', 'data must list at least one range.');
        let cells = 0;
        for (const d of data) {
          const r = parseA1(d.range ?? '');
          const tab = r && tabFor(book, r);
          if (!r || !tab) return apiError(res, 400, 'INVALID_ARGUMENT', `Unable to parse range: ${d.range}`);
          if (!validValues(d.values))
            return apiError(res, 400, 'INVALID_ARGUMENT', 'values must be rows of cells.');
          writeRange(tab, r, d.values, input);
          cells += d.values.reduce((n, row) => n + row.length, 0);
        }
        return send(res, 200, { spreadsheetId: id, totalUpdatedCells: cells });
      }
      const range = decodeURIComponent(m[4] ?? '');
      const r = parseA1(range);
      const tab = r && tabFor(book, r);
      if (!r || !tab) return apiError(res, 400, 'INVALID_ARGUMENT', `Unable to parse range: ${range}`);
      // values.clear
      if (m[5] && req.method === 'POST') {
        for (let i = r.r1; i < (r.r2 === null ? tab.cells.length : r.r2 + 1) && i < tab.cells.length; i++) {
          const line = tab.cells[i]!;
          for (let j = r.c1; j <= (r.c2 ?? line.length - 1) && j < line.length; j++) line[j] = '';
        }
        tab.cells = trimGrid(tab.cells);
        return send(res, 200, { spreadsheetId: id, clearedRange: range });
      }
      // values.update
      if (req.method === 'PUT') {
        if (input !== 'RAW' && input !== 'USER_ENTERED')
          return apiError(
            res,
            400,
            'INVALID_ARGUMENT',
            "Invalid valueInputOption: must be 'RAW' or 'USER_ENTERED'.",
          );
        const values = (json as { values?: unknown }).values;
        if (!validValues(values))
          return apiError(res, 400, 'INVALID_ARGUMENT', 'values must be rows of cells.');
        writeRange(tab, r, values, input);
        return send(res, 200, { spreadsheetId: id, updatedRange: range, updatedRows: values.length });
      }
      // values.get
      if (req.method === 'GET') {
        const render = url.searchParams.get('valueRenderOption') ?? 'FORMATTED_VALUE';
        if (!['FORMATTED_VALUE', 'UNFORMATTED_VALUE', 'FORMULA'].includes(render))
          return apiError(res, 400, 'INVALID_ARGUMENT', 'Invalid valueRenderOption.');
        const rows: Cell[][] = [];
        const last = r.r2 === null ? tab.cells.length - 1 : Math.min(r.r2, tab.cells.length - 1);
        for (let i = r.r1; i <= last; i++) {
          const line = tab.cells[i] ?? [];
          const row = line
            .slice(r.c1, r.c2 === null ? undefined : r.c2 + 1)
            .map((c) => (render === 'FORMATTED_VALUE' ? String(c) : c));
          while (row.length && row[row.length - 1] === '') row.pop();
          rows.push(row);
        }
        while (rows.length && rows[rows.length - 1]!.length === 0) rows.pop();
        return send(res, 200, { range, majorDimension: 'ROWS', ...(rows.length ? { values: rows } : {}) });
      }
      return apiError(res, 405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed here.`);
    })().catch((e: Error) => {
      if (!res.headersSent) apiError(res, 500, 'INTERNAL', e.message);
    });
  });

  server.keepAliveTimeout = 65_000; // as Google's front ends keep idle connections
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const addr = server.address() as AddressInfo;
  const url = `http://${opts.host ?? '127.0.0.1'}:${addr.port}`;

  const fake: FakeGoogle = {
    url,
    tokenUrl: `${url}/token`,
    tokenLifetimeSeconds: 3600,
    stats,
    log,
    serviceAccountJson(email = DEFAULT_EMAIL) {
      if (!keys.has(email)) {
        const { pub, pem } = keyPair();
        keys.set(email, pub);
        pems.set(email, pem);
      }
      return JSON.stringify({
        type: 'service_account',
        project_id: 'accord-test',
        private_key_id: `fake-${email.length}`,
        private_key: pems.get(email),
        client_email: email,
        token_uri: fake.tokenUrl,
      });
    },
    untrustedServiceAccountJson(email = DEFAULT_EMAIL) {
      return JSON.stringify({
        type: 'service_account',
        private_key: keyPair().pem,
        client_email: email,
        token_uri: fake.tokenUrl,
      });
    },
    createSpreadsheet(id, o = {}) {
      books.set(id, {
        id,
        title: o.title ?? 'Partnerships',
        sharedWith: new Set(o.sharedWith ?? [DEFAULT_EMAIL]),
        tabs: (o.tabs ?? ['Sheet1']).map(newTab),
      });
    },
    tab: (id, title) => books.get(id)?.tabs.find((t) => t.title === title),
    rows(id, title) {
      return (fake.tab(id, title)?.cells ?? []).map((r) => r.map((c) => String(c)));
    },
    setCell(id, title, row, col, value) {
      const tab = fake.tab(id, title);
      if (!tab) throw new Error(`no tab ${title}`);
      writeRange(tab, { tab: title, r1: row, c1: col, r2: row, c2: col }, [[value]], 'RAW');
    },
    failNext(status, message = 'Backend Error', count = 1) {
      for (let i = 0; i < count; i++) failures.push({ status, message });
    },
    expireTokens() {
      for (const t of tokens.values()) t.expiresAt = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}

function trimGrid(cells: Cell[][]): Cell[][] {
  const out = cells.map((r) => {
    const row = [...r];
    while (row.length && row[row.length - 1] === '') row.pop();
    return row;
  });
  while (out.length && out[out.length - 1]!.length === 0) out.pop();
  return out;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text.includes('=') ? text : undefined;
  }
}
