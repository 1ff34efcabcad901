// Measures GradLens on a folder of real Python files kept OUTSIDE the repository (public code read for
// study is never committed): every .py file analysed as the editor does with no configuration, and
// every function that gets numbers compared with CPython at the same point (make_real_python_expected.py
// run on the folder: the module imported, the function called, central differences).
//
//   node --import tsx test/unit/report/data/probeRealPython.ts DIR [--only FILE.py]
//
// Prints per file: functions listed, with numbers, agreeing with CPython, WRONG, without a CPython
// answer (an import CPython here lacks, or no point), refused, and GradLens errors in Problems; then
// every disagreement and the commonest reasons for refusals. Writes its points and CPython's answers
// to DIR/.gradlens-probe/. A tool for finding work, not a test: it runs the probed code in CPython.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { DocumentReport } from '../../../../src/report/report';
import { disagreements, type CPythonAnswer } from '../closeValues';
import { reportFile } from '../realPythonCorpus';

const args = process.argv.slice(2);
const dir = resolve(args[0] ?? '');
if (!args[0]) throw new Error('usage: probeRealPython.ts DIR [--only FILE.py]');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const out = join(dir, '.gradlens-probe');
mkdirSync(out, { recursive: true });

interface Probed {
  readonly file: string;
  readonly report?: DocumentReport;
  readonly crash?: string;
  readonly millis: number;
}

const files = readdirSync(dir).filter((f) => f.endsWith('.py') && (!only || f === only)).sort();
const probed: Probed[] = files.map((file) => {
  const started = performance.now();
  try {
    return { file, report: reportFile(join(dir, file)), millis: performance.now() - started };
  } catch (e) {
    return { file, crash: e instanceof Error ? `${e.name}: ${e.message}` : String(e), millis: performance.now() - started };
  }
});

const key = (file: string, name: string): string => `${basename(dir)}/${file}:${name}`;
const points: Record<string, unknown> = {};
for (const { file, report } of probed) {
  for (const f of report?.functions ?? []) {
    if (!f.result || !f.point) continue;
    const wrt = Object.keys(f.result.gradient ?? f.result.jacobian ?? {});
    const self = (f.result.gradient ?? f.result.jacobian ?? {})['self'];
    const receiverFields = self && typeof self === 'object' && !Array.isArray(self) ? Object.keys(self) : null;
    points[key(file, f.name)] = { dir: basename(dir), at: f.point.values, receiver: f.point.receiver ?? null, wrt, receiverFields };
  }
}
const pointsPath = join(out, 'points.json');
const expectedPath = join(out, 'expected.json');
writeFileSync(pointsPath, JSON.stringify(points, null, 1) + '\n');
const python = spawnSync('/usr/bin/python3', [join(__dirname, 'make_real_python_expected.py')], {
  env: { ...process.env, REAL_PY_DIR: dir, REAL_PY_POINTS: pointsPath, REAL_PY_EXPECTED: expectedPath },
  encoding: 'utf8',
  timeout: 600_000,
});
if (python.status !== 0) console.log(`CPython's side failed (status ${python.status}):\n${python.stderr.slice(-2000)}`);
// Python's json writes NaN and Infinity, which JSON.parse does not read: NaN as null (close() takes it as NaN), ±Infinity as ±1e999.
const pythonJson = (text: string): unknown => JSON.parse(text.replace(/\bNaN\b/g, 'null').replace(/-Infinity\b/g, '-1e999').replace(/\bInfinity\b/g, '1e999'));
const expected = (python.status === 0 ? pythonJson(readFileSync(expectedPath, 'utf8')) : {}) as Record<string, CPythonAnswer>;

const rows: string[][] = [['file', 'functions', 'numbers', 'agree', 'WRONG', 'no answer', 'refused', 'Problems', 'ms']];
const wrong: string[] = [];
const unanswered: string[] = [];
const reasons = new Map<string, number>();
const totals = [0, 0, 0, 0, 0, 0, 0];
for (const { file, report, crash, millis } of probed) {
  if (!report) {
    rows.push([file, `CRASH ${crash}`]);
    continue;
  }
  let numbers = 0;
  let agree = 0;
  let bad = 0;
  let none = 0;
  let refused = 0;
  for (const f of report.functions) {
    if (!f.result || !f.point) {
      const why = f.error?.message ?? f.errors[0]?.message ?? f.quiet;
      if (why) {
        refused++;
        // Reasons grouped by their wording without names and numbers.
        const shape = why.replace(/`[^`]*`/g, '`…`').replace(/\(line \d+\)/g, '(line …)').replace(/\d+(\.\d+)?/g, 'N').slice(0, 110);
        reasons.set(shape, (reasons.get(shape) ?? 0) + 1);
      }
      continue;
    }
    numbers++;
    const e = expected[key(file, f.name)];
    if (!e || e.unavailable || JSON.stringify(e.at) !== JSON.stringify(f.point.values)) {
      none++;
      unanswered.push(`${file}:${f.name}: ${e?.unavailable ?? 'no answer at the point'}`);
      continue;
    }
    const found = disagreements(`${file}:${f.name}`, f.result, e);
    if (found.length > 0) {
      bad++;
      wrong.push(...found);
    } else agree++;
  }
  const problems = report.diagnostics.filter((d) => d.severity === 'error').length;
  const counts = [report.functions.length, numbers, agree, bad, none, refused, problems];
  counts.forEach((c, i) => (totals[i]! += c));
  rows.push([file, ...counts.map(String), millis.toFixed(0)]);
}
rows.push(['TOTAL', ...totals.map(String), '']);
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
console.log(`\nWRONG (${wrong.length}):\n  ${wrong.join('\n  ')}`);
console.log(`\nno CPython answer (${unanswered.length}):\n  ${unanswered.slice(0, 30).join('\n  ')}`);
console.log(`\nrefusals by reason:\n  ${[...reasons].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([r, n]) => `${n}× ${r}`).join('\n  ')}`);
