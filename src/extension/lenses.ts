import * as vscode from 'vscode';
import { describeSource } from '../analysis/points';
import type { DocumentStore } from './documents';
import { toRange } from './documents';
import { formatNumber, formatPoint, summarizeValue, withSubscripts } from './format';
import type { CheckReport, FunctionReport } from './report';
import { settingsFor } from './settings';

/**
 * One lens over each function: its value and gradient at its point and where the point came from;
 * ✓/✗ over a hand-written derivative; the located error when it cannot run; "Set point…" when no
 * point is known. While a function does not parse, its last result stays, marked "(stale)".
 */

export const COMMANDS = {
  differentiateAtPoint: 'gradlens.differentiateAtPoint',
  showGraph: 'gradlens.showGraph',
  copyGradient: 'gradlens.copyGradient',
} as const;

/** `f(2, 5) = 11.6521 · ∇f = (5.5, 1.7163)`, arrays summarized. */
export function resultTitle(fn: FunctionReport, digits: number): string {
  const r = fn.result!;
  const at = formatPoint(fn.point!.values, fn.params, summarizeValue);
  const value = summarizeValue(r.value, digits);
  if (r.gradient) {
    const shown = fn.params.filter((p) => r.gradient![p] !== undefined);
    const parts = shown.map((p) => summarizeValue(r.gradient![p], digits));
    const grad = parts.length === 1 ? parts[0]! : `(${parts.join(', ')})`;
    return `${fn.name}(${at}) = ${value} · ∇${fn.name} = ${grad}`;
  }
  return `${fn.name}(${at}) = ${value} · Jacobian computed (hover for it)`;
}

/** `✓ matches ∇f at 9 points (max rel. error 2.2e-16)` or `✗ ∂f/∂x₂ differs: yours −13.2041, AD −13.724 at (1.5, 0.5)`. */
export function checkTitle(fn: FunctionReport, check: CheckReport): string {
  if (!check.outcome.ok) return `GradLens: cannot check ${fn.name} — ${check.outcome.error.message}`;
  const c = check.outcome.value;
  if (c.verdict === 'match') return `✓ matches ${withSubscripts(check.what)} at ${c.points} points (max rel. error ${c.maxRelError === 0 ? '0' : c.maxRelError.toExponential(1)})`;
  const first = c.components[0]!;
  const more = c.components.length > 1 ? ` (+${c.components.length - 1} more)` : '';
  return `✗ ${withSubscripts(first.name)} differs: yours ${formatNumber(first.yours)}, AD ${formatNumber(first.ad)} at (${formatPoint(first.at, check.ofParams)})${more}`;
}

function lensFor(document: vscode.TextDocument, fn: FunctionReport, store: DocumentStore, digits: number): vscode.Command {
  const args = [document.uri, fn.name];
  if (fn.errors.length > 0) {
    const stale = store.stale(document, fn);
    const why = fn.errors[0]!;
    const where = `line ${why.range.start.line + 1}`;
    if (stale) return { title: `${resultTitle(stale, digits)}   (stale: ${why.message}, ${where})`, command: '' };
    return { title: `GradLens: ${fn.name} cannot run — ${why.message}`, command: '' };
  }
  if (fn.check) return { title: checkTitle(fn, fn.check), command: '' };
  if (!fn.point) {
    return { title: `GradLens: Set point… (or add "@at ${fn.params.map((p, i) => `${p}=${i + 1}`).join(', ')}" above it)`, command: COMMANDS.differentiateAtPoint, arguments: args };
  }
  if (fn.error) return { title: `GradLens: ${fn.error.message}`, command: COMMANDS.differentiateAtPoint, arguments: args, tooltip: 'Differentiate at another point…' };
  return {
    title: `${resultTitle(fn, digits)}   (${describeSource(fn.point)})`,
    command: COMMANDS.showGraph,
    arguments: args,
    tooltip: 'Show the computation graph and the evaluation trace',
  };
}

export class GradLensCodeLensProvider implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(private readonly store: DocumentStore) {
    this.onDidChangeCodeLenses = (listener, thisArgs, disposables) => store.onDidUpdate(() => listener.call(thisArgs, undefined), undefined, disposables);
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    const settings = settingsFor(document);
    if (!settings.codeLens) return [];
    const report = (await this.store.reportFor(document)) ?? this.store.latest(document);
    if (!report || token.isCancellationRequested) return [];
    return report.functions.map((fn) => new vscode.CodeLens(toRange(fn.nameRange), lensFor(document, fn, this.store, settings.precision)));
  }
}
