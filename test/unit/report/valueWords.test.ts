import assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../../src/cli/main';
import { tempDir } from '../tempDir';
import { FunctionCache, reportDocument } from '../../../src/report/documentReport';
import { checkTitle, errorLens, resultLens, resultTitle } from '../../../src/extension/titles';
import { formatPoint, summarizeValue } from '../../../src/report/format';
import { reportRequest } from './fixtures';

/** A point's booleans and None/null read in the file's own language: `True`/`None` in Python, `true`/`null` in TS/JS. */

const PYTHON = `# @at x=1.5, flag=True, w=None
def f(x, flag, w):
    s = x * 2 if flag else x
    return s if w is None else s * w

def grad_f(x, flag, w):
    return 3.0
`;

const TS = `// @at x=1.5, flag=true, w=null
export function f(x: number, flag: boolean, w: number | null): number {
  const s = flag ? x * 2 : x;
  return w === null ? s : s * w;
}
`;

test('Python: lens, hover title, ✗ title and the Problems message write True/False/None', () => {
  const report = reportDocument(reportRequest(PYTHON, { uri: 'file:///words.py' }), new FunctionCache());
  const f = report.functions.find((x) => x.name === 'f')!;
  assert.ok(f.result, JSON.stringify(f));
  assert.equal(resultLens(f, 4, 'python'), 'f(1.5, True, None) = 3 · ∂f/∂x = 2   (@at)');
  assert.equal(resultTitle(f, 4, 'python'), 'f(1.5, True, None) = 3 · ∂f/∂x = 2');
  assert.equal(errorLens(f, 'no', 4, 'python'), '✗ f(1.5, True, None) (@at): no');
  const g = report.functions.find((x) => x.check)!;
  assert.match(checkTitle(g, g.check!, 4, 'python'), /^✗ ∂f\/∂x differs: yours 3, AD 2 at \(1\.5, True, None\)/);
  const problem = report.diagnostics.find((d) => d.code === 'gradient-mismatch');
  assert.match(problem?.message ?? '', /at \(1\.5, True, None\)$/, JSON.stringify(report.diagnostics));
  // Nested too, and False.
  assert.equal(summarizeValue([true, false, null], 4, {}, 'python'), '[True, False, None]');
  assert.equal(formatPoint({ a: { on: false } }, ['a'], 4, 'python'), '{on: False}');
});

test('TypeScript and JavaScript keep true/false/null', () => {
  const report = reportDocument(reportRequest(TS, { uri: 'file:///words.ts', language: 'typescript' }), new FunctionCache());
  const f = report.functions.find((x) => x.name === 'f')!;
  assert.equal(resultLens(f, 4, 'typescript'), 'f(1.5, true, null) = 3 · ∂f/∂x = 2   (@at)');
  assert.equal(summarizeValue([true, false, null], 4, {}, 'typescript'), '[true, false, null]');
});

test('the @at a message suggests is in the file’s words (flag=True in Python); the JSON "at" stays JSON', () => {
  const dir = tempDir('gradlens-words-');
  const py = join(dir, 'shared.py');
  const pyText = '# @at-all x=1.5, flag=True\n\ndef payoff(x, flag, kind):\n    if kind == "call":\n        return x * 2 if flag else x\n    return x\n';
  writeFileSync(py, pyText);
  // The shared values and, for kind, the string the code compares it with.
  const r = JSON.parse(runCli(['grad', py, '--function', 'payoff']).stdout);
  assert.deepEqual([r.at, r.value], [{ x: 1.5, flag: true, kind: 'call' }, 3]);
  const pyDoc = DocumentAnalysis.fromText(pyText, 'file:///shared.py', 'python');
  assert.match(pyDoc.noPointAdvice(pyDoc.find('payoff')!, 'it'), /add "@at x=1\.5, flag=True, kind="call"" above it/);
  const given = JSON.parse(runCli(['grad', py, '--function', 'payoff', '--at', 'x=1.5, flag=True, kind="call"']).stdout);
  assert.deepEqual(given.at, { x: 1.5, flag: true, kind: 'call' });
  const tsText = '// @at-all x=1.5, flag=true\n\nexport function payoff(x: number, flag: boolean, kind: string): number {\n  if (kind === "call") return flag ? x * 2 : x;\n  return x;\n}\n';
  const tsDoc = DocumentAnalysis.fromText(tsText, 'file:///shared.ts', 'typescript');
  assert.match(tsDoc.noPointAdvice(tsDoc.find('payoff')!, 'it'), /add "@at x=1\.5, flag=true, kind="call"" above it/);
});
