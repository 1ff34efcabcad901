import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compilePython, differentiate } from './table/engine';

/**
 * np.where against PyTorch (fixtures by where/make_where_fixtures.py): torch's plain form gives NaN
 * where the branch not selected has an infinite or undefined derivative (its "where trap"); its
 * guarded form gives the selected branch's derivative. GradLens's plain form gives the guarded
 * form's numbers, in reverse and forward mode, and a note wherever torch's plain form has NaN.
 */

interface Case {
  readonly name: string;
  readonly source: string;
  readonly point: number | number[];
  readonly value: number;
  readonly torchPlain: (number | null)[];
  readonly torchGuarded: (number | null)[];
}

const cases = JSON.parse(readFileSync(join(__dirname, 'where', 'fixtures.json'), 'utf8')) as Case[];

for (const c of cases) {
  test(`np.where ${c.name} at ${JSON.stringify(c.point)}: torch's guarded gradient, a note where torch's plain one is NaN`, () => {
    const m = compilePython(`import numpy as np\n\ndef f(x):\n    return ${c.source}\n`);
    const r = differentiate(m, 'f', [c.point], false);
    assert.ok(Math.abs(r.values[0]! - c.value) <= 1e-12 * Math.max(1, Math.abs(c.value)), `${r.values[0]} vs ${c.value}`);
    for (const g of [r.reverse[0]!, r.forward[0]!]) {
      g.forEach((v, i) => assert.ok(Math.abs(v - c.torchGuarded[i]!) <= 1e-12 * Math.max(1, Math.abs(c.torchGuarded[i]!)), `entry ${i}: ${v} vs torch ${c.torchGuarded[i]}`));
    }
    const torchTrapped = c.torchPlain.some((v) => v === null);
    assert.equal(r.warnings.some((w) => /JAX and PyTorch give NaN here/.test(w)), torchTrapped, r.warnings.join('\n'));
  });
}
