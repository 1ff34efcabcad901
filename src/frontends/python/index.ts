import type { SyntaxNode } from '@lezer/common';
import { diagnostic, type Diagnostic } from '../../core/diagnostic';
import { loweringFailure, TooDeepForParser } from '../shared/boundedParse';
import type { SplitSum } from '../shared/longSums';
import { comparePositions, sourceRange, type SourceRange } from '../../core/sourceRange';
import type { IrClass, IrFunction, IrGlobal, IrModule, IrModuleImport, IrPoint } from '../../ir/nodes';
import { ARGUMENTS } from './evaluatedCalls';
import { forgetWholeParses, isDefinition, parseDocument, type TopStatement } from './document';
import { builtinGlobals, mainBlockStatements, moduleConstants } from './globals';
import { readImport, submoduleAliases } from './imports';
import { boundFunctions, madeByCalls } from './boundFunctions';
import { classDefinitionOf, lowerClass } from './lowerClass';
import { lowerDefinition } from './lowerStatements';
import { children, insideBrackets, splitOnCommas } from './parse';
import { findCallSites, readAnnotations, withDerivativeAnnotations, type ClassSummary, type DefSummary } from './points';
import { classesWithDerivativeAnnotations } from '../shared/derivativeAnnotations';
import { Scope, type ClassFacts, type ModuleBinding } from './scope';
import { describeSyntaxErrors } from './syntaxErrors';
import { isNumpyAlias } from './scipyNames';
import { sklearnPackageOf } from './sklearnNames';
import { append } from '../shared/append';
import { classNames, functionNames, type NameUse } from '../../ir/moduleNames';
import { ReusedLowering } from './reusedLowering';
import { isSourceRange } from '../../core/movedRanges';

/**
 * Python source to IR. Reads the lezer syntax tree only: nothing is imported or run. Never throws: a
 * syntax error or an unsupported construct stays inside the def it occurs in (as that function's
 * diagnostics); problems outside any def are the module's diagnostics. A bug in the front end becomes
 * an `internal` diagnostic on the def (or the statement) it happened in.
 */
export function lowerPython(text: string, uri: string, above?: string, sums?: readonly SplitSum[]): IrModule {
  try {
    return lowerModule(text, uri, above, sums);
  } catch (e) {
    if (e instanceof TooDeepForParser) throw e; // lowerDocument blanks that line and lowers again
    const everything = sourceRange(0, 0, 0, 0);
    return { language: 'python', uri, functions: [], globals: builtinGlobals(), points: [], diagnostics: [loweringFailure(e, everything)] };
  }
}

/** `above`: a notebook cell's prelude (analysis/prelude.ts), whose `import numpy as np` the cell sees. */
function lowerModule(text: string, uri: string, above?: string, sums?: readonly SplitSum[]): IrModule {
  const doc = parseDocument(text, sums);
  const statements = doc.statements.filter((s) => !s.orphan);
  const moduleDiagnostics: Diagnostic[] = [];

  // Defs in `if __name__ == "__main__":` (autograd's examples define their objectives there) are
  // the module's functions too, after the others.
  const defs = [...statements, ...statements.flatMap(mainBlockDefs)].filter((s) => isDefinition(s.node) && defName(definitionOf(s.node), s) !== '' && !isOverloadStub(s));
  const summaries = defs.map(summarize);
  const userNames = new Set([...summaries.map((d) => d.name), ...statements.flatMap(className)]);

  const bindings = new Map<string, ModuleBinding>();
  // Modules imported above come first; the cell's own imports rebind them.
  if (above) {
    const inherited = importsOf(parseDocument(above).statements.filter((s) => !s.orphan), []);
    for (const item of inherited) if (item.kind === 'module') bindings.set(item.name, { kind: 'module', path: item.path });
  }
  const importGlobals: IrGlobal[] = [];
  const importItems = importsOf(statements, moduleDiagnostics, sklearnPackageOf(uri));
  const workspaceImports: IrModuleImport[] = [];
  for (const item of importItems) {
    if (item.kind === 'module') bindings.set(item.name, { kind: 'module', path: item.path });
    else if (item.kind === 'intrinsic') importGlobals.push(item);
    else if (item.kind === 'constant') {
      const value = { kind: 'number' as const, value: item.value, range: item.range };
      importGlobals.push({ kind: 'constant', name: item.name, value, range: item.range });
    } else {
      moduleDiagnostics.push(diagnostic('error', 'unsupported', item.message, item.range));
      // A module that may be a file of the user's: its names stay plain names, bound (or refused,
      // when reached) once the analysis has looked for the file.
      if (item.workspace) workspaceImports.push({ ...item.workspace, range: item.range });
      else item.names.forEach((n) => bindings.set(n, { kind: 'unsupported', source: item.source }));
    }
  }

  for (const [name, path] of submoduleAliases(statements, bindings)) bindings.set(name, { kind: 'module', path });

  for (const s of statements) {
    if (s.errors.length > 0 && !defs.includes(s)) append(moduleDiagnostics, describeSyntaxErrors(s.errors, s.view));
  }

  // Each class's facts (dataclass fields, __match_args__) are known to the classes and defs after it.
  const classFacts = new Map<string, ClassFacts>();
  // What a definition's lowering reads of the module besides its own text (reusedLowering.ts): what
  // the module's names its text says are (lowering looks names up only as the text spells them), and
  // the facts of the classes its text names (a base, a `case Point(x, y)`). A function added or
  // removed re-lowers only the definitions that name it.
  const reuse = (s: TopStatement, facts: (named: [string, ClassFacts][], line: number) => unknown): { key: string | undefined; line: number } =>
    definitionKey(s, doc.parserText, sums, (text, line) => {
      const words = definitions.wordsOf(text);
      const names = words.flatMap((w) => (bindings.has(w) || userNames.has(w) ? [[w, bindings.get(w) ?? null, userNames.has(w)]] : []));
      const named = classFacts.size === 0 ? [] : [...classFacts].filter(([name]) => words.includes(name));
      return `${definitions.contextId(JSON.stringify([names, facts(named, line)]))}`;
    });
  const classes = statements.filter((s) => classDefinitionOf(s.node) && s.errors.length === 0).flatMap((s) => {
    try {
      // A class reads its bases' facts whole (a dataclass's base fields, with their ranges): their
      // lines counted from its own, so a class moved with its bases is the same lowering moved
      // (written as text here: a key's part, one stringify instead of stringify, parse and stringify).
      const { key, line } = reuse(s, (named, line) => JSON.stringify(named, (_, v: unknown) => (isSourceRange(v) ? { start: { ...v.start, line: v.start.line - line }, end: { ...v.end, line: v.end.line - line } } : v)));
      const { cls, facts } = definitions.lowered(key, line, () => {
        const cls = lowerClass(s.node, Scope.module(s.view, bindings, userNames, () => {}, classFacts), classFacts);
        return { cls, facts: classFacts.get(cls.name) };
      });
      if (facts) classFacts.set(cls.name, facts);
      return [cls];
    } catch (e) {
      moduleDiagnostics.push(loweringFailure(e, s.view.range(s.node)));
      return [];
    }
  });
  const internal = (e: unknown, s: TopStatement): void => void moduleDiagnostics.push(loweringFailure(e, s.view.range(s.node)));
  // Defs lower first: a factory's nested def is found in its IR. `@gradient-of` is attached after.
  // A def reads of the classes only their `__match_args__` (a `case Point(x, y)`, lowerMatch.ts), which name no line.
  const lowered = defs.map((s) => {
    const { key, line } = reuse(s, (named) => named.map(([name, facts]) => [name, facts.matchArgs ?? null]));
    return definitions.lowered(key, line, () => lowerTopLevel(s, Scope.module(s.view, bindings, userNames, () => {}, classFacts), undefined));
  });
  const bound = boundFunctions(statements, (view) => Scope.module(view, bindings, userNames, () => {}, classFacts), lowered, internal);
  const boundSummaries = bound.map((b) => ({ name: b.name, params: b.fn.params.map((p) => p.name), firstLine: b.fn.range.start.line }));
  const annotations = readAnnotations(doc.lines, [...summaries, ...classes.flatMap(methodSummaries), ...boundSummaries]);
  const functions = lowered.map((fn, i) => {
    const gradientOf = annotations.gradientOf.get(summaries[i]!.firstLine);
    return withDerivativeAnnotations(gradientOf ? { ...fn, gradientOf } : fn, annotations, summaries[i]!.firstLine);
  });
  // A method's `@wrt` (`self.w` among its names) goes on its IR too: the lens differentiates what it says.
  const annotatedClasses = classesWithDerivativeAnnotations(classes, annotations);

  const constantScope = (view: TopStatement['view']): Scope =>
    Scope.module(view, bindings, userNames, (d) => {
      if (d.code === 'syntax') moduleDiagnostics.push(d);
    });
  // A function of a workspace file is user code too (`f, g = make_pair(X)` unpacks its call; a call of it may change what it is given).
  const calledCode = new Set([...userNames, ...workspaceImports.flatMap((i) => i.names.map((n) => n.local))]);
  const evaluated = { functions: new Set([...summaries.map((d) => d.name), ...bound.map((b) => b.name)]), points: [] as IrPoint[] };
  const allConstants = moduleConstants(statements, constantScope, calledCode, internal, codeUses(lowered, classes), evaluated);

  const byName = new Map([...summaries, ...boundSummaries].map((d) => [d.name, d]));
  // Calls of names imported from workspace files are points too: a test file's give the tested file's functions theirs (analysis/testPoints.ts).
  for (const imp of workspaceImports) for (const n of imp.names) if (!byName.has(n.local)) byName.set(n.local, { name: n.local, params: [], firstLine: -1 });
  // `loss = make_loss(X, y)` of a workspace file's factory is a function once the imports are linked (analysis/importedFactories.ts): its calls are points.
  for (const name of madeByCalls(allConstants, calledCode)) if (!byName.has(name)) byName.set(name, { name, params: [], firstLine: -1 });
  // Methods of instances made at module level with values (`act = Sigmoid(); act.fn(0.3)`) are called as `Class.method`.
  for (const m of classes.flatMap(methodSummaries)) if (!byName.has(m.name)) byName.set(m.name, m);
  const literalCalls = findCallSites(statements, byName, internal, classSummaries(classes));
  // A call whose arguments are literals is read as written; its evaluated twin, and that one's constant, go.
  const readAsWritten = new Set(literalCalls.map((p) => `${p.function}@${p.range.start.line}:${p.range.start.column}`));
  const computed = evaluated.points.filter((p) => !readAsWritten.has(`${p.function}@${p.range.start.line}:${p.range.start.column}`));
  const used = new Set(computed.map((p) => p.evaluated!.constant));
  const constants = allConstants.filter((g) => !g.name.startsWith(ARGUMENTS) || used.has(g.name));
  const points = [...annotations.points, ...literalCalls, ...computed];
  points.sort((a, b) => comparePositions(a.range.start, b.range.start));
  const diagnostics = [...moduleDiagnostics, ...annotations.diagnostics];
  diagnostics.sort((a, b) => comparePositions(a.range.start, b.range.start));

  return {
    language: 'python',
    uri,
    functions,
    ...(classes.length > 0 ? { classes: annotatedClasses } : {}),
    ...(bound.length > 0 ? { boundFunctions: bound } : {}),
    ...(workspaceImports.length > 0 ? { imports: workspaceImports } : {}),
    globals: [...builtinGlobals(), ...importGlobals, ...constants],
    points,
    diagnostics,
    ...(importsNumpy(importItems, text) ? { listsAreArrays: true } : {}),
  };
}

/** What each of the file's functions and classes reads and changes of the module's names (a class: its methods together). */
function codeUses(functions: readonly IrFunction[], classes: readonly IrClass[]): (name: string) => NameUse | undefined {
  // Each read when first asked for: module-level code reaches few of a file's functions, and an edit
  // should not walk every function's IR again.
  const code = new Map<string, IrFunction | IrClass>();
  for (const fn of functions) if (!code.has(fn.name)) code.set(fn.name, fn);
  for (const c of classes) code.set(c.name, c);
  return (name) => {
    const c = code.get(name);
    if (!c) return undefined;
    let use = usesOf.get(c);
    if (!use) usesOf.set(c, (use = 'methods' in c ? classNames(c) : functionNames(c)));
    return use;
  };
}

/** What a function or class reads and changes, by its IR: an edit keeps the IR of the definitions it leaves (reusedLowering.ts), and the module-level code asks again on every version. */
const usesOf = new WeakMap<IrFunction | IrClass, NameUse>();

/** The import statements among `statements`, read (a front-end bug in one becomes a diagnostic). */
function importsOf(statements: readonly TopStatement[], moduleDiagnostics: Diagnostic[], packagePath?: string): ReturnType<typeof readImport> {
  return statements.flatMap((s) => {
    if (s.errors.length > 0) return [];
    try {
      const direct = s.node.name === 'StatementGroup' ? children(s.node) : [s.node];
      return [
        ...direct.filter((n) => n.name === 'ImportStatement').flatMap((n) => readImport(n, s.view, packagePath)),
        // `try: import numpy as np` and the like: bound if GradLens knows the module. A module it does
        // not know (a fallback, `import matplotlib` under `if __name__`) is not worth an error there.
        ...nestedImports(s.node).flatMap((n) => readImport(n, s.view, packagePath).filter((item) => item.kind !== 'unsupported')),
      ];
    } catch (e) {
      moduleDiagnostics.push(loweringFailure(e, s.view.range(s.node)));
      return [];
    }
  });
}

/** Top-level definitions lowered lately, reused when an edit leaves one's text and the module's names as they were. */
const definitions = new ReusedLowering();

/** Forgets the trees and IR kept from earlier versions: the next lowering is a fresh one (tests compare the two); with how many definitions were lowered and reused so far. */
export function forgetEarlierVersions(): { lowered: number; reused: number } {
  forgetWholeParses();
  return definitions.clear();
}

/**
 * Where a definition's IR is kept: its text as lowering and as the parser read it, its column, and
 * `module` (what lowering reads of the module); none for a statement with a syntax error or holding
 * a long sum (lowered from the sum's offsets). `line`: where it starts.
 */
function definitionKey(s: TopStatement, parserText: string, sums: readonly SplitSum[] | undefined, moduleAt: (text: string, line: number) => string): { key: string | undefined; line: number } {
  const from = s.view.from(s.node);
  const to = s.view.to(s.node);
  const { line, column } = s.view.lines.position(from);
  if (s.errors.length > 0 || sums?.some((sum) => sum.from < to && sum.to > from)) return { key: undefined, line };
  const source = s.view.source.slice(from, to);
  const module = moduleAt(source, line);
  const parsed = parserText.slice(from, to);
  // The parser's text only where the pre-parse step rewrote it (a `match`), after a mark: as long as the source, so never ambiguous.
  return { key: `${module}\u0001${column}\u0001${parsed === source ? `=${source}` : `~${source}${parsed}`}`, line };
}

function lowerTopLevel(s: TopStatement, scope: Scope, gradientOf: string | undefined): IrFunction {
  const syntax = describeSyntaxErrors(s.errors, s.view);
  try {
    return lowerDefinition(s.node, scope, { syntax, ...(gradientOf ? { gradientOf } : {}) });
  } catch (e) {
    const def = definitionOf(s.node);
    const nameNode = def.getChild('VariableName');
    const range = s.view.range(s.node);
    return {
      name: defName(def, s),
      params: [],
      body: [],
      range,
      nameRange: nameNode ? s.view.range(nameNode) : range,
      diagnostics: [...syntax, loweringFailure(e, range)],
      ...(gradientOf ? { gradientOf } : {}),
    };
  }
}

/**
 * `@overload` (`@typing.overload`) above a def: a signature for type checkers, its body `...`;
 * Python replaces it with the plain def that follows, which is the function.
 */
function isOverloadStub(s: TopStatement): boolean {
  return s.node.name === 'DecoratedStatement' && s.node.getChildren('Decorator').some((d) => /^@(?:typing\.|typing_extensions\.|t\.)?overload$/.test(s.view.textOf(d).replace(/\s+/g, '')));
}

/** The defs directly in a module-level `if __name__ == "__main__":` without syntax errors, as top statements of their own. */
function mainBlockDefs(s: TopStatement): TopStatement[] {
  if (s.errors.length > 0) return [];
  const nodes = s.node.name === 'StatementGroup' ? children(s.node) : [s.node];
  return nodes.flatMap((n) => mainBlockStatements(n, s.view)).filter(isDefinition).map((node) => ({ node, view: s.view, errors: [], orphan: false }));
}

/** `import numpy as np`, `from numpy import …` (or jax.numpy, autograd.numpy): list-valued points are then numpy arrays. */
function importsNumpy(items: readonly { kind: string; path?: string }[], text: string): boolean {
  const numpyLike = (path: string): boolean => path === 'numpy' || path.startsWith('numpy.') || isNumpyAlias(path);
  return (
    items.some((i) => i.kind === 'module' && i.path !== undefined && numpyLike(i.path)) ||
    // [ \t], not \s: from each line start \s* would run on over every blank line after it (quadratic)
    /^[ \t]*from[ \t]+((jax|autograd)\.)?numpy[\s.]/m.test(text)
  );
}

/** Imports in the blocks of a module-level `if`, `try` or `with`; not in defs or classes. */
function nestedImports(node: SyntaxNode): SyntaxNode[] {
  if (!['IfStatement', 'TryStatement', 'WithStatement'].includes(node.name)) return [];
  return children(node)
    .filter((c) => c.name === 'Body')
    .flatMap((body) => children(body))
    .flatMap((c) => (c.name === 'ImportStatement' ? [c] : c.name === 'StatementGroup' ? children(c).filter((k) => k.name === 'ImportStatement') : nestedImports(c)));
}

function definitionOf(node: SyntaxNode): SyntaxNode {
  return node.name === 'DecoratedStatement' ? (node.getChild('FunctionDefinition') ?? node) : node;
}

function defName(def: SyntaxNode, s: TopStatement): string {
  const name = def.getChild('VariableName');
  return name ? s.view.textOf(name) : '';
}

function summarize(s: TopStatement): DefSummary {
  const def = definitionOf(s.node);
  const paramList = def.getChild('ParamList');
  const groups = paramList ? splitOnCommas(insideBrackets(paramList, '(', ')')).groups : [];
  return {
    name: defName(def, s),
    params: groups.filter((g) => g[0]!.name === 'VariableName').map((g) => s.view.textOf(g[0]!)),
    firstLine: s.view.range(s.node).start.line,
  };
}

/** The methods that get lenses (see engine/classes.ts), as points see them: `Class.method` without `self`. */
/** Each class's constructor parameters after `self`: its own `__init__`'s, else the first base's (in this file) that has one. */
function classSummaries(classes: readonly IrClass[]): Map<string, ClassSummary> {
  const byName = new Map(classes.map((c) => [c.name, c]));
  const params = (cls: IrClass, seen: Set<string>): string[] => {
    const init = cls.methods.find((m) => m.fn.name === '__init__');
    if (init) return init.fn.params.slice(1).map((p) => p.name);
    seen.add(cls.name);
    for (const b of cls.bases) {
      const base = b.kind === 'name' ? byName.get(b.name) : undefined;
      if (base && !seen.has(base.name)) return params(base, seen);
    }
    return [];
  };
  return new Map(classes.map((c) => [c.name, { constructorParams: params(c, new Set()) }]));
}

function methodSummaries(cls: IrClass): DefSummary[] {
  return cls.methods
    // An instance method taking only `self` is here too: its `# @wrt self.w` lists it (engine/classes.ts).
    .filter((m) => m.binding !== 'getter' && m.fn.params.length > (m.binding === 'static' ? 0 : m.binding === 'instance' ? 0 : 1))
    .map((m) => ({
      name: `${cls.name}.${m.fn.name}`,
      params: (m.binding === 'static' ? m.fn.params : m.fn.params.slice(1)).map((p) => p.name),
      firstLine: m.fn.range.start.line,
      isMethod: m.binding !== 'static',
      hasInstance: m.binding === 'instance',
    }));
}

function className(s: TopStatement): string[] {
  const node = s.node.name === 'DecoratedStatement' ? s.node.getChild('ClassDefinition') : s.node;
  if (!node || node.name !== 'ClassDefinition') return [];
  const name = node.getChild('VariableName');
  return name ? [s.view.textOf(name)] : [];
}
