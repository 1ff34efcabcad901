import type { IrExpr, IrFunction, IrStmt } from '../ir/nodes';
import { assignedNames, childExprs, childStmts, stmtExprs } from '../ir/walk';

/**
 * Names in generated code: each value gets one name (static single assignment), the user's own where
 * it has one (`v4`; a second assignment of `v4` becomes `v4_2`), `t1, t2, …` for sub-expressions;
 * adjoints are `d` + name (`dv4`) unless that collides, then `v4_bar`. Nothing generated may take a
 * name the user's code or module already uses for something else.
 */
export class NameSource {
  private readonly claimed = new Set<string>();
  private temps = 0;

  /** `own`: the function's own names (each may be claimed once as itself); `reserved`: names never to take. */
  constructor(
    private readonly own: ReadonlySet<string>,
    private readonly reserved: ReadonlySet<string>,
  ) {}

  private taken(name: string): boolean {
    return this.claimed.has(name) || this.own.has(name) || this.reserved.has(name);
  }

  /** The user's name the first time, then `name_2`, `name_3`, …. */
  fresh(base: string): string {
    if (!this.claimed.has(base) && !this.reserved.has(base)) {
      this.claimed.add(base);
      return base;
    }
    for (let k = 2; ; k++) {
      const name = `${base}_${k}`;
      if (!this.taken(name)) {
        this.claimed.add(name);
        return name;
      }
    }
  }

  /** A name nobody has or may take (not claimed): for a loop counter generated code adds. */
  unused(base: string): string {
    if (!this.taken(base)) return base;
    for (let k = 2; ; k++) if (!this.taken(`${base}_${k}`)) return `${base}_${k}`;
  }

  temp(): string {
    for (;;) {
      const name = `t${++this.temps}`;
      if (!this.taken(name)) {
        this.claimed.add(name);
        return name;
      }
    }
  }

  /** The names claimed so far, to go back to when a loop body is lowered again. */
  snapshot(): { readonly claimed: readonly string[]; readonly temps: number } {
    return { claimed: [...this.claimed], temps: this.temps };
  }

  restore(snapshot: { readonly claimed: readonly string[]; readonly temps: number }): void {
    this.claimed.clear();
    snapshot.claimed.forEach((n) => this.claimed.add(n));
    this.temps = snapshot.temps;
  }

  /** Claims a name exactly (a parameter). */
  claim(name: string): void {
    this.claimed.add(name);
  }

  /** How adjoints are named: `d` + name, or name + `_bar` when some `d…` name would collide. */
  adjointNaming(): (name: string) => string {
    const all = [...this.claimed];
    const clash = (f: (n: string) => string): boolean => all.some((n) => this.taken(f(n)));
    const schemes = [(n: string) => `d${n}`, (n: string) => `${n}_bar`, (n: string) => `adj_${n}`];
    return schemes.find((f) => !clash(f)) ?? ((n: string) => `gradlens_adj_${n}`);
  }
}

/** Every name a function mentions: parameters, assigned names and names read. */
export function namesIn(fn: IrFunction): Set<string> {
  const names = new Set<string>([...fn.params.map((p) => p.name), ...assignedNames(fn.body)]);
  const expr = (e: IrExpr): void => {
    if (e.kind === 'name') names.add(e.name);
    childExprs(e).forEach(expr);
  };
  const stmts = (list: readonly IrStmt[]): void => {
    for (const s of list) {
      stmtExprs(s).forEach(expr);
      stmts(childStmts(s));
    }
  };
  stmts(fn.body);
  return names;
}

/**
 * The gradient function's name, following the file: `grad_f` when the file has a `grad_…` function,
 * `f_grad` when it has a `…_grad` one, camelCase (`gradF`) for a camelCase TypeScript file, else
 * `grad_f`. A name the file already uses for something else gets a suffix.
 */
export function gradientName(of: string, moduleFunctions: readonly string[], language: 'python' | 'typescript' | 'math'): string {
  const others = moduleFunctions.filter((n) => n !== of);
  const suffix = others.some((n) => /^[A-Za-z0-9]+_grad$/.test(n)) && !others.some((n) => /^grad_/.test(n));
  const camel = language === 'typescript' && (others.some((n) => /^grad[A-Z]/.test(n)) || (/[a-z][A-Z]/.test(of) && !others.some((n) => /^grad_/.test(n))));
  if (camel) return `grad${of[0]!.toUpperCase()}${of.slice(1)}`;
  return suffix ? `${of}_grad` : `grad_${of}`;
}
