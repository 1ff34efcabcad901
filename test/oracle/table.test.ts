/**
 * The check table (table/rows.txt; its header says what a row is). Per row, through the product's
 * whole path (Python front end → IR → engine):
 * - the value against numpy's (table/fixtures.json, made by table/make_table_fixtures.py): same
 *   shape, |engine − numpy| ≤ 1e-12 + 1e-10·|numpy| per entry;
 * - the gradient of g = Σ wᵢ·outᵢ in reverse mode and in forward mode against numpy's fourth-order
 *   central differences: ≤ tol·(1 + |numpy|) + 1e-8·scale per entry, tol 1e-7 unless the row says;
 * - the Hessian of g (forward over reverse) against fourth-order differences of GradLens's own
 *   reverse gradients, and symmetric.
 * Rows marked `self` compare against GradLens's own differences of its own values instead.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PointValue } from '../../src/engine/run';
import { compilePython, differentiate, valueAt } from './table/engine';
import { readRows, rowSource, type TableRow } from './table/rows';

interface FixtureRow {
  point: PointValue[];
  shape?: number[];
  value?: number[];
  gradient?: number[];
}

const fixture = JSON.parse(readFileSync(join(__dirname, 'table', 'fixtures.json'), 'utf8')) as { rows: Record<string, FixtureRow> };
const rows = readRows();

test('the table fixtures match rows.txt (else: /usr/bin/python3 test/oracle/table/make_table_fixtures.py)', () => {
  const missing = rows.filter((r) => !(r.key in fixture.rows)).map((r) => r.key);
  const stale = Object.keys(fixture.rows).filter((k) => !rows.some((r) => r.key === k));
  assert.deepEqual({ missing, stale }, { missing: [], stale: [] });
});

function flatten(v: PointValue, out: number[]): number[] {
  if (typeof v === 'number') out.push(v);
  else for (const x of v as readonly PointValue[]) flatten(x, out);
  return out;
}

/** The point with its flat entries replaced by `flat` (same nesting). */
function rebuild(point: readonly PointValue[], flat: readonly number[]): PointValue[] {
  let k = 0;
  const build = (v: PointValue): PointValue => (typeof v === 'number' ? flat[k++]! : (v as readonly PointValue[]).map(build));
  return point.map(build);
}

function shapeOf(v: unknown): number[] {
  return Array.isArray(v) ? [v.length, ...(v.length > 0 ? shapeOf(v[0]) : [])] : [];
}

/** Fourth-order central difference of `fn` along entry j. */
function difference(flat: readonly number[], j: number, fn: (x: number[]) => number[]): number[] {
  const h = 1e-4 * Math.max(1, Math.abs(flat[j]!));
  const at = (d: number): number[] => fn(flat.map((x, i) => (i === j ? x + d : x)));
  const [p2, p1, m1, m2] = [at(2 * h), at(h), at(-h), at(-2 * h)];
  return p1.map((_, i) => (-p2[i]! + 8 * p1[i]! - 8 * m1[i]! + m2[i]!) / (12 * h));
}

function checkRow(row: TableRow, fx: FixtureRow): string[] {
  const problems: string[] = [];
  const m = compilePython(rowSource(row));
  const point = fx.point;
  const flat = flatten(point as PointValue, []);
  if (fx.value) {
    const out = m.functions.get('f')!;
    const { values, shape } = (() => {
      const trace = differentiate(m, 'f', point, false);
      return { values: trace.values, shape: outputShape(m, point) };
    })();
    if (JSON.stringify(shape) !== JSON.stringify(fx.shape)) problems.push(`shape ${JSON.stringify(shape)} ≠ numpy's ${JSON.stringify(fx.shape)}`);
    else values.forEach((v, i) => {
      const e = fx.value![i]!;
      if (!(Math.abs(v - e) <= 1e-12 + 1e-10 * Math.abs(e) || (Number.isNaN(v) && Number.isNaN(e)))) problems.push(`value[${i}] ${v} ≠ numpy's ${e}`);
    });
    void out;
  }
  if (problems.length > 0) return problems;
  const g = differentiate(m, 'g', point, row.options.nohess !== true);
  const reference = fx.gradient ?? flat.map((_, j) => difference(flat, j, (x) => valueAt(m, 'g', rebuild(point, x)))[0]!);
  const scale = Math.max(1, ...reference.map(Math.abs), Math.abs(g.values[0]!));
  const tol = row.options.tol ?? 1e-7;
  for (const [mode, rowsOf] of [['reverse', g.reverse], ['forward', g.forward]] as const) {
    rowsOf[0]!.forEach((d, j) => {
      const e = reference[j]!;
      if (!(Math.abs(d - e) <= tol * (1 + Math.abs(e)) + 1e-8 * scale)) problems.push(`${mode} ∂/∂[${j}] ${d} ≠ differences ${e}`);
    });
  }
  if (g.hessian) {
    const gradAt = (x: number[]): number[] => differentiate(m, 'g', rebuild(point, x), false).reverse[0]!;
    const H = g.hessian;
    const hscale = Math.max(1, ...H.flat().map(Math.abs));
    flat.forEach((_, j) => {
      const col = difference(flat, j, gradAt);
      col.forEach((e, k) => {
        if (!(Math.abs(H[k]![j]! - e) <= 1e-6 * (1 + Math.abs(e)) + 1e-7 * hscale)) problems.push(`H[${k}][${j}] ${H[k]![j]} ≠ differences of gradients ${e}`);
        if (!(Math.abs(H[k]![j]! - H[j]![k]!) <= 1e-9 * hscale)) problems.push(`H not symmetric at [${k}][${j}]: ${H[k]![j]} vs ${H[j]![k]}`);
      });
    });
  }
  return problems;
}

/** A row GradLens refuses: the refusal is a located error whose message says so. */
function checkRefusal(row: TableRow, fx: FixtureRow): string[] {
  try {
    compilePython(rowSource(row));
    valueAt(compilePython(rowSource(row)), 'f', fx.point);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return message.includes(row.options.refuses!) ? [] : [`refused, but with "${message}", not "${row.options.refuses}"`];
  }
  return ['ran; the row says GradLens refuses it'];
}

function outputShape(m: ReturnType<typeof compilePython>, point: PointValue[]): number[] {
  return shapeOf(evaluateTemplate(m, point));
}

function evaluateTemplate(m: ReturnType<typeof compilePython>, point: PointValue[]): unknown {
  return evaluateOutput(m, point);
}

import { evaluatePrimal } from '../../src/engine/run';
function evaluateOutput(m: ReturnType<typeof compilePython>, point: PointValue[]): unknown {
  return evaluatePrimal(m, 'f', point).output.template;
}

const byName = new Map<string, TableRow[]>();
for (const r of rows) byName.set(r.name, [...(byName.get(r.name) ?? []), r]);

for (const [name, group] of byName) {
  test(`table: ${name} (${group.length} row${group.length === 1 ? '' : 's'})`, () => {
    const failures: string[] = [];
    for (const row of group) {
      const fx = fixture.rows[row.key];
      if (!fx) continue; // reported by the first test
      let problems: string[];
      try {
        problems = row.options.refuses !== undefined ? checkRefusal(row, fx) : checkRow(row, fx);
      } catch (e) {
        problems = [`threw: ${e instanceof Error ? e.message : String(e)}`];
      }
      if (problems.length > 0) failures.push(`${row.key}\n    ${problems.slice(0, 6).join('\n    ')}${problems.length > 6 ? `\n    … ${problems.length - 6} more` : ''}`);
    }
    assert.equal(failures.length, 0, `\n${failures.join('\n')}`);
  });
}
