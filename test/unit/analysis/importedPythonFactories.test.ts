import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../../src/analysis/document';
import type { ModuleSourceProvider } from '../../../src/analysis/moduleImports';
import { runCli } from '../../../src/cli/main';
import { FunctionCache, reportDocument } from '../../../src/report/documentReport';
import { NeedsFiles } from '../../../src/report/requestedFiles';
import type { WorkspaceFile } from '../../../src/report/report';
import { reportRequest } from '../report/fixtures';

/**
 * `objective = make_ridge_objective(X, y)` where the factory is imported from another file of the
 * workspace (test/fixtures/python/imported_factories): a function of this file, listed, given a point
 * and differentiated; numbers from torch (make_expected.py there).
 */
const DIR = join(__dirname, '..', '..', 'fixtures', 'python', 'imported_factories');
const FIT = join(DIR, 'fit.py');
const EXPECTED = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Record<string, { at: number[][]; value: number; gradient: number[][] }>;

const close = (a: unknown, b: number, what: string): void => assert.ok(typeof a === 'number' && Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${what}: ${String(a)} vs ${b}`);

function cli(args: string[]): { code: number; json: Record<string, unknown> } {
  const r = runCli(args);
  return { code: r.exitCode, json: JSON.parse(r.stdout) as Record<string, unknown> };
}

test('CLI: the functions an imported factory makes at module level are listed where they are bound, with points, and nothing is said of the rest', () => {
  const r = cli(['functions', FIT]);
  assert.equal(r.code, 0, JSON.stringify(r.json));
  const listed = r.json.functions as { name: string; parameters: string[]; line: number; points: { source: string; at: Record<string, unknown> }[]; diagnostics: unknown[] }[];
  const byName = new Map(listed.map((f) => [f.name, f]));
  // X, y and labels are data (the imported load_toy_data is no factory): not listed.
  assert.deepEqual([...byName.keys()].sort(), ['half_norm', 'log_likelihood', 'objective', 'penalised', 'predict', 'unpack']);
  assert.deepEqual(byName.get('objective')!.parameters, ['w']);
  assert.deepEqual(byName.get('predict')!.parameters, ['params', 'x']);
  // Each on the line of its binding in fit.py (the factory's defs are in objectives.py).
  assert.equal(byName.get('objective')!.line, 7);
  assert.equal(byName.get('log_likelihood')!.line, 8);
  assert.equal(byName.get('half_norm')!.line, 9);
  // The calls in the `__main__` block are their points.
  assert.deepEqual(byName.get('objective')!.points[0], { source: 'call-site', at: { w: [0.3, -0.2] }, line: 18, column: 11, endLine: 18, endColumn: 24 });
  assert.deepEqual(byName.get('log_likelihood')!.points[0], { source: 'call-site', at: { params: [0.4, -0.3, 0.2] }, line: 20, column: 11, endLine: 20, endColumn: 34 });
  assert.equal(byName.get('predict')!.points[0]!.source, 'sample');
  assert.deepEqual(r.json.diagnostics, []);
  assert.ok(listed.every((f) => f.diagnostics.length === 0), JSON.stringify(listed));
});

for (const name of ['objective', 'log_likelihood', 'half_norm', 'penalised', 'predict']) {
  test(`CLI: ${name} of fit.py has torch's value and gradient`, () => {
    const e = EXPECTED[name]!;
    const r = cli(['grad', FIT, '--function', name]);
    assert.equal(r.code, 0, JSON.stringify(r.json));
    const at = r.json.at as Record<string, number[]>;
    assert.deepEqual(Object.values(at), e.at, 'the point make_expected.py used');
    close(r.json.value, e.value, `${name} value`);
    const gradient = Object.values(r.json.gradient as Record<string, number[]>);
    e.gradient.forEach((g, i) => g.forEach((v, k) => close(gradient[i]![k], v, `${name} gradient ${i}[${k}]`)));
    assert.deepEqual(r.json.warnings, []);
  });
}

test('only a factory that plainly returns a function makes one: several returns, a value, or the file\'s own name are left alone', () => {
  const files: Record<string, string> = {
    'w/makers.py': [
      'import numpy as np',
      'def make_either(k):',
      '    if k > 0:',
      '        return lambda x: k * x',
      '    return lambda x: -x',
      'def make_data(n):',
      '    return np.linspace(0.0, 1.0, n)',
      'def make_loss(a):',
      '    def loss(w):',
      '        return a * w ** 2',
      '    return loss',
    ].join('\n'),
  };
  const provider: ModuleSourceProvider = { read: (p) => (Object.hasOwn(files, p) ? files[p] : undefined) };
  const text = ['from makers import make_either, make_data, make_loss', 'either = make_either(2.0)', 'data = make_data(4)', 'loss = make_loss(3.0)', 'def loss(w):', '    return w', ''].join('\n');
  const doc = DocumentAnalysis.fromText(text, 'w/main.py', 'python', undefined, provider);
  // `loss` is the file's own def (defined after the binding, it is what the name holds when a run calls it).
  assert.deepEqual(doc.functions().map((f) => f.ir.name).sort(), ['loss']);
  assert.equal(doc.functions()[0]!.ir.body.length, 1);
  assert.deepEqual(doc.diagnostics, []);
});

test('the editor: the worker asks the host for the factory\'s file, then lists its function with numbers', () => {
  const fitText = readFileSync(FIT, 'utf8');
  const objectivesText = readFileSync(join(DIR, 'objectives.py'), 'utf8');
  const uri = 'file:///ws/fit.py';
  const hostRead = (paths: readonly string[]): Record<string, WorkspaceFile | null> =>
    Object.fromEntries(paths.map((p) => [p, p === 'file:///ws/objectives.py' ? { stamp: '1', bytes: objectivesText.length, text: objectivesText } : null]));
  const cache = new FunctionCache();
  let files: Record<string, WorkspaceFile | null> = {};
  let report;
  for (let round = 0; round < 6 && !report; round++) {
    try {
      report = reportDocument(reportRequest(fitText, { uri, files }), cache);
    } catch (e) {
      if (!(e instanceof NeedsFiles)) throw e;
      files = { ...files, ...hostRead(e.paths) };
    }
  }
  assert.ok(report, 'a report after the host read what the worker asked for');
  assert.ok('file:///ws/objectives.py' in files, JSON.stringify(Object.keys(files)));
  const objective = report.functions.find((f) => f.name === 'objective');
  assert.ok(objective, JSON.stringify(report.functions.map((f) => f.name)));
  // The lens sits on the name bound in fit.py.
  assert.deepEqual(objective.nameRange, { start: { line: 6, column: 0 }, end: { line: 6, column: 9 } });
  const e = EXPECTED.objective!;
  close(objective.result!.value, e.value, 'objective value');
  const g = objective.result!.gradient!.w as number[];
  e.gradient[0]!.forEach((v, k) => close(g[k], v, `objective gradient [${k}]`));
  assert.deepEqual(report.diagnostics ?? [], []);
});
