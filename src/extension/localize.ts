/**
 * The one place the editor's own texts (lens titles, hover lines) go through to be translated. On
 * the extension host it is `vscode.l10n.t` (set at activation: the workbench then looks each message
 * up in the bundle for the display language, `l10n/bundle.l10n.<lang>.json`, when the manifest
 * names one); in unit tests, which load these files without vscode, it writes the English message
 * with its `{0}`, `{1}` … filled in, as `vscode.l10n.t` does. English is the only language so far.
 */
export type Translate = (message: string, ...args: (string | number)[]) => string;

const english: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (whole, i: string) => (args[Number(i)] === undefined ? whole : String(args[Number(i)])));

let translate: Translate = english;

/** Called once at activation with `vscode.l10n.t`. */
export function useTranslator(t: Translate): void {
  translate = t;
}

/** `message` in the display language, `{0}`… replaced by `args`. */
export function t(message: string, ...args: (string | number)[]): string {
  return translate(message, ...args);
}
