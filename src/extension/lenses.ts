import { diagnosticText } from '../core/diagnosticText';
import { shownText, withoutBidi } from './displayText';
import * as vscode from 'vscode';
import type { DocumentStore } from './documents';
import { languageOf, toRange } from './documents';
import type { FunctionReport } from '../report/report';
import { settingsFor } from './settings';
import { cannotRunLens, checkingTitle, checkTitle, doubtfulWarnings, errorLens, resultLens, resultTitle, setPointLens, staleLens } from './titles';

/**
 * One lens over each function: its value and gradient at its point and where the point came from;
 * ✓/✗ over a hand-written derivative; the located error when it cannot run; "Set point…" when no
 * point is known. While a function does not parse, its last result stays, marked "⟳ stale". The texts
 * come from titles.ts; the full text is each lens's tooltip (and the hover).
 */

export const COMMANDS = {
  differentiateAtPoint: 'gradlens.differentiateAtPoint',
  showGraph: 'gradlens.showGraph',
  copyGradient: 'gradlens.copyGradient',
  useFilePoint: 'gradlens.useFilePoint',
  showDerivativeSource: 'gradlens.showDerivativeSource',
} as const;

function lensesFor(document: vscode.TextDocument, fn: FunctionReport, store: DocumentStore, precision: number): vscode.Command[] {
  const args = [document.uri, fn.name];
  const language = languageOf(document) ?? 'python';
  // Quiet by default: a function nobody asked about that computes nothing gets no lens, and one
  // that cannot be read says so in a word instead of in the Problems panel.
  if (!fn.asked && !fn.arithmetic) return [];
  // Asked, it is quiet only when there is nothing to differentiate (it returns None).
  if (fn.quiet && !fn.result && (!fn.asked || !fn.error)) return [{ title: `GradLens: ${fn.quiet}`, command: COMMANDS.differentiateAtPoint, arguments: args, tooltip: vscode.l10n.t('Differentiate at a point…') }];
  if (fn.errors.length > 0) {
    const stale = store.stale(document, fn);
    const why = fn.errors[0]!;
    const whyText = diagnosticText(why, precision);
    if (stale) return [{ title: staleLens(stale, { message: whyText, line: why.range.start.line + 1 }, precision, language), command: '', tooltip: `${resultTitle(stale, precision, language)}\n\n${vscode.l10n.t('stale: {0} (line {1})', whyText, why.range.start.line + 1)}` }];
    return [{ title: cannotRunLens(fn, whyText), command: '', tooltip: whyText }];
  }
  // Its check comes with the whole report; meanwhile the lens holds its line and says so.
  if (fn.checkPending !== undefined) return [{ title: checkingTitle(fn.checkPending), command: '' }];
  if (fn.check) {
    const lenses: vscode.Command[] = [{ title: checkTitle(fn, fn.check, precision, language), command: '' }];
    // ✗: one click shows the derivative GradLens writes (its quick fix puts it in the file).
    if (fn.check.outcome.ok && fn.check.outcome.value.verdict === 'mismatch') lenses.push({ title: vscode.l10n.t("show GradLens's derivative"), command: COMMANDS.showDerivativeSource, arguments: [document.uri, fn.check.of] });
    return lenses;
  }
  if (!fn.point) return [{ title: setPointLens(fn, language), command: COMMANDS.differentiateAtPoint, arguments: args }];
  if (fn.error) {
    const errorText = diagnosticText(fn.error, precision);
    const lenses: vscode.Command[] = [{ title: errorLens(fn, errorText, precision, language), command: COMMANDS.differentiateAtPoint, arguments: args, tooltip: `${errorText}\n\n${vscode.l10n.t('Differentiate at another point…')}` }];
    // The person's own point failed: one click goes back to the file's.
    if (fn.point.source === 'last-used' && fn.hasFilePoint) lenses.push({ title: vscode.l10n.t('use @at point'), command: COMMANDS.useFilePoint, arguments: args, tooltip: vscode.l10n.t('Forget the point you last used; go back to the point the file gives') });
    return lenses;
  }
  const doubts = doubtfulWarnings(fn).map((w) => `\n\n${w}`).join('');
  // The tooltip's full text is the lens's too when it fits: made once (a whole file's lenses are built while the editor waits).
  const full = resultTitle(fn, precision, language);
  return [{ title: resultLens(fn, precision, language, full), command: COMMANDS.showGraph, arguments: args, tooltip: `${full}${doubts}\n\n${vscode.l10n.t('Show the computation graph and the evaluation trace')}` }];
}

/** A lens as the editor may show it: names from the file cannot become icons or reorder the line (displayText.ts). */
function shown(command: vscode.Command): vscode.Command {
  return { ...command, title: shownText(command.title), ...(command.tooltip !== undefined ? { tooltip: withoutBidi(command.tooltip) } : {}) };
}

export class GradLensCodeLensProvider implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(private readonly store: DocumentStore) {
    this.onDidChangeCodeLenses = (listener, thisArgs, disposables) => {
      const changed = store.onDidChangeLenses(() => listener.call(thisArgs, undefined));
      disposables?.push(changed);
      return changed;
    };
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    this.store.lensesAsked(document);
    const settings = settingsFor(document);
    if (!settings.codeLens) return [];
    const asked = Date.now();
    const timeline = this.store.lensTimeline;
    const id = timeline.asked();
    const cancelled = token.onCancellationRequested(() => timeline.cancelled(id));
    const report = (await this.store.lensReport(document, token)) ?? this.store.latest(document);
    cancelled.dispose();
    if (!report || token.isCancellationRequested) {
      timeline.answered(id, 0, token.isCancellationRequested ? 'cancelled' : 'none');
      return [];
    }
    const building = Date.now();
    const lenses = report.functions.flatMap((fn) => lensesFor(document, fn, this.store, settings.precision).map((command) => new vscode.CodeLens(toRange(fn.nameRange), shown(command))));
    timeline.answered(id, lenses.length, `${report.partial ? 'partial' : 'report'}, built in ${Date.now() - building} ms`);
    this.store.lensesGiven(document, report, lenses.length, asked);
    return lenses;
  }
}
