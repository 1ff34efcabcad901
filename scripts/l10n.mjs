// Writes l10n/bundle.l10n.json: every message GradLens's code passes to `t(…)` or `vscode.l10n.t(…)`
// (the message is its own key, as VS Code's bundles have it), so a translator sees each text once.
// `node scripts/l10n.mjs --check` exits 1 when the bundle is stale (test/unit/extension/localize.test.ts
// runs the same check). The messages must be string literals: a computed message cannot be translated.
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

// The graph panel's script (webview/src) translates with the same bundle, which the host puts on its page.
const ROOTS = ['src', 'webview/src'];
export const BUNDLE = 'l10n/bundle.l10n.json';

function files(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files(path, out);
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** A JavaScript string literal's value (single, double or back quotes without substitutions). */
function literal(body, quote) {
  return JSON.parse(`"${body.replace(/\\(.)/g, (_w, c) => (c === quote ? c : `\\${c}`)).replace(/"/g, '\\"').replace(/\\\\"/g, '\\"')}"`);
}

/** Every message in the source, in order of first appearance. */
export function messages() {
  const found = new Map();
  const call = /(?<![\w$.])(?:vscode\.l10n\.)?t\(\s*(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)")/g;
  for (const root of ROOTS) {
    for (const file of files(root)) {
      const text = readFileSync(file, 'utf8');
      // A bare `t(` is the translator only where the file imports it from core/localize.
      const importsT = /import \{[^}]*\bt\b[^}]*\} from '[./]*(src\/)?(core\/)?localize'/.test(text);
      for (const m of text.matchAll(call)) {
        if (!m[0].startsWith('vscode.') && !importsT) continue;
        const message = m[1] !== undefined ? literal(m[1], "'") : literal(m[2], '"');
        if (!found.has(message)) found.set(message, message);
      }
    }
  }
  registryMessages(found);
  return Object.fromEntries(found);
}

/**
 * The registry's domain messages (src/engine/primitives/scalar.ts: `error('log of a negative number
 * (log({0}))', a)`, `kink(…)`): their numbers are values, shown through `diagnosticText`, which looks
 * the message up like any other. Messages built with `${…}` (a primitive's name) are not keys.
 */
const REGISTRY = 'src/engine/primitives/scalar.ts';
function registryMessages(found) {
  const text = readFileSync(REGISTRY, 'utf8');
  for (const m of text.matchAll(/(?<![\w$.])(?:error|kink)\(\s*'((?:[^'\\\n]|\\.)*)'/g)) {
    const message = literal(m[1], "'");
    if (!found.has(message)) found.set(message, message);
  }
}

export function bundleText() {
  return `${JSON.stringify(messages(), null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const text = bundleText();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(BUNDLE, 'utf8');
    } catch {}
    if (current !== text) {
      console.error(`${BUNDLE} is stale: run node scripts/l10n.mjs`);
      process.exit(1);
    }
  } else {
    mkdirSync('l10n', { recursive: true });
    writeFileSync(BUNDLE, text);
    console.log(`${BUNDLE}: ${Object.keys(JSON.parse(text)).length} messages`);
  }
}
