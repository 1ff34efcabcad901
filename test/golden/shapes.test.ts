import { join } from 'node:path';
import { DocumentAnalysis } from '../../src/analysis/document';
import { describeParameter } from '../../src/analysis/samplePoints';
import { runGoldenCases } from './goldenCases';

/**
 * Shape inference and sample points (`test/golden/shapes/*.txt`): for each function of the source,
 * each parameter's inferred kind (with what was ambiguous) and the sample point it gets, or why none.
 * Flag `ts` reads the source as TypeScript, else Python.
 */
runGoldenCases(join(import.meta.dirname, 'shapes'), (c) => {
  const doc = DocumentAnalysis.fromText(c.source, c.flags.includes('ts') ? 'file:///golden.ts' : 'file:///golden.py', c.flags.includes('ts') ? 'typescript' : 'python');
  const lines: string[] = [];
  for (const fn of doc.functions()) {
    const shapes = doc.inferShapes(fn.ir.name);
    lines.push(`${fn.ir.name}${shapes && !shapes.arithmetic ? ' (no arithmetic)' : ''}`);
    for (const p of shapes?.parameters ?? []) lines.push(`  ${describeParameter(p)}`);
    const point = fn.points[0];
    lines.push(point ? `  at ${JSON.stringify(point.values)} (${point.source === 'sample' ? 'sample point' : point.source})` : '  no point');
  }
  return lines.join('\n');
});
