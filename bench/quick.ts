/**
 * Times one case quickly (no peers): node --import tsx bench/quick.ts [rosen_vec|mlp|seed001|rosen] [ms]
 * For iterating on the engine; npm run bench prints the real comparison.
 */
import { benchCase } from './anyCase';
import { GradLensCase, loadEngine } from './gradlens';
import { formatNs, measure } from './timing';

const id = process.argv[2] ?? 'rosen_vec';
const budgetMs = Number(process.argv[3] ?? 1500);
const c = benchCase(id);
if (!c) throw new Error(`unknown case ${id}: seed001, rosen, mlp or rosen_vec`);
const { engine } = loadEngine(true);
const g = new GradLensCase(engine, c);
const primal = measure(() => g.primal(), { budgetMs });
const grad = measure(() => g.valueAndGradientRun(), { budgetMs });
console.log(`${id}: primal ${formatNs(primal.medianNs)}, value+grad ${formatNs(grad.medianNs)}, ratio ${(grad.medianNs / primal.medianNs).toFixed(2)}`);
const split = g.split(budgetMs);
console.log(`  record ${formatNs(split.record.medianNs)}, derivatives ${formatNs(split.derivatives.medianNs)}`);
