import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { checkedFormula, expressionFormula, isExpressionFunction, shortForm, type ExpressionFormula } from '../../../src/analysis/formula/formula';
import { bindingNames, evaluateNamed, namedSubexpressions } from '../../../src/analysis/formula/where';
import { call, evaluate, num, type Expr } from '../../../src/analysis/formula/expr';
import katex from 'katex';
import { codeText, spellingFor, texName } from '../../../src/analysis/formula/notation';
import { simplified } from '../../../src/analysis/formula/simplify';
import type { Language } from '../../../src/ir/nodes';
import type { PointValue } from '../../../src/engine/run';

/**
 * Formulas for expressions (analysis/formula/): derived from the registry's rules over the tape,
 * simplified by mathjs, written in the function's language — and every one of them is read back by
 * GradLens's own front end and must give AD's gradient, so a printing slip (precedence, a library
 * spelling) fails here as surely as a wrong rule.
 */

function formulaOf(text: string, language: Language, name: string, at?: Record<string, PointValue>): { formula: ExpressionFormula | undefined; gradient: Record<string, PointValue>; at: Record<string, PointValue>; value: number } {
  const analysis = DocumentAnalysis.fromText(text, `file:///t.${language}`, language);
  const point = analysis.resolvePoint(name, at);
  assert.ok(point.ok, `${name}: no point`);
  const g = analysis.gradient(name, point.value);
  assert.ok(g.ok, `${name}: ${g.ok ? '' : g.error.message}`);
  // The report passes the function's own text: its library spelling is the one it uses.
  const fn = analysis.find(name)!;
  const own = text.split('\n').slice(fn.range.start.line, fn.range.end.line + 1).join('\n');
  return { formula: expressionFormula(fn, g.value.trace, g.value.gradient!, language, own), gradient: g.value.gradient!, at: point.value.values as Record<string, PointValue>, value: g.value.value as number };
}

const relativelyClose = (x: number, y: number, tol = 1e-10): boolean => Math.abs(x - y) <= tol * Math.max(1, Math.abs(x), Math.abs(y));

/** A function whose body returns `expression`, in the language, with the given parameters. */
function wrapper(language: Language, prelude: string, params: readonly string[], expression: string): string {
  if (language === 'python') return `${prelude}\ndef check(${params.join(', ')}):\n    return ${expression}\n`;
  if (language === 'typescript') return `${prelude}\nfunction check(${params.map((p) => `${p}: number`).join(', ')}): number {\n  return ${expression};\n}\n`;
  return `${prelude}\ncheck(${params.join(', ')}) = ${expression}\n`;
}

/** Every partial's text, read back by GradLens's front end and evaluated, gives AD's number; so does the value's. */
function assertReadsBack(language: Language, prelude: string, formula: ExpressionFormula, params: readonly string[], at: Record<string, PointValue>, gradient: Record<string, PointValue>, value: number): void {
  const lines = [...formula.partials.map((p) => ({ what: `∂/∂${p.parameter}`, text: p.text, expected: gradient[p.parameter] as number })), { what: 'value', text: formula.value.text, expected: value }];
  for (const line of lines) {
    const analysis = DocumentAnalysis.fromText(wrapper(language, prelude, params, line.text), `file:///c.${language}`, language);
    const fn = analysis.functions().find((f) => f.ir.name === 'check');
    assert.ok(fn && fn.errors.length === 0, `${line.what}: ${line.text} does not parse: ${fn?.errors[0]?.message}`);
    const point = analysis.resolvePoint('check', at);
    assert.ok(point.ok);
    const r = analysis.evaluate('check', point.value);
    assert.ok(r.ok, `${line.what}: ${line.text}: ${r.ok ? '' : r.error.message}`);
    assert.ok(relativelyClose(r.value.value as number, line.expected), `${line.what}: ${line.text} gives ${r.value.value}, AD ${line.expected}`);
  }
}

test('seed 000 in Python, TypeScript and notes: ∂f/∂x1 = x2 + 1/x1, ∂f/∂x2 = x1 − cos x2, each in its language', () => {
  const expected: Record<Language, [string, string]> = {
    python: ['x2 + 1/x1', 'x1 - np.cos(x2)'],
    typescript: ['x2 + 1/x1', 'x1 - Math.cos(x2)'],
    math: ['x2 + 1/x1', 'x1 - cos(x2)'],
  };
  for (const [language, file, name, prelude] of [
    ['python', 'examples/seeds.py', 'seed000', 'import numpy as np'],
    ['typescript', 'examples/seeds.ts', 'seed000', ''],
    ['math', 'examples/seeds.math', 'f', ''],
  ] as const) {
    const text = readFileSync(file, 'utf8');
    const { formula, gradient, at } = formulaOf(text, language, name);
    assert.ok(formula, `${language}: no formula`);
    assert.deepEqual(formula.partials.map((p) => p.text), expected[language], language);
    assert.deepEqual(formula.partials.map((p) => p.parameter), ['x1', 'x2']);
    assert.equal(formula.partials[0]!.tex, 'x_{2} + \\frac{1}{x_{1}}');
    const value = Math.log(2) + 10 - Math.sin(5);
    assertReadsBack(language, prelude, formula, ['x1', 'x2'], at, gradient, value);
  }
});

test('seed 001: the textbook Wengert list (six assignments) becomes one formula per input, equal to AD', () => {
  for (const [language, file, prelude] of [['python', 'examples/seeds.py', 'import numpy as np'], ['typescript', 'examples/seeds.ts', '']] as const) {
    const text = readFileSync(file, 'utf8');
    const { formula, gradient, at, value } = formulaOf(text, language, 'seed001');
    assert.ok(Math.abs(value - 2.016646669428201) < 1e-14, `the seed's value at (1.5, 0.5) (seeds-errata.md: 2.0166, not the table's 2.0167): ${value}`);
    assert.ok(formula, language);
    assert.deepEqual(formula.partials.map((p) => p.parameter), ['v_1', 'v0']);
    // No intermediate name survives: the chain is substituted.
    for (const p of formula.partials) assert.doesNotMatch(p.text, /\bv[1-6]\b/, p.text);
    assert.equal(formula.partials[0]!.texParameter, 'v_{1}');
    assertReadsBack(language, prelude, formula, ['v_1', 'v0'], at, gradient, value);
  }
});

const TYPICAL = `import numpy as np
import math

def d1(S, K, r, sigma, T):
    return (np.log(S / K) + (r + sigma ** 2 / 2) * T) / (sigma * np.sqrt(T))

def sigmoid(x):
    return 1 / (1 + np.exp(-x))

def softplus(x):
    return np.log1p(np.exp(x))

def gaussian(x, mu, s):
    z = (x - mu) / s
    return math.exp(-z * z / 2) / (s * math.sqrt(2 * math.pi))
`;

test('typical formulas: Black-Scholes d1, sigmoid, softplus, a Gaussian density — readable, in numpy or math spelling, equal to AD', () => {
  const cases: [string, Record<string, number>][] = [
    ['d1', { S: 100, K: 95, r: 0.05, sigma: 0.2, T: 1.5 }],
    ['sigmoid', { x: 0.3 }],
    ['softplus', { x: -1.2 }],
    ['gaussian', { x: 0.4, mu: 0.1, s: 1.3 }],
  ];
  const byName = new Map<string, ExpressionFormula>();
  for (const [name, at] of cases) {
    const { formula, gradient, at: point } = formulaOf(TYPICAL, 'python', name, at);
    assert.ok(formula, name);
    byName.set(name, formula);
    const analysis = DocumentAnalysis.fromText(TYPICAL, 'file:///t.py', 'python');
    const value = analysis.evaluate(name, { values: point, source: 'argument' });
    assert.ok(value.ok);
    assertReadsBack('python', 'import numpy as np\nimport math', formula, Object.keys(at), point, gradient, value.value.value as number);
  }
  assert.equal(byName.get('d1')!.partials.find((p) => p.parameter === 'S')!.text, '1/S/sigma/np.sqrt(T)');
  assert.equal(byName.get('d1')!.partials.find((p) => p.parameter === 'S')!.tex, '\\frac{1}{S \\, \\sigma \\, \\sqrt{T}}');
  assert.equal(byName.get('d1')!.partials.find((p) => p.parameter === 'sigma')!.texParameter, '\\sigma');
  assert.equal(byName.get('sigmoid')!.partials[0]!.text, 'np.exp(-x)/(np.exp(-x) + 1)**2');
  assert.equal(byName.get('softplus')!.partials[0]!.text, 'np.exp(x)/(np.exp(x) + 1)');
  assert.equal(byName.get('softplus')!.value.tex, '\\ln\\left(1 + e^{x}\\right)');
  // The Gaussian is written with `math.`, and so is its formula; π stays π.
  for (const p of byName.get('gaussian')!.partials) {
    assert.match(p.text, /math\.exp/);
    assert.doesNotMatch(p.text, /np\.|3\.14159/);
  }
});

test('only straight-line scalar expressions get a formula: loops, branches, arrays, helpers, min/max do not', () => {
  const text = `import numpy as np

def helper(x):
    return x * 2

def branchy(x):
    if x > 0:
        return x
    return -x

def looped(x):
    s = 0
    for i in range(3):
        s = s + x * i
    return s

def calls(x):
    return helper(x) + 1

def arr(w):
    return np.sum(w * w)

def clipped(x, y):
    return np.maximum(x, y) * x

def pair(x):
    return x, x * 2
`;
  const analysis = DocumentAnalysis.fromText(text, 'file:///t.py', 'python');
  for (const name of ['branchy', 'looped', 'calls', 'clipped']) assert.equal(isExpressionFunction(analysis.find(name)!), false, name);
  assert.equal(isExpressionFunction(analysis.find('helper')!), true);
  assert.equal(formulaOf(text, 'python', 'arr', { w: [1, 2, 3] }).formula, undefined);
  assert.equal(formulaOf(text, 'python', 'pair', { x: 1 }).formula, undefined);
  assert.equal(formulaOf(text, 'python', 'helper', { x: 1 }).formula?.partials[0]?.text, '2');
});

test('the value check: a simplification that changes a value is never shown, at the point or away from it', () => {
  // f(x) = 3·x²: raw formula 3·(x·x).
  const x0: Expr = { kind: 'parameter', index: 0 };
  const raw = call('mul', num(3), call('mul', x0, x0));
  const ad = 3 * 1.5 * 1.5;
  assert.deepEqual(checkedFormula(raw, [1.5], ad), checkedFormula(raw, [1.5], ad)); // deterministic
  const honest = checkedFormula(raw, [1.5], ad, () => call('mul', num(3), call('pow', x0, num(2))));
  assert.ok(honest && honest.kind === 'call' && honest.args[1]!.kind === 'call' && honest.args[1]!.op === 'pow', 'an exact simplification is taken');
  // Off by 1e-8 at the point: the raw formula is shown instead.
  assert.equal(checkedFormula(raw, [1.5], ad, (e) => call('add', e, num(1e-8))), raw);
  // Right at the point, wrong elsewhere (as mathjs's (x²)^½ → x is for x < 0): refused too.
  assert.equal(checkedFormula(raw, [1.5], ad, (e) => call('add', e, call('mul', num(1e-3), call('sub', x0, num(1.5))))), raw);
  // A formula that disagrees with AD itself is not shown at all.
  assert.equal(checkedFormula(raw, [1.5], ad * (1 + 1e-9)), undefined);
});

test('mathjs rules that hold only for positive numbers are caught: (x²)^0.5 is not shown as x', () => {
  const text = 'def f(x):\n    return (x ** 2) ** 0.5 * 3\n';
  for (const x of [2, -2]) {
    const { formula, gradient } = formulaOf(text, 'python', 'f', { x });
    assert.ok(formula);
    assert.notEqual(formula.value.text, '3*x');
    const back = evaluate({ kind: 'number', value: 0 }, []);
    assert.equal(back, 0);
    assertReadsBack('python', '', formula, ['x'], { x }, gradient, 3 * Math.abs(x));
  }
});

test('TeX names: subscripts, Greek letters spelled or written, words upright', () => {
  assert.equal(texName('x1'), 'x_{1}');
  assert.equal(texName('x_1'), 'x_{1}');
  assert.equal(texName('σ'), '\\sigma');
  assert.equal(texName('sigma'), '\\sigma');
  assert.equal(texName('α₁'), '\\alpha_{1}');
  assert.equal(texName('rate'), '\\mathrm{rate}');
  assert.equal(texName('v_1'), 'v_{1}');
  // non-ASCII names typeset, never as an empty \mathrm{} (ℓ was `{\mathrm{}}^{2}`)
  assert.equal(texName('ℓ'), '\\ell');
  assert.equal(texName('ℓ2'), '\\ell_{2}');
  assert.equal(texName('μ'), '\\mu');
  assert.equal(texName('µ'), '\\mu'); // the micro sign, as TypeScript keeps it
  assert.equal(texName('Σ'), '\\Sigma');
  assert.equal(texName('ж'), '\\text{ж}');
  assert.equal(texName('dσ'), '\\mathrm{d\\sigma}');
  // combining accents over the letter (they were dropped: x̂ typeset as x); precomposed or not, as
  // Python's NFKC makes both spellings one name
  assert.equal(texName('x\u0302'), '\\hat{x}');
  assert.equal(texName('y\u0304'), '\\bar{y}');
  assert.equal(texName('x\u0303'), '\\tilde{x}');
  assert.equal(texName('x\u0307'), '\\dot{x}');
  assert.equal(texName('x\u0308'), '\\ddot{x}');
  assert.equal(texName('v\u20D7'), '\\vec{v}');
  assert.equal(texName('θ\u0302'), '\\hat{\\theta}');
  assert.equal(texName('x\u0302\u0304'), '\\bar{\\hat{x}}');
  assert.equal(texName('x\u0302_1'), '\\hat{x}_{1}');
  assert.equal(texName('x\u0302₂'), '\\hat{x}_{2}');
  assert.equal(texName('é'), '\\acute{e}');
  assert.equal(texName('e\u0301'), '\\acute{e}');
  assert.equal(texName('café'), '\\mathrm{caf\\acute{e}}');
  assert.equal(texName('x\u0302y'), '\\mathrm{\\hat{x} y}');
  assert.equal(texName('ñ_1'), '\\tilde{n}_{1}');
  // a mark TeX has no accent for is kept by its code point
  assert.equal(texName('y\u0323'), 'y\\text{(U+0323)}');
  for (const name of ['ℓ', 'ж', 'ñ_1', 'Ω₂', 'x̂', 'café', 'σ_ℓ', 'x\u0302', 'v\u20D7_1', 'θ\u0302', 'x\u0302y', 'y\u0323', 'ж\u0302', '한', 'x\u0302\u0304']) {
    assert.doesNotMatch(texName(name), /\\mathrm\{\}|^$/, name);
    // KaTeX (the panel's typesetter) takes it in its strictest mode
    assert.doesNotThrow(() => katex.renderToString(`{${texName(name)}}^{2}`, { throwOnError: true, strict: 'error' }), name);
  }
});

test('printing: every parenthesis precedence needs, in each language, read back by the front end to the same number', () => {
  const a: Expr = { kind: 'parameter', index: 0 };
  const b: Expr = { kind: 'parameter', index: 1 };
  const c: Expr = { kind: 'parameter', index: 2 };
  const shapes: Expr[] = [
    call('div', a, call('mul', b, c)),
    call('div', a, call('div', b, c)),
    call('sub', a, call('sub', b, c)),
    call('sub', a, call('add', b, c)),
    call('neg', call('pow', a, num(2))),
    call('pow', call('neg', a), num(2)),
    call('pow', num(2), num(-1)),
    call('pow', a, call('pow', b, num(2))),
    call('pow', call('pow', a, b), num(2)),
    call('mul', call('add', a, b), call('neg', c)),
    call('neg', call('sub', a, b)),
    call('exp', call('neg', call('div', call('mul', a, a), num(2)))),
    call('mul', { kind: 'constant', name: 'pi' }, call('arctan2', a, b)),
    call('sub', call('log1p', a), call('arcsin', call('div', c, b))),
  ];
  const at = { x: 0.7, y: 1.3, z: -0.4 };
  const values = [0.7, 1.3, -0.4];
  for (const [language, prelude] of [['python', 'import numpy as np'], ['typescript', ''], ['math', '']] as const) {
    const spelling = spellingFor(language, language === 'python' ? 'np.exp(x)' : '');
    for (const e of shapes) {
      const text = codeText(e, ['x', 'y', 'z'], spelling);
      const analysis = DocumentAnalysis.fromText(wrapper(language, prelude, ['x', 'y', 'z'], text), `file:///p.${language}`, language);
      const fn = analysis.functions().find((f) => f.ir.name === 'check');
      assert.ok(fn && fn.errors.length === 0, `${language}: ${text}: ${fn?.errors[0]?.message}`);
      const r = analysis.evaluate('check', { values: at, source: 'argument' });
      assert.ok(r.ok, `${language}: ${text}: ${r.ok ? '' : r.error.message}`);
      assert.ok(relativelyClose(r.value.value as number, evaluate(e, values), 1e-14), `${language}: ${text} gives ${r.value.value}, expected ${evaluate(e, values)}`);
    }
  }
});

test('mathjs answers a formula text once: the same text again (an edit elsewhere in the file) is its remembered answer', () => {
  const x = { kind: 'parameter', index: 0 } as const;
  const e = call('add', call('mul', x, x), call('mul', num(2), call('mul', x, x)));
  const first = simplified(e, 1);
  assert.ok(first);
  assert.equal(evaluate(first, [1.5]), 3 * 1.5 * 1.5);
  // A new Expr of the same text: mathjs is not asked again.
  assert.equal(simplified(call('add', call('mul', x, x), call('mul', num(2), call('mul', x, x))), 1), first);
});

test('mathjs is stopped at the deadline, between its rules: past it no answer, and none remembered; the clock between rules changes no answer', async () => {
  const x = { kind: 'parameter', index: 0 } as const;
  const y = { kind: 'parameter', index: 1 } as const;
  // A text no other test simplifies, so nothing is remembered for it yet.
  const e = call('mul', call('add', call('mul', num(3), x), call('sin', y)), call('sub', call('mul', x, y), call('mul', y, x)));
  assert.equal(simplified(e, 2, Date.now() - 1), undefined, 'a deadline already past gets no answer');
  const answer = simplified(e, 2);
  assert.ok(answer, 'with time to spare the same text is simplified: the stopped call left nothing remembered');
  assert.equal(evaluate(answer, [1.5, 0.5]), 0);

  const { makeSimplifier } = await import('../../../src/analysis/formula/mathjsSimplify');
  const { create, parseDependencies, simplifyDependencies } = await import('mathjs');
  const plain = create({ simplifyDependencies: simplifyDependencies!, parseDependencies: parseDependencies! });
  const { simplify: withClock, rulesPerPass } = makeSimplifier();
  assert.equal(rulesPerPass, plain.simplify!.rules.length);
  let checks = 0;
  for (const text of ['((p0 * p0) + (2 * (p0 * p0)))', '((sin(p0) / cos(p0)) * (p1 ^ 2)) - (p1 * p1)', '(exp((p0 + 0)) * (1 / (p1 * 2))) + (-(p0 - p0))']) {
    assert.equal(withClock(text, () => void checks++).toString(), plain.simplify!(text).toString(), text);
  }
  assert.ok(checks > 3 * plain.simplify!.rules.length, `the clock is read after every rule of every pass (${checks} reads)`);
  // A clock that says stop in the middle of a simplification stops it there.
  let reads = 0;
  assert.throws(() => withClock('((p0 * p0) + (2 * (p0 * p0)))', () => {
    if (++reads === 5) throw new RangeError('stop');
  }), RangeError);
  assert.equal(reads, 5);
});

test('a formula nested deep down the first operands of + and × is not handed to mathjs (its simplifyCore takes 2^depth: minutes at depth 12)', async () => {
  const { MAX_SIMPLIFY_WORK, simplifyCoreWork } = await import('../../../src/analysis/formula/simplify');
  const x = { kind: 'parameter', index: 0 } as const;
  const y = { kind: 'parameter', index: 1 } as const;
  const chain = (depth: number): Expr => {
    let e: Expr = x;
    for (let i = 0; i < depth; i++) e = call('add', call('mul', e, call('sin', y)), call('mul', num(i + 2), call('mul', x, call('exp', y))));
    return e;
  };
  assert.ok(simplifyCoreWork(chain(2), MAX_SIMPLIFY_WORK) < MAX_SIMPLIFY_WORK);
  assert.equal(simplifyCoreWork(chain(12), MAX_SIMPLIFY_WORK), MAX_SIMPLIFY_WORK + 1);
  // Simplified, this would not finish within the test's time; refused, it is immediate.
  assert.equal(simplified(chain(12), 2), undefined);
  assert.ok(simplified(chain(2), 2), 'a shallow chain is still simplified');
});

test('a long partial also gets a short form, its repeated sub-expressions named (where u = …); read back with its names, it gives AD', () => {
  const text = readFileSync(join(__dirname, '..', '..', '..', 'examples', 'seeds.py'), 'utf8');
  const { formula, gradient, at } = formulaOf(text, 'python', 'seed001');
  assert.ok(formula);
  const long = formula.partials.find((p) => p.parameter === 'v0')!;
  assert.ok(long.text.length > 72 && long.short, `∂/∂v0 is long (${long.text.length}) and has a short form`);
  assert.deepEqual(long.short.where.map((w) => `${w.name} = ${w.text}`).slice(0, 2), ['u = v_1/v0', 'v = np.exp(v0)']);
  assert.ok(long.short.text.length < long.text.length / 1.5, long.short.text);
  // Each where line is an assignment, the short form what is returned: GradLens's own front end reads it.
  for (const p of formula.partials.filter((q) => q.short)) {
    const body = [...p.short!.where.map((w) => `    ${w.name} = ${w.text}`), `    return ${p.short!.text}`].join('\n');
    const analysis = DocumentAnalysis.fromText(`import numpy as np\n\ndef check(v_1, v0):\n${body}\n`, 'file:///w.py', 'python');
    const r = analysis.evaluate('check', { values: at, source: 'argument' });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.ok(relativelyClose(r.value.value as number, gradient[p.parameter] as number), `${p.parameter}: ${body} gives ${r.value.value}, AD ${gradient[p.parameter]}`);
  }
  // A short formula is left as it is.
  const seed000 = formulaOf(text, 'python', 'seed000').formula!;
  assert.ok(seed000.partials.every((p) => !p.short));
});

test('where names: ordered so each uses only names before it, never a parameter name; a short form that disagrees with AD is not made', () => {
  // exp(sin(x·y + x/y)) twice is named first (it saves the most), then x/y (inside it and once more):
  // the big one's line uses the small one's name, so the small one's line comes first.
  const x = { kind: 'parameter', index: 0 } as const;
  const y = { kind: 'parameter', index: 1 } as const;
  const ratio = call('div', x, y);
  const big = call('exp', call('sin', call('add', call('mul', x, y), ratio)));
  const e = call('add', call('mul', big, big), call('mul', ratio, x));
  const form = namedSubexpressions(e, 2)!;
  assert.ok(form);
  form.bindings.forEach((b, k) => {
    const later = form.bindings.slice(k).map((_, j) => 2 + k + j);
    const usesLater = (z: Expr): boolean => (z.kind === 'parameter' && later.includes(z.index)) || (z.kind === 'call' && z.args.some(usesLater));
    assert.ok(!usesLater(b), `binding ${k} uses itself or a later name`);
  });
  assert.equal(form.bindings.length, 2);
  assert.deepEqual(form.bindings[0], ratio);
  for (const at of [[0.3, 1.7], [-2, 0.5]]) assert.equal(evaluateNamed(form, at), evaluate(e, at));
  assert.deepEqual(bindingNames(3, ['u', 'x', 'w']), ['v', 's', 'r']);
  const print = (z: Expr, names: readonly string[]) => ({ text: codeText(z, names, spellingFor('python', '')), tex: '' });
  const at = [0.3, 1.7];
  assert.ok(shortForm(e, at, evaluate(e, at), ['x', 'y'], print));
  assert.equal(shortForm(e, at, evaluate(e, at) * (1 + 1e-8), ['x', 'y'], print), undefined, 'a value off by 1e-8 is refused');
  assert.equal(shortForm(call('add', x, y), at, 2, ['x', 'y'], print), undefined, 'nothing repeats: no short form');
});
