/**
 * The math-notation front end: functions written in notes (.md, .txt, .math) as `f(x, y) = …` lines,
 * lowered to IR with a range on every node. See docs/math-notation.md for the notation.
 *
 * Two passes over the lines: the first finds every definition head, so a body may call a function
 * defined further down and `xy` can be split knowing the parameters; the second parses bodies and points.
 */
import { keyedFromEntries } from '../../core/keyed';
import { diagnostic, type Diagnostic } from '../../core/diagnostic';
import { LineMap, sourceRange } from '../../core/sourceRange';
import type { IrFunction, IrModule, IrPoint } from '../../ir/nodes';
import { classifyLine, type LineShape, type NameToken } from './heads';
import { scanNotes, type NotesLine } from './lines';
import { lowerDefinition } from './lower';
import { checkNamed, looksLikePointArgs, parseAnnotation, parseCallArgs, type NamedValue, type ParsedAnnotation, type PointProblem, type Span } from './points';
import { latexTokens } from './latex';
import { derivativeOperatorSpan, readBracketDerivative } from './bracketDerivative';
import { numberSections } from './sections';
import { tokenize, type Token } from './tokenizer';

export function lowerMath(text: string, uri: string): IrModule {
  try {
    return lowerNotes(text, uri);
  } catch (e) {
    const message = `the math front end failed: ${e instanceof Error ? e.message : String(e)}`;
    return { language: 'math', uri, functions: [], globals: [], points: [], diagnostics: [diagnostic('error', 'internal', message, sourceRange(0, 0, 0, 0))] };
  }
}

interface ClassifiedLine {
  readonly line: NotesLine;
  readonly tokens: readonly Token[];
  readonly shape: LineShape;
  /** For a gradient head without parameters: those of the function above it that it differentiates. */
  readonly inherited?: readonly NameToken[];
}

function lowerNotes(text: string, uri: string): IrModule {
  const lines = new LineMap(text);
  const userFunctions = new Map<string, readonly NameToken[]>();
  const classified: ClassifiedLine[] = scanNotes(text).map((line) => {
    if (line.kind !== 'candidate') return { line, tokens: [], shape: { kind: 'prose' } };
    const tokens = line.latex ? latexTokens(text, line.from, line.to) : tokenize(text, line.from, line.to);
    const shape = classifyLine(tokens, (name) => userFunctions.has(name));
    if (shape.kind !== 'definition') return { line, tokens, shape };
    const { head } = shape;
    if (!head.gradientOf && !userFunctions.has(head.name)) userFunctions.set(head.name, head.params ?? []);
    const inherited = head.gradientOf && !head.params ? userFunctions.get(head.gradientOf) : undefined;
    return { line, tokens, shape, ...(inherited ? { inherited } : {}) };
  });

  const functions: IrFunction[] = [];
  const points: IrPoint[] = [];
  const diagnostics: Diagnostic[] = [];
  const reportPoint = (p: PointProblem): void => {
    diagnostics.push(diagnostic('error', 'point', p.message, lines.range(p.from, p.to)));
  };
  const addNamedPoint = (source: IrPoint['source'], fn: string, params: readonly { name: string }[], values: readonly NamedValue[], whole: Span): void => {
    const problems = checkNamed(fn, params, values, whole);
    problems.forEach(reportPoint);
    if (problems.length > 0) return;
    const named = keyedFromEntries(values.map((n) => [n.name, n.value] as const));
    points.push({ function: fn, source, named, range: lines.range(whole.from, whole.to) });
  };

  // `@at` lines waiting for the definition below them.
  let pending: ParsedAnnotation[] = [];
  const orphanPending = (): void => {
    for (const a of pending) {
      reportPoint({ message: `'@at' must be directly above a definition, or name its function: '@at f: x = 1'`, from: a.from, to: a.to });
    }
    pending = [];
  };

  for (const { line, tokens, shape, inherited } of classified) {
    if (line.kind === 'blank') continue;
    switch (shape.kind) {
      case 'definition': {
        const fn = lowerDefinition(shape.head, tokens, inherited, { lines, userFunctions });
        functions.push(fn);
        for (const a of pending) addNamedPoint('annotation', fn.name, fn.params, a.named, a);
        pending = [];
        break;
      }
      case 'annotation': {
        const parsed = parseAnnotation(tokens);
        if ('problem' in parsed) {
          reportPoint(parsed.problem);
        } else if (!parsed.ok.fn) {
          pending.push(parsed.ok);
        } else {
          const params = userFunctions.get(parsed.ok.fn.name);
          if (params) addNamedPoint('annotation', parsed.ok.fn.name, params, parsed.ok.named, parsed.ok);
          else reportPoint({ message: `no function '${parsed.ok.fn.name}' is defined in this file`, ...parsed.ok.fn });
        }
        break;
      }
      case 'call': {
        orphanPending();
        const params = userFunctions.get(shape.callee.name);
        if (!params || !looksLikePointArgs(tokens, shape.argsFrom, shape.argsTo)) break;
        const parsed = parseCallArgs(tokens, shape.argsFrom, shape.argsTo);
        const whole = { from: shape.callee.from, to: shape.to };
        if ('problem' in parsed) {
          reportPoint(parsed.problem);
        } else if ('named' in parsed.ok) {
          addNamedPoint('call-site', shape.callee.name, params, parsed.ok.named, whole);
        } else if (parsed.ok.positional.length !== params.length) {
          reportPoint({ message: `${shape.callee.name} takes ${params.length} argument${params.length === 1 ? '' : 's'}, this point gives ${parsed.ok.positional.length}`, ...whole });
        } else {
          points.push({ function: shape.callee.name, source: 'call-site', positional: parsed.ok.positional, range: lines.range(whole.from, whole.to) });
        }
        break;
      }
      case 'prose': {
        // ∂/∂x [x² y] = 2x y: the bracket and its partial, checked as f and ∂f/∂x are.
        const bracket = readBracketDerivative(text, tokens, (name) => userFunctions.has(name));
        if (bracket) {
          const fn = lowerDefinition(bracket.function.head, bracket.function.tokens, undefined, { lines, userFunctions });
          const derivative = lowerDefinition(bracket.derivative.head, bracket.derivative.tokens, undefined, { lines, userFunctions });
          functions.push(fn, { ...derivative, gradientWrt: [bracket.variable] });
          for (const a of pending) addNamedPoint('annotation', fn.name, fn.params, a.named, a);
          pending = [];
          break;
        }
        orphanPending();
        const operator = derivativeOperatorSpan(tokens);
        if (operator) {
          const message = `GradLens reads a derivative operator applied to a bracket when its result follows an '=' (${operator.text} [x² y] = 2x y), and checks one against the other; or define the function and its derivative, ${definitionExample(functions, operator.variable)}`;
          diagnostics.push(diagnostic('warning', 'unsupported', message, lines.range(operator.from, operator.to)));
        }
        break;
      }
    }
  }
  orphanPending();
  const sections = numberSections(functions, points);
  return { language: 'math', uri, functions: sections.functions, globals: [], points: sections.points, diagnostics };
}

/**
 * `g(x, y) = … and ∂g/∂x = …` for the refusal of a bare derivative operator: the nearest definition
 * above it, differentiated in the operator's variable (`d/dt` → t); `f` only when nothing is defined above.
 */
function definitionExample(functions: readonly IrFunction[], variable: string): string {
  const above = [...functions].reverse().find((f) => !f.gradientOf && /^[\p{L}_][\p{L}\p{N}_]*$/u.test(f.name));
  const name = above?.name ?? 'f';
  const params = above?.params.map((p) => p.name) ?? [variable];
  const v = params.includes(variable) ? variable : params[0]!;
  return `${name}(${params.join(', ')}) = … and ∂${name}/∂${v} = …`;
}
