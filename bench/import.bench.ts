/**
 * A 50k-row partnerships import (10k partners × 5 events, the row model's CSV) through the real HTTP flow —
 * upload, preview, start, the job runner working in the same process as the API — while another user keeps
 * reading the partners list. Reports the import's rows per second and the list's latency during the import
 * beside the same list measured just before it (the baseline), so "the import does not block the server for
 * other users" is a ratio, not a feeling. BENCH_SCALE scales the row count; SQLite, and PostgreSQL when
 * BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set.
 */
import {
  benchPgUrl,
  latencyProbe,
  latencyStats,
  startBenchApp,
  type BenchApp,
  type BenchEngine,
} from './app';

const scale = Number(process.env.BENCH_SCALE ?? 1);
const EVENTS = 5;
const partnersCount = Math.max(10, Math.round(10_000 * scale));
const STATUSES = ['Prospect', 'Contacted', 'In negotiation', 'Confirmed', 'Paid', 'Declined'];

function csv(): { text: string; rows: number } {
  const lines = ['Company,Contact Name,Email,Tags,Event,Event Year,Pipeline Status,Amount,Follow-up Date'];
  for (let p = 0; p < partnersCount; p++) {
    const company = `Import Bench Partner ${String(p).padStart(6, '0')}`;
    for (let e = 0; e < EVENTS; e++) {
      const amount = ((p * 7 + e * 13) % 50) * 500;
      const followUp = (p + e) % 3 === 0 ? `2026-0${1 + (e % 9)}-1${p % 10}` : '';
      lines.push(
        [
          company,
          `Contact ${p}`,
          `contact${p}@partner${p}.example`,
          e % 2 ? 'fintech; ai' : 'ai',
          `Bench Event ${e + 1}`,
          String(2025 + (e % 2)),
          STATUSES[(p + e) % STATUSES.length],
          `${amount}.00`,
          followUp,
        ].join(','),
      );
    }
  }
  return { text: lines.join('\n'), rows: lines.length - 1 };
}

async function call<T>(app: BenchApp, method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${app.address}${url}`, {
    method,
    headers: {
      cookie: app.admin.cookie,
      'x-csrf-token': app.admin.csrf,
      ...(body instanceof FormData || body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

async function benchEngine(engine: BenchEngine): Promise<string> {
  const app = await startBenchApp(engine, { name: 'import' });
  try {
    const file = csv();
    const listUrl = '/api/v1/partners?limit=50&sort=name';
    const probe = latencyProbe(app, listUrl);
    // Some partners so the list has work to do before the import starts; then warm up.
    for (let i = 0; i < 60; i++) await call(app, 'POST', '/api/v1/partners', { name: `Existing ${i}` });
    await probe.sample(500);
    const baseline = await probe.sample(5_000);

    const form = new FormData();
    form.append('file', new Blob([file.text], { type: 'text/csv' }), 'bench.csv');
    const preview = await call<{
      uploadId: string;
      mapping: Record<string, string | null>;
      rowCount: number;
    }>(app, 'POST', '/api/v1/partnerships/import/preview', form);
    if (preview.rowCount !== file.rows)
      throw new Error(`preview saw ${preview.rowCount} of ${file.rows} rows`);
    app.accord.kernel.jobs.start();
    const started = performance.now();
    const { jobId } = await call<{ jobId: string }>(app, 'POST', '/api/v1/partnerships/import', {
      uploadId: preview.uploadId,
      mapping: preview.mapping,
      dryRun: false,
    });
    probe.start();
    let job: {
      status: string;
      progressDone: number;
      progressTotal: number;
      result: unknown;
      error: string | null;
    };
    let lastLine = 0;
    for (;;) {
      await new Promise((r) => setTimeout(r, 100));
      job = await call(app, 'GET', `/api/v1/jobs/${jobId}`);
      if (performance.now() - lastLine > 2_000) {
        lastLine = performance.now();
        process.stdout.write(
          `\r[${engine}] importing ${job.progressDone}/${job.progressTotal} rows (${((performance.now() - started) / 1000).toFixed(0)} s)   `,
        );
      }
      if (job.status === 'done' || job.status === 'dead' || job.status === 'failed') break;
    }
    const seconds = (performance.now() - started) / 1000;
    const during = await probe.stop();
    await probe.close();
    process.stdout.write('\n');
    if (job.status !== 'done') throw new Error(`import ${job.status}: ${job.error}`);
    const report = job.result as { partnersCreated: number; linksCreated: number; errors: unknown[] };
    if (report.partnersCreated !== partnersCount || report.linksCreated !== file.rows)
      throw new Error(`import created ${report.partnersCreated} partners, ${report.linksCreated} links`);

    const before = latencyStats(baseline);
    const under = latencyStats(during);
    const lines = [
      `\n## Import of ${file.rows} rows (${partnersCount} partners × ${EVENTS} events) — ${engine}`,
      `import: ${seconds.toFixed(1)} s, ${(file.rows / seconds).toFixed(0)} rows/s, ${report.errors.length} row errors`,
      `partners list (50 rows) before the import: p50 ${before.p50.toFixed(1)} ms, p95 ${before.p95.toFixed(1)} ms, max ${before.max.toFixed(1)} ms (n=${before.n})`,
      `partners list during the import:          p50 ${under.p50.toFixed(1)} ms, p95 ${under.p95.toFixed(1)} ms, max ${under.max.toFixed(1)} ms (n=${under.n})`,
      `ratio during/before: p50 ${(under.p50 / before.p50).toFixed(2)}×, p95 ${(under.p95 / before.p95).toFixed(2)}×`,
    ];
    console.log(lines.join('\n'));
    return lines.join('\n');
  } finally {
    await app.close();
  }
}

export async function run(): Promise<string[]> {
  const out = [await benchEngine('sqlite')];
  if (benchPgUrl()) out.push(await benchEngine('postgres'));
  return out;
}
