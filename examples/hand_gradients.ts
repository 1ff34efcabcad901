// Hand-derived gradients in TypeScript, checked by GradLens against its engine.

// @at x=1.5, y=0.5
export function energy(x: number, y: number): number {
  return Math.exp(x * y) + x ** 2;
}

// Right: (y e^(xy) + 2x, x e^(xy)).
export function gradEnergy(x: number, y: number): number[] {
  return [y * Math.exp(x * y) + 2 * x, x * Math.exp(x * y)];
}

// The chain rule's inner factor is missing from the second component.
// @gradient-of energy
export function gradEnergyWrong(x: number, y: number): number[] {
  return [y * Math.exp(x * y) + 2 * x, Math.exp(x * y)];
}
