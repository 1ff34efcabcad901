import type { IrClass, IrFunction, IrStmt } from './nodes';
import { classMembers } from './instanceParameters';
import { someNode } from './walk';

/** A module function by name (none for a class or an unknown name): a parameter passed to one is what that one's parameter is. */
export type FunctionNamed = (name: string) => IrFunction | undefined;

/**
 * The parameters of a plain Python function used only through their attributes — a molecular
 * dynamics course's `Morse_potential(atom1, atom2)` reading `atom1.R` — each with the one class of
 * `classes` whose members hold every attribute read (a member: a method, a class attribute, or a
 * name its methods read or write on their receiver, `set_position` setting `self.R` included). A
 * parameter passed on to another function of the module (`pair_potential(atom1, atom2)` returning
 * `Morse_potential(atom1, atom2)`) is an instance of the class that function's parameter is. A
 * point's object for such a parameter is made an instance of that class (engine/plainInstances.ts),
 * as a method's is (parameterClasses.ts). In Python only an instance has attributes (a dict's are its
 * methods), so the reads alone say "an instance"; which class, only a single fit says. A parameter
 * the function also uses otherwise (computes with, indexes, rebinds) is left out.
 */
export function plainParameterClasses(fn: IrFunction, classes: readonly IrClass[], functionNamed: FunctionNamed = () => undefined, depth = 0): ReadonlyMap<string, IrClass> {
  const out = new Map<string, IrClass>();
  if (classes.length === 0 || depth > 3) return out;
  for (const p of fn.params) {
    if (p.kind !== undefined || p.default !== undefined) continue;
    const uses = usesOf(fn.body, p.name, functionNamed);
    if (!uses || (uses.reads.size === 0 && uses.passed.length === 0)) continue;
    const passedTo = new Set(uses.passed.map(({ callee, index }) => (callee === fn ? undefined : plainParameterClasses(callee, classes, functionNamed, depth + 1).get(callee.params[index]?.name ?? ''))));
    const fits = passedTo.size > 0 ? [...passedTo] : classes;
    const fit = fits.filter((c): c is IrClass => c !== undefined && [...uses.reads].every((a) => classMembers(c, classes).has(a)));
    if (fit.length === 1 && !passedTo.has(undefined)) out.set(p.name, fit[0]!);
  }
  return out;
}

interface Uses {
  readonly reads: ReadonlySet<string>;
  readonly passed: readonly { readonly callee: IrFunction; readonly index: number }[];
}

/** The attributes `body` reads on `name` and the functions it passes `name` to, or undefined when it uses or binds `name` any other way. */
function usesOf(body: readonly IrStmt[], name: string, functionNamed: FunctionNamed): Uses | undefined {
  const reads = new Set<string>();
  const passed: { callee: IrFunction; index: number }[] = [];
  let uses = 0;
  let allowed = 0;
  const rebound = someNode(body, {
    stmt: (s) => 'target' in s && s.target !== undefined && s.target.kind === 'name' && s.target.name === name,
    expr: (e) => {
      if (e.kind === 'name' && e.name === name) uses++;
      if (e.kind === 'attribute' && e.object.kind === 'name' && e.object.name === name) {
        allowed++;
        reads.add(e.name);
      }
      if (e.kind === 'call' && e.callee.kind === 'name') {
        const callee = functionNamed(e.callee.name);
        e.args.forEach((a, index) => {
          if (callee && a.kind === 'name' && a.name === name) {
            allowed++;
            passed.push({ callee, index });
          }
        });
      }
      // A nested function or lambda naming it again may rebind it: not followed.
      return (e.kind === 'lambda' || e.kind === 'function') && [...(e.kind === 'lambda' ? e.params : e.fn.params)].some((q) => q.name === name);
    },
  });
  return rebound || uses !== allowed ? undefined : { reads, passed };
}
