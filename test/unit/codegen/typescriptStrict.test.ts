/**
 * Generated TypeScript type-checks as `tsc --strict --noEmit` would check it: every TypeScript golden
 * case and every function of the TypeScript oracle corpus GradLens writes, each as its own module of
 * one program over an in-memory host (the standard library's declarations read from the typescript
 * package). transpileModule (typescriptRuns.test.ts) only parses; this is the real type check —
 * hoisted declarations, loop stacks holding flags, placeholders of names an iteration may not make.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { DocumentAnalysis } from '../../../src/analysis/document';
import { besideMethod, derivativeSource } from '../../../src/analysis/derivativeSource';

const CASES = join(__dirname, '..', '..', 'codegen', 'cases');
const CORPUS = join(__dirname, '..', '..', 'oracle', 'corpus');
const OPTIONS: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2020, lib: ['lib.es2020.d.ts'], types: [] };

/** Strict diagnostics of in-memory files (path → text), as `file:line: message`. */
export function strictDiagnostics(files: ReadonlyMap<string, string>): string[] {
  const host = ts.createCompilerHost(OPTIONS);
  const fromDisk = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) => {
    const text = files.get(name);
    return text === undefined ? fromDisk(name, language, ...rest) : ts.createSourceFile(name, text, language, true);
  };
  const exists = host.fileExists.bind(host);
  host.fileExists = (name) => files.has(name) || exists(name);
  const read = host.readFile.bind(host);
  host.readFile = (name) => files.get(name) ?? read(name);
  const program = ts.createProgram([...files.keys()], OPTIONS, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '(program)';
    return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

/** For a method's gradient, put into its own file beside the method: the lines (1-based, inclusive) that are generated. */
const generatedLines = new Map<string, readonly [number, number]>();

function generatedModules(): Map<string, string> {
  const files = new Map<string, string>();
  const sources = [...readdirSync(CASES).filter((f) => f.endsWith('.ts')).map((f) => join(CASES, f)), join(CORPUS, 'typescript.ts')];
  for (const path of sources) {
    const text = readFileSync(path, 'utf8');
    const doc = DocumentAnalysis.fromText(text, path, 'typescript');
    for (const f of doc.functions()) {
      const out = derivativeSource(doc, f.ir.name, { text, uri: path });
      // Each its own module, so two files' gradients of one name do not clash.
      if (!out.ok) continue;
      const file = `/generated/${path.split('/').pop()!.replace(/\.ts$/, '')}/${f.ir.name}.ts`;
      if (out.value.inClass) {
        // A method's gradient is a method of its class: checked in the file, beside the method (only its own lines).
        const first = out.value.range.end.line + 3;
        generatedLines.set(file, [first, first + out.value.functionText.replace(/\n$/, '').split('\n').length - 1]);
        files.set(file, `${besideMethod(text, out.value.range, out.value.functionText)}\nexport {};\n`);
      } else files.set(file, `${out.value.text}\nexport {};\n`);
    }
  }
  return files;
}

test('the generated TypeScript of the golden cases and the TypeScript corpus passes tsc --strict', () => {
  const files = generatedModules();
  assert.ok(files.size >= 25, `only ${files.size} TypeScript functions written`);
  const ofGenerated = strictDiagnostics(files).filter((d) => {
    const [, file, line] = /^(.*):(\d+): /.exec(d) ?? [];
    const lines = generatedLines.get(file ?? '');
    return !lines || (Number(line) >= lines[0] && Number(line) <= lines[1]);
  });
  assert.deepEqual(ofGenerated, []);
  assert.ok(generatedLines.size >= 1, 'a method of a class is among them');
});

test('the strict check fails on what strict TypeScript rejects (it can fail)', () => {
  const wrong = new Map([
    ['/wrong/implicit.ts', 'function g(x) { return x * 2; }\nexport {};\n'],
    ['/wrong/unassigned.ts', 'function h(a: number): number {\n  let t: number;\n  if (a > 0) { t = a; }\n  return t;\n}\nexport {};\n'],
    ['/wrong/flag.ts', 'function k(): number {\n  const stack: number[][] = [];\n  let done = false;\n  stack.push([1, done]);\n  return 0;\n}\nexport {};\n'],
  ]);
  const diagnostics = strictDiagnostics(wrong);
  for (const file of wrong.keys()) assert.ok(diagnostics.some((d) => d.startsWith(file)), `${file} should not type-check: ${diagnostics.join('\n')}`);
});
