import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lowerTypeScript } from '../../../../src/frontends/typescript/index';
import { printFunction } from '../../../../src/ir/printer';
import type { IrModule } from '../../../../src/ir/nodes';

/**
 * Half-typed code: deleting any one character of this file never changes the IR of a function in
 * another paragraph (functions here are separated by blank lines, annotations sit in their paragraph)
 * and never produces an `internal` error.
 */
const SAMPLE = `const ALPHA = 0.5;

// @at x1=2, x2=5
function seed000(x1: number, x2: number): number {
  return Math.log(x1) + x1 * x2 - Math.sin(x2);
}

/**
 * Sum of squares, every other element.
 * @at xs=[1, 2, 3]
 */
export function sumsq(xs: number[]): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) {
    if (i % 2 === 1) continue;
    s += xs[i]! ** 2 * ALPHA;
  }
  return s;
}

export const cube = (x: number): number => x * x * x;

const physics = {
  energy(m: number, v: number) { return 0.5 * m * v * v; },
  momentum: (m: number, v: number) => m * v,
};

function branchy(x: number, y: number) {
  const out: number[] = [];
  if (x > y) { out.push(Math.round(x)); } else { out.push(y > 0 ? y : -y); }
  while (out.length < 3) out.push(Math.hypot(x, y));
  const label = "done";
  return [out[0]!, cube(x), seed000(x, y)];
}

console.log(branchy(1.5, 0.5));
`;

function paragraphOf(text: string, offset: number): [number, number] {
  const start = text.lastIndexOf('\n\n', offset - 1);
  const end = text.indexOf('\n\n', offset);
  return [start < 0 ? 0 : start + 2, end < 0 ? text.length : end + 1];
}

function functionsByName(m: IrModule): Map<string, string> {
  return new Map(m.functions.map((f) => [f.name, printFunction(f)]));
}

function hasInternal(m: IrModule): boolean {
  return [...m.diagnostics, ...m.functions.flatMap((f) => f.diagnostics)].some((d) => d.code === 'internal');
}

test('the sample lowers cleanly', () => {
  const m = lowerTypeScript(SAMPLE, 'file:///sample.ts');
  assert.deepEqual(m.diagnostics, []);
  assert.deepEqual(m.functions.map((f) => [f.name, f.diagnostics.length]), [
    ['seed000', 0], ['sumsq', 0], ['cube', 0], ['physics.energy', 0], ['physics.momentum', 0], ['branchy', 0],
  ]);
});

test('deleting any one character changes no function outside its paragraph', () => {
  const original = lowerTypeScript(SAMPLE, 'file:///sample.ts');
  const before = functionsByName(original);
  // Where each function's paragraph is, by a line of its text.
  const paragraphs = new Map(original.functions.map((f) => {
    const lines = SAMPLE.split('\n');
    const offset = lines.slice(0, f.range.start.line).join('\n').length + 1;
    return [f.name, paragraphOf(SAMPLE, offset)];
  }));
  for (let at = 0; at < SAMPLE.length; at++) {
    const text = SAMPLE.slice(0, at) + SAMPLE.slice(at + 1);
    const mutated = lowerTypeScript(text, 'file:///sample.ts');
    assert.ok(!hasInternal(mutated), `internal error after deleting offset ${at} (${JSON.stringify(SAMPLE[at])})`);
    const after = functionsByName(mutated);
    for (const [name, printed] of before) {
      const [from, to] = paragraphs.get(name)!;
      if (at >= from && at < to) continue;
      assert.equal(after.get(name), printed, `deleting offset ${at} (${JSON.stringify(SAMPLE[at])}, line ${SAMPLE.slice(0, at).split('\n').length}) changed ${name}`);
    }
  }
});

test('never throws, whatever the text', () => {
  const pieces = ['function', ' f', '(', ')', '{', '}', 'x', ' = ', '=>', 'const ', '[', ']', ';', '\n', '**', '`', '/*', '"', 'Math.', 'for (', 'of', '@at', '// '];
  let seed = 7;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
  for (let n = 0; n < 300; n++) {
    let text = '';
    for (let i = 0; i < 40; i++) text += pieces[next() % pieces.length];
    const m = lowerTypeScript(text, 'file:///random.ts');
    assert.equal(m.language, 'typescript');
    assert.ok(!hasInternal(m), `internal error for ${JSON.stringify(text)}`);
  }
});
