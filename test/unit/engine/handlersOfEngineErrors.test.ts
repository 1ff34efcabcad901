import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';

/**
 * Which of the engine's errors a program's `except` catches: only those Python raises, as Python
 * types them. A handler never runs where CPython goes on (numpy's nan under `except Exception:`, a
 * repeated eigenvalue whose derivative only GradLens refuses): that would be another number, so the
 * run is refused instead. Expected values: CPython 3 with numpy 1.24 at x = 1 (`python3 -W ignore`).
 */
const SOURCE = `import numpy as np
import math

def list_index(x):
    xs = [1.0, 2.0, 3.0]
    try:
        i = xs.index(7.0)
    except ValueError:
        i = 1
    return x * i

def numpy_nan(x):
    try:
        r = np.sqrt(x - 2.0)
    except Exception:
        r = 0.0 * x
    return r + x

def repeated_eigenvalue(x):
    A = np.array([[x, 0.0], [0.0, x]])
    try:
        w, v = np.linalg.eigh(A)
        return np.sum(v[:, 0] * np.array([1.0, 2.0])) * x
    except Exception:
        return x * 3.0

def math_domain(x):
    try:
        return math.log(x - 5.0)
    except ValueError:
        return x * 2.0

def math_range(x):
    try:
        return math.exp(x * 1000.0)
    except ValueError:
        return 1.0
    except OverflowError:
        return 2.0 * x

def raising_state(x):
    with np.errstate(all='raise'):
        try:
            return np.sum(np.log(np.array([x, -x])))
        except FloatingPointError:
            return 3.0 * x

def array_division(x):
    try:
        return np.sum(np.array([x, 1.0]) / np.array([1.0, 0.0]))
    except ZeroDivisionError:
        return 4.0 * x

def float_division(x):
    try:
        return x / (x - x)
    except ZeroDivisionError:
        return 5.0 * x
`;

/** CPython's value at x = 1, or the refusal GradLens gives where CPython goes on without raising. */
const CASES: readonly { name: string; cpython: number; expect: { value: number } | { refused: RegExp } }[] = [
  // list.index's ValueError (the engine's 'type' error spelled as ValueError) is caught as ValueError
  { name: 'list_index', cpython: 1, expect: { value: 1 } },
  // numpy gives nan and goes on: `except Exception:` must not turn it into 1
  { name: 'numpy_nan', cpython: NaN, expect: { refused: /square root of a negative number/ } },
  // CPython's eigh gives eigenvectors (value 1); GradLens refuses the derivative only: never the handler's 3
  { name: 'repeated_eigenvalue', cpython: 1, expect: { refused: /GradLens refuses it/ } },
  { name: 'math_domain', cpython: 2, expect: { value: 2 } },
  // math.exp past float64 is OverflowError, not ValueError
  { name: 'math_range', cpython: 2, expect: { value: 2 } },
  // a handler naming FloatingPointError is taken to have asked np.errstate for it
  { name: 'raising_state', cpython: 3, expect: { value: 3 } },
  // numpy divides an array by zero to inf: no ZeroDivisionError
  { name: 'array_division', cpython: Infinity, expect: { refused: /division by zero/ } },
  { name: 'float_division', cpython: 5, expect: { value: 5 } },
];

for (const c of CASES) {
  test(`${c.name}: ${'value' in c.expect ? `the handler CPython runs runs (${c.cpython})` : `refused where CPython goes on (${c.cpython})`}`, () => {
    const r = DocumentAnalysis.fromText(SOURCE, 'handlers.py', 'python').gradient(c.name, { values: { x: 1 }, source: 'annotation' });
    if ('value' in c.expect) {
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      if (!r.ok) return;
      assert.equal(r.value.value, c.expect.value);
      // every handler's value is linear in x: its slope is its value at x = 1
      assert.equal((r.value.gradient as { x: number }).x, c.expect.value);
    } else {
      assert.ok(!r.ok, `expected a refusal, got ${r.ok ? JSON.stringify(r.value.value) : ''}`);
      if (!r.ok) assert.match(r.error.message, c.expect.refused);
    }
  });
}
