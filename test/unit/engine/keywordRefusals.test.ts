import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INTRINSICS } from '../../../src/ir/intrinsics';
import { LIBRARY_MODULES } from '../../../src/frontends/python/libraryNames';
import { compilePython, valueAt } from '../../oracle/table/engine';
import { ARRAY_METHODS } from '../../../src/engine/array/methods';

/**
 * An argument numpy (or scipy, jax) takes that GradLens does not model is refused as GradLens's
 * limitation — "GradLens does not support trace's offset= yet" — never as if the library lacked it
 * ("trace() takes no keyword argument offset"). Checked for every library function GradLens names,
 * with a keyword no library has, at a point where the call is otherwise well formed in arity.
 */

const SPELLING: Record<string, string> = { numpy: 'np', math: 'math', 'scipy.special': 'special', 'scipy.stats.norm': 'norm', 'jax.nn': 'nn', functools: 'functools' };
const IMPORTS = 'import numpy as np\nimport math\nimport functools\nfrom scipy import special\nfrom scipy.stats import norm\nfrom jax import nn\n';

test('every library function refuses a keyword it does not model as GradLens\'s limitation, naming the keyword', () => {
  const wrong: string[] = [];
  let checked = 0;
  for (const m of LIBRARY_MODULES) {
    const prefix = SPELLING[m.path];
    if (!prefix) continue; // jax.numpy, autograd.* share these very tables
    for (const [name, intrinsic] of Object.entries(m.functions)) {
      const sig = INTRINSICS[intrinsic];
      if ('keywords' in sig && (sig.keywords as readonly string[]).includes('*')) continue; // takes any keyword (print-like, dict)
      const args = Array.from({ length: Math.max(1, sig.minArgs) }, () => 'x').join(', ');
      const source = `${IMPORTS}\ndef f(x):\n    return ${prefix}.${name}(${args}, zz_bogus=1)\n`;
      let message = 'ran';
      try {
        valueAt(compilePython(source), 'f', [[0.5, 0.25]]);
      } catch (e) {
        message = e instanceof Error ? e.message : String(e);
      }
      checked++;
      if (!/^GradLens does not support \S+'s zz_bogus= yet/.test(message) || /takes no keyword|unexpected keyword|numpy (has|does) not/i.test(message)) {
        wrong.push(`${prefix}.${name}: ${message}`);
      }
    }
  }
  assert.ok(checked > 250, `only ${checked} functions checked`);
  assert.deepEqual(wrong, []);
});

test('every array method refuses a keyword it does not model as GradLens\'s limitation (none is silently ignored)', () => {
  const wrong: string[] = [];
  for (const method of ARRAY_METHODS) {
    const args = method === 'dot' ? 'x, ' : method === 'repeat' ? '2, ' : '';
    let message = 'ran';
    try {
      valueAt(compilePython(`import numpy as np\n\ndef f(x):\n    return x.${method}(${args}zz_bogus=1)\n`), 'f', [[[0.5, 0.25], [1, 2]]]);
    } catch (e) {
      message = e instanceof Error ? e.message : String(e);
    }
    if (!/^GradLens does not support \S+'s zz_bogus= yet/.test(message)) wrong.push(`x.${method}: ${message}`);
  }
  assert.deepEqual(wrong, []);
});

test("ravel/flatten in an order other than C is refused (it used to be read as C: a silently wrong layout); item takes indices", () => {
  const at = (body: string): number[] | string => {
    try {
      return valueAt(compilePython(`import numpy as np\n\ndef f(x):\n    return ${body}\n`), 'f', [[[1, 2], [3, 4]]]);
    } catch (e) {
      return (e as Error).message;
    }
  };
  assert.equal(at("x.ravel('F')"), "GradLens does not support ravel's order='F' yet (only 'C')");
  assert.equal(at("x.flatten(order='K')"), "GradLens does not support flatten's order='K' yet (only 'C')");
  assert.deepEqual(at("x.ravel(order='C')"), [1, 2, 3, 4]);
  assert.deepEqual(at("x.copy(order='F')"), [1, 2, 3, 4]);
  // numpy: x.item(2) is the flat index, x.item(1, 0) one index per axis, x.item(-1) from the end
  assert.deepEqual(at('x.item(2)'), [3]);
  assert.deepEqual(at('x.item(1, 0)'), [3]);
  assert.deepEqual(at('x.item((0, 1))'), [2]);
  assert.deepEqual(at('x.item(-1)'), [4]);
  assert.match(at('x.item(4)') as string, /index 4 is out of bounds for size 4/);
});
