import { diagnosticText } from '../core/diagnosticText';
import { withoutBidi } from './displayText';
import { ownValue } from '../core/keyed';
import { numericPart } from '../core/pointTree';
import * as vscode from 'vscode';
import { agrees } from '../analysis/checkTolerance';
import { describeSource, type ResolvedPoint } from '../analysis/points';
import type { VariableReport } from '../analysis/variables';
import type { PartialFormula } from '../analysis/formula/formula';
import type { DocumentStore } from './documents';
import { functionAt, languageOf, toRange } from './documents';
import { derivedNames, formatNumber, formatPoint, summarizeIn, summarizeValue, withSubscripts } from '../report/format';
import { COMMANDS } from './lenses';
import { checkTitle, resultTitle } from './titles';
import { MAX_HOVER_HESSIAN, type DocumentReport, type FunctionReport } from '../report/report';
import { settingsFor } from './settings';
import { t } from '../core/localize';
import type { Language } from '../ir/nodes';

/**
 * Hovers: on a function's name its value, gradient, Hessian (up to 4×4) and point, with links to the
 * graph and to "Differentiate at Point…"; on a parameter ∂f/∂param; on an intermediate variable its
 * value, tangents ∂v/∂xᵢ and adjoint ∂f/∂v; on a hand-written derivative the comparison table.
 * Hovers answer from the latest report, never by computing: they must come back within ~50 ms.
 */

/** User text (names, values) goes into hovers as text, never as markup. */
export function escapeMarkdown(text: string): string {
  return withoutBidi(text).replace(/[\\`*_{}[\]()#+\-.!|<>~$]/g, (c) => `\\${c}`);
}

const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

function commandLink(title: string, command: string, args: unknown[]): string {
  return `[${title}](command:${command}?${encodeURIComponent(JSON.stringify(args))})`;
}

function markdown(): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  // Only our own commands may run from a hover link.
  md.isTrusted = { enabledCommands: [COMMANDS.showGraph, COMMANDS.differentiateAtPoint, COMMANDS.useFilePoint, COMMANDS.showDerivativeSource] };
  return md;
}

/** Where the point came from, as a phrase: "from the @at line", "the point you last used". */
function pointOrigin(point: ResolvedPoint): string {
  switch (point.source) {
    case 'annotation':
      return t('from the @at line');
    case 'last-used':
      return t('the point you last used');
    case 'argument':
      return t('the given point');
    default:
      return t('from the {0}', describeSource(point));
  }
}

function functionHover(document: vscode.TextDocument, fn: FunctionReport, store: DocumentStore, precision: number): vscode.MarkdownString {
  const md = markdown();
  const language = languageOf(document) ?? 'python';
  // The links first, where the hover opens: the tables below can be long.
  const args = [document.uri.toString(), fn.name]; // command-link arguments travel as JSON
  const links = [commandLink(t('Show computation graph'), COMMANDS.showGraph, args), commandLink(t('Differentiate at point…'), COMMANDS.differentiateAtPoint, args)];
  if (fn.point?.source === 'last-used' && fn.hasFilePoint) links.push(commandLink(t('Use @at point'), COMMANDS.useFilePoint, args));
  if (fn.result?.gradient) links.push(commandLink(t('Show derivative source'), COMMANDS.showDerivativeSource, args));
  md.appendMarkdown(`${links.join(' · ')}\n\n`);
  const shown = fn.result ? fn : store.stale(document, fn);
  if (fn.check) md.appendMarkdown(`**${escapeMarkdown(checkTitle(fn, fn.check, precision, language))}**\n\n`);
  if (!shown?.result) {
    const why = fn.errors[0] ?? fn.error;
    if (why && fn.point && !fn.errors[0]) md.appendMarkdown(`**✗ ${escapeMarkdown(fn.name)}** ${escapeMarkdown(t('at ({0}), {1}:', formatPoint(fn.point.values, fn.params, precision, language, summarizeIn), pointOrigin(fn.point)))}\n\n`);
    md.appendMarkdown(why ? `**GradLens:** ${escapeMarkdown(diagnosticText(why, precision))}\n\n` : `**GradLens:** ${escapeMarkdown(t('no point known for {0}', fn.name))}\n\n`);
    return md;
  }
  const r = shown.result;
  const stale = shown !== fn ? ` *${escapeMarkdown(t('(stale)'))}*` : '';
  md.appendMarkdown(`**${escapeMarkdown(resultTitle(shown, precision, language))}**${stale}\n\n`);
  md.appendMarkdown(`${escapeMarkdown(t('at ({0}), {1}', formatPoint(shown.point!.values, shown.params, precision, language, summarizeIn), pointOrigin(shown.point!)))}\n\n`);
  // A sample point says what it took each parameter to be, and what the code left open.
  for (const note of shown.point!.notes ?? []) md.appendText(`${withoutBidi(note)}\n\n`);
  if (r.gradient) {
    md.appendMarkdown(`| | ${escapeMarkdown(t('∂{0}/∂(parameter)', fn.name))} |\n|---|---:|\n`);
    for (const p of derivedNames(shown.params, r.gradient)) {
      md.appendMarkdown(`| ${escapeMarkdown(p)} | ${escapeMarkdown(summarizeValue(ownValue(r.gradient, p)!, precision))} |\n`);
    }
    md.appendMarkdown('\n');
  }
  if (r.formula) appendFormulas(md, document.languageId, fn.name, r.formula.partials);
  if (r.jacobian) {
    md.appendMarkdown(`${escapeMarkdown(t('Jacobian:'))} ${Object.entries(r.jacobian).map(([p, col]) => `∂/∂${escapeMarkdown(p)} = ${escapeMarkdown(summarizeValue(col, precision))}`).join(' · ')}\n\n`);
  }
  if (r.hessian) {
    const labels = r.inputLabels.map((l) => escapeMarkdown(l));
    md.appendMarkdown(`${escapeMarkdown(t('Hessian ∇²{0}:', fn.name))}\n\n| | ${labels.join(' | ')} |\n|---|${labels.map(() => '---:').join('|')}|\n`);
    r.hessian.forEach((row, i) => md.appendMarkdown(`| ${labels[i]} | ${row.map((x) => escapeMarkdown(formatNumber(x, precision))).join(' | ')} |\n`));
    md.appendMarkdown('\n');
  } else if (r.gradient && r.inputLabels.length > MAX_HOVER_HESSIAN) {
    const n = r.inputLabels.length;
    md.appendMarkdown(`${escapeMarkdown(t('Hessian: {0}×{0}, not shown (hovers show up to {1}×{1}); the CLI prints it:', n, MAX_HOVER_HESSIAN))} ${code(`gradlens grad FILE --function ${fn.name} --hessian`)}\n\n`);
  }
  return md;
}

/**
 * The partials as formulas in the function's language, in a code block (user names are never
 * markup there). Each was checked against AD at the point before the worker sent it.
 */
function appendFormulas(md: vscode.MarkdownString, languageId: string, name: string, partials: readonly PartialFormula[]): void {
  md.appendMarkdown(`${escapeMarkdown(t('As formulas (checked against AD at the point):'))}\n\n`);
  md.appendCodeblock(partials.flatMap((p) => formulaLines(name, p)).join('\n'), languageId);
}

/** `∂f/∂x = …`, or for a long formula its short form and the names it uses (`  where u = …`). */
function formulaLines(name: string, p: PartialFormula): string[] {
  const head = `∂${name}/∂${p.parameter} = `;
  if (!p.short) return [head + p.text];
  const indent = ' '.repeat(2);
  return [head + p.short.text, ...p.short.where.map((w, k) => `${indent}${k === 0 ? 'where' : '     '} ${w.name} = ${w.text}`)];
}

function checkTable(fn: FunctionReport, precision: number, language: Language): vscode.MarkdownString | undefined {
  const outcome = fn.check?.outcome;
  if (!outcome?.ok) return undefined;
  const c = outcome.value;
  const md = markdown();
  md.appendText(`${withoutBidi(checkTitle(fn, fn.check!, precision, language))}\n\n`);
  // How the pair was made (by position, an output argument, which parameter a (loss, grad) is of).
  for (const note of c.notes) md.appendText(`${withoutBidi(note)}\n\n`);
  md.appendMarkdown(`| ${escapeMarkdown(t('component at ({0})', formatPoint(c.at, fn.check!.ofParams, precision, language)))} | ${escapeMarkdown(t('yours'))} | AD |\n|---|---:|---:|\n`);
  for (const row of c.table) {
    const mark = agrees(row.yours, row.ad) ? '' : ' ✗';
    md.appendMarkdown(`| ${escapeMarkdown(withSubscripts(row.name))}${mark} | ${escapeMarkdown(formatNumber(row.yours, precision))} | ${escapeMarkdown(formatNumber(row.ad, precision))} |\n`);
  }
  return md;
}

function parameterHover(fn: FunctionReport, param: string, digits: number, languageId: string, language: Language): vscode.MarkdownString | undefined {
  const g = ownValue(fn.result?.gradient, param);
  if (g === undefined) {
    // Text at the point (`option_type="put"`) has no derivative; the hover says what it is.
    const v = fn.point && ownValue(fn.point.values, param);
    if (v === undefined || numericPart(v) !== undefined) return undefined;
    return markdown().appendMarkdown(escapeMarkdown(t('{0} = {1} at the point {2}: text, carried and not differentiated', param, summarizeValue(v, digits, {}, language), pointOrigin(fn.point!))));
  }
  const md = markdown();
  md.appendMarkdown(`**∂${escapeMarkdown(fn.name)}/∂${escapeMarkdown(param)} = ${escapeMarkdown(summarizeValue(g, digits))}**\n\n`);
  const formula = fn.result?.formula?.partials.find((p) => p.parameter === param);
  if (formula) md.appendCodeblock(formulaLines(fn.name, formula).join('\n'), languageId);
  md.appendMarkdown(escapeMarkdown(t('{0} = {1} at the point {2}', param, summarizeValue(ownValue(fn.point!.values, param)!, digits, {}, language), pointOrigin(fn.point!))));
  return md;
}

function variableHover(fn: FunctionReport, v: VariableReport, digits: number): vscode.MarkdownString {
  const md = markdown();
  const name = escapeMarkdown(v.name);
  if (v.array) {
    const a = v.array;
    md.appendMarkdown(`**${name}**: ${escapeMarkdown(t('{0} array, ‖·‖ = {1}, min {2}, max {3}', a.shape.join('×'), formatNumber(a.norm, digits), formatNumber(a.min, digits), formatNumber(a.max, digits)))}\n\n`);
    md.appendMarkdown(escapeMarkdown(t('Per-element tangents and adjoints: Show computation graph.')));
    return md;
  }
  md.appendMarkdown(`**${name} = ${escapeMarkdown(formatNumber(v.value, digits))}**${v.times > 1 ? ` ${escapeMarkdown(t('(its last value; assigned {0} times)', v.times))}` : ''}\n\n`);
  const tangents = Object.entries(v.tangents);
  if (tangents.length > 0) {
    md.appendMarkdown(`| ${escapeMarkdown(t('tangent'))} | ${escapeMarkdown(t('value'))} |\n|---|---:|\n`);
    for (const [input, dot] of tangents) md.appendMarkdown(`| ∂${name}/∂${escapeMarkdown(input)} | ${escapeMarkdown(formatNumber(dot, digits))} |\n`);
    md.appendMarkdown('\n');
  }
  if (v.adjoint !== undefined) md.appendMarkdown(`${escapeMarkdown(t('adjoint'))} ∂${escapeMarkdown(fn.name)}/∂${name} = **${escapeMarkdown(formatNumber(v.adjoint, digits))}**`);
  return md;
}

/**
 * A name in any of the languages: letters of any script (`μ`, `σ`, `ℓ`), digits including the
 * subscripts math notes use (`α₁`), combining marks (`v̄`), `_` and `$`.
 */
const IDENTIFIER = /[\p{L}_$][\p{L}\p{M}\p{N}_$]*/u;

/** The word under the cursor and its range. */
function wordAt(document: vscode.TextDocument, position: vscode.Position): { word: string; range: vscode.Range } | undefined {
  const range = document.getWordRangeAtPosition(position, IDENTIFIER);
  return range ? { word: document.getText(range), range } : undefined;
}

export function hoverFor(document: vscode.TextDocument, position: vscode.Position, report: DocumentReport, store: DocumentStore, digits: number): vscode.Hover | undefined {
  for (const fn of report.functions) {
    const nameRange = toRange(fn.nameRange);
    if (!nameRange.contains(position)) continue;
    if (fn.check?.outcome.ok) return new vscode.Hover(checkTable(fn, digits, languageOf(document) ?? 'python')!, nameRange);
    return new vscode.Hover(functionHover(document, fn, store, digits), nameRange);
  }
  const fn = functionAt(report, position);
  const word = wordAt(document, position);
  if (!fn || !word) return undefined;
  const shown = fn.result ? fn : store.stale(document, fn);
  if (!shown?.result) return undefined;
  if (shown.params.includes(word.word)) {
    const md = parameterHover(shown, word.word, digits, document.languageId, languageOf(document) ?? 'python');
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
