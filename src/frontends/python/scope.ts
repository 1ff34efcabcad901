import type { SyntaxNode } from '@lezer/common';
import { diagnostic, type Diagnostic } from '../../core/diagnostic';
import type { SourceRange } from '../../core/sourceRange';
import type { IrParam, IrUnsupportedExpr, IrUnsupportedStmt } from '../../ir/nodes';
import { children, splitOnCommas, type SourceView } from './parse';

/**
 * A module-level class as later code's lowering sees it: its `@dataclass` fields (its bases' first,
 * as Python orders them) and `__match_args__`, literal or made by `@dataclass`.
 */
export interface ClassFacts {
  readonly dataclassFields?: readonly DataclassField[];
  readonly matchArgs?: readonly string[];
}

/** A `@dataclass` field: `__init__`'s parameter, unless `field(init=False)` keeps it out. */
/** `factory`: its default is `default_factory`'s call, made for each object (not once, as a default is). */
export type DataclassField = IrParam & { readonly init?: false; readonly factory?: true };

/** What an imported module name stands for. */
export type ModuleBinding =
  | { readonly kind: 'module'; readonly path: string }
  /** An import GradLens cannot follow (`import os`); `source` names it for messages: `module os`. */
  | { readonly kind: 'unsupported'; readonly source: string };

/**
 * What lowering needs to know about the names around an expression: which names are module aliases
 * (`np`), which are the function's own variables (and so shadow those aliases), which are user
 * functions (and so shadow builtins such as `print`), and where problems go.
 */
export class Scope {
  private constructor(
    readonly view: SourceView,
    private readonly bindings: ReadonlyMap<string, ModuleBinding>,
    private readonly locals: ReadonlySet<string>,
    readonly userNames: ReadonlySet<string>,
    /** Every problem found; inside a def it lands in that def and in every def around it. */
    readonly report: (d: Diagnostic) => void,
    /** Syntax diagnostics of the enclosing top-level def, so a nested def can claim its own. */
    readonly syntax: readonly Diagnostic[],
    /** The module's classes lowered so far (class patterns read their `__match_args__`). */
    readonly classes: ReadonlyMap<string, ClassFacts>,
  ) {}

  static module(
    view: SourceView,
    bindings: ReadonlyMap<string, ModuleBinding>,
    userNames: ReadonlySet<string>,
    report: (d: Diagnostic) => void,
    classes: ReadonlyMap<string, ClassFacts> = new Map(),
  ): Scope {
    return new Scope(view, bindings, new Set(), userNames, report, [], classes);
  }

  /** What lowering knows of a module-level class `name` here (undefined when a local shadows it). */
  classFacts(name: string): ClassFacts | undefined {
    return this.locals.has(name) ? undefined : this.classes.get(name);
  }

  enterFunction(options: {
    readonly locals: ReadonlySet<string>;
    readonly bindings: ReadonlyMap<string, ModuleBinding>;
    readonly report: (d: Diagnostic) => void;
    readonly syntax?: readonly Diagnostic[];
  }): Scope {
    const outer = this.report;
    const own = options.report;
    const bindings = options.bindings.size ? new Map([...this.bindings, ...options.bindings]) : this.bindings;
    return new Scope(
      this.view,
      bindings,
      new Set([...this.locals, ...options.locals]),
      this.userNames,
      (d) => {
        own(d);
        outer(d);
      },
      options.syntax ?? this.syntax,
      this.classes,
    );
  }

  /** The same scope reading another parse of the text (a long sum's terms, longSums.ts). */
  withView(view: SourceView): Scope {
    return new Scope(view, this.bindings, this.locals, this.userNames, this.report, this.syntax, this.classes);
  }

  withLocals(names: readonly string[]): Scope {
    if (names.length === 0) return this;
    return new Scope(this.view, this.bindings, new Set([...this.locals, ...names]), this.userNames, this.report, this.syntax, this.classes);
  }

  isLocal(name: string): boolean {
    return this.locals.has(name);
  }

  /** The module an unshadowed name refers to, if it is an imported module name. */
  moduleBinding(name: string): ModuleBinding | undefined {
    return this.locals.has(name) ? undefined : this.bindings.get(name);
  }

  /** The name refers to Python's builtin of that name (nothing in the file redefines it). */
  isBuiltin(name: string): boolean {
    return !this.locals.has(name) && !this.userNames.has(name) && !this.bindings.has(name);
  }

  unsupportedExpr(construct: string, message: string, range: SourceRange): IrUnsupportedExpr {
    this.report(diagnostic('error', 'unsupported', message, range));
    return { kind: 'unsupported', construct, message, range };
  }

  unsupportedStmt(construct: string, message: string, range: SourceRange): IrUnsupportedStmt {
    this.report(diagnostic('error', 'unsupported', message, range));
    return { kind: 'unsupported', construct, message, range };
  }

  /** Stands in for code that does not parse; its syntax diagnostic is already reported. */
  broken(range: SourceRange): IrUnsupportedExpr {
    return { kind: 'unsupported', construct: 'syntax error', message: 'this code does not parse', range };
  }
}

/**
 * Names a function body binds (assignment, `for`, nested `def`, `from … import`): these shadow module
 * aliases and builtins of the same name anywhere in the function, as in Python. Also returns the body's
 * import statements, whose module aliases are known before lowering starts.
 */
export function collectLocals(body: SyntaxNode | null, view: SourceView): { names: Set<string>; imports: SyntaxNode[] } {
  const names = new Set<string>();
  const imports: SyntaxNode[] = [];
  const visit = (node: SyntaxNode): void => {
    for (const s of children(node)) {
      switch (s.name) {
        case 'AssignStatement': {
          const kids = children(s).filter((k) => k.name !== 'TypeDef');
          const lastAssign = kids.map((k) => k.name).lastIndexOf('AssignOp');
          kids.slice(0, Math.max(lastAssign, 0)).forEach((k) => targetNames(k, view, names));
          break;
        }
        case 'UpdateStatement':
          if (s.firstChild) targetNames(s.firstChild, view, names);
          break;
        case 'ForStatement': {
          const kids = children(s);
          const inAt = kids.findIndex((k) => k.name === 'in');
          kids.slice(0, inAt < 0 ? 0 : inAt).forEach((k) => targetNames(k, view, names));
          visit(s);
          break;
        }
        case 'FunctionDefinition':
        case 'ClassDefinition': {
          const name = s.getChild('VariableName');
          if (name) names.add(view.textOf(name));
          break;
        }
        case 'DecoratedStatement':
          visit(s);
          break;
        case 'ImportStatement':
          imports.push(s);
          break;
        case 'DeleteStatement':
          children(s).slice(1).forEach((k) => targetNames(k, view, names));
          break;
        case 'MatchStatement':
          for (const clause of s.getChild('MatchBody')?.getChildren('MatchClause') ?? []) {
            const pattern = children(clause)[1];
            if (pattern) patternCaptures(pattern, (n) => view.textOf(n), names);
            visit(clause);
          }
          break;
        case 'Body':
        case 'StatementGroup':
        case 'IfStatement':
        case 'WhileStatement':
        case 'TryStatement':
        case 'WithStatement':
          visit(s);
          break;
      }
    }
  };
  if (body) visit(body);
  return { names, imports };
}

function targetNames(node: SyntaxNode, view: SourceView, into: Set<string>): void {
  if (node.name === 'VariableName') into.add(view.textOf(node));
  else if (node.name === 'TupleExpression' || node.name === 'ArrayExpression' || node.name === 'ParenthesizedExpression') {
    for (const group of splitOnCommas(children(node)).groups) group.forEach((k) => targetNames(k, view, into));
  }
}

/** The names a `case` pattern binds (for the function's locals). */
export function patternCaptures(pattern: SyntaxNode, text: (n: SyntaxNode) => string, into: Set<string>): void {
  const cursor = pattern.cursor();
  do {
    if (cursor.name === 'CapturePattern') {
      const n = cursor.node.firstChild;
      if (n && n.name === 'VariableName' && text(n) !== '_') into.add(text(n));
    } else if (cursor.name === 'AsPattern') {
      const n = cursor.node.lastChild;
      if (n && n.name === 'VariableName') into.add(text(n));
    }
  } while (cursor.next() && cursor.from < pattern.to);
}
