/**
 * Golden files of generated derivative code (test/codegen/cases/NAME.* → test/codegen/golden/NAME.txt):
 * the seeds, a branch, a loop and a numpy MLP, each first through the round trip (the text is only
 * produced when it matches AD). `UPDATE_GOLDEN=1` rewrites them; read the diff before committing.
 * Seed 001's adjoints are also compared, variable by variable, with the textbook's adjoint table (the
 * reverse trace's v̄ column).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { languageForPath } from '../../../src/analysis/languages';
import { derivativeSource } from '../../../src/analysis/derivativeSource';
import { traceRows } from '../../../src/analysis/trace';
import { reverseMode } from '../../../src/codegen/reverse';
import { programFunction } from '../../../src/codegen/program';
import { releaseTrace } from '../../../src/engine/run';

const CASES = join(__dirname, '..', '..', 'codegen', 'cases');
const GOLDEN = join(__dirname, '..', '..', 'codegen', 'golden');

/** The case's function: the one with an `@at` annotation (the first); a method as `Class.method`. */
function caseFunction(text: string): string {
  const m = /@at[^\n]*\n(?:[ \t]*(?:#|\/\/|\*)[^\n]*\n)*([ \t]*)(?:def |function |export function )?(\w+)\(/.exec(text);
  assert.ok(m, 'a case has one function annotated with @at');
  if (!m[1]) return m[2]!;
  const cls = [...text.slice(0, m.index).matchAll(/^(?:export )?class (\w+)/gm)].pop();
  assert.ok(cls, 'an indented case function is a method of a class above it');
  return `${cls[1]}.${m[2]}`;
}

for (const file of readdirSync(CASES).sort()) {
  test(`generated code for ${file} is its golden file`, () => {
    const path = join(CASES, file);
    const text = readFileSync(path, 'utf8');
    const doc = DocumentAnalysis.fromText(text, path, languageForPath(path)!);
    const generated = derivativeSource(doc, caseFunction(text), { text, uri: path });
    assert.ok(generated.ok, generated.ok ? '' : generated.error.message);
    assert.equal(generated.value.checkedPoints, 9);
    const golden = join(GOLDEN, `${basename(file).replace(/\.\w+$/, '')}.txt`);
    if (process.env.UPDATE_GOLDEN || !existsSync(golden)) writeFileSync(golden, generated.value.text);
    assert.equal(generated.value.text, readFileSync(golden, 'utf8'));
  });
}

test("seed 001's generated adjoints are the textbook adjoint table's v̄ column, variable by variable", () => {
  const path = join(CASES, 'seed001.py');
  const text = readFileSync(path, 'utf8');
  const doc = DocumentAnalysis.fromText(text, path, 'python');
  const fn = doc.find('seed001')!;
  const program = reverseMode(fn, { name: 'grad_seed001', wrt: ['v_1', 'v0'], reserved: new Set(), intrinsics: new Map(), functions: new Map() });
  const names = ['v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v_1', 'v0'];
  const everyAdjoint = { ...program, result: { kind: 'tuple' as const, elements: names.map((n) => ({ kind: 'name' as const, name: `d${n}`, range: fn.range })), range: fn.range } };
  const run = DocumentAnalysis.fromModule({ ...doc.module, functions: [...doc.module.functions, programFunction(everyAdjoint, 'adjoints')] });
  const point = doc.resolvePoint('seed001');
  assert.ok(point.ok);
  const mine = run.evaluate('adjoints', point.value);
  assert.ok(mine.ok, mine.ok ? '' : mine.error.message);
  const trace = doc.record('seed001', point.value);
  assert.ok(trace.ok);
  const rows = traceRows(trace.value, { mode: 'reverse' }, fn.nameRange);
  assert.ok(rows.ok);
  const table = new Map<string, number>();
  // A row is named by its parameter, or by the variable its source line assigns (`v4 = v1 - v3`).
  const lines = text.split('\n');
  for (const r of rows.value) {
    const assigned = /^\s*(\w+) = /.exec(lines[r.range.start.line] ?? '')?.[1];
    const name = r.op === 'input' ? r.label : assigned;
    if (name && r.adjoint !== undefined) table.set(name, r.adjoint);
  }
  releaseTrace(trace.value);
  const got = mine.value.value as number[];
  names.forEach((n, i) => {
    assert.ok(table.has(n), `the table has a row for ${n}`);
    assert.ok(Math.abs(got[i]! - table.get(n)!) <= 1e-12 * Math.max(1, Math.abs(table.get(n)!)), `d${n}: generated ${got[i]}, table ${table.get(n)}`);
  });
});

test('a loop in math notation: pushed onto and popped off its stack in words, checked by running the program itself', () => {
  const path = join(CASES, 'loop.py');
  const text = readFileSync(path, 'utf8');
  const doc = DocumentAnalysis.fromText(text, path, 'python');
  const generated = derivativeSource(doc, caseFunction(text), { text, uri: path, language: 'math' });
  assert.ok(generated.ok, generated.ok ? '' : generated.error.message);
  assert.equal(generated.value.checkedPoints, 9);
  assert.match(generated.value.text, /^ {4}push \([^)]*\) onto stack$/m);
  assert.match(generated.value.text, /^ {2}while stack is not empty:\n {4}[^\n]* = pop stack$/m);
});
