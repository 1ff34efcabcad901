import { GradLensError, diagnostic } from '../core/diagnostic';
import type { IrExpr, IrStmt, IrTarget } from '../ir/nodes';
import type { GradientProgram } from './program';
import { valueTypes, type ValueTypes } from './valueTypes';
import { MATH_SPELLING, printExpression, pythonSpelling, TYPESCRIPT_SPELLING, type PythonModules, type Spelling } from './spelling';

/**
 * Printers from adjoint IR to source text: Python, TypeScript/JavaScript and math notation. The
 * primal statements come first, then the adjoint statements, each group under a comment naming the
 * source line and the step it differentiates (`# from line 14: v4 = v1 - v3`).
 */

export type TargetLanguage = 'python' | 'typescript' | 'javascript' | 'math';

export interface PrintOptions {
  readonly language: TargetLanguage;
  /** Python: how numpy and scipy.special are reached in the file. */
  readonly modules?: PythonModules;
  /** A different name for the function (the check uses one no file has). */
  readonly name?: string;
}

interface Style {
  readonly spelling: Spelling;
  readonly languageName: string;
  readonly comment: string;
  readonly indent: string;
  assign(name: string, value: string, declare: 'const' | 'let' | undefined): string;
  augment(name: string, op: string, value: string): string;
  ifOpen(test: string): string;
  elseOpen: string;
  blockClose: string | undefined;
  emptyBlock: string | undefined;
  declare(names: readonly string[], types: ValueTypes): string;
  header(program: GradientProgram, name: string): string;
  ret(value: string): string;
  footer: string | undefined;
}

function pythonStyle(modules: PythonModules): Style {
  const spelling = pythonSpelling(modules);
  return {
    spelling,
    languageName: 'Python',
    comment: '#',
    indent: '    ',
    assign: (n, v) => `${n} = ${v}`,
    augment: (n, op, v) => `${n} ${op}= ${v}`,
    ifOpen: (t) => `if ${t}:`,
    elseOpen: 'else:',
    blockClose: undefined,
    emptyBlock: 'pass',
    declare: () => '',
    header: (p, name) =>
      `def ${name}(${[...(p.receiver ? [p.receiver] : []), ...p.params.map((q) => (q.default ? `${q.name}=${printExpression(q.default, spelling, 'Python')}` : q.name))].join(', ')}):`,
    ret: (v) => `return ${v}`,
    footer: undefined,
  };
}

function typescriptStyle(typed: boolean): Style {
  const t = (type: string): string => (typed ? `: ${type}` : '');
  return {
    spelling: TYPESCRIPT_SPELLING,
    languageName: typed ? 'TypeScript' : 'JavaScript',
    comment: '//',
    indent: '  ',
    assign: (n, v, declare) => `${declare ? `${declare} ` : ''}${n} = ${v};`,
    augment: (n, op, v) => `${n} ${op}= ${v};`,
    ifOpen: (test) => `if (${test}) {`,
    elseOpen: '} else {',
    blockClose: '}',
    emptyBlock: undefined,
    // Hoisted before the branch or loop that assigns them; typed, each starts as a value of its type
    // (never read: strict TypeScript cannot see that a reverse branch reads only what its forward one made).
    declare: (names, types) => `let ${names.map((n) => `${n}${typed ? ` = ${types.of(n) === 'boolean' ? 'false' : 'NaN'}` : ''}`).join(', ')};`,
    header: (p, name) => {
      const type = (name: string): string => (p.lengths && name in p.lengths ? 'number[]' : 'number');
      const params = p.params.map((q) => `${q.name}${t(type(q.name))}${q.default ? ` = ${printExpression(q.default, TYPESCRIPT_SPELLING, 'TypeScript')}` : ''}`);
      const row = p.wrt.length === 1 ? type(p.wrt[0]!) : `[${p.wrt.map(type).join(', ')}]`;
      const result = p.outputs === undefined ? row : `[${Array.from({ length: p.outputs }, () => row).join(', ')}]`;
      // A method's is a method of its class (`gradForward(x: number): number {`), reading `this`.
      return `${p.receiver ? '' : 'function '}${name}(${params.join(', ')})${t(result)} {`;
    },
    ret: (v) => `return ${v};`,
    footer: '}',
  };
}

const MATH_STYLE: Style = {
  spelling: MATH_SPELLING,
  languageName: 'math notation',
  comment: '%',
  indent: '  ',
  assign: (n, v) => `${n} = ${v}`,
  augment: (n, op, v) => `${n} = ${n} ${op} ${v}`,
  ifOpen: (t) => `if ${t}:`,
  elseOpen: 'otherwise:',
  blockClose: undefined,
  emptyBlock: '(nothing)',
  declare: () => '',
  header: (p, name) => `${name}(${p.params.map((q) => q.name).join(', ')}):`,
  ret: (v) => `${v}`,
  footer: undefined,
};

export function printProgram(program: GradientProgram, options: PrintOptions): string {
  const style =
    options.language === 'python'
      ? pythonStyle(options.modules ?? { numpy: 'np', library: { math: 'np', special: 'special' } })
      : options.language === 'math'
        ? MATH_STYLE
        : typescriptStyle(options.language === 'typescript');
  return new SourcePrinter(program, style).print(options.name ?? program.name);
}

class SourcePrinter {
  private readonly lines: string[] = [];
  /** Names declared so far (TypeScript `let`/`const`). */
  private readonly declared = new Set<string>();
  private readonly assignments = new Map<string, number>();
  private lastOrigin: IrStmt | undefined;
  private readonly types: ValueTypes;

  constructor(
    private readonly program: GradientProgram,
    private readonly style: Style,
  ) {
    countAssignments([...program.primal, ...program.adjoint], this.assignments);
    this.types = valueTypes([...program.primal, ...program.adjoint]);
    for (const p of program.params) this.declared.add(p.name);
    if (program.receiver) this.declared.add(program.receiver);
  }

  print(name: string): string {
    const { program, style } = this;
    const fn = program.of;
    // Plain ASCII: editors box a ∂ in code as an unusual character.
    const what = program.outputs === undefined ? 'gradient' : `Jacobian (one row per returned value)`;
    // A list parameter's length is read off the point: the code is for lists of that length.
    const lengths = Object.entries(program.lengths ?? {}).map(([p, n]) => `${p} of length ${n}`);
    this.lines.push(`${style.comment} ${what} of ${fn.name} with respect to ${program.wrt.join(', ')} by reverse mode, written by GradLens from line ${fn.range.start.line + 1}${lengths.length ? `, for ${lengths.join(', ')}` : ''}`);
    this.lines.push(style.header(program, name));
    this.line(1, `${style.comment} forward: ${fn.name}'s steps`);
    this.block(program.primal, 1, false);
    this.line(1, `${style.comment} reverse: each step's adjoint, last step first${program.outputs === undefined ? '' : ', once for each returned value'}`);
    this.block(program.adjoint, 1, true);
    this.line(1, style.ret(this.expr(program.result, true)));
    if (style.footer) this.lines.push(style.footer);
    return this.lines.join('\n') + '\n';
  }

  private line(depth: number, text: string): void {
    this.lines.push(this.style.indent.repeat(depth) + text);
  }

  private expr(e: IrExpr, top = false): string {
    if (top && e.kind === 'tuple' && this.style.comment === '#') return e.elements.map((x) => this.expr(x)).join(', ');
    if (top && e.kind === 'number' && Number.isInteger(e.value) && this.style.comment !== '%') return `${e.value}.0`;
    return printExpression(e, this.style.spelling, this.style.languageName);
  }

  private block(stmts: readonly IrStmt[], depth: number, adjoint: boolean): void {
    if (stmts.length === 0 && this.style.emptyBlock) this.line(depth, this.style.emptyBlock);
    for (const s of stmts) this.stmt(s, depth, adjoint);
  }

  private stmt(s: IrStmt, depth: number, adjoint: boolean): void {
    const { style } = this;
    if (adjoint) {
      const origin = this.program.origins.get(s);
      if (origin && origin !== this.lastOrigin) this.line(depth, `${style.comment} from line ${origin.range.start.line + 1}: ${this.bare(origin)}`);
      if (origin) this.lastOrigin = origin;
      else if (s.kind === 'if') this.lastOrigin = undefined;
    }
    switch (s.kind) {
      case 'assign': {
        if (s.target.kind !== 'name') {
          if (style.comment === '%') {
            // Math notation (its check runs the IR itself): an iteration's values taken back off the stack.
            const popped = stackPop(s.value);
            if (!popped || s.target.kind !== 'tuple') cannot('unpacking', s, style.languageName);
            this.line(depth, `${this.target(s.target)} = pop ${popped}`);
            return;
          }
          if (style.blockClose) {
            // An iteration's values popped off the loop's stack: `[k, t1] = stack.pop()!;`.
            const popped = stackPop(s.value);
            if (!popped || s.target.kind !== 'tuple') cannot('unpacking', s, style.languageName);
            this.line(depth, `${this.tsTarget(s.target)} = ${popped}.pop()${style.languageName === 'TypeScript' ? '!' : ''};`);
            return;
          }
          this.line(depth, `${this.target(s.target)} = ${this.expr(s.value)}`);
          return;
        }
        const name = s.target.name;
        const typed = style.languageName === 'TypeScript';
        // A loop's stack starts empty; typed, it says what it holds.
        const stack = s.value.kind === 'list' && s.value.elements.length === 0 && typed;
        // A name an iteration may not make starts it as None; typed, as a value of its type, never read.
        const value = s.value.kind === 'none' && typed ? (this.types.of(name) === 'boolean' ? 'false' : 'NaN') : this.expr(s.value, true);
        this.line(depth, style.assign(stack ? `${name}: ${this.types.stack(name)}` : name, value, this.declaration(name)));
        return;
      }
      case 'augAssign': {
        // A name, or an entry of a list's adjoint (`dx[k] += dz`, lists.ts).
        const target = s.target.kind === 'index' ? printExpression({ kind: 'index', object: s.target.object, index: s.target.index, range: s.target.range }, style.spelling, style.languageName) : (s.target as { name: string }).name;
        this.line(depth, style.augment(target, s.op, this.expr(s.value)));
        return;
      }
      case 'if': {
        // TypeScript: names first assigned inside the branches are declared before them.
        const inside = new Map<string, number>();
        countAssignments([...s.then, ...s.else], inside);
        const hoisted = [...inside.keys()].filter((n) => !this.declared.has(n));
        if (style.blockClose && hoisted.length) {
          this.line(depth, style.declare(hoisted, this.types));
          hoisted.forEach((n) => this.declared.add(n));
        }
        this.line(depth, style.ifOpen(this.expr(s.test)));
        this.block(s.then, depth + 1, adjoint);
        if (s.else.length > 0) {
          this.line(depth, style.elseOpen);
          this.block(s.else, depth + 1, adjoint);
        }
        if (style.blockClose) this.line(depth, style.blockClose);
        this.lastOrigin = undefined;
        return;
      }
      case 'for':
      case 'while': {
        if (style.comment === '%') {
          const popping = s.kind === 'while' && s.test.kind === 'name' && stackPop(firstAssignedValue(s.body)) === s.test.name;
          const head = s.kind === 'for' ? `for each ${this.target(s.target)} in ${this.expr(s.iterable)}:` : popping ? `while ${this.expr(s.test)} is not empty:` : `while ${this.expr(s.test)}:`;
          this.line(depth, head);
          this.block(s.body, depth + 1, adjoint);
          this.lastOrigin = undefined;
          return;
        }
        if (style.blockClose) {
          this.typescriptLoop(s, depth, adjoint);
          return;
        }
        const head = s.kind === 'for' ? `for ${this.target(s.target)} in ${this.expr(s.iterable)}:` : `while ${this.expr(s.test)}:`;
        this.line(depth, head);
        this.block(s.body, depth + 1, adjoint);
        this.lastOrigin = undefined;
        return;
      }
      case 'expr': {
        // An iteration's values pushed on the loop's stack: Python's append is TypeScript's push.
        const pushed = stackPush(s.value);
        if (pushed && style.comment === '%') {
          this.line(depth, `push ${this.expr(pushed.values)} onto ${pushed.stack}`);
          return;
        }
        if (pushed && style.blockClose) {
          this.line(depth, `${pushed.stack}.push(${this.expr(pushed.values)});`);
          return;
        }
        this.line(depth, `${this.expr(s.value)}${style.blockClose ? ';' : ''}`);
        return;
      }
      case 'break':
        // A loop's exit flag was set by a break (jumps.ts): the loop ends after this iteration.
        this.line(depth, style.comment === '%' ? 'leave the loop' : `break${style.blockClose ? ';' : ''}`);
        return;
      default:
        cannot(`a ${s.kind} statement`, s, style.languageName);
    }
  }

  /** Python's targets: a name, or names unpacked (`k, t1, = stack.pop()` for one). */
  private target(t: IrTarget, nested = false): string {
    if (t.kind === 'name') return t.name;
    if (t.kind === 'index') return printExpression({ kind: 'index', object: t.object, index: t.index, range: t.range }, this.style.spelling, this.style.languageName);
    if (t.kind === 'tuple') {
      const inner = t.elements.length === 1 ? `${this.target(t.elements[0]!, true)},` : t.elements.map((e) => this.target(e, true)).join(', ');
      return nested ? `(${inner})` : inner;
    }
    return cannot('this target', t, this.style.languageName);
  }

  /**
   * A loop in TypeScript/JavaScript. Every name the loop assigns is declared before it with `let`:
   * the reverse loop pops an iteration's values back into the same names, after the loop's block
   * has closed. The reverse loop (`while stack:` in Python) runs while its stack is not empty.
   */
  private typescriptLoop(s: IrStmt & { kind: 'for' | 'while' }, depth: number, adjoint: boolean): void {
    const { style } = this;
    const inside = new Map<string, number>();
    countAssignments(s.body, inside);
    const targets = new Set<string>();
    if (s.kind === 'for') collectTargetNames(s.target, targets);
    const hoisted = [...new Set([...targets, ...inside.keys()])].filter((n) => !this.declared.has(n));
    if (hoisted.length) {
      this.line(depth, style.declare(hoisted, this.types));
      hoisted.forEach((n) => this.declared.add(n));
    }
    const popping = s.kind === 'while' && s.test.kind === 'name' && stackPop(firstAssignedValue(s.body)) === s.test.name;
    // A loop over positions (positions.ts: `for k in range(n)`) is a counting loop.
    const count = s.kind === 'for' && s.target.kind === 'name' ? rangeLength(s.iterable) : undefined;
    const head =
      s.kind === 'for'
        ? count
          ? `for (${this.tsTarget(s.target)} = 0; ${this.tsTarget(s.target)} < ${this.expr(count)}; ${this.tsTarget(s.target)}++) {`
          : `for (${this.tsTarget(s.target)} of ${this.expr(s.iterable)}) {`
        : popping
          ? `while (${this.expr(s.test)}.length > 0) {`
          : `while (${this.expr(s.test)}) {`;
    this.line(depth, head);
    this.block(s.body, depth + 1, adjoint);
    this.line(depth, style.blockClose!);
    this.lastOrigin = undefined;
  }

  /** A TypeScript assignment target: a name, or names destructured (`[k, t1]`). */
  private tsTarget(t: IrTarget): string {
    if (t.kind === 'name') return t.name;
    if (t.kind === 'tuple') return `[${t.elements.map((e) => this.tsTarget(e)).join(', ')}]`;
    return cannot('this target', t, this.style.languageName);
  }

  /** TypeScript's keyword for a name's first assignment: const when it is its only one. */
  private declaration(name: string): 'const' | 'let' | undefined {
    if (!this.style.blockClose || this.declared.has(name)) return undefined;
    this.declared.add(name);
    return (this.assignments.get(name) ?? 0) > 1 ? 'let' : 'const';
  }

  /** A primal step as a comment shows it: `v4 = v1 - v3`, no declaration keyword or semicolon. */
  private bare(s: IrStmt): string {
    if (s.kind !== 'assign' && s.kind !== 'augAssign') return s.kind;
    const target = s.target.kind === 'name' ? s.target.name : this.style.blockClose ? this.tsTarget(s.target) : this.target(s.target);
    return `${target} ${s.kind === 'augAssign' ? s.op : ''}= ${printExpression(s.value, this.style.spelling, this.style.languageName)}`;
  }
}

function countAssignments(stmts: readonly IrStmt[], into: Map<string, number>): void {
  for (const s of stmts) {
    if ((s.kind === 'assign' || s.kind === 'augAssign') && s.target.kind === 'name') into.set(s.target.name, (into.get(s.target.name) ?? 0) + 1);
    if (s.kind === 'if') {
      countAssignments(s.then, into);
      countAssignments(s.else, into);
    }
    if (s.kind === 'for' || s.kind === 'while') countAssignments(s.body, into);
  }
}

function collectTargetNames(t: IrTarget, into: Set<string>): void {
  if (t.kind === 'name') into.add(t.name);
  else if (t.kind === 'tuple') t.elements.forEach((e) => collectTargetNames(e, into));
}

/** `stack.pop()`'s stack (what the reverse loop assigns first), else undefined. */
function stackPop(e: IrExpr | undefined): string | undefined {
  if (e?.kind !== 'call' || e.args.length > 0 || e.callee.kind !== 'attribute' || e.callee.name !== 'pop' || e.callee.object.kind !== 'name') return undefined;
  return e.callee.object.name;
}

/** `stack.append((…))`: the stack and the tuple of values pushed. */
function stackPush(e: IrExpr): { stack: string; values: IrExpr } | undefined {
  if (e.kind !== 'call' || e.args.length !== 1 || e.callee.kind !== 'attribute' || e.callee.name !== 'append' || e.callee.object.kind !== 'name') return undefined;
  return { stack: e.callee.object.name, values: e.args[0]! };
}

function firstAssignedValue(stmts: readonly IrStmt[]): IrExpr | undefined {
  const first = stmts[0];
  return first?.kind === 'assign' ? first.value : undefined;
}

function cannot(what: string, node: { readonly range: IrStmt['range'] }, language: string): never {
  throw new GradLensError(diagnostic('error', 'unsupported', `GradLens cannot write ${what} in ${language} yet`, node.range));
}

/** `n` of `range(n)` (the intrinsic, one argument); undefined for any other iterable. */
function rangeLength(e: IrExpr): IrExpr | undefined {
  return e.kind === 'call' && e.callee.kind === 'intrinsic' && e.callee.name === 'range' && e.args.length === 1 && e.keywords.length === 0 ? e.args[0] : undefined;
}
