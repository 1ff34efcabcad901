/**
 * When the extension bundle began to evaluate. Imported first by extension.ts, so that it runs
 * before every other module of the bundle: the activation time logged includes loading them.
 */
export const LOADED_AT = Date.now();
