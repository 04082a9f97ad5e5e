// The benchmark suite (issue #8): starts nginx (and, for G, the test server), runs every
// contender of every scenario once per round in a shuffled order, then writes medians, ratios
// and targets. `bash bench/run.sh` builds what it needs and calls this.
//
//   node bench/run.mjs [--rounds N] [--only A,B,...] [--build-dir DIR] [--js-dir DIR] [--out DIR]
//   node bench/run.mjs --smoke [--build-dir DIR] [--js-dir DIR] [--out DIR]
//
// --build-dir: a native build holding bench/ (default build/native-release); --js-dir: the wasm
// JS module (default build/wasm/js). Without --out a full run writes bench/results/latest.json,
// docs/BENCHMARKS.md and docs/benchmarks.svg; --smoke (tiny counts, one round, an 8 MiB /big)
// writes them to a temporary directory and fails unless every contender ran and got correct
// bodies. Exit status 1 if any run failed.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeMachine } from './runner/machine.mjs';
import { ratioChart } from './runner/chart.mjs';
import { startNginx } from './runner/nginx.mjs';
import { run } from './runner/processes.mjs';
import { chartRows, renderMarkdown, summarize } from './runner/report.mjs';
import { bigBytes, command, parseH2load, parseWrk, scenarios } from './runner/scenarios.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const opts = { smoke: false, rounds: null, only: null, buildDir: path.join(root, 'build/native-release'), jsDir: path.join(root, 'build/wasm/js'), out: null };
  for (let i = 0; i < argv.length; i++) {
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${argv[i]} needs a value`);
      return argv[++i];
    };
    switch (argv[i]) {
      case '--smoke': opts.smoke = true; break;
      case '--rounds': opts.rounds = Number(value()); break;
      case '--only': opts.only = value().split(','); break;
      case '--build-dir': opts.buildDir = path.resolve(value()); break;
      case '--js-dir': opts.jsDir = path.resolve(value()); break;
      case '--out': opts.out = path.resolve(value()); break;
      default: throw new Error(`unknown argument ${argv[i]} (see the top of bench/run.mjs)`);
    }
  }
  opts.rounds ??= opts.smoke ? 1 : 5;
  if (!(opts.rounds >= 1)) throw new Error('--rounds must be at least 1');
  return opts;
}

function shuffle(items) {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** Connections nginx has accepted so far (stub_status), over a connection of its own. */
function nginxAccepts(origin) {
  return new Promise((resolve, reject) => {
    http.get(`${origin}/__status`, { agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => {
        const accepts = Number(body.match(/^\s*(\d+) \d+ \d+\s*$/m)?.[1]);
        Number.isFinite(accepts) ? resolve(accepts) : reject(new Error(`unreadable stub_status: ${body}`));
      });
    }).on('error', reject);
  });
}

/** Runs one contender once; resolves to { ok, result, error }. */
async function runOne(s, contender, ctx, smoke) {
  const { cmd, parse } = command(s, contender, ctx);
  const counted = s.server !== 'test';
  const acceptsBefore = counted ? await nginxAccepts(ctx.origins.nginx) : 0;
  const out = await run(cmd, { timeoutMs: smoke ? 60000 : 600000 });
  // Minus the status request's own connection.
  const connections = counted ? (await nginxAccepts(ctx.origins.nginx)) - acceptsBefore - 1 : null;
  let result = null;
  let error = null;
  try {
    if (parse === 'wrk') {
      result = parseWrk(out.stdout);
    } else if (parse === 'h2load') {
      result = parseH2load(out.stdout);
    } else {
      const line = out.stdout.trim().split('\n').pop();
      result = JSON.parse(line);
    }
  } catch (e) {
    error = `${e.message}; exit ${out.code ?? out.signal}${out.timedOut ? ' (timed out)' : ''}; stderr: ${out.stderr.trim().slice(0, 400)}`;
  }
  if (!error && (out.code !== 0 || result.errors > 0)) {
    error = `exit ${out.code ?? out.signal}, ${result.errors} errors${result.first_error ? `: ${result.first_error}` : ''}${out.stderr ? `; stderr: ${out.stderr.trim().slice(0, 400)}` : ''}`;
  }
  if (result && connections !== null) {
    result.connections = connections;
    // wrk opens one connection of its own before its run; undici (F) opens as many as it likes.
    const { min = 1, max = Infinity } = contender === 'wrk' || contender === 'h2load' ? {} : s.connections ?? {};
    if (!error && (connections < min || connections > max)) {
      error = `${connections} connections, expected ${min === max ? min : `${min}..${max}`}`;
    }
  }
  return { ok: error === null, result, error, cmd: cmd.map((a) => (a.startsWith(`${root}/`) ? path.relative(root, a) : a)) };
}

/** Missing programs, so that a run fails at once with a clear message. */
function missingPrograms(list, ctx) {
  const needs = new Set(list.flatMap((s) => s.contenders.map((c) => command(s, c, { ...ctx, origins: { nginx: '', nginxTls: '', nginxH2: '', test: '' } }).cmd[0])));
  needs.add('nginx');
  const onPath = (name) => (process.env.PATH ?? '').split(':').some((d) => fs.existsSync(path.join(d, name)));
  const missing = [...needs].filter((p) => (p.includes('/') ? !fs.existsSync(p) : !onPath(p)));
  const jsModule = path.join(ctx.jsDir, 'httpxx.mjs');
  if (list.some((s) => s.contenders.includes('httpxx-wasm')) && !fs.existsSync(jsModule)) missing.push(jsModule);
  return missing;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const all = scenarios(opts.smoke);
  // --only takes ids (C10k, G-seq) or letters (C is C10k and C64k, G every G-...).
  const list = opts.only ? all.filter((s) => opts.only.includes(s.id) || opts.only.includes(s.id[0])) : all;
  if (list.length === 0) throw new Error(`--only matches none of ${all.map((s) => s.id).join(', ')}`);
  const ctx = { buildDir: opts.buildDir, jsDir: opts.jsDir };
  const missing = missingPrograms(list, ctx);
  if (missing.length) throw new Error(`missing: ${missing.join(', ')} (bash bench/run.sh builds the bench programs; scripts/setup.sh installs nginx and wrk)`);

  const loadBefore = os.loadavg()[0];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'httpxx-bench-'));
  const stops = [];
  const cleanup = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => {});
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => cleanup().finally(() => process.exit(130)));

  const runs = [];
  try {
    const nginx = await startNginx(tmp, { bigBytes: bigBytes(opts.smoke) });
    stops.push(nginx.stop);
    ctx.origins = { nginx: nginx.http, nginxTls: nginx.https, nginxH2: nginx.h2 };
    ctx.caFile = nginx.caFile;
    if (list.some((s) => s.server === 'test')) {
      const { startServer } = await import('../tests/server/server.mjs');
      const srv = await startServer();
      stops.push(srv.stop);
      ctx.origins.test = srv.http;
    }
    console.log(`nginx ${nginx.http} ${nginx.https}; ${opts.rounds} round(s) of ${list.map((s) => s.id).join(' ')}; programs from ${path.relative(root, opts.buildDir) || '.'}`);

    const pairs = list.flatMap((s) => s.contenders.map((c) => ({ s, c })));
    for (let round = 1; round <= opts.rounds; round++) {
      for (const { s, c } of shuffle(pairs)) {
        const r = await runOne(s, c, ctx, opts.smoke);
        runs.push({ round, scenario: s.id, contender: c, ...r });
        const value = r.ok ? `${Number(r.result[s.metric]).toFixed(s.metric === 'allocs_per_request' ? 2 : 1)} ${s.unit}` : `FAILED: ${r.error}`;
        console.log(`[${round}/${opts.rounds}] ${s.id.padEnd(10)} ${c.padEnd(13)} ${value}`);
      }
    }
  } finally {
    await cleanup();
  }

  const summary = summarize(list, runs);
  const machine = describeMachine(opts.buildDir);
  const info = { date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), rounds: opts.rounds, smoke: opts.smoke, machine, loadBefore, loadAfter: os.loadavg()[0] };
  const outDir = opts.out ?? (opts.smoke ? fs.mkdtempSync(path.join(os.tmpdir(), 'httpxx-bench-smoke-')) : null);
  const files = outDir
    ? { json: path.join(outDir, 'latest.json'), md: path.join(outDir, 'BENCHMARKS.md'), svg: path.join(outDir, 'benchmarks.svg') }
    : { json: path.join(root, 'bench/results/latest.json'), md: path.join(root, 'docs/BENCHMARKS.md'), svg: path.join(root, 'docs/benchmarks.svg') };
  fs.mkdirSync(path.dirname(files.json), { recursive: true });
  fs.writeFileSync(files.json, `${JSON.stringify({ ...info, summary, runs }, null, 2)}\n`);
  fs.writeFileSync(files.md, renderMarkdown(summary, info));
  const subtitle = `medians of ${opts.rounds} round(s), ${info.date}; ${machine.cores} cores, ${machine.cpu}`;
  fs.writeFileSync(files.svg, ratioChart(chartRows(summary), { title: 'httpxx / peer (higher is better)', subtitle }));

  console.log('');
  for (const s of summary) {
    for (const c of s.comparisons) {
      const ratio = c.ratio === null ? 'n/a' : `${c.ratio.toFixed(2)}x`;
      const target = c.target === undefined ? '' : ` (target >= ${c.target}: ${c.met ? 'met' : 'MISSED'})`;
      console.log(`${s.id.padEnd(10)} ${s.subject} / ${c.peer}: ${ratio}${target}`);
    }
    for (const l of s.limits) console.log(`${s.id.padEnd(10)} ${s.subject} ${l.label}: ${l.value === null ? 'n/a' : l.value.toFixed(2)} (${l.met ? 'met' : 'MISSED'})`);
  }
  console.log(`\nwrote ${Object.values(files).map((f) => path.relative(process.cwd(), f)).join(', ')}`);

  const failed = runs.filter((r) => !r.ok);
  const missingPairs = list.flatMap((s) => s.contenders.filter((c) => !runs.some((r) => r.scenario === s.id && r.contender === c && r.ok)).map((c) => `${s.id}/${c}`));
  if (failed.length || missingPairs.length) {
    console.error(`\n${failed.length} failed run(s)${missingPairs.length ? `; no good run of ${missingPairs.join(', ')}` : ''}`);
    for (const f of failed) console.error(`  ${f.scenario} ${f.contender}: ${f.error}\n    ${f.cmd.join(' ')}`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(`bench: ${e.stack ?? e}`);
  process.exitCode = 1;
});
