import { realStyleFile } from '../test/workbench/realStyleFile';
import { editsOf } from './editCost';
import { FunctionCache, reportDocument } from '../src/report/documentReport';
import { finishFormula } from '../src/report/laterFormulas';
import { NeedsFiles } from '../src/report/requestedFiles';
import { forgetEarlierVersions } from '../src/frontends/python/index';
const text = realStyleFile(__dirname + '/..');
const cache = new FunctionCache();
let request: any = { uri: 'file:///ws/edit.py', version: 1, text, language: 'python', settings: { mode: 'reverse', budget: {} }, lastUsed: {}, visible: [{ start: 0, end: 45 }], files: {} };
const analyse = (c = cache) => { for (;;) { try { const later: any[] = []; const r = reportDocument(request, c, () => false, undefined, later, () => {}); for (const p of later) finishFormula(p, c); return r; } catch (e) { if (!(e instanceof NeedsFiles)) throw e; request = { ...request, files: { ...request.files, ...Object.fromEntries(e.paths.map((p) => [p, null])) } }; } } };
analyse();
const edits = editsOf(text, 28, 2);
const strip = (f: any) => JSON.stringify(f, (k, v) => (k === 'formula' ? undefined : v));
for (const [k, e] of edits.entries()) {
  request = { ...request, version: request.version + 1, text: e.text };
  const r = analyse();
  if (k < 27) continue;
  forgetEarlierVersions();
  const fresh = analyse(new FunctionCache());
  const diff = r.functions.filter((f: any, i: number) => strip(f) !== strip(fresh.functions[i]));
  console.log(k, e.kind, 'differ:', diff.map((f: any) => f.name).join(' '), 'diagnostics equal', strip(r.diagnostics) === strip(fresh.diagnostics));
  for (const f of diff.slice(0, 2)) { const g = fresh.functions.find((x: any) => x.name === f.name); const a = strip(f), b = strip(g); let i = 0; while (a[i] === b[i]) i++; console.log(' ', f.name, 'inc:', a.slice(i - 80, i + 120)); console.log('  fresh:', b.slice(i - 80, i + 120)); }
}
