import { bodyReplacement, type TextEdit } from '../analysis/bodyReplacement';
import { componentReplacement } from '../analysis/componentReplacement';
import { derivativeSource, type DerivativeSource } from '../analysis/derivativeSource';
import { success, type Outcome } from '../analysis/outcome';
import { analysedFunction } from './documentReport';
import { LoweredFiles } from './requestedFiles';
import type { AnalyseRequest } from './report';

/** "Show Derivative Source", "Replace with GradLens's derivative", "Insert gradient function": one function's generated gradient. */
export interface SourceRequest {
  readonly document: AnalyseRequest;
  readonly name: string;
  /** A hand-written gradient the code is to replace: the answer then carries the edit of its body. */
  readonly replacing?: string;
}

export type SourceOutcome = Outcome<DerivativeSource & { readonly replacement?: TextEdit }>;

/**
 * Runs on the analysis thread: generating the code is cheap, but checking it runs the function and
 * the generated code at nine points each. The point is the one the function's lens uses (a
 * "Differentiate at Point…" choice first), so the code is checked where the person is looking.
 */
export function sourceFor(request: SourceRequest, lowered = new LoweredFiles()): SourceOutcome {
  const document = request.document;
  const found = analysedFunction(document, request.name, lowered);
  if (!found.ok) return found;
  const chosen = Object.prototype.hasOwnProperty.call(document.lastUsed, request.name) ? document.lastUsed[request.name] : undefined;
  const generated = derivativeSource(found.value.analysis, request.name, { text: document.text, uri: document.uri, ...(chosen ? { at: { values: chosen, source: 'last-used' as const } } : {}) });
  const hand = request.replacing === undefined ? undefined : found.value.analysis.find(request.replacing);
  if (!generated.ok || !hand) return generated;
  // One wrong component written as its own expression: only that expression; else the body.
  const replacement = componentReplacement(found.value.analysis, request.name, hand.name, document.text) ?? bodyReplacement(document.text, hand, generated.value);
  return replacement ? success({ ...generated.value, replacement }) : generated;
}
