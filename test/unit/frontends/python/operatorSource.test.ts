import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pythonGradient } from '../../pythonRuns';

/**
 * Python's operator module is GradLens's own Python source (frontends/python/librarySources.ts):
 * its functions are the operators they name, passed as callbacks. Values from /usr/bin/python3 on
 * the same code; the Griewank gradient from its formula (∂/∂x₀ = x₀/2000 + sin x₀·cos(x₁/√2), …).
 */

test('reduce(mul, …) over a generator: the Griewank function as evolutionary-computation libraries write it', () => {
  const source = [
    'from functools import reduce',
    'from math import cos, sqrt',
    'from operator import mul',
    '',
    'def griewank(individual):',
    '    return 1.0 / 4000.0 * sum(x ** 2 for x in individual) - \\',
    '        reduce(mul, (cos(x / sqrt(i + 1.0)) for i, x in enumerate(individual)), 1) + 1,',
    '',
  ].join('\n');
  const r = pythonGradient(source, 'griewank', { individual: [0.5, 1.5] });
  assert.deepEqual(r.value, [0.5721048831392989]); // python3: (0.5721048831392989,)
  const row = r.jacobian!['individual'] as number[][];
  assert.ok(Math.abs(row[0]![0]! - 0.2343516067891531) < 1e-15 && Math.abs(row[0]![1]! - 0.542285623195631) < 1e-15, JSON.stringify(row));
});

test('itemgetter as a sort key, and the module imported whole', () => {
  const source = [
    'import operator',
    'from operator import itemgetter',
    '',
    'def smallest_plus(x, y):',
    '    pairs = [("a", x), ("b", y)]',
    '    first = sorted(pairs, key=itemgetter(1))[0][1]',
    '    both = itemgetter(0, 1)(pairs[1])',
    '    return first + operator.add(x, operator.neg(y)) * operator.truediv(both[1], 2.0)',
    '',
  ].join('\n');
  const r = pythonGradient(source, 'smallest_plus', { x: 2, y: 1 });
  assert.equal(r.value, 1.5); // python3: 1 + (2 - 1) * 0.5
  assert.deepEqual({ ...r.gradient }, { x: 0.5, y: 1 - 0.5 + (2 - 1) * 0.5 });
});
