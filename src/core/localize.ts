/**
 * The one place GradLens's own texts (lens titles, hover lines, Problems messages) go through to be
 * translated. On the extension host it is `vscode.l10n.t` (set at activation: the workbench looks each
 * message up in the bundle for the display language, `l10n/bundle.l10n.<lang>.json`); on the analysis
 * thread, which cannot import vscode, the same bundle as the host read it (`vscode.l10n.bundle`, sent
 * with the worker's first message); in tests and the CLI, English with its `{0}`, `{1}` … filled in, as
 * `vscode.l10n.t` does. The message itself is the key (`l10n/bundle.l10n.json`, written by
 * `scripts/l10n.mjs`, lists them all); names and values from the user's file are only ever arguments.
 * English is the only language so far.
 */
export type Translate = (message: string, ...args: (string | number)[]) => string;

const fill = (message: string, args: readonly (string | number)[]): string =>
  message.replace(/\{(\d+)\}/g, (whole, i: string) => (args[Number(i)] === undefined ? whole : String(args[Number(i)])));

const english: Translate = (message, ...args) => fill(message, args);

let translate: Translate = english;

/** Called once at activation with `vscode.l10n.t`, or on the analysis thread with `bundleTranslator`. */
export function useTranslator(translator: Translate | undefined): void {
  translate = translator ?? english;
}

/** A translator that looks messages up in a bundle (message → text in the display language). */
export function bundleTranslator(bundle: Readonly<Record<string, string>>): Translate {
  return (message, ...args) => fill(Object.prototype.hasOwnProperty.call(bundle, message) && typeof bundle[message] === 'string' ? bundle[message]! : message, args);
}

/** `message` in the display language, `{0}`… replaced by `args`. */
export function t(message: string, ...args: (string | number)[]): string {
  return translate(message, ...args);
}
