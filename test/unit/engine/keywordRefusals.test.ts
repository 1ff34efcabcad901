import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INTRINSICS } from '../../../src/ir/intrinsics';
import { LIBRARY_MODULES } from '../../../src/frontends/python/libraryNames';
import { compilePython, valueAt } from '../../oracle/table/engine';

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
