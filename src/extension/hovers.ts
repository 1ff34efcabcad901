import { ownValue } from '../core/keyed';
import * as vscode from 'vscode';
import { agrees } from '../analysis/checks';
import { describeSource } from '../analysis/points';
import type { VariableReport } from '../analysis/variables';
import type { DocumentStore } from './documents';
import { functionAt, toRange } from './documents';
import { formatNumber, formatPoint, summarizeValue, withSubscripts } from '../report/format';
import { COMMANDS } from './lenses';
import { checkTitle, resultTitle } from './titles';
import type { DocumentReport, FunctionReport } from '../report/report';
import { settingsFor } from './settings';

/**
 * Hovers: on a function's name its value, gradient, Hessian (up to 4×4) and point, with links to the
 * graph and to "Differentiate at Point…"; on a parameter ∂f/∂param; on an intermediate variable its
 * value, tangents ∂v/∂xᵢ and adjoint ∂f/∂v; on a hand-written derivative the comparison table.
 * Hovers answer from the latest report, never by computing: they must come back within ~50 ms.
 */

/** User text (names, values) goes into hovers as text, never as markup. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

function commandLink(title: string, command: string, args: unknown[]): string {
  return `[${title}](command:${command}?${encodeURIComponent(JSON.stringify(args))})`;
}

function markdown(): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  // Only our own commands may run from a hover link.
  md.isTrusted = { enabledCommands: [COMMANDS.showGraph, COMMANDS.differentiateAtPoint] };
  return md;
}

function functionHover(document: vscode.TextDocument, fn: FunctionReport, store: DocumentStore, digits: number): vscode.MarkdownString {
  const md = markdown();
  const shown = fn.result ? fn : store.stale(document, fn);
  if (fn.check) md.appendMarkdown(`**${escapeMarkdown(checkTitle(fn, fn.check))}**\n\n`);
  if (!shown?.result) {
    const why = fn.errors[0] ?? fn.error;
    md.appendMarkdown(why ? `**GradLens:** ${escapeMarkdown(why.message)}\n\n` : `**GradLens:** no point known for ${code(fn.name)}\n\n`);
  } else {
    const r = shown.result;
    const stale = shown !== fn ? ' *(stale)*' : '';
    md.appendMarkdown(`**${escapeMarkdown(resultTitle(shown, digits))}**${stale}\n\n`);
    md.appendMarkdown(`at (${escapeMarkdown(formatPoint(shown.point!.values, shown.params, summarizeValue))}) — point from ${escapeMarkdown(describeSource(shown.point!))}\n\n`);
    if (r.gradient) {
      md.appendMarkdown(`| | ∂${escapeMarkdown(fn.name)}/∂· |\n|---|---:|\n`);
      for (const p of shown.params) {
        if (ownValue(r.gradient, p) !== undefined) md.appendMarkdown(`| ${escapeMarkdown(p)} | ${escapeMarkdown(summarizeValue(ownValue(r.gradient, p)!, digits))} |\n`);
      }
      md.appendMarkdown('\n');
    }
    if (r.jacobian) {
      md.appendMarkdown(`Jacobian: ${Object.entries(r.jacobian).map(([p, col]) => `∂/∂${escapeMarkdown(p)} = ${escapeMarkdown(summarizeValue(col, digits))}`).join(' · ')}\n\n`);
    }
    if (r.hessian) {
      const labels = r.inputLabels.map((l) => escapeMarkdown(l));
      md.appendMarkdown(`Hessian ∇²${escapeMarkdown(fn.name)}:\n\n| | ${labels.join(' | ')} |\n|---|${labels.map(() => '---:').join('|')}|\n`);
      r.hessian.forEach((row, i) => md.appendMarkdown(`| ${labels[i]} | ${row.map((x) => escapeMarkdown(formatNumber(x, digits))).join(' | ')} |\n`));
      md.appendMarkdown('\n');
    }
  }
  // Command-link arguments travel as JSON: the document goes as its URI string.
  const args = [document.uri.toString(), fn.name];
  md.appendMarkdown(`${commandLink('Show computation graph', COMMANDS.showGraph, args)} · ${commandLink('Differentiate at point…', COMMANDS.differentiateAtPoint, args)}`);
  return md;
}

function checkTable(fn: FunctionReport): vscode.MarkdownString | undefined {
  const outcome = fn.check?.outcome;
  if (!outcome?.ok) return undefined;
  const c = outcome.value;
  const md = markdown();
  md.appendText(`${checkTitle(fn, fn.check!)}\n\n`);
  md.appendMarkdown(`| component at (${escapeMarkdown(formatPoint(c.at, fn.check!.ofParams))}) | yours | AD |\n|---|---:|---:|\n`);
  for (const row of c.table) {
    const mark = agrees(row.yours, row.ad) ? '' : ' ✗';
    md.appendMarkdown(`| ${escapeMarkdown(withSubscripts(row.name))}${mark} | ${escapeMarkdown(String(row.yours))} | ${escapeMarkdown(String(row.ad))} |\n`);
  }
  return md;
}

function parameterHover(fn: FunctionReport, param: string, digits: number): vscode.MarkdownString | undefined {
  const g = ownValue(fn.result?.gradient, param);
  if (g === undefined) return undefined;
  const md = markdown();
  md.appendMarkdown(`**∂${escapeMarkdown(fn.name)}/∂${escapeMarkdown(param)} = ${escapeMarkdown(summarizeValue(g, digits))}**\n\n`);
  md.appendMarkdown(`${escapeMarkdown(param)} = ${escapeMarkdown(summarizeValue(ownValue(fn.point!.values, param)!, digits))} at the point (${escapeMarkdown(describeSource(fn.point!))})`);
  return md;
}

function variableHover(fn: FunctionReport, v: VariableReport, digits: number): vscode.MarkdownString {
  const md = markdown();
  const name = escapeMarkdown(v.name);
  if (v.array) {
    const a = v.array;
    md.appendMarkdown(`**${name}**: ${escapeMarkdown(a.shape.join('×'))} array, ‖·‖ = ${escapeMarkdown(formatNumber(a.norm, digits))}, min ${escapeMarkdown(formatNumber(a.min, digits))}, max ${escapeMarkdown(formatNumber(a.max, digits))}\n\n`);
    md.appendMarkdown('Per-element tangents and adjoints: *Show computation graph*.');
    return md;
  }
  md.appendMarkdown(`**${name} = ${escapeMarkdown(formatNumber(v.value, digits))}**${v.times > 1 ? ` (its last value; assigned ${v.times} times)` : ''}\n\n`);
  const tangents = Object.entries(v.tangents);
  if (tangents.length > 0) {
    md.appendMarkdown(`| tangent | value |\n|---|---:|\n`);
    for (const [input, dot] of tangents) md.appendMarkdown(`| ∂${name}/∂${escapeMarkdown(input)} | ${escapeMarkdown(formatNumber(dot, digits))} |\n`);
    md.appendMarkdown('\n');
  }
  if (v.adjoint !== undefined) md.appendMarkdown(`adjoint ∂${escapeMarkdown(fn.name)}/∂${name} = **${escapeMarkdown(formatNumber(v.adjoint, digits))}**`);
  return md;
}

/** The word under the cursor and its range. */
function wordAt(document: vscode.TextDocument, position: vscode.Position): { word: string; range: vscode.Range } | undefined {
  const range = document.getWordRangeAtPosition(position, /[A-Za-z_$][\w$]*/);
  return range ? { word: document.getText(range), range } : undefined;
}

export function hoverFor(document: vscode.TextDocument, position: vscode.Position, report: DocumentReport, store: DocumentStore, digits: number): vscode.Hover | undefined {
  for (const fn of report.functions) {
    const nameRange = toRange(fn.nameRange);
    if (!nameRange.contains(position)) continue;
    if (fn.check?.outcome.ok) return new vscode.Hover(checkTable(fn)!, nameRange);
    return new vscode.Hover(functionHover(document, fn, store, digits), nameRange);
  }
  const fn = functionAt(report, position);
  const word = wordAt(document, position);
  if (!fn || !word) return undefined;
  const shown = fn.result ? fn : store.stale(document, fn);
  if (!shown?.result) return undefined;
  if (shown.params.includes(word.word)) {
    const md = parameterHover(shown, word.word, digits);
    return md ? new vscode.Hover(md, word.range) : undefined;
  }
  // The assignment to this name nearest above the cursor (or the first one, for a use above it).
  const candidates = shown.result.variables.filter((v) => v.name === word.word);
  if (candidates.length === 0) return undefined;
  const above = candidates.filter((v) => v.range.start.line <= position.line);
  const v = above.length > 0 ? above[above.length - 1]! : candidates[0]!;
  return new vscode.Hover(variableHover(shown, v, digits), word.range);
}

export class GradLensHoverProvider implements vscode.HoverProvider {
  /** Milliseconds each recent hover took to answer, logged in batches (the editor figures read them). */
  private readonly recent: number[] = [];

  constructor(
    private readonly store: DocumentStore,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const started = performance.now();
    const settings = settingsFor(document);
    if (!settings.hover) return undefined;
    // Answer from what is known; wait for the current version only if nothing is.
    const report = this.store.latest(document) ?? (await this.store.reportFor(document));
    if (!report || token.isCancellationRequested) return undefined;
    const hover = hoverFor(document, position, report, this.store, settings.precision);
    if (hover) this.record(performance.now() - started);
    return hover;
  }

  private record(ms: number): void {
    this.recent.push(ms);
    if (this.recent.length < 20) return;
    const sorted = this.recent.splice(0).sort((a, b) => a - b);
    this.log.info(`hovers: last 20 answered in p50 ${sorted[10]!.toFixed(2)} ms, p95 ${sorted[19]!.toFixed(2)} ms`);
  }
}
