import { parser } from '@lezer/python';
import { lowerPython } from '../src/frontends/python/index';
import { bigFile } from '../test/unit/frontends/python/bigFile';

/**
 * How long the Python front end takes on a 2,000-line file once warm (the editor re-lowers on every
 * pause in typing), beside lezer's parse of the same text, which bounds it from below.
 */
export function printFrontEndFigures(): void {
  const text = bigFile();
  const parse: number[] = [];
  const lower: number[] = [];
  for (let i = 0; i < 25; i++) {
    const t0 = performance.now();
    parser.parse(text);
    const t1 = performance.now();
    lowerPython(text, 'file:///big.py');
    const t2 = performance.now();
    if (i >= 10) {
      parse.push(t1 - t0);
      lower.push(t2 - t1);
    }
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  console.log(`\nPython front end, ${text.split('\n').length} lines (200 functions), warm: lower ${median(lower).toFixed(1)} ms median (target ≤ 50 ms); lezer's parse alone ${median(parse).toFixed(1)} ms`);
}
