import { gammaln } from './gamma';
import { digamma, polygamma } from './polygamma';

/**
 * A number with its gradient and Hessian in two variables (a, b): second-order forward mode over
 * the special functions' series and continued fractions (incompleteBetaJet.ts, incompleteGamma.ts),
 * whose every partial sum or convergent is a rational function of the variables.
 */
export class Jet {
  constructor(
    readonly v: number,
    readonly ga: number,
    readonly gb: number,
    readonly haa: number,
    readonly hab: number,
    readonly hbb: number,
  ) {}

  static constant(v: number): Jet {
    return new Jet(v, 0, 0, 0, 0, 0);
  }

  add(q: Jet): Jet {
    return new Jet(this.v + q.v, this.ga + q.ga, this.gb + q.gb, this.haa + q.haa, this.hab + q.hab, this.hbb + q.hbb);
  }

  sub(q: Jet): Jet {
    return new Jet(this.v - q.v, this.ga - q.ga, this.gb - q.gb, this.haa - q.haa, this.hab - q.hab, this.hbb - q.hbb);
  }

  plus(c: number): Jet {
    return new Jet(this.v + c, this.ga, this.gb, this.haa, this.hab, this.hbb);
  }

  times(c: number): Jet {
    return new Jet(this.v * c, this.ga * c, this.gb * c, this.haa * c, this.hab * c, this.hbb * c);
  }

  mul(q: Jet): Jet {
    return new Jet(
      this.v * q.v,
      this.ga * q.v + this.v * q.ga,
      this.gb * q.v + this.v * q.gb,
      this.haa * q.v + 2 * this.ga * q.ga + this.v * q.haa,
      this.hab * q.v + this.ga * q.gb + this.gb * q.ga + this.v * q.hab,
      this.hbb * q.v + 2 * this.gb * q.gb + this.v * q.hbb,
    );
  }

  /** f(this) for f with value f0 and derivatives f1, f2 at this.v. */
  chain(f0: number, f1: number, f2: number): Jet {
    return new Jet(
      f0,
      f1 * this.ga,
      f1 * this.gb,
      f1 * this.haa + f2 * this.ga * this.ga,
      f1 * this.hab + f2 * this.ga * this.gb,
      f1 * this.hbb + f2 * this.gb * this.gb,
    );
  }

  recip(): Jet {
    const r = 1 / this.v;
    return this.chain(r, -r * r, 2 * r * r * r);
  }

  div(q: Jet): Jet {
    return this.mul(q.recip());
  }

  exp(): Jet {
    const e = Math.exp(this.v);
    return this.chain(e, e, e);
  }

  lgamma(): Jet {
    return this.chain(gammaln(this.v), digamma(this.v), polygamma(1, this.v));
  }

  /** The largest of the derivative parts, in magnitude. */
  get derivativeSize(): number {
    return Math.max(Math.abs(this.ga), Math.abs(this.gb), Math.abs(this.haa), Math.abs(this.hab), Math.abs(this.hbb));
  }
}
