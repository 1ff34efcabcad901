import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { copyPreview, gradientAs, jacobianRows } from '../../../src/extension/copyFormats';
import { checkingTitle, doubtfulWarnings, errorLens, LENS_COLUMNS, resultLens, resultTitle, setPointLens, staleLens } from '../../../src/extension/titles';
import { summarizeValue } from '../../../src/report/format';
import type { FunctionReport } from '../../../src/report/report';
import type { PointValue } from '../../../src/engine/run';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FunctionCache, reportDocument } from '../../../src/report/documentReport';

const range = { start: { line: 0, column: 0 }, end: { line: 0, column: 1 } };
const base = { paramRanges: [], range, nameRange: range, errors: [], asked: true, arithmetic: true };
const width = (s: string): number => [...s].length;

/** A function of twelve scalars with a long name: its full lens text is far over 100 columns. */
const params = Array.from({ length: 12 }, (_, i) => `theta_${i}`);
const wide: FunctionReport = {
  ...base,
  name: 'negative_log_likelihood_of_the_model',
  params,
  point: { values: Object.fromEntries(params.map((p, i) => [p, 0.123456 * (i + 1)])), source: 'annotation' },
  result: { value: 12.3456789, gradient: Object.fromEntries(params.map((p, i) => [p, -1.23456 * (i + 1)])), inputLabels: params, variables: [], warnings: [] },
};

describe('lens texts fit the editor', () => {
  it("a hand-written derivative's lens while its check comes after the others says against what, with the check lens's subscripts", () => {
    assert.equal(checkingTitle('∂f/∂x1'), '⋯ checking against ∂f/∂x₁…');
    assert.equal(checkingTitle('∂loss/∂w'), '⋯ checking against ∂loss/∂w…');
  });

  it('a result lens fits 100 columns, says where its point came from, and never repeats a large point', () => {
    const full = resultTitle(wide, 4, 'python');
    assert.ok(width(full) > LENS_COLUMNS, full);
    const lens = resultLens(wide, 4, 'python');
    assert.ok(width(lens) <= LENS_COLUMNS, lens);
    assert.match(lens, /^negative_log_likelihood_of_the_model\(…\) = 12\.3457 · /);
    assert.ok(!lens.includes('0.1235'), 'the point is not repeated');
  });

  it('the stale marker comes first and survives any width', () => {
    const lens = staleLens(wide, { message: 'expected an expression after the operator, found the end of the line', line: 3 }, 4, 'python');
    assert.ok(lens.startsWith('⟳ stale · negative_log_likelihood_of_the_model('), lens);
    assert.ok(width(lens) <= LENS_COLUMNS, lens);
  });

  it('a result whose number a warning doubts starts with ⚠ and says why; other warnings leave the lens alone', () => {
    const warning = (code: 'control-flow' | 'zero-derivative', message: string) => ({ severity: 'warning' as const, code, message, range });
    const r = { value: 1.5, gradient: { scale: 0 }, inputLabels: ['scale'], variables: [], warnings: [warning('zero-derivative', 'floor has zero derivative'), warning('control-flow', 'the value depends on scale only through control flow')] };
    const f: FunctionReport = { ...base, name: 'golden', params: ['scale'], point: { values: { scale: 1.5 }, source: 'annotation' }, result: r };
    assert.equal(resultLens(f, 4, 'python'), '⚠ golden(1.5) = 1.5 · ∇golden = 0   (@at)');
    assert.deepEqual(doubtfulWarnings(f), ['⚠ the value depends on scale only through control flow']);
    const quiet: FunctionReport = { ...f, result: { ...r, warnings: [r.warnings[0]!] } };
    assert.equal(resultLens(quiet, 4, 'python'), 'golden(1.5) = 1.5 · ∇golden = 0   (@at)');
  });

  it('text in the point (option_type="put") is shown in quotes, and the lens names what it differentiated', () => {
    const f: FunctionReport = {
      ...base, name: 'payoff', params: ['S', 'K', 'kind'],
      point: { values: { S: 3, K: 2, kind: 'put' }, source: 'annotation' },
      result: { value: 0.9, gradient: { S: 0.6, K: 0 }, inputLabels: ['S', 'K'], variables: [], warnings: [] },
    };
    assert.equal(resultLens(f, 4, 'python'), 'payoff(3, 2, "put") = 0.9 · ∂payoff/∂(S, K) = (0.6, 0)   (@at)');
    // An object's text entry, its bidirectional controls made visible; the gradient object has its numbers only.
    const g: FunctionReport = {
      ...base, name: 'opt', params: ['p'],
      point: { values: { p: { t: 0.5, mode: 'in\u202e' } }, source: 'annotation' },
      result: { value: 0.25, gradient: { p: { t: 1 } }, inputLabels: ['p.t'], variables: [], warnings: [] },
    };
    assert.equal(resultLens(g, 4, 'python'), 'opt({t: 0.5, mode: "in\\u202e"}) = 0.25 · ∇opt = {t: 1}   (@at)');
  });

  it('a short result keeps everything', () => {
    const f: FunctionReport = { ...base, name: 'live', params: ['x', 'y'], point: { values: { x: 2, y: 3 }, source: 'annotation' }, result: { value: 8, gradient: { x: 4, y: 2 }, inputLabels: ['x', 'y'], variables: [], warnings: [] } };
    assert.equal(resultLens(f, 4, 'python'), 'live(2, 3) = 8 · ∇live = (4, 2)   (@at)');
    assert.equal(staleLens(f, { message: 'unexpected end', line: 3 }, 4, 'python'), '⟳ stale · live(2, 3) = 8 · ∇live = (4, 2)   (line 3: unexpected end)');
  });

  it('a method differentiated in an attribute of its instance (@wrt self.sigma) names what it differentiated, in lens, copy and hover order', () => {
    const f: FunctionReport = {
      ...base, name: 'Call.price', params: ['S', 'T'],
      point: { values: { S: 100, T: 1 }, source: 'annotation' },
      result: { value: 8.0214, gradient: { S: 0.5422, 'self.sigma': 39.6705 }, inputLabels: ['S', 'self.sigma'], variables: [], warnings: [] },
    };
    assert.equal(resultLens(f, 4, 'python'), 'Call.price(100, 1) = 8.0214 · ∂Call.price/∂(S, self.sigma) = (0.5422, 39.6705)   (@at)');
    assert.equal(gradientAs('json', f), '{"S":0.5422,"self.sigma":39.6705}');
    assert.equal(gradientAs('latex', f), '\\nabla \\operatorname{Call.price}(100, 1) = \\begin{pmatrix} 0.5422 \\\\ 39.6705 \\end{pmatrix}');
    const only: FunctionReport = { ...f, result: { ...f.result!, gradient: { 'self.sigma': 39.6705 }, inputLabels: ['self.sigma'] } };
    assert.equal(resultLens(only, 4, 'python'), 'Call.price(100, 1) = 8.0214 · ∂Call.price/∂self.sigma = 39.6705   (@at)');
  });

  it('an object parameter reads as an object, its gradient as one of the same keys', () => {
    const f: FunctionReport = {
      ...base, name: 'energy', params: ['p', 'k'],
      point: { values: { p: { x: 1, y: 2 }, k: 2 }, source: 'annotation' },
      result: { value: 14, gradient: { p: { x: 4, y: 6.5 }, k: 7 }, inputLabels: ['p.x', 'p.y', 'k'], variables: [], warnings: [] },
    };
    assert.equal(resultLens(f, 4, 'python'), 'energy({x: 1, y: 2}, 2) = 14 · ∇energy = ({x: 4, y: 6.5}, 7)   (@at)');
    assert.equal(summarizeValue({ x: 1, 'a b': [1, 2] }, 4), '{x: 1, "a b": [1, 2]}');
  });

  it('an error names the point it failed at and where that point came from', () => {
    const f: FunctionReport = { ...base, name: 'f', params: ['x'], point: { values: { x: -1 }, source: 'last-used' }, hasFilePoint: true };
    assert.equal(errorLens(f, 'log of a negative number (log(−1))', 4, 'python'), '✗ f(−1) (last used): log of a negative number (log(−1))');
  });

  it('"Set point…" shows the @at line in the comment syntax of the language', () => {
    const f: FunctionReport = { ...base, name: 'f', params: ['x', 'y'] };
    assert.match(setPointLens(f, 'typescript'), /"\/\/ @at x=1, y=2"/);
    assert.match(setPointLens(f, 'python'), /"# @at x=1, y=2"/);
  });
});

describe('nested outputs', () => {
  it('a tuple of a number and a matrix reads as a tuple, each part summarized', () => {
    assert.equal(summarizeValue([6, [[1, 2, 3], [2, 4, 6], [3, 6, 9]]], 4), '(6, [3×3, ‖·‖ = 14, largest 9 at [2, 2], 6 at [1, 2]])');
    assert.equal(summarizeValue([[1, 2], [3, 4]], 4), '[[1, 2], [3, 4]]');
  });

  it('the Jacobian of a tuple output: rows per output number, columns per input, copied and titled', () => {
    const jac: FunctionReport = {
      ...base,
      name: 'pair',
      params: ['x'],
      point: { values: { x: [1, 2] }, source: 'annotation' },
      result: { value: [3, [1, 4]], jacobian: { x: [[1, 1], [[2, 0], [0, 4]]] }, inputLabels: ['x[0]', 'x[1]'], variables: [], warnings: [] },
    };
    assert.deepEqual(jacobianRows(jac.result!.value, [jac.result!.jacobian!.x]), [[1, 1], [2, 0], [0, 4]]);
    assert.equal(gradientAs('latex', jac), 'J_{\\operatorname{pair}}(\\begin{bmatrix} 1 \\\\ 2 \\end{bmatrix}) = \\begin{bmatrix} 1 & 1 \\\\ 2 & 0 \\\\ 0 & 4 \\end{bmatrix}');
    assert.deepEqual(JSON.parse(gradientAs('json', jac)), { x: [[1, 1], [[2, 0], [0, 4]]] });
    assert.equal(resultTitle(jac, 4, 'python'), 'pair([1, 2]) = (3, [1, 4]) · Jacobian (6 entries)');
    assert.equal(copyPreview('json', jac), '{"x": …}');
  });
});

describe('a lens made from its tooltip text', () => {
  it('is the text made without it, for every result of real-style files (short points, long ones, warnings, arrays)', () => {
    const dir = join(__dirname, '..', '..', 'fixtures', 'real_python');
    const results = ['activations.py', 'losses.py', 'objectives.py', 'layer_passes.py', 'vectors.py']
      .flatMap((name) => reportDocument({ uri: `file:///ws/${name}`, version: 1, text: readFileSync(join(dir, name), 'utf8'), language: 'python', settings: { mode: 'reverse', budget: {} }, lastUsed: {} }, new FunctionCache()).functions)
      .filter((f) => f.result && f.point);
    // Both kinds of point: shown whole in the lens, and cut to `…`.
    const pointColumns = results.map((f) => width(resultTitle(f, 6, 'python').split(') = ')[0]!));
    assert.ok(pointColumns.some((n) => n < 40) && pointColumns.some((n) => n > 80), JSON.stringify(pointColumns));
    for (const precision of [3, 6]) for (const f of results) assert.equal(resultLens(f, precision, 'python', resultTitle(f, precision, 'python')), resultLens(f, precision, 'python'), f.name);
    // Made here: a point too long for the lens whose whole text would fit (`f(…)` all the same), and a
    // result whose first text is too long and whose brief one fits.
    const made = (name: string, values: Record<string, PointValue>, value: number, gradient: Record<string, PointValue>): FunctionReport => ({
      ...base, name, params: Object.keys(values), point: { values, source: 'annotation' }, result: { value, gradient, inputLabels: Object.keys(values), variables: [], warnings: [] },
    });
    const five = made('f', { a: 1.234567, b: 2.469134, c: 3.703701, d: 4.938268, e: 6.172835 }, 1, { a: 1, b: 2, c: 3, d: 4, e: 5 });
    const matrix = made('loss', { W: [[0.5, 1.5], [1, 2]] }, 2.5, { W: Array.from({ length: 4 }, (_, i) => Array.from({ length: 3 }, (_, j) => 0.123456 * (i + j + 1))) });
    assert.equal(resultLens(five, 4, 'python'), 'f(…) = 1 · ∇f = (1, 2, 3, 4, 5)   (@at)');
    assert.equal(resultLens(matrix, 4, 'python'), 'loss([[0.5, 1.5], [1, 2]]) = 2.5 · ∇loss = [4×3, ‖·‖ = 1.6097]   (@at)');
    for (const f of [wide, five, matrix]) assert.equal(resultLens(f, 4, 'python', resultTitle(f, 4, 'python')), resultLens(f, 4, 'python'), f.name);
  });
});
