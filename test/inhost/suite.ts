// The in-host suite (issue 22): GradLens inside a desktop VS Code's extension host, asserting on the
// `vscode` API's own answers — vscode.executeCodeLensProvider, vscode.executeHoverProvider, the
// commands — rather than on pixels. scripts/test-inhost.mjs starts it with @vscode/test-electron's
// runTests when a desktop VS Code is found; esbuild bundles this file to dist/test-inhost/index.js.
// No mocha: `run()` runs the cases in order and throws with every failure.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

const folder = (): vscode.Uri => vscode.workspace.workspaceFolders![0]!.uri;
const file = (name: string): vscode.Uri => vscode.Uri.joinPath(folder(), name);

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeout = 20_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function lensTitles(uri: vscode.Uri, contains: string): Promise<string[]> {
  return until(`a lens containing ${contains}`, async () => {
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
    const titles = lenses.map((l) => l.command?.title ?? '');
    return titles.some((t) => t.includes(contains)) ? titles : undefined;
  });
}

async function hoverText(uri: vscode.Uri, line: string, token: string): Promise<string> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const lineNo = doc.getText().split('\n').findIndex((l) => l.startsWith(line));
  assert.ok(lineNo >= 0, `${uri.path} has a line starting with ${line}`);
  const position = new vscode.Position(lineNo, doc.lineAt(lineNo).text.indexOf(token) + 1);
  return until(`a hover on ${token}`, async () => {
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    return text.length > 0 ? text : undefined;
  });
}

const CASES: Record<string, () => Promise<void>> = {
  async 'lenses: value and gradient over each seed, where the point came from'() {
    const titles = await lensTitles(file('seeds.py'), 'seed001');
    assert.ok(titles.includes('seed000(2, 5) = 11.6521 · ∇seed000 = (5.5, 1.7163)   (@at)'), JSON.stringify(titles));
  },
  async 'hovers: a function with its Hessian, and a Greek parameter'() {
    const fn = await hoverText(file('seeds.py'), 'def seed001(', 'seed001');
    assert.match(fn, /Hessian/);
    const greek = file('greek.py');
    await vscode.workspace.fs.writeFile(greek, new TextEncoder().encode('# @at μ=0.5, σ=2.0\ndef gauss(μ, σ):\n    return (μ / σ) ** 2\n'));
    const mu = await hoverText(greek, 'def gauss(', 'μ');
    assert.match(mu, /∂gauss\/∂μ = 0\.25/);
  },
  async 'Copy Gradient through the command, as JSON at full precision'() {
    await vscode.commands.executeCommand('gradlens.copyGradient', file('seeds.py'), 'seed001', 'json');
    assert.deepEqual(JSON.parse(await vscode.env.clipboard.readText()), { v_1: 3.011843327673907, v0: -13.723961509314076 });
  },
  async 'a settings change keeps the diagnostics of a document in the background'() {
    const problems = file('problems.py');
    await vscode.workspace.openTextDocument(problems);
    await until('problems.py diagnostics', async () => (vscode.languages.getDiagnostics(problems).length > 0 ? true : undefined));
    const before = vscode.languages.getDiagnostics(problems).length;
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file('seeds.py')));
    await vscode.workspace.getConfiguration('gradlens').update('precision', 8, vscode.ConfigurationTarget.Global);
    try {
      await lensTitles(file('seeds.py'), '11.65207146');
      await new Promise((r) => setTimeout(r, 1000));
      assert.equal(vscode.languages.getDiagnostics(problems).length, before);
    } finally {
      await vscode.workspace.getConfiguration('gradlens').update('precision', undefined, vscode.ConfigurationTarget.Global);
    }
  },
};

export async function run(): Promise<void> {
  const failures: string[] = [];
  for (const [name, body] of Object.entries(CASES)) {
    try {
      await body();
      console.log(`ok - ${name}`);
    } catch (e) {
      failures.push(`${name}: ${(e as Error).stack ?? e}`);
      console.log(`not ok - ${name}`);
    }
  }
  if (failures.length > 0) throw new Error(`${failures.length} of ${Object.keys(CASES).length} in-host tests failed:\n${failures.join('\n')}`);
}
