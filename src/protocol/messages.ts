import type { SourcePosition, SourceRange } from '../core/sourceRange';
import { isGraphModel, isModelMessage, type GraphModel, type ModelMessage } from './graphModel';
import { isOneOf, isRecord, isSourcePosition, isSourceRange, isString } from './guards';

/**
 * The messages between the extension (src/extension/graphPanel.ts) and the graph webview (webview/).
 * Each says its direction. Both sides validate what arrives with the guards below and drop (and log)
 * anything else; nothing crosses as a thrown error.
 *
 * Handshake: the webview posts `ready` once its listeners are in place (again after a reload); the
 * extension queues everything until then and re-sends the latest state after each `ready`.
 */

// ---- extension → webview ----------------------------------------------------------------------------

/** extension → webview: draw this function at this point (replaces any previous model, clears stale/error). */
export interface ShowMessage {
  readonly type: 'show';
  readonly model: GraphModel;
}

/** extension → webview: keep the last model but mark it out of date (the text changed, the analysis is running or failed). */
export interface StaleMessage {
  readonly type: 'stale';
  readonly reason: string;
}

/** extension → webview: the function cannot be shown; the last model (if any) stays, marked stale. */
export interface ErrorMessage {
  readonly type: 'error';
  readonly error: ModelMessage;
  readonly documentUri?: string;
}

/** extension → webview: the editor's cursor moved; highlight nodes and rows whose range holds it (null: clear). */
export interface HighlightMessage {
  readonly type: 'highlight';
  readonly documentUri: string;
  readonly position: SourcePosition | null;
}

export type HostMessage = ShowMessage | StaleMessage | ErrorMessage | HighlightMessage;

// ---- webview → extension ----------------------------------------------------------------------------

/** webview → extension: listeners are installed; send the current state. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** webview → extension: select and reveal this range in the editor showing `documentUri`. */
export interface RevealMessage {
  readonly type: 'reveal';
  readonly documentUri: string;
  readonly range: SourceRange;
  /** Move focus to the editor (Enter on a row) rather than keeping it in the panel (a click). */
  readonly focusEditor: boolean;
}

/** webview → extension: rebuild the primal–tangent table with this input's tangent set to 1. */
export interface SetSeedMessage {
  readonly type: 'setSeed';
  /** An `inputs[].name` of the model shown. */
  readonly input: string;
}

/** webview → extension: something went wrong inside the webview; for the extension's log. */
export interface LogMessage {
  readonly type: 'log';
  readonly level: 'info' | 'warning' | 'error';
  readonly message: string;
}

export type WebviewMessage = ReadyMessage | RevealMessage | SetSeedMessage | LogMessage;

// ---- validators ------------------------------------------------------------------------------------

export function isHostMessage(x: unknown): x is HostMessage {
  if (!isRecord(x)) return false;
  switch (x.type) {
    case 'show':
      return isGraphModel(x.model);
    case 'stale':
      return isString(x.reason);
    case 'error':
      return isModelMessage(x.error) && (x.documentUri === undefined || isString(x.documentUri));
    case 'highlight':
      return isString(x.documentUri) && (x.position === null || isSourcePosition(x.position));
    default:
      return false;
  }
}

export function isWebviewMessage(x: unknown): x is WebviewMessage {
  if (!isRecord(x)) return false;
  switch (x.type) {
    case 'ready':
      return true;
    case 'reveal':
      return isString(x.documentUri) && isSourceRange(x.range) && typeof x.focusEditor === 'boolean';
    case 'setSeed':
      return isString(x.input) && x.input.length > 0;
    case 'log':
      return isOneOf('info', 'warning', 'error')(x.level) && isString(x.message);
    default:
      return false;
  }
}

/** Why a message was rejected, for the log: its type if it has one. */
export function describeRejected(x: unknown): string {
  if (!isRecord(x)) return `a ${x === null ? 'null' : typeof x}, not a message object`;
  return isString(x.type) ? `a malformed "${x.type}" message` : 'a message without a type';
}
