// A C-style loop summing a series, and a while loop: generated TypeScript keeps both loops, each
// iteration's values pushed on a stack and popped by the reverse loop.

/** @at x=0.7, y=1.2 */
function series(x: number, y: number): number {
  let s = 0;
  let term = 1;
  for (let k = 1; k <= 4; k++) {
    term = (term * x) / k;
    s += term * y;
  }
  let i = 0;
  while (i < 2) {
    s = Math.sin(s) + x;
    i++;
  }
  return s;
}
