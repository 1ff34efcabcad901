/**
 * Separates fixed cost from per-element cost: the vectorized Rosenbrock at several lengths.
 *   node --import tsx bench/scaling.ts [ms per size]
 * The slope (ns per element) is what array loops cost; the intercept is interpreter and tape.
 */
import { arrayBenchCase } from './arrays';
import { GradLensCase, loadEngine } from './gradlens';
import { formatNs, measure } from './timing';

const budgetMs = Number(process.argv[2] ?? 800);
const base = arrayBenchCase('rosen_vec')!;
const { engine } = loadEngine(true);
for (const n of [20, 500, 2000, 8000]) {
  const c = { ...base, point: { x: Array.from({ length: n }, (_, i) => 0.5 + (0.001 * i * 2000) / n) } };
  const g = new GradLensCase(engine, c as typeof base);
  const primal = measure(() => g.primal(), { budgetMs });
  const grad = measure(() => g.valueAndGradientRun(), { budgetMs });
  console.log(`n=${String(n).padStart(5)}: primal ${formatNs(primal.medianNs).padStart(9)} (${((primal.medianNs) / n).toFixed(1)} ns/el), value+grad ${formatNs(grad.medianNs).padStart(9)} (${(grad.medianNs / n).toFixed(1)} ns/el)`);
}
