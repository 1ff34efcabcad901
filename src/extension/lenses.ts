import * as vscode from 'vscode';
import { describeSource } from '../analysis/points';
import type { DocumentStore } from './documents';
import { toRange } from './documents';
import type { FunctionReport } from '../report/report';
import { settingsFor } from './settings';
import { checkTitle, resultTitle } from './titles';

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
