import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAtValues as parsePythonAt } from '../../../src/frontends/python/points';
import { parseAtValues } from '../../../src/frontends/shared/atValues';
import { parsePointArgument } from '../../../src/analysis/points';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { runCli } from '../../../src/cli/main';
import { tempDir } from '../tempDir';

/** String (and boolean, None/null) leaves in points: carried to the function, never differentiated. */

const TS_AT = { collection: 'an array', name: /^[\p{L}_$][\p{L}\p{M}\p{N}_$]*/u, words: { true: true, false: false, null: null } };
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

test('Python @at reads strings in either quote, True/False/None, and escapes', () => {
  assert.deepEqual(plain(parsePythonAt('S=100, option_type="call"')), { S: 100, option_type: 'call' });
  assert.deepEqual(plain(parsePythonAt("module='C', reduction = 'mean'")), { module: 'C', reduction: 'mean' });
  assert.deepEqual(plain(parsePythonAt('normalize=True, eps=None, flip=False')), { normalize: true, eps: null, flip: false });
  assert.deepEqual(plain(parsePythonAt(String.raw`label="a, b; c", q='it\'s', p="x\\y\n"`)), { label: 'a, b; c', q: "it's", p: 'x\\y\n' });
  assert.deepEqual(plain(parsePythonAt('kinds=["call", "put"], w=[1, 2]')), { kinds: ['call', 'put'], w: [1, 2] });
  // A bare word is not a string: the message shows the quotes it needs.
  assert.equal(parsePythonAt('option_type=call'), 'the value of option_type must be a number, a list of numbers, a string in quotes or True/False/None, found \'call\' (a string is written in quotes: option_type="call")');
});

test('TypeScript @at reads strings, true/false/null, and strings inside objects', () => {
  assert.deepEqual(plain(parseAtValues('t=0.3, kind="cubic"', TS_AT)), { t: 0.3, kind: 'cubic' });
  assert.deepEqual(plain(parseAtValues("t=0.3, kind='cubic', clamp=true, extra=null", TS_AT)), { t: 0.3, kind: 'cubic', clamp: true, extra: null });
  assert.deepEqual(plain(parseAtValues('opts={mode: "in", "power": 2}', TS_AT)), { opts: { mode: 'in', power: 2 } });
  assert.match(parseAtValues('clamp=True', TS_AT) as string, /a string in quotes or true\/false\/null, found 'True'/);
});

test('--at takes strings: JSON, quoted, or a bare word (the shell removed its quotes); nan stays refused', () => {
  const ok = (text: string): unknown => {
    const r = parsePointArgument(text);
    assert.ok(r.ok, JSON.stringify(r));
    return plain(r.value);
  };
  assert.deepEqual(ok('{"S": 100, "option_type": "put", "flag": true, "w": null}'), { S: 100, option_type: 'put', flag: true, w: null });
  assert.deepEqual(ok('S=100,option_type=put'), { S: 100, option_type: 'put' });
  assert.deepEqual(ok(`S=100,option_type='call',label="a,b",flag=false`), { S: 100, option_type: 'call', label: 'a,b', flag: false });
  const nan = parsePointArgument('x=nan');
  assert.ok(!nan.ok && /the value of x must be a number/.test(nan.message), JSON.stringify(nan));
});

const PAYOFF = `import math

def payoff(S, K, kind):
    if kind == "call":
        return max(S - K, 0.0) + 0.1 * S * S
    elif kind == "put":
        return max(K - S, 0.0) + 0.1 * S * S
    raise ValueError("kind")

def settings(p, scale):
    return p["w"] * scale if p["mode"] == "linear" else p["w"] ** 2 * scale

if __name__ == "__main__":
    print(payoff(3.0, 2.0, "put"))
    load("data.csv")
`;

test('a string point runs the branch it names; the gradient has no entry for it, the point keeps it', () => {
  const doc = DocumentAnalysis.fromText(PAYOFF, 'p.py', 'python');
  const at = (kind: string) => {
    const r = doc.gradient('payoff', { values: { S: 3, K: 2, kind }, source: 'argument' });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.error));
    return r.value;
  };
  const call = at('call');
  // The same float operations as CPython's: max(3 - 2, 0.0) + 0.1 * 3 * 3.
  assert.equal(call.value, Math.max(3 - 2, 0) + 0.1 * 3 * 3);
  assert.deepEqual(plain(call.gradient), { S: 1 + 0.1 * 3 * 2, K: -1 });
  const put = at('put');
  assert.equal(put.value, Math.max(2 - 3, 0) + 0.1 * 3 * 3);
  assert.deepEqual(plain(put.gradient), { S: 0.1 * 3 * 2, K: 0 });
  assert.equal(put.at.kind, 'put');
  // The call in __main__ with a string literal is the point; a call with no number is none.
  const point = doc.resolvePoint('payoff');
  assert.ok(point.ok, JSON.stringify(point));
  assert.deepEqual(plain(point.value.values), { S: 3, K: 2, kind: 'put' });
  assert.equal(point.value.source, 'call-site');
  // An object's text entry is carried and left out of its gradient.
  const r = doc.gradient('settings', { values: { p: { w: 3, mode: 'square' }, scale: 2 }, source: 'argument' });
  assert.ok(r.ok, JSON.stringify(!r.ok && r.error));
  assert.equal(r.value.value, 18);
});

test('a list of numbers and text is refused with a located error; None and booleans pass as values', () => {
  const doc = DocumentAnalysis.fromText('def f(x, opts, flag, w):\n    s = x * 2 if flag else x\n    return s if w is None else s * w\n', 'f.py', 'python');
  const mixed = doc.gradient('f', { values: { x: 1, opts: ['a', 1], flag: true, w: null }, source: 'argument' });
  assert.ok(!mixed.ok && /opts is a list holding numbers and text/.test(mixed.error.message), JSON.stringify(mixed));
  const flags = doc.gradient('f', { values: { x: 1.5, opts: ['a'], flag: true, w: null }, source: 'argument' });
  assert.ok(flags.ok, JSON.stringify(!flags.ok && flags.error));
  assert.deepEqual(plain(flags.value.gradient), { x: 2 });
  const off = doc.gradient('f', { values: { x: 1.5, opts: ['a'], flag: false, w: 4 }, source: 'argument' });
  assert.ok(off.ok && off.value.value === 6, JSON.stringify(off));
  assert.deepEqual(plain(off.ok && off.value.gradient), { x: 4, w: 1.5 });
});

test('TypeScript: a call with a string literal is a point; an object parameter with a text key has a gradient without it', () => {
  const doc = DocumentAnalysis.fromText(
    'export function ease(t: number, kind: string): number {\n  return kind === "cubic" ? t * t * t : t * t;\n}\nexport function opt(p: { t: number; mode: string }): number {\n  return p.mode === "in" ? p.t * p.t : 1 - p.t;\n}\nconsole.log(ease(0.5, "cubic"));\nconsole.log(ease("x", "y"));\n',
    'e.ts',
    'typescript',
  );
  const point = doc.resolvePoint('ease');
  assert.ok(point.ok, JSON.stringify(point));
  assert.deepEqual(plain(point.value.values), { t: 0.5, kind: 'cubic' });
  const r = doc.gradient('ease', point.value);
  assert.ok(r.ok && r.value.value === 0.125, JSON.stringify(r));
  assert.deepEqual(plain(r.ok && r.value.gradient), { t: 0.75 });
  const o = doc.gradient('opt', { values: { p: { t: 0.5, mode: 'in' } }, source: 'argument' });
  assert.ok(o.ok, JSON.stringify(!o.ok && o.error));
  assert.deepEqual(plain(o.value.gradient), { p: { t: 1 } });
});

test('CLI JSON: "at" shows the string, "gradient" and "hessian" leave it out; @at with a string is read', () => {
  const dir = tempDir('gradlens-strings-');
  const path = join(dir, 'bs.py');
  writeFileSync(path, `import math

# @at S=3, K=2, kind='put'
def payoff(S, K, kind):
    if kind == "call":
        return max(S - K, 0.0) + 0.1 * S * S
    return max(K - S, 0.0) + 0.1 * S * K

def guess(S, kind):
    if kind == "call":
        return S
    return -S
`);
  const r = runCli(['grad', path, '--function', 'payoff', '--hessian']);
  assert.equal(r.exitCode, 0, r.stdout);
  const json = JSON.parse(r.stdout);
  assert.deepEqual(json.at, { S: 3, K: 2, kind: 'put' });
  assert.deepEqual(Object.keys(json.gradient), ['S', 'K']);
  assert.ok(Math.abs(json.gradient.S - 0.2) < 1e-15 && Math.abs(json.gradient.K - 0.3) < 1e-15, r.stdout);
  assert.equal(json.hessian.length, 2);
  const given = JSON.parse(runCli(['grad', path, '--function', 'payoff', '--at', 'S=3,K=2,kind=call']).stdout);
  assert.deepEqual(given.at, { S: 3, K: 2, kind: 'call' });
  assert.ok(Math.abs(given.value - 1.9) < 1e-15 && Math.abs(given.gradient.S - 1.6) < 1e-15, JSON.stringify(given));
  // No string anywhere: the sample takes the string the code compares with, never a number.
  const sampled = JSON.parse(runCli(['grad', path, '--function', 'guess']).stdout);
  assert.equal(sampled.at.kind, 'call', JSON.stringify(sampled));
  assert.deepEqual([sampled.value, sampled.gradient], [sampled.at.S, { S: 1 }]);
});

test('gradlens source passes text through: the generated gradient takes the string and branches on it as the function does', () => {
  const dir = tempDir('gradlens-strings-source-');
  const py = join(dir, 'price.py');
  writeFileSync(py, `import math

# @at S=3, K=2, kind="put"
def payoff(S, K, kind):
    if kind == "call":
        return math.exp(S - K) + 0.1 * S * S
    return math.log(S + K) * K
`);
  const r = runCli(['source', py, '--function', 'payoff']);
  assert.equal(r.exitCode, 0, r.stdout);
  assert.match(r.stdout, /^def grad_payoff\(S, K, kind\):$/m);
  assert.match(r.stdout, /^ {4}if kind == "call":$/m);
  assert.match(r.stdout, /return dS, dK$/m);
  const ts = join(dir, 'ease.ts');
  writeFileSync(ts, `// @at t=0.35, kind="cubic"
export function ease(t: number, kind: string): number {
  if (kind === 'quad') return t < 0.5 ? 2 * t * t : 1 - 2 * (1 - t) * (1 - t);
  return t < 0.5 ? 4 * t * t * t : 1 - 4 * (1 - t) * (1 - t) * (1 - t);
}
`);
  const t = runCli(['source', ts, '--function', 'ease']);
  assert.equal(t.exitCode, 0, t.stdout);
  assert.match(t.stdout, /^function gradEase\(t: number, kind: string\): number \{$|^function grad_ease\(t: number, kind: string\): number \{$/m);
  assert.match(t.stdout, /if \(kind === "quad"\) \{/);
});

test('a string-compared parameter is sampled with the first string the code compares it with (`match`, `in (…)`, `.lower() ==`), never a number; a shared @at keeps its values', () => {
  const text = `import math

# @at-all S=100, K=95, T=1, r=0.05, sigma=0.3

def digital(S, K, T, r, sigma, kind):
    match kind:
        case "cash":
            return math.exp(-r * T) * S / K
        case _:
            return S * sigma

def kind_in(S, kind):
    return S * 2 if kind in ("call", "put") else S

def lowered(S, kind):
    return S * 2 if kind.lower() == "call" else S
`;
  const doc = DocumentAnalysis.fromText(text, 'm.py', 'python');
  const valueAt = (name: string): { at: Record<string, unknown>; value: unknown; notes: readonly string[] } => {
    const point = doc.resolvePoint(name);
    assert.ok(point.ok, `${name}: ${JSON.stringify(point)}`);
    const r = doc.gradient(name, point.value);
    assert.ok(r.ok, `${name}: ${JSON.stringify(r)}`);
    return { at: { ...point.value.values }, value: r.value.value, notes: point.value.notes ?? [] };
  };
  // The shared values are kept, the string is the one the code compares with.
  const digital = valueAt('digital');
  assert.deepEqual(digital.at, { S: 100, K: 95, T: 1, r: 0.05, sigma: 0.3, kind: 'cash' });
  assert.equal(digital.value, Math.exp(-0.05 * 1) * 100 / 95);
  const kindIn = valueAt('kind_in');
  assert.equal(kindIn.at.kind, 'call');
  assert.equal(kindIn.value, 2 * (kindIn.at.S as number));
  assert.ok(kindIn.notes.some((n) => n === 'kind: "call", the first string the code compares it with; "put" takes another branch: give one with @at'), JSON.stringify(kindIn.notes));
  assert.equal(valueAt('lowered').at.kind, 'call');
});
