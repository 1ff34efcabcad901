import type { SyntaxNode } from '@lezer/common';
import { diagnostic, type Diagnostic } from '../../core/diagnostic';
import { loweringFailure, TooDeepForParser } from '../shared/boundedParse';
import type { SplitSum } from '../shared/longSums';
import { comparePositions, sourceRange, type SourceRange } from '../../core/sourceRange';
import type { IrClass, IrExpr, IrFunction, IrGlobal, IrModule, IrModuleImport } from '../../ir/nodes';
import { commonjsExport, readImport, readReExport, readRequire, requiredSpecifier, type ImportSink } from './imports';
import { moduleContextParts, type Context } from './lowerContext';
import { lowerExpr, mathMember } from './lowerExpressions';
import { lowerFunction, type FunctionSource } from './lowerFunction';
import { patternParamName } from './lowerPatterns';
import { patternText } from '../../ir/parameterText';
import { plainValue } from './plainValues';
import { declaredInFile } from './undeclaredNames';
import { withJsDocs } from './jsdoc';
import { examplePoints } from './examplePoints';
import { children, isOverloadSignature, parseDocument, type TopStatement } from './parse';
import { unwrapModuleWrappers } from './moduleWrappers';
import { classDeclarationOf, lowerClass, withStaticReceivers } from './lowerClass';
import { factoryOf, madeFunction, returnedFunction, unwrap, type MadeFunction } from './factories';
import { findCallSites, readAnnotations, type FunctionSummary } from './points';
import { classesWithDerivativeAnnotations, withDerivativeAnnotations } from '../shared/derivativeAnnotations';
import { describeSyntaxErrors } from './syntaxErrors';
import { someExpr, someNode } from '../../ir/walk';
import { outOfOrder, type ModuleBindings } from './moduleCalls';
import { append } from '../shared/append';
import { isMathValue, mathPatternAliases } from './mathAliases';
import { noModuleVariables, noteModuleVariables } from './moduleVariables';
import { lowerPrototypeClass, prototypeOwners, readPrototypeAssignment, type PrototypeMember } from './prototypeClasses';
import { namespaceMember, startsNamespace } from './namespaces';
import { extendsMath, inheritedMathMembers } from './mathObjects';
import { withModuleAssignments } from './classAssignments';
import { enumDeclarationOf, enumName, lowerEnum } from './enums';
import { listedMethodName } from '../../ir/methodNames';

/**
 * TypeScript or JavaScript source to IR. Reads the lezer syntax tree only: nothing is imported or run.
 * Never throws: a syntax error or an unsupported construct stays inside the function it occurs in (as
 * that function's diagnostics); problems outside any function are the module's. A bug here becomes an
 * `internal` diagnostic on the function it happened in.
 *
 * Functions are module-level `function f`, `const f = (…) => …`, `const f = function (…) {…}`, with or
 * without `export`, and the methods of a module-level object literal, named `object.method`
 * (`const physics = { energy(m, v) {…} }` gives `physics.energy`), so that two objects may both
 * have an `energy` and a call reads as the user wrote it.
 */
export function lowerTypeScript(text: string, uri: string, sums?: readonly SplitSum[]): IrModule {
  try {
    return lowerModule(text, uri, sums);
  } catch (e) {
    if (e instanceof TooDeepForParser) throw e; // lowerDocument blanks that line and lowers again
    return { language: 'typescript', uri, functions: [], globals: [], points: [], diagnostics: [loweringFailure(e, sourceRange(0, 0, 0, 0))] };
  }
}

interface Constant {
  readonly name: string;
  readonly nameNode: SyntaxNode;
  readonly value: SyntaxNode;
  readonly statement: TopStatement;
  readonly range: SourceRange;
}

interface Found extends FunctionSource {
  readonly statement: TopStatement;
  readonly firstLine: number;
  /** The module-level object a method belongs to (not for arrows, whose `this` is the module's). */
  readonly thisObject?: string;
  /** Set on a module-level function (`raw.invert = function…`): a static instead if that function is a class. */
  readonly onFunction?: true;
}

function lowerModule(text: string, uri: string, sums?: readonly SplitSum[]): IrModule {
  const parsed = parseDocument(text, sums);
  // An AMD/UMD module's factory body is the module (moduleWrappers.ts).
  const doc = { ...parsed, statements: unwrapModuleWrappers(parsed.statements) };
  const moduleDiagnostics: Diagnostic[] = [];
  const imports = new Map<string, string>();
  const found: Found[] = [];
  const methodObjects = new Set<string>();
  const constants: Constant[] = [];
  const classNames = new Set<string>();
  const workspaceImports: IrModuleImport[] = [];
  const defaultExport: { name?: string; range?: SourceRange } = {};
  const variables = noModuleVariables();
  const shared = { ...moduleContextParts(classNames), moduleVariables: variables.assignable, declared: declaredInFile(doc.statements) };
  const classNodes: { node: SyntaxNode; statement: TopStatement }[] = [];
  const prototypeMembers: PrototypeMember[] = [];
  // `var NS = NS || {}` until a module-level `NS.X = function…` makes it a namespace (namespaces.ts).
  const namespaceCandidates = new Map<string, Constant>();
  // `const math = Object.create(Math)`: a namespace that has Math's members too (mathObjects.ts).
  const mathObjects = new Map<string, SourceRange>();
  /** Names bound to Math's members (`const { min, max } = Math`) the module exports (`export { min, max }`): chroma.js's utils. */
  const mathExports = new Map<string, SourceRange>();
  const enums: IrGlobal[] = [];

  const assignedOnce = namesAssignedOnce(doc.statements);
  for (const s of doc.statements) {
    try {
      const before = found.length;
      const declaredEnum = enumDeclarationOf(s.node);
      if (declaredEnum) {
        const ctx: Context = { view: s.view, report: () => {}, imports, methodObjects, locals: new Set(), ...shared };
        const name = enumName(declaredEnum, ctx);
        if (name) enums.push({ kind: 'constant', name, value: lowerEnum(declaredEnum, ctx), range: s.view.range(s.node) });
        continue;
      }
      const cls = classDeclarationOf(s.node);
      if (cls) {
        classNodes.push({ node: cls, statement: s });
        const nameNode = cls.getChild('VariableDefinition');
        if (nameNode) classNames.add(s.view.textOf(nameNode));
        continue;
      }
      const members = readPrototypeAssignment(s);
      if (members) append(prototypeMembers, members);
      if (members?.some((m) => m.onPrototype)) continue;
      noteModuleVariables(s.node, s.view, variables);
      collect(s, found, methodObjects, constants, { imports, workspaceImports }, defaultExport, shared.mathAliases, namespaceCandidates, assignedOnce, mathObjects, mathExports);
      const mine = found.slice(before);
      if (mine.length === 0 && s.errors.length > 0) append(moduleDiagnostics, describeSyntaxErrors(s.errors, s.view));
    } catch (e) {
      moduleDiagnostics.push(loweringFailure(e, s.view.range(s.node)));
    }
  }

  // An empty object nothing was set on is an ordinary constant; one made from Math is always its namespace.
  for (const name of mathObjects.keys()) methodObjects.add(name);
  for (const [name, c] of namespaceCandidates) if (!methodObjects.has(name)) constants.push(c);

  // A constructor function with members set on its prototype is a class (prototypeClasses.ts), not a function.
  const owners = prototypeOwners(prototypeMembers);
  const constructors = found.filter((f) => owners.has(f.name) && f.node.name !== 'ArrowFunction' && (f.node.name === 'FunctionDeclaration' || f.node.name === 'FunctionExpression'));
  for (const f of constructors) {
    found.splice(found.indexOf(f), 1);
    classNames.add(f.name);
  }
  // Its functions set on it (`Vec.dot = function…`) are the class's statics, not functions of their own.
  for (const f of found.filter((g) => g.onFunction)) {
    const owner = f.name.slice(0, f.name.lastIndexOf('.'));
    if (owners.has(owner)) found.splice(found.indexOf(f), 1);
    else methodObjects.add(owner);
  }

  const declared = new Map(found.map((f) => [f.name, f.node]));
  const made: { made: MadeFunction; params: { name: string; range: SourceRange }[]; statement: TopStatement; range: SourceRange; firstLine: number }[] = [];
  for (const c of [...constants]) {
    const call = c.value.name === 'CallExpression' ? c.value : undefined;
    const factory = call ? factoryOf(call, c.statement.view, declared) : undefined;
    const returned = factory ? returnedFunction(factory, c.statement.view) : undefined;
    const list = returned?.getChild('ParamList');
    if (!call || !returned || !list || children(list).some((k) => k.name === 'Spread' || k.name.endsWith('Pattern'))) continue;
    const view = c.statement.view;
    const params = children(list).filter((k) => k.name === 'VariableDefinition').map((k) => ({ name: view.textOf(k), range: view.range(k) }));
    const nameNode = c.nameNode;
    made.push({ made: { name: c.name, nameNode, call, returned }, params, statement: c.statement, range: view.range(c.statement.node), firstLine: view.range(c.statement.node).start.line });
    constants.splice(constants.indexOf(c), 1);
  }
  const classes: IrClass[] = classNodes.map(({ node, statement }) => {
    const ctx: Context = { view: statement.view, report: () => {}, imports, methodObjects, locals: new Set(), ...shared };
    try {
      return withModuleAssignments(lowerClass(node, statement.node, ctx), prototypeMembers, ctx);
    } catch (e) {
      const range = statement.view.range(statement.node);
      return { name: '', bases: [], attributes: [], methods: [], range, nameRange: range, diagnostics: [loweringFailure(e, range)] };
    }
  });
  for (const f of constructors) {
    const ctx: Context = { view: f.statement.view, report: () => {}, imports, methodObjects, locals: new Set(), ...shared };
    try {
      classes.push(lowerPrototypeClass(f.name, f, prototypeMembers.filter((m) => m.owner === f.name), ctx));
    } catch (e) {
      const range = f.statement.view.range(f.rangeNode);
      classes.push({ name: f.name, bases: [], attributes: [], methods: [], range, nameRange: range, diagnostics: [loweringFailure(e, range)] });
    }
  }
  const summaries: FunctionSummary[] = [
    ...classes.flatMap(methodSummaries),
    ...found.map((f) => ({ name: f.name, params: paramNames(f), patterns: paramSummaries(f).filter((p) => p.pattern !== undefined), firstLine: f.firstLine })),
    ...made.map((m) => ({ name: m.made.name, params: m.params.map((p) => p.name), firstLine: m.firstLine })),
  ];
  const annotations = readAnnotations(doc.lines, summaries);
  const functions: IrFunction[] = found.map((f) => {
    const syntax = describeSyntaxErrors(errorsOf(f, found), f.statement.view);
    const gradientOf = annotations.gradientOf.get(f.firstLine);
    const ctx: Context = { view: f.statement.view, report: () => {}, imports, methodObjects, locals: new Set(), thisObject: f.thisObject, ...shared };
    try {
      return withDerivativeAnnotations(lowerFunction(f, ctx, syntax, gradientOf), annotations, f.firstLine);
    } catch (e) {
      const range = f.statement.view.range(f.rangeNode);
      return {
        name: f.name, params: [], body: [], range, nameRange: f.statement.view.range(f.nameNode),
        diagnostics: [...syntax, loweringFailure(e, range)], ...(gradientOf ? { gradientOf } : {}),
      } satisfies IrFunction;
    }
  });

  // An enum is a constant object of literals: first, so that other constants may read it.
  const globals: IrGlobal[] = [...enums];
  const names = new Set([...functions.map((f) => f.name), ...made.map((m) => m.made.name)]);
  const madeNames = new Set(made.map((m) => m.made.name));
  const bindings = moduleBindings(found, functions, constants, classNodes, variables.undefinedAtStart, madeNames);
  const byName = new Map<string, IrGlobal>();
  for (const c of constants) {
    try {
      let ok = true;
      const ctx: Context = { view: c.statement.view, report: () => void (ok = false), imports, methodObjects, locals: new Set(), ...shared };
      const value = lowerExpr(c.value, ctx);
      byName.delete(c.name);
      // A value that calls a function of this file is a constant only where running it up front, in
      // the module's order, gives what JavaScript gives (moduleCalls.ts).
      const why = !callsAny(value, names) ? undefined : callsAny(value, madeNames) ? 'it calls a function a factory makes' : outOfOrder(value, c.range, bindings);
      if (ok && !hasUnsupported(value) && why === undefined) byName.set(c.name, { kind: 'constant', name: c.name, value, range: c.range });
      else if (ok && !hasUnsupported(value)) {
        // Read, it is a located refusal saying why (before, the name was unknown to every function).
        const message = `GradLens does not compute ${c.name} when the module loads: ${why}, so the value JavaScript gives it depends on the order the module runs in`;
        byName.set(c.name, { kind: 'constant', name: c.name, value: { kind: 'unsupported', construct: 'module-level code', message, range: c.range }, range: c.range });
      }
    } catch (e) {
      moduleDiagnostics.push(loweringFailure(e, c.range));
    }
  }
  append(globals, byName.values());
  for (const [name, range] of mathObjects) append(globals, inheritedMathMembers(name, (member) => names.has(member) || byName.has(member), range));
  // `var _vector;`: undefined until a function assigns it.
  for (const v of variables.undefinedAtStart) if (!byName.has(v.name) && !names.has(v.name)) globals.push({ kind: 'constant', name: v.name, value: { kind: 'none', range: v.range }, range: v.range });
  // `export { min, max }` of Math's members: constants an importer reads (the module's own code reads Math directly).
  for (const [name, range] of mathExports) {
    const member = shared.mathAliases.get(name);
    if (member === undefined || names.has(name) || byName.has(name)) continue;
    const ctx: Context = { view: doc.statements[0]!.view, report: () => {}, imports, methodObjects, locals: new Set(), ...shared };
    globals.push({ kind: 'constant', name, value: mathMember(member, range, ctx), range });
  }
  if (defaultExport.name && defaultExport.range && !byName.has('default')) {
    globals.push({ kind: 'constant', name: 'default', value: { kind: 'name', name: defaultExport.name, range: defaultExport.range }, range: defaultExport.range });
  }
  // After the constants: a factory's arguments and body read them when it runs.
  const madeGlobals: IrGlobal[] = [];
  for (const m of made) {
    const ctx: Context = { view: m.statement.view, report: () => {}, imports, methodObjects, locals: new Set(), ...shared };
    const { fn, global } = madeFunction(m.made, m.params, m.statement.view, m.range);
    const diagnostics: Diagnostic[] = [];
    try {
      madeGlobals.push(global(lowerExpr(m.made.call, { ...ctx, report: (d) => diagnostics.push(d) })));
    } catch (e) {
      diagnostics.push(loweringFailure(e, m.range));
    }
    functions.push(withDerivativeAnnotations({ ...fn, diagnostics }, annotations, m.firstLine));
  }
  append(globals, madeGlobals);
  functions.sort((a, b) => comparePositions(a.range.start, b.range.start));

  // Calls of names imported from workspace files are points too: a test file's give the tested file's functions theirs (analysis/testPoints.ts).
  const called = new Set([...names, ...workspaceImports.flatMap((i) => i.names.map((n) => n.local))]);
  // Methods are called on instances the module makes (`finance.CAGR(…)`): their constructors' parameters name the receiver's values.
  for (const m of classes.flatMap(methodSummaries)) called.add(m.name);
  const constructorParams = new Map(classes.map((c) => [c.name, c.methods.find((m) => m.role?.kind === 'constructor')?.fn.params.slice(1).map((p) => p.name) ?? []] as const));
  const points = [...annotations.points, ...findCallSites(doc.statements, called, constructorParams), ...examplePoints(text, doc.lines, called, constructorParams)];
  points.sort((a, b) => comparePositions(a.range.start, b.range.start));
  // One syntax error per line is enough (`)))` is one mistake, not three).
  const seenLines = new Set<number>();
  const diagnostics = [...moduleDiagnostics, ...annotations.diagnostics].filter((d) => {
    if (d.code !== 'syntax') return true;
    const fresh = !seenLines.has(d.range.start.line);
    seenLines.add(d.range.start.line);
    return fresh;
  });
  diagnostics.sort((a, b) => comparePositions(a.range.start, b.range.start));
  // Each function's JSDoc block is its documentation (jsdoc.ts): the analysis reads parameters' types and choices there.
  // A method's `@wrt` (`this.k` among its names) goes on its IR too, as Python's `@wrt self.k`.
  const documented = withJsDocs(doc.lines, functions, classesWithDerivativeAnnotations(withStaticReceivers(classes), annotations));
  return {
    language: 'typescript', uri, functions: documented.functions, globals, points, diagnostics,
    defaultsEvaluated: 'per call',
    ...(classes.length > 0 ? { classes: documented.classes } : {}),
    ...(workspaceImports.length > 0 ? { imports: workspaceImports } : {}),
  };
}

/** Reads one top-level statement: functions, objects of methods, constants, imported names. */
function collect(
  s: TopStatement,
  found: Found[],
  methodObjects: Set<string>,
  constants: Constant[],
  sink: ImportSink,
  defaultExport: { name?: string; range?: SourceRange },
  mathAliases: Map<string, string>,
  namespaceCandidates: Map<string, Constant>,
  assignedOnce: ReadonlySet<string>,
  mathObjects: Map<string, SourceRange>,
  mathExports: Map<string, SourceRange>,
): void {
  const view = s.view;
  const firstLine = view.range(s.node).start.line;
  let node = s.node;
  if (node.name === 'ExportDeclaration' && node.getChild('default')) {
    // `export default function f` is f, and what `import f from './file'` binds.
    const fn = node.getChild('FunctionDeclaration');
    const nameNode = fn?.getChild('VariableDefinition');
    if (fn && nameNode) {
      found.push({ name: view.textOf(nameNode), node: fn, nameNode, rangeNode: s.node, statement: s, firstLine });
      defaultExport.name = view.textOf(nameNode);
      defaultExport.range = view.range(nameNode);
    }
    // `export default mean;` after `function mean(x) {…}`: simple-statistics's every module.
    const named = children(node).find((k) => k.name === 'VariableName');
    if (!fn && named) {
      defaultExport.name = view.textOf(named);
      defaultExport.range = view.range(named);
    }
    // `export default hue => …` (culori's normalizeHue), `export default function (x) {…}`: a function
    // without a name of its own, listed as `default`, the name its importers' `import f from` reads.
    const anonymous = fn && !nameNode ? fn : children(node).find((k) => k.name === 'ArrowFunction' || k.name === 'FunctionExpression');
    const keyword = node.getChild('default');
    if (anonymous && keyword) found.push({ name: 'default', node: anonymous, nameNode: keyword, rangeNode: s.node, statement: s, firstLine });
    // `export default { Xn: 0.95047, … }` (chroma.js's lab constants): the constant importers read.
    const object = children(node).find((k) => k.name === 'ObjectExpression');
    if (object && keyword && !collectMember('default', keyword, object, s, s.node, found, methodObjects, constants)) {
      constants.push({ name: 'default', nameNode: keyword, value: object, statement: s, range: view.range(s.node) });
    }
    return;
  }
  if (node.name === 'ExportDeclaration' && readReExport(node, view, sink)) return;
  const group = node.name === 'ExportDeclaration' ? node.getChild('ExportGroup') : null;
  if (group) for (const k of children(group)) if (k.name === 'VariableName') mathExports.set(view.textOf(k), view.range(k));
  if (node.name === 'ExportDeclaration') {
    const inner = children(node).find((k) => k.name === 'FunctionDeclaration' || k.name === 'VariableDeclaration');
    if (!inner) return;
    node = inner;
  }
  if (node.name === 'ImportDeclaration') return readImport(node, view, sink);
  if (node.name === 'ReturnStatement') return collectFactoryReturn(s, node, found, constants);
  if (node.name === 'ExpressionStatement') {
    // A function's own properties set to functions are listed too (d3-geo's `aitoffRaw.invert = function (x, y) {…}`).
    const functionOwners = found.filter((f) => !f.name.includes('.') && f.node.name !== 'ArrowFunction').map((f) => f.name);
    const member = namespaceMember(node, view, new Set([...namespaceCandidates.keys(), ...methodObjects]), new Set(functionOwners));
    if (!member) {
      // CoffeeScript's output (`var f; … f = function (x) {…};`): a function assigned to a plain name at module level.
      const assignment = node.getChild('AssignmentExpression');
      const [target, op, value] = assignment ? children(assignment) : [];
      if (target?.name === 'VariableName' && op?.name === 'Equals' && value && assignedOnce.has(view.textOf(target)) && collectMember(view.textOf(target), target, value, s, s.node, found, methodObjects, constants)) return;
      return collectCommonjsExport(s, node, found, constants);
    }
    const before = found.length;
    const code = collectMember(member.name, member.nameNode, member.value, s, s.node, found, methodObjects, constants);
    // A function's member is marked; whether its owner reads as a namespace waits for the classes (lowerModule).
    if (member.onFunction) for (let i = before; i < found.length; i++) found[i] = { ...found[i]!, onFunction: true };
    // Code set on a namespace makes it one: every dotted prefix reads as a name (`THREE.Vector3`).
    else if (code) for (let i = member.name.indexOf('.'); i > 0; i = member.name.indexOf('.', i + 1)) methodObjects.add(member.name.slice(0, i));
    return;
  }
  if (node.name === 'FunctionDeclaration') {
    const nameNode = node.getChild('VariableDefinition');
    if (nameNode && !isOverloadSignature(node)) found.push({ name: view.textOf(nameNode), node, nameNode, rangeNode: s.node, statement: s, firstLine });
    return;
  }
  if (node.name !== 'VariableDeclaration') return;
  const kids = children(node);
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i]!;
    if (k.name !== 'VariableDefinition' && k.name !== 'ObjectPattern') continue;
    let j = i + 1;
    while (kids[j]?.name === 'TypeAnnotation') j++;
    const value = kids[j]?.name === 'Equals' ? kids[j + 1] : undefined;
    if (!value) continue;
    i = j + 1;
    if (k.name === 'ObjectPattern' && isMathValue(value, view, new Set(sink.imports.keys()))) {
      // `const { sqrt, PI: pi } = Math`: each name is that member of Math wherever the module uses it.
      for (const [name, member] of mathPatternAliases(k, view)) mathAliases.set(name, member);
      continue;
    }
    const required = requiredSpecifier(value, view);
    if (required !== undefined) {
      readRequire(k, required, view, view.range(s.node), sink);
      continue;
    }
    if (k.name !== 'VariableDefinition') continue;
    const name = view.textOf(k);
    const fromMath = extendsMath(value, view, new Set(sink.imports.keys()));
    if (fromMath) mathObjects.set(name, view.span(k, value));
    if (startsNamespace(name, value, view) || fromMath) namespaceCandidates.set(name, { name, nameNode: k, value, statement: s, range: view.span(k, value) });
    else if (!collectMember(name, k, value, s, s.node, found, methodObjects, constants)) constants.push({ name, nameNode: k, value, statement: s, range: view.span(k, value) });
  }
}

/**
 * The names module-level code binds to a value exactly once (`var f; f = function…` — CoffeeScript's
 * output — but not `f = wrap(f)` after it): such a function assignment is the function's definition.
 */
function namesAssignedOnce(statements: readonly TopStatement[]): Set<string> {
  const counts = new Map<string, number>();
  const count = (name: string): void => void counts.set(name, (counts.get(name) ?? 0) + 1);
  for (const s of statements) {
    const node = s.node.name === 'ExportDeclaration' ? (s.node.getChild('VariableDeclaration') ?? s.node) : s.node;
    if (node.name === 'VariableDeclaration') {
      const kids = children(node);
      kids.forEach((k, i) => {
        let j = i + 1;
        while (kids[j]?.name === 'TypeAnnotation') j++;
        if (k.name === 'VariableDefinition' && kids[j]?.name === 'Equals') count(s.view.textOf(k));
      });
    }
    const assignment = node.name === 'ExpressionStatement' ? node.getChild('AssignmentExpression') : null;
    const target = assignment?.firstChild;
    if (target?.name === 'VariableName') count(s.view.textOf(target));
    if (node.name === 'FunctionDeclaration' && node.getChild('VariableDefinition')) count(s.view.textOf(node.getChild('VariableDefinition')!));
  }
  return new Set([...counts].filter(([, n]) => n === 1).map(([name]) => name));
}

/**
 * A module-level binding of `name` (a variable, or a namespace's member `THREE.Vector3`) to code:
 * a function, or an object of functions (`const physics = { energy(m, v) {…}, G: 6.674e-11 }`),
 * whose every function is `physics.energy` and every other property a constant `physics.G`. False
 * (nothing collected) for any other value; a namespace's member is then a constant.
 */
function collectMember(name: string, nameNode: SyntaxNode, written: SyntaxNode, s: TopStatement, rangeNode: SyntaxNode, found: Found[], methodObjects: Set<string>, constants: Constant[]): boolean {
  const view = s.view;
  const firstLine = view.range(s.node).start.line;
  const value = plainValue(written, view);
  if (value.name === 'ArrowFunction' || value.name === 'FunctionExpression') {
    found.push({ name, node: value, nameNode, rangeNode, statement: s, firstLine });
    return true;
  }
  if (value.name !== 'ObjectExpression' || !hasMethods(value, view)) {
    if (name.includes('.')) constants.push({ name, nameNode, value, statement: s, range: view.range(rangeNode) });
    return false;
  }
  methodObjects.add(name);
  for (const prop of children(value).filter((p) => p.name === 'Property')) {
    const named = propertyKey(prop, view);
    if (!named) continue;
    const key = named.node;
    const line = view.range(prop).start.line;
    const fnName = `${name}.${named.name}`;
    const fn = prop.getChild('ParamList') ? prop : propertyFunction(prop);
    if (fn) found.push({ name: fnName, node: fn, nameNode: key, rangeNode: prop, statement: s, firstLine: line, ...(fn.name === 'ArrowFunction' ? {} : { thisObject: name }) });
    else if (nestedMethods(prop, view)) collectMember(fnName, key, children(prop).at(-1)!, s, prop, found, methodObjects, constants);
    else {
      const propValue = children(prop).at(-1);
      if (propValue && propValue !== key && prop.getChild(':')) constants.push({ name: fnName, nameNode: key, value: propValue, statement: s, range: view.range(prop) });
    }
  }
  return true;
}

/**
 * CommonJS exports: `module.exports = { h, k: g, m(x) {…} }` exports h as it is, g as `k`, and the
 * function `m`; `module.exports = f` (or a function) is the module's `default`, what
 * `const f = require('./f')` binds; `exports.h = function (x) {…}` defines `h`.
 */
function collectCommonjsExport(s: TopStatement, node: SyntaxNode, found: Found[], constants: Constant[]): void {
  const assignment = node.getChild('AssignmentExpression');
  const [target, op, value] = assignment ? children(assignment) : [];
  if (!target || op?.name !== 'Equals' || !value) return;
  const exported = commonjsExport(target, s.view);
  if (exported === undefined) return;
  collectExports(s, exported, target, value, found, constants);
}

/** An AMD/UMD factory's `return {…}` (moduleWrappers.ts): the module's exports, read as `module.exports = {…}` is. */
function collectFactoryReturn(s: TopStatement, node: SyntaxNode, found: Found[], constants: Constant[]): void {
  const value = children(node).find((k) => k.name !== 'return' && k.name !== ';');
  if (value && node.firstChild) collectExports(s, '', node.firstChild, unwrap(value), found, constants);
}

/** What a module exports: `exported` (`exports.h = …`), or '' for the whole `value` (an object of them, or the default). */
function collectExports(s: TopStatement, exported: string, target: SyntaxNode, value: SyntaxNode, found: Found[], constants: Constant[]): void {
  const view = s.view;
  const firstLine = view.range(s.node).start.line;
  const define = (name: string, nameNode: SyntaxNode, valueNode: SyntaxNode, rangeNode: SyntaxNode): void => {
    const fn = valueNode.name === 'ArrowFunction' || valueNode.name === 'FunctionExpression' ? valueNode : undefined;
    if (fn) found.push({ name, node: fn, nameNode, rangeNode, statement: s, firstLine: view.range(rangeNode).start.line });
    else if (!(valueNode.name === 'VariableName' && view.textOf(valueNode) === name)) constants.push({ name, nameNode, value: valueNode, statement: s, range: view.range(rangeNode) });
  };
  if (exported !== '') return define(exported, target.getChild('PropertyName') ?? target, value, s.node);
  if (value.name !== 'ObjectExpression') return define('default', target, value, s.node);
  for (const prop of children(value).filter((p) => p.name === 'Property')) {
    const named = propertyKey(prop, view);
    if (!named) continue;
    const key = named.node;
    if (prop.getChild('ParamList')) found.push({ name: named.name, node: prop, nameNode: key, rangeNode: prop, statement: s, firstLine });
    else {
      const propValue = children(prop).at(-1);
      if (propValue && propValue !== key) define(named.name, key, propValue, prop);
    }
  }
}

function propertyFunction(prop: SyntaxNode): SyntaxNode | undefined {
  return children(prop).find((p) => p.name === 'ArrowFunction' || p.name === 'FunctionExpression');
}

/**
 * A property's key when it names one: `f`, or a quoted name `'f'` (`{'f': function (X) {…}}`, as
 * older code and JSON-minded authors write it). A computed key, or a quoted one that is no
 * identifier (`'a b'`), names no function.
 */
function propertyKey(prop: SyntaxNode, view: TopStatement['view']): { readonly node: SyntaxNode; readonly name: string } | undefined {
  const first = prop.firstChild;
  if (first?.name === 'PropertyDefinition') return { node: first, name: view.textOf(first) };
  const inner = first?.name === 'String' ? view.textOf(first).slice(1, -1) : '';
  return /^[A-Za-z_$][\w$]*$/.test(inner) ? { node: first!, name: inner } : undefined;
}

/**
 * Whether a module-level object literal holds functions (else it is a constant of data), itself or
 * in an object literal it holds (tween.js's `Easing.Quadratic.In`).
 */
function hasMethods(object: SyntaxNode, view: TopStatement['view']): boolean {
  return children(object).some((p) => p.name === 'Property' && propertyKey(p, view) !== undefined && (p.getChild('ParamList') !== null || propertyFunction(p) !== undefined || nestedMethods(p, view)));
}

/** A property `key: {…}` whose object literal (frozen or cast, plainValues.ts) holds functions. */
function nestedMethods(prop: SyntaxNode, view: TopStatement['view']): boolean {
  const written = prop.getChild(':') ? children(prop).at(-1) : undefined;
  const value = written ? plainValue(written, view) : undefined;
  return value?.name === 'ObjectExpression' && hasMethods(value, view);
}

/** Syntax errors of a statement go to the function containing them, or else to its first function. */
function errorsOf(f: Found, all: readonly Found[]): SyntaxNode[] {
  const siblings = all.filter((g) => g.statement === f.statement);
  return f.statement.errors.filter((err) => {
    const owner = siblings.find((g) => g.node.from <= err.from && err.to <= g.node.to) ?? siblings[0];
    return owner === f;
  });
}

/** The methods that get lenses (engine/classes.ts lists them), as points see them: `Class.method` without `this`. */
function methodSummaries(cls: IrClass): FunctionSummary[] {
  return cls.methods
    // An instance method taking only `this` is here too: its `@wrt this.k` lists it (engine/classes.ts), as in Python.
    .filter((m) => m.binding !== 'getter' && m.role === undefined && m.fn.params.length > (m.binding === 'static' || m.binding === 'instance' ? 0 : 1))
    .map((m) => ({
      name: listedMethodName(cls, m),
      params: (m.binding === 'static' ? m.fn.params : m.fn.params.slice(1)).map((p) => p.name),
      firstLine: m.fn.range.start.line,
      // An instance method: `@wrt this.k` may name an attribute of its instance, as Python's `@wrt self.k`.
      ...(m.binding === 'instance' ? { isMethod: true, hasInstance: true } : {}),
    }));
}

function paramNames(f: Found): string[] {
  return paramSummaries(f).map((p) => p.name);
}

/** The parameters' names, a destructured one by its position (`arg0`) with its pattern's text. */
function paramSummaries(f: Found): { name: string; pattern?: string }[] {
  const list = f.node.getChild('ParamList');
  const params: { name: string; pattern?: string }[] = [];
  for (const k of list ? children(list) : []) {
    if (k.name === 'VariableDefinition' && f.statement.view.textOf(k) !== 'this') params.push({ name: f.statement.view.textOf(k) });
    if (k.name === 'ObjectPattern' || k.name === 'ArrayPattern') params.push({ name: patternParamName(params.length), pattern: patternText(f.statement.view.textOf(k)) });
  }
  return params;
}

function hasUnsupported(e: IrExpr): boolean {
  return someExpr(e, (x) => x.kind === 'unsupported');
}

/** What moduleCalls.ts needs of the module: its functions, where its names are bound, which may change. */
function moduleBindings(
  found: readonly Found[],
  functions: readonly IrFunction[],
  constants: readonly Constant[],
  classNodes: readonly { node: SyntaxNode; statement: TopStatement }[],
  undefinedAtStart: readonly { name: string; range: SourceRange }[],
  madeNames: ReadonlySet<string>,
): ModuleBindings {
  const fns = new Map<string, { fn: IrFunction; hoisted: boolean }>();
  found.forEach((f, i) => fns.set(f.name, { fn: functions[i]!, hoisted: f.node.name === 'FunctionDeclaration' }));
  const boundAt = new Map<string, SourceRange>();
  const unstable = new Set<string>(madeNames);
  const bind = (name: string, range: SourceRange): void => {
    if (boundAt.has(name) || fns.has(name)) unstable.add(name);
    else boundAt.set(name, range);
  };
  for (const c of constants) bind(c.name, c.range);
  for (const v of undefinedAtStart) bind(v.name, v.range);
  for (const { node, statement } of classNodes) {
    const name = node.getChild('VariableDefinition');
    if (name) bind(statement.view.textOf(name), statement.view.range(node));
  }
  for (const f of functions) someNode(f.body, { stmt: (s) => (s.kind === 'scope' && s.scope === 'global' && s.names.forEach((n) => unstable.add(n)), false) });
  return { functions: fns, boundAt, unstable };
}

function callsAny(e: IrExpr, names: ReadonlySet<string>): boolean {
  return someExpr(e, (x) => x.kind === 'call' && x.callee.kind === 'name' && names.has(x.callee.name));
}
