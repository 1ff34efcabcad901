import * as vscode from 'vscode';
import { DocumentAnalysis, type GradientResult } from '../analysis/document';
import { describeSource } from '../analysis/points';
import type { Diagnostic as GlDiagnostic } from '../core/diagnostic';
import type { SourceRange } from '../core/sourceRange';
import type { Language } from '../ir/nodes';
import { formatPoint, formatTuple, formatValue } from './format';

/**
 * GradLens in the editor: a CodeLens over each function with its value and gradient at a point,
 * and every engine error or warning as a diagnostic. The analysis is the same code the CLI runs;
 * this file only adapts it to VS Code.
 */

const LANGUAGES: Readonly<Record<string, Language>> = {
  python: 'python',
  markdown: 'math',
  plaintext: 'math',
  'gradlens-math': 'math',
};

/** Interactive budget: a lens must never hold up the editor. */
const EDITOR_BUDGET = { maxMillis: 250, maxSteps: 2_000_000 };

/** A function's outcome at its point: a result, or the located error that stopped it. */
interface FunctionOutcome {
  readonly result?: GradientResult;
  readonly error?: GlDiagnostic;
}

interface CachedAnalysis {
  readonly version: number;
  readonly analysis: DocumentAnalysis;
  readonly results: Map<string, FunctionOutcome>;
}

const toRange = (r: SourceRange): vscode.Range => new vscode.Range(r.start.line, r.start.column, r.end.line, r.end.column);

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('GradLens', { log: true });
  const diagnostics = vscode.languages.createDiagnosticCollection('GradLens');
  const cache = new Map<string, CachedAnalysis>();
  const changed = new vscode.EventEmitter<void>();

  const analyse = (document: vscode.TextDocument): CachedAnalysis | undefined => {
    const language = LANGUAGES[document.languageId];
    if (!language) return undefined;
    const key = document.uri.toString();
    const hit = cache.get(key);
    if (hit && hit.version === document.version) return hit;
    const started = Date.now();
    const analysis = DocumentAnalysis.fromText(document.getText(), key, language);
    const results = new Map<string, FunctionOutcome>();
    const problems: GlDiagnostic[] = [...analysis.diagnostics];
    for (const fn of analysis.functions()) {
      problems.push(...fn.errors, ...fn.pointErrors);
      if (fn.errors.length > 0) continue;
      const point = fn.points[0];
      if (!point) continue;
      const outcome = analysis.gradient(fn.ir.name, point, { budget: EDITOR_BUDGET });
      if (outcome.ok) {
        results.set(fn.ir.name, { result: outcome.value });
        problems.push(...outcome.value.warnings);
      } else {
        results.set(fn.ir.name, { error: outcome.error });
        problems.push(outcome.error);
      }
    }
    diagnostics.set(
      document.uri,
      problems.map((p) => {
        const d = new vscode.Diagnostic(toRange(p.range), p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : p.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information);
        d.source = 'GradLens';
        d.code = p.code;
        return d;
      }),
    );
    const entry = { version: document.version, analysis, results };
    cache.set(key, entry);
    log.debug(`analysed ${document.uri.fsPath} v${document.version} in ${Date.now() - started} ms`);
    return entry;
  };

  const lensTitle = (name: string, params: readonly string[], entry: FunctionOutcome | undefined): string => {
    if (!entry) return `GradLens: no point for ${name} — add "# @at ${params.map((p, i) => `${p}=${i + 1}`).join(', ')}" above it`;
    if (entry.error) return `GradLens: ${entry.error.message}`;
    const r = entry.result!;
    const at = formatPoint(r.at, params);
    const grad = r.gradient ? ` · ∇${name} = ${formatTuple(params.filter((p) => r.gradient![p] !== undefined).map((p) => r.gradient![p]))}` : ' · Jacobian computed';
    const value = Array.isArray(r.value) ? formatTuple(r.value) : formatValue(r.value);
    return `${name}(${at}) = ${value}${grad}   (${describeSource(r.point)})`;
  };

  const lensProvider: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: changed.event,
    provideCodeLenses(document) {
      const entry = analyse(document);
      if (!entry) return [];
      return entry.analysis.functions().map((fn) => {
        const title = fn.errors.length > 0 ? `GradLens: ${fn.ir.name} cannot run — ${fn.errors[0]!.message}` : lensTitle(fn.ir.name, fn.ir.params.map((p) => p.name), entry.results.get(fn.ir.name));
        return new vscode.CodeLens(toRange(fn.ir.nameRange), { title, command: '' });
      });
    },
  };

  const selector = Object.keys(LANGUAGES).map((language) => ({ language }));
  context.subscriptions.push(
    log,
    diagnostics,
    changed,
    vscode.languages.registerCodeLensProvider(selector, lensProvider),
    vscode.workspace.onDidCloseTextDocument((d) => {
      cache.delete(d.uri.toString());
      diagnostics.delete(d.uri);
    }),
  );
  log.info('GradLens activated');
}

export function deactivate(): void {}
