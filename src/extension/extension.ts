import * as vscode from 'vscode';
import { DocumentAnalysis, type GradientResult } from '../analysis/document';
import { agrees, describe, type GradientCheck } from '../analysis/checks';
import type { Outcome } from '../analysis/outcome';
import type { Pairing } from '../analysis/pairing';
import { describeSource } from '../analysis/points';
import type { Diagnostic as GlDiagnostic } from '../core/diagnostic';
import type { SourceRange } from '../core/sourceRange';
import type { Language } from '../ir/nodes';
import { formatNumber, formatPoint, formatTuple, formatValue, withSubscripts } from './format';

/**
 * GradLens in the editor: a CodeLens over each function with its value and gradient at a point,
 * and every engine error or warning as a diagnostic. The analysis is the same code the CLI runs;
 * this file only adapts it to VS Code.
 */

const LANGUAGES: Readonly<Record<string, Language>> = {
  python: 'python',
  typescript: 'typescript',
  javascript: 'typescript',
  typescriptreact: 'typescript',
  javascriptreact: 'typescript',
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
  /** Hand-written derivatives by name, with their comparison against the engine. */
  readonly checks: Map<string, { pairing: Pairing; outcome: Outcome<GradientCheck> }>;
}

/** `✓ matches ∇f at 9 points (max rel. error 2.2e-16)` or `✗ ∂f/∂x₂ differs: yours −13.2041, AD −13.724 at (1.5, 0.5)`. */
function checkTitle(pairing: Pairing, outcome: Outcome<GradientCheck>): string {
  if (!outcome.ok) return `GradLens: cannot check ${pairing.derivative.name} — ${outcome.error.message}`;
  const c = outcome.value;
  if (c.verdict === 'match') return `✓ matches ${withSubscripts(describe(pairing))} at ${c.points} points (max rel. error ${c.maxRelError === 0 ? '0' : c.maxRelError.toExponential(1)})`;
  const first = c.components[0]!;
  const at = formatPoint(first.at, pairing.of.params.map((p) => p.name));
  const more = c.components.length > 1 ? ` (+${c.components.length - 1} more)` : '';
  return `✗ ${withSubscripts(first.name)} differs: yours ${formatNumber(first.yours)}, AD ${formatNumber(first.ad)} at (${at})${more}`;
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
    const checks = new Map<string, { pairing: Pairing; outcome: Outcome<GradientCheck> }>();
    for (const pairing of analysis.pairings()) {
      const outcome = analysis.check(pairing, EDITOR_BUDGET);
      checks.set(pairing.derivative.name, { pairing, outcome });
      if (!outcome.ok) continue;
      for (const d of outcome.value.components) {
        const where = d.range ?? outcome.value.derivativeRange;
        const at = formatPoint(d.at, pairing.of.params.map((p) => p.name));
        problems.push({ severity: 'warning', code: 'gradient-mismatch', range: where, message: `${d.name} differs from automatic differentiation: yours ${d.yours}, AD ${d.ad} at (${at})` });
      }
    }
    const entry = { version: document.version, analysis, results, checks };
    diagnostics.set(
      document.uri,
      problems.map((p) => {
        const d = new vscode.Diagnostic(toRange(p.range), p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : p.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information);
        d.source = 'GradLens';
        d.code = p.code;
        return d;
      }),
    );

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
        const check = entry.checks.get(fn.ir.name);
        const title =
          fn.errors.length > 0
            ? `GradLens: ${fn.ir.name} cannot run — ${fn.errors[0]!.message}`
            : check
              ? checkTitle(check.pairing, check.outcome)
              : lensTitle(fn.ir.name, fn.ir.params.map((p) => p.name), entry.results.get(fn.ir.name));
        return new vscode.CodeLens(toRange(fn.ir.nameRange), { title, command: '' });
      });
    },
  };

  /** Over a hand-written derivative's name: the comparison with AD, component by component. */
  const hoverProvider: vscode.HoverProvider = {
    provideHover(document, position) {
      const entry = analyse(document);
      if (!entry) return undefined;
      for (const { pairing, outcome } of entry.checks.values()) {
        const range = toRange(pairing.derivative.nameRange);
        if (!range.contains(position) || !outcome.ok) continue;
        const c = outcome.value;
        const at = formatPoint(c.at, pairing.of.params.map((p) => p.name));
        const md = new vscode.MarkdownString();
        md.appendText(`${checkTitle(pairing, outcome)}\n\n`);
        md.appendMarkdown(`| component at (${escapeMarkdown(at)}) | yours | AD |\n|---|---:|---:|\n`);
        for (const row of c.table) {
          const mark = agrees(row.yours, row.ad) ? '' : ' ✗';
          md.appendMarkdown(`| ${escapeMarkdown(withSubscripts(row.name))}${mark} | ${row.yours} | ${row.ad} |\n`);
        }
        return new vscode.Hover(md, range);
      }
      return undefined;
    },
  };

  const selector = Object.keys(LANGUAGES).map((language) => ({ language }));
  context.subscriptions.push(
    log,
    diagnostics,
    changed,
    vscode.languages.registerCodeLensProvider(selector, lensProvider),
    vscode.languages.registerHoverProvider(selector, hoverProvider),
    vscode.workspace.onDidCloseTextDocument((d) => {
      cache.delete(d.uri.toString());
      diagnostics.delete(d.uri);
    }),
  );
  log.info('GradLens activated');
}

/** User text (names, values) goes into hovers as text, never as markup. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}

export function deactivate(): void {}
