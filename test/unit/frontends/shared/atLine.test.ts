import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DocumentAnalysis } from '../../../../src/analysis/document';
import { splitAtLine } from '../../../../src/frontends/shared/atValues';

/** An `@at` line is split at `;` outside its strings: `sep="a;b"` is one value, in either language. */

const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

test('splitAtLine: a ; or a "; wrt" inside quotes belongs to the string', () => {
  assert.deepEqual(splitAtLine('z=0.5, sep="a;b"; self: alpha=0.1', 'self'), { params: 'z=0.5, sep="a;b"', receiver: ' alpha=0.1' });
  assert.deepEqual(splitAtLine("sep='x;y'; self: name=\"p;q\"; wrt z", 'self'), { params: "sep='x;y'", receiver: ' name="p;q"', wrt: ' z' });
  assert.deepEqual(splitAtLine('label="a; wrt b", x=1', undefined), { params: 'label="a; wrt b", x=1' });
  assert.deepEqual(splitAtLine('label="say \\"; wrt\\"", x=1; wrt x', undefined), { params: 'label="say \\"; wrt\\"", x=1', wrt: ' x' });
  // Outside strings, as before: a second part that is not the receiver's leaves the line malformed.
  assert.deepEqual(splitAtLine('x=1; alpha=2', 'self'), { params: 'x=1; alpha=2' });
  assert.deepEqual(splitAtLine('self: alpha=2', 'self'), { params: '', receiver: ' alpha=2' });
});

test('Python: a method @at whose string and instance string hold ";" runs with those strings', () => {
  const doc = DocumentAnalysis.fromText(
    `class Joiner:
    def __init__(self, alpha, tag="none"):
        self.alpha = alpha
        self.tag = tag

    # @at z=0.5, sep="a;b"; self: alpha=2, tag="x;y"
    def fn(self, z, sep):
        if sep == "a;b" and self.tag == "x;y":
            return self.alpha * z * z
        return z
`,
    'j.py',
    'python',
  );
  assert.deepEqual(doc.diagnostics.filter((d) => d.severity === 'error'), []);
  const point = doc.resolvePoint('Joiner.fn');
  assert.ok(point.ok, JSON.stringify(point));
  assert.deepEqual(plain(point.value.values), { z: 0.5, sep: 'a;b' });
  const r = doc.gradient('Joiner.fn', point.value);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.error));
  assert.equal(r.value.value, 0.5);
  assert.deepEqual(plain(r.value.gradient), { z: 2 });
});

test('TypeScript: a method @at with "a;b" in a string and a this: part', () => {
  const doc = DocumentAnalysis.fromText(
    `export class Joiner {
  constructor(public k: number, public tag: string) {}
  /** @at x=1.5, sep="a;b"; this: k=3, tag="x;y" */
  fn(x: number, sep: string): number {
    return sep === "a;b" && this.tag === "x;y" ? this.k * x * x : x;
  }
}
`,
    'j.ts',
    'typescript',
  );
  assert.deepEqual(doc.diagnostics.filter((d) => d.severity === 'error'), []);
  const point = doc.resolvePoint('Joiner.fn');
  assert.ok(point.ok, JSON.stringify(point));
  const r = doc.gradient('Joiner.fn', point.value);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.error));
  assert.equal(r.value.value, 6.75);
  assert.deepEqual(plain(r.value.gradient), { x: 9 });
});
