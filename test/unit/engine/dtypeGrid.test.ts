import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { compilePython, valueAt } from '../../oracle/table/engine';
import { evaluatePrimal } from '../../../src/engine/run';
import { diagnosticText } from '../../../src/core/diagnosticText';

/**
 * numpy's dtypes carried through values (issue 18): every block of grid.json (made by real numpy,
 * make_dtype_grid.py) run by GradLens, its value AND its dtype, or the error numpy raises. A block
 * marked `guess` may differ only with a warning that says why.
 */

interface Row {
  readonly code: string;
  readonly guess?: true;
  readonly value?: number[];
  readonly shape?: number[];
  readonly dtype?: string;
  readonly error?: string;
}

const grid = JSON.parse(readFileSync(join(__dirname, 'dtypeGrid', 'grid.json'), 'utf8')) as { rows: Row[] };
const DTYPE_CODE: Record<string, number> = { bool: 0, int64: 1, float64: 2 };
const indent = (code: string): string => code.split('\n').map((l) => `    ${l}`).join('\n');

function moduleOf(row: Row): string {
  return [
    'import math',
    'import numpy as np',
    '',
    'def value():',
    indent(row.code),
    '    return np.asarray(r).astype(float)',
    '',
    'def dtype():',
    indent(row.code),
    '    d = str(np.asarray(r).dtype)',
    "    return 0.0 if d == 'bool' else 1.0 if d == 'int64' else 2.0 if d == 'float64' else 3.0",
    '',
  ].join('\n');
}

function outcome(row: Row): { value?: number[]; dtype?: number; error?: string; warnings: string[] } {
  let m;
  try {
    m = compilePython(moduleOf(row));
  } catch (e) {
    return { error: String(e), warnings: [] };
  }
  try {
    const value = valueAt(m, 'value', []);
    const run = evaluatePrimal(m, 'dtype', []);
    return { value, dtype: run.output.values[0], warnings: run.warnings.map((w) => diagnosticText(w)) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e), warnings: [] };
  }
}

test('the dtype grid was made by numpy', () => assert.ok(grid.rows.length >= 120));

for (const row of grid.rows) {
  test(`numpy's value and dtype: ${row.code.replace(/\n/g, '; ')}`, () => {
    const got = outcome(row);
    if (row.error !== undefined) {
      assert.ok(got.error !== undefined, `numpy raises ${row.error}; GradLens gave ${JSON.stringify(got.value)}`);
      return;
    }
    assert.equal(got.error, undefined, got.error);
    if (row.guess && (got.dtype !== DTYPE_CODE[row.dtype!] || JSON.stringify(got.value) !== JSON.stringify(row.value))) {
      assert.ok(got.warnings.some((w) => /whole numbers? .*type/.test(w)), `a guessed dtype must warn: ${got.warnings.join(' | ')}`);
      return;
    }
    assert.deepEqual(got.value, row.value, 'value');
    assert.equal(got.dtype, DTYPE_CODE[row.dtype!], `dtype: numpy's is ${row.dtype}`);
  });
}
