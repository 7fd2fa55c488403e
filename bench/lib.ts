/**
 * Benchmark helpers. Every figure is printed beside a baseline measured in the same run, because these
 * machines are noisy: ratios travel, absolute numbers do not.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

export interface LoadResult {
  name: string;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

/**
 * Runs autocannon in a child process (so the load generator does not share the server's event loop) and
 * returns its figures.
 */
export async function loadTest(
  name: string,
  url: string,
  opts: { connections?: number; durationSec?: number; headers?: Record<string, string> } = {},
): Promise<LoadResult> {
  const bin = path.resolve('node_modules/.bin/autocannon');
  const args = ['--json', '-c', String(opts.connections ?? 50), '-d', String(opts.durationSec ?? 10)];
  for (const [k, v] of Object.entries(opts.headers ?? {})) args.push('-H', `${k}=${v}`);
  args.push(url);
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`autocannon exited ${code}: ${stderr}`)),
    );
  });
  const j = JSON.parse(out) as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    errors: number;
    non2xx: number;
  };
  return {
    name,
    requestsPerSec: j.requests.average,
    p50Ms: j.latency.p50,
    p99Ms: j.latency.p99,
    errors: j.errors,
    non2xx: j.non2xx,
  };
}

export function printComparison(title: string, baseline: LoadResult, subject: LoadResult): string {
  const rows = [baseline, subject].map((r) => [
    r.name,
    r.requestsPerSec.toFixed(0),
    r.p50Ms.toFixed(1),
    r.p99Ms.toFixed(1),
    String(r.errors + r.non2xx),
  ]);
  const header = ['', 'req/s', 'p50 ms', 'p99 ms', 'errors'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const ratio = `ratio vs baseline: throughput ${(subject.requestsPerSec / baseline.requestsPerSec).toFixed(2)}×, p99 latency ${(subject.p99Ms / Math.max(baseline.p99Ms, 0.001)).toFixed(2)}×`;
  const text = [`\n## ${title}`, fmt(header), ...rows.map(fmt), ratio].join('\n');
  console.log(text);
  return text;
}
