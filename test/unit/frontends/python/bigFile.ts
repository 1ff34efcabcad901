/** A 2,000-line Python file of 200 similar functions with annotations and call sites. */
export function bigFile(): string {
  let src = 'import numpy as np\nimport math\n\nALPHA = 0.5\n\n';
  for (let i = 0; i < 200; i++) {
    src += `# @at x=1, y=2\ndef f${i}(x, y=2):\n    a = np.sin(x) * y + x ** 2\n    for k in range(3):\n        a += k * x\n`;
    src += `    if a > 1 and y < 3:\n        return a, y\n    return math.log(a + 1, 2)\n\nf${i}(1.5, -2)\n`;
  }
  return src;
}
