import { isPointObject } from '../core/pointTree';
import type { Diagnostic } from '../core/diagnostic';
import { formatRange, type SourceRange } from '../core/sourceRange';
import type { IrClass, IrExpr, IrFunction, IrMethodRole, IrModule, IrPoint, IrPointValue, IrStmt, IrTarget } from './nodes';

/**
 * Prints IR as indented S-expressions, for golden tests (`source ==> printed IR`) and for debugging.
 * With `ranges`, every node is followed by `@line:col-line:col` (one-based), so a golden case can pin
 * down where each sub-expression points.
 */
export interface PrintOptions {
  readonly ranges?: boolean;
}

export function printModule(module: IrModule, options: PrintOptions = {}): string {
  const p = new Printer(options);
  for (const g of module.globals) {
    p.line(0, g.kind === 'intrinsic' ? `global ${g.name} = intrinsic ${g.intrinsic}` : `global ${g.name} = ${p.expr(g.value)}`);
  }
  for (const fn of module.functions) p.fn(0, fn);
  for (const cls of module.classes ?? []) p.cls(0, cls);
  for (const b of module.boundFunctions ?? []) {
    p.line(0, `bound ${b.name} = ${p.expr(b.value)}${p.at(b.range)}`);
    p.line(1, `is ${b.fn.name}(${b.fn.params.map((x) => x.name).join(', ')})${p.at(b.fn.nameRange)}`);
  }
  for (const point of module.points) p.line(0, printPoint(point) + p.at(point.range));
  for (const d of module.diagnostics) p.line(0, printDiagnostic(d));
  return p.text();
}

export function printFunction(fn: IrFunction, options: PrintOptions = {}): string {
  const p = new Printer(options);
  p.fn(0, fn);
  return p.text();
}

export function printExpr(expr: IrExpr, options: PrintOptions = {}): string {
  return new Printer(options).expr(expr);
}

export function printDiagnostic(d: Diagnostic): string {
  return `${d.severity} ${d.code} @${formatRange(d.range)}: ${d.message}`;
}

function printPoint(point: IrPoint): string {
  const values = point.named
    ? Object.entries(point.named).map(([k, v]) => `${k}=${printPointValue(v)}`)
    : (point.positional ?? []).map(printPointValue);
  const receiver = point.receiver ? `; self: ${Object.entries(point.receiver).map(([k, v]) => `${k}=${printPointValue(v)}`).join(', ')}` : '';
  const evaluated = point.evaluated ? `evaluated ${point.evaluated.constant}${point.evaluated.keywords.length ? ` keywords ${point.evaluated.keywords.join(', ')}` : ''}` : '';
  return `point ${point.function} (${point.source}) ${values.join(', ')}${evaluated}${receiver}`;
}

function printRole(role: IrMethodRole): string {
  switch (role.kind) {
    case 'constructor':
    case 'call':
    case 'iterate':
      return role.kind;
    case 'binary':
      return `binary ${role.reflected ? 'reflected ' : ''}${role.op}`;
    case 'unary':
    case 'compare':
      return `${role.kind} ${role.op}`;
    case 'setter':
      return `setter ${role.attribute}`;
  }
}

function printPointValue(v: IrPointValue): string {
  if (typeof v === 'number') return String(v);
  if (!Array.isArray(v) && !isPointObject(v)) return JSON.stringify(v); // text, a flag, None
  if (isPointObject(v)) return `{${Object.keys(v).map((k) => `${k}: ${printPointValue(v[k]!)}`).join(', ')}}`;
  return `[${(v as readonly IrPointValue[]).map(printPointValue).join(', ')}]`;
}

class Printer {
  private readonly lines: string[] = [];
  constructor(private readonly options: PrintOptions) {}

  text(): string {
    return this.lines.join('\n') + '\n';
  }

  line(depth: number, s: string): void {
    this.lines.push('  '.repeat(depth) + s);
  }

  at(range: SourceRange): string {
    return this.options.ranges ? `@${formatRange(range)}` : '';
  }

  fn(depth: number, fn: IrFunction): void {
    const params = fn.params.map((p) => paramPrefix(p.kind) + (p.default ? `${p.name}=${this.expr(p.default)}` : p.name)).join(', ');
    const tag = (fn.gradientOf ? ` gradient-of ${fn.gradientOf}${fn.gradientWrt ? ` wrt ${fn.gradientWrt.join(', ')}` : ''}` : '') + (fn.wrt ? ` wrt ${fn.wrt.join(', ')}` : '') + (fn.argumentsName ? ` passed ${fn.argumentsName}` : '') + (fn.generator ? ' generator' : '');
    this.line(depth, `def ${fn.name}(${params})${tag}${this.at(fn.range)}`);
    for (const d of fn.diagnostics) this.line(depth + 1, `! ${printDiagnostic(d)}`);
    this.block(depth + 1, fn.body);
  }

  cls(depth: number, cls: IrClass): void {
    const bases = cls.bases.length ? `(${cls.bases.map((b) => this.expr(b)).join(', ')})` : '';
    this.line(depth, `class ${cls.name}${bases}${this.at(cls.range)}`);
    for (const d of cls.diagnostics) this.line(depth + 1, `! ${printDiagnostic(d)}`);
    if (cls.tupleFields) this.line(depth + 1, `tuple of ${cls.tupleFields.join(', ')}`);
    if (cls.frozen) this.line(depth + 1, `frozen ${cls.frozen.fields.join(', ')}`);
    for (const a of cls.attributes) this.line(depth + 1, `attribute ${a.name} = ${this.expr(a.value)}${this.at(a.range)}`);
    for (const m of cls.methods) {
      const role = m.role ? ` ${printRole(m.role)}` : '';
      this.line(depth + 1, `method ${m.binding}${role}${m.aliasOf ? ` (alias of ${m.aliasOf})` : ''}`);
      this.fn(depth + 2, m.fn);
    }
  }

  block(depth: number, body: readonly IrStmt[]): void {
    if (body.length === 0) this.line(depth, '(empty)');
    for (const s of body) this.stmt(depth, s);
  }

  stmt(depth: number, s: IrStmt): void {
    const at = this.at(s.range);
    switch (s.kind) {
      case 'assign':
        return this.line(depth, `${this.target(s.target)} = ${this.expr(s.value)}${at}`);
      case 'augAssign':
        return this.line(depth, `${this.target(s.target)} ${s.op}= ${this.expr(s.value)}${at}`);
      case 'return':
        return this.line(depth, `return${s.value ? ' ' + this.expr(s.value) : ''}${at}`);
      case 'if':
        this.line(depth, `if ${this.expr(s.test)}${at}`);
        this.block(depth + 1, s.then);
        if (s.else.length > 0) {
          this.line(depth, 'else');
          this.block(depth + 1, s.else);
        }
        return;
      case 'for':
        this.line(depth, `${labelOf(s.label)}for ${this.target(s.target)} in ${this.expr(s.iterable)}${at}`);
        return this.block(depth + 1, s.body);
      case 'while':
        this.line(depth, `${labelOf(s.label)}while ${this.expr(s.test)}${at}`);
        this.block(depth + 1, s.body);
        if (s.update && s.update.length > 0) {
          this.line(depth, 'update');
          this.block(depth + 1, s.update);
        }
        return;
      case 'break':
      case 'continue':
        return this.line(depth, `${s.kind}${s.label ? ' ' + s.label : ''}${at}`);
      case 'pass':
        return this.line(depth, `${s.kind}${at}`);
      case 'raise':
        return this.line(depth, `raise${s.exception ? ' ' + this.expr(s.exception) : ''}${at}`);
      case 'try':
        this.line(depth, `try${at}`);
        this.block(depth + 1, s.body);
        for (const h of s.handlers) {
          this.line(depth, `except${h.types ? ' ' + this.expr(h.types) : ''}${h.name ? ' as ' + h.name : ''}`);
          this.block(depth + 1, h.body);
        }
        if (s.else.length > 0) {
          this.line(depth, 'else');
          this.block(depth + 1, s.else);
        }
        if (s.finally.length > 0) {
          this.line(depth, 'finally');
          this.block(depth + 1, s.finally);
        }
        return;
      case 'scope':
        return this.line(depth, `${s.scope} ${s.names.join(', ')}${at}`);
      case 'labeled':
        this.line(depth, `${s.label}:${at}`);
        return this.block(depth + 1, s.body);
      case 'expr':
        return this.line(depth, `${this.expr(s.value)}${at}`);
      case 'def':
        return this.fn(depth, s.fn);
      case 'assert':
        return this.line(depth, `assert ${this.expr(s.test)}${s.message ? ' ' + this.expr(s.message) : ''}${at}`);
      case 'with':
        this.line(depth, `with ${s.items.map((i) => this.expr(i.context) + (i.target ? ' as ' + this.target(i.target) : '')).join(', ')}${at}`);
        return this.block(depth + 1, s.body);
      case 'match':
        this.line(depth, `match ${this.expr(s.subject)}${at}`);
        return this.block(depth + 1, s.cases);
      case 'unsupported':
        return this.line(depth, `(unsupported ${s.construct}: ${s.message})${at}`);
    }
  }

  target(t: IrTarget): string {
    switch (t.kind) {
      case 'name':
        return t.name + this.at(t.range);
      case 'tuple':
        return `(${t.elements.map((e) => this.target(e)).join(', ')})${this.at(t.range)}`;
      case 'index':
        return `${this.expr(t.object)}[${this.expr(t.index)}]${this.at(t.range)}`;
      case 'attribute':
        return `${this.expr(t.object)}.${t.property ? 'prop:' : ''}${t.name}${this.at(t.range)}`;
    }
  }

  expr(e: IrExpr): string {
    const at = this.at(e.range);
    switch (e.kind) {
      case 'number':
        return `${formatNumber(e.value)}${at}`;
      case 'bool':
        return `${e.value ? 'true' : 'false'}${at}`;
      case 'none':
        return `none${at}`;
      case 'notImplemented':
        return `not-implemented${at}`;
      case 'string':
        return `${JSON.stringify(e.value)}${at}`;
      case 'name':
        return `${e.name}${at}`;
      case 'intrinsic':
        return `%${e.name}${at}`;
      case 'binary':
        return `(${e.op}${at} ${this.expr(e.left)} ${this.expr(e.right)})`;
      case 'sum':
        return `(sum${at} ${e.terms.map((t, i) => `${i === 0 ? '' : `${e.ops[i - 1]} `}${this.expr(t)}`).join(' ')})`;
      case 'unary':
        return `(${e.op === '-' ? 'neg' : e.op === '+' ? 'pos' : e.op === '~' ? 'invert' : 'not'}${at} ${this.expr(e.operand)})`;
      case 'compare': {
        const parts = [this.expr(e.operands[0]!)];
        e.ops.forEach((op, i) => parts.push(op, this.expr(e.operands[i + 1]!)));
        return `(compare${at} ${parts.join(' ')})`;
      }
      case 'logical':
        return `(${e.op}${at} ${this.expr(e.left)} ${this.expr(e.right)})`;
      case 'conditional':
        return `(if${at} ${this.expr(e.test)} ${this.expr(e.then)} ${this.expr(e.else)})`;
      case 'call': {
        const args = e.args.map((a) => this.expr(a));
        for (const k of e.keywords) args.push(`${k.name}=${this.expr(k.value)}`);
        for (const k of e.keywordSpreads ?? []) args.push(`**${this.expr(k)}`);
        return `(call${at} ${this.expr(e.callee)}${args.length ? ' ' + args.join(' ') : ''})`;
      }
      case 'list':
      case 'tuple':
      case 'set':
        return `(${e.kind}${at}${e.elements.map((x) => ' ' + this.expr(x)).join('')})`;
      case 'index':
        return `(index${at} ${this.expr(e.object)} ${this.expr(e.index)})`;
      case 'slice':
        return `(slice${at} ${e.lower ? this.expr(e.lower) : '_'} ${e.upper ? this.expr(e.upper) : '_'} ${e.step ? this.expr(e.step) : '_'})`;
      case 'ellipsis':
        return `...${at}`;
      case 'attribute':
        return `(${e.property ? '.prop' : '.'} ${this.expr(e.object)} ${e.name})${at}`;
      case 'lambda':
        return `(lambda${at} (${e.params.map((p) => paramPrefix(p.kind) + p.name).join(' ')}) ${this.expr(e.body)})`;
      case 'super':
        return `super${at}`;
      case 'function': {
        // A statement body inside an expression: printed on its own lines, indented under the expression.
        const inner = new Printer(this.options);
        inner.fn(0, e.fn);
        const lines = inner.text().trimEnd().split('\n').map((l) => '    ' + l);
        return `(function${e.selfBinding ? ' self' : ''}${at}\n${lines.join('\n')})`;
      }
      case 'effect': {
        const inner = new Printer(this.options);
        inner.block(0, e.stmts);
        const stmts = inner.text().trimEnd().split('\n').map((l) => l.trim());
        return `(effect${at} [${stmts.join('; ')}] ${this.expr(e.value)})`;
      }
      case 'errorType':
        return `!${e.name}${at}`;
      case 'comprehension': {
        const clauses = e.clauses.map((c) => (c.kind === 'for' ? ` for ${this.target(c.target)} in ${this.expr(c.iterable)}` : ` if ${this.expr(c.test)}`));
        const element = e.key ? `${this.expr(e.key)}: ${this.expr(e.element)}` : this.expr(e.element);
        return `(${e.result}-comprehension${at} ${element}${clauses.join('')})`;
      }
      case 'dict':
        return `(dict${at}${e.entries.map((x) => ('spread' in x ? ` **${this.expr(x.spread)}` : ` ${this.expr(x.key)}: ${this.expr(x.value)}`)).join('')})`;
      case 'template':
        return `(template${at}${e.parts
          .map((p) => (typeof p === 'string' ? ` ${JSON.stringify(p)}` : ` {${this.expr(p.value)}${p.conversion ? '!' + p.conversion : ''}${p.spec ? ':' + this.expr(p.spec) : ''}}`))
          .join('')})`;
      case 'spread':
        return `*${this.expr(e.value)}${at}`;
      case 'matchSubject':
        return `match-subject${at}`;
      case 'unsupported':
        return `(unsupported ${e.construct})${at}`;
    }
  }
}

function paramPrefix(kind: 'varargs' | 'kwonly' | 'varkw' | undefined): string {
  return kind === 'varargs' ? '*' : kind === 'varkw' ? '**' : kind === 'kwonly' ? 'kw:' : '';
}

function labelOf(label: string | undefined): string {
  return label ? `${label}: ` : '';
}

function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  return String(v);
}
