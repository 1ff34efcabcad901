// Writes the points GradLens chose for the real-style corpus (realPythonPoints.json), for
// make_real_python_expected.py, which evaluates the same functions at the same points with numpy
// and differentiates them by central differences. Run: node --import tsx test/unit/report/data/dumpRealPythonPoints.ts
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { corpusFiles, corpusKey, reportFile } from '../realPythonCorpus';

const out: Record<string, unknown> = {};
for (const path of corpusFiles()) {
  const report = reportFile(path);
  for (const f of report.functions) {
    if (!f.result || !f.point) continue;
    const wrt = Object.keys(f.result.gradient ?? f.result.jacobian ?? {});
    // A method without parameters is differentiated in the attributes of its instance it reads: `self`'s keys.
    const self = (f.result.gradient ?? f.result.jacobian ?? {})['self'];
    const receiverFields = self && typeof self === 'object' && !Array.isArray(self) ? Object.keys(self) : null;
    out[`${corpusKey(path)}:${f.name}`] = { dir: basename(join(path, '..')), at: f.point.values, receiver: f.point.receiver ?? null, wrt, receiverFields };
  }
}
writeFileSync(join(__dirname, 'realPythonPoints.json'), JSON.stringify(out, null, 1) + '\n');
