import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../../src/analysis/document';

/**
 * The escape rules of JavaScript property access: `constructor`, `__proto__` and `prototype` chains
 * read GradLens's own values (a dict's entries, a class's methods, a module's exports), never a host
 * object, so no user text can reach `Function` and run. Each program below would, under node, run
 * its payload; here each is a located error or an entry of the user's own object, and the payload's
 * mark never appears.
 */
const MARK = '__gradlensEscapeMark';

const ATTEMPTS: Record<string, string> = {
  objectConstructor: `({}).constructor.constructor("globalThis.${MARK} = 1")()`,
  arrayConstructor: `[].constructor.constructor("globalThis.${MARK} = 1")()`,
  functionConstructor: `((t) => t).constructor("globalThis.${MARK} = 1")()`,
  stringConstructor: `"a".constructor.constructor("globalThis.${MARK} = 1")()`,
  numberConstructor: `(1).constructor.constructor("globalThis.${MARK} = 1")()`,
  protoChain: `({}).__proto__.constructor.constructor("globalThis.${MARK} = 1")()`,
  indexedProto: `({})['__proto__']['constructor']['constructor']("globalThis.${MARK} = 1")()`,
  prototype: `Object.prototype.constructor("globalThis.${MARK} = 1")`,
  classConstructor: `new Box(1).constructor.constructor("globalThis.${MARK} = 1")()`,
  keysOfProto: `Object.keys({}.__proto__)`,
  mathConstructor: `Math.constructor.constructor("globalThis.${MARK} = 1")()`,
};

const text = [
  'class Box { constructor(v) { this.v = v; } }',
  ...Object.entries(ATTEMPTS).flatMap(([name, body]) => ['// @at x=1', `export function ${name}(x) { const r = ${body}; return x * x; }`]),
  '// @at x=2',
  'export function ownKeys(x) {',
  '  const o = { constructor: 3, __proto__: 4, prototype: 5 };',
  '  return x * (o.constructor + o.__proto__ + o.prototype + (o.toString ?? 0) + (o.hasOwnProperty ?? 0));',
  '}',
].join('\n');

test('constructor/__proto__/prototype chains never reach a host object; an object\'s own such keys are its entries', () => {
  const doc = DocumentAnalysis.fromText(text, 'file:///escape.js', 'typescript');
  for (const name of Object.keys(ATTEMPTS)) {
    const point = doc.resolvePoint(name);
    assert.ok(point.ok, name);
    const r = doc.gradient(name, point.value);
    assert.ok(!r.ok, `${name} must fail`);
    if (!r.ok) assert.ok(r.error.range.start.line >= 1, `${name}: located (${r.error.message})`);
  }
  assert.equal((globalThis as Record<string, unknown>)[MARK], undefined);
  const point = doc.resolvePoint('ownKeys');
  assert.ok(point.ok);
  const own = doc.gradient('ownKeys', point.value);
  assert.ok(own.ok, JSON.stringify(own));
  if (own.ok) assert.equal(own.value.gradient!.x, 12);
});
