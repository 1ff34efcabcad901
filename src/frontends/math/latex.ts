import { nameTable } from '../../core/keyed';
import { tokenize, type Token, type TokenKind } from './tokenizer';

/**
 * LaTeX math in Markdown (`$f(x) = \frac{1}{1 + e^{-x}}$`, a `$$ … $$` line or block) read as the
 * same tokens the notation's tokenizer makes, each keeping the offsets of the LaTeX it came from, so
 * the one parser reads both and errors point into the source:
 *
 * - `{…}` groups as parentheses; `\frac{a}{b}` as ((a)/(b)); `\sqrt{x}` as √(x); `x^{2}`, `x_{i}`
 *   (a subscript becomes part of the name, `x_i`); `\left(` and `\right)` as the bracket;
 * - `\sin \cos \tan \exp \log \ln \sinh \cosh \tanh \arcsin \arccos \arctan` as the functions;
 *   `\cdot \times` as ×, `\div` as ÷; Greek letters (`\sigma`, `\alpha`, …) as the letters; `\pi`;
 *   `\partial`, `\nabla`; spacing (`\,`, `\;`, `\quad`) ignored;
 * - any other command is an `invalid` token, which the parser reports at its place (`\sum`, `\int`).
 */
const FUNCTIONS = new Set(['sin', 'cos', 'tan', 'exp', 'log', 'ln', 'sinh', 'cosh', 'tanh', 'arcsin', 'arccos', 'arctan', 'sqrt', 'max', 'min', 'abs']);
const GREEK: Readonly<Record<string, string>> = nameTable({
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ', vartheta: 'θ', iota: 'ι',
  kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', upsilon: 'υ', phi: 'φ', varphi: 'φ',
  chi: 'χ', psi: 'ψ', omega: 'ω', Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Sigma: 'Σ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
});
const SPACING = new Set([',', ';', ':', '!', ' ', 'quad', 'qquad', 'left', 'right', 'big', 'Big', 'displaystyle']);
const SPECIAL = /[\\{}_^]/;

export function latexTokens(text: string, from: number, to: number): Token[] {
  const out: Token[] = [];
  let i = from;
  const tok = (kind: TokenKind, a: number, b: number, extra: Partial<Token> = {}): void => {
    out.push({ kind, text: text.slice(a, b), from: a, to: b, ...extra });
  };
  const skipSpaces = (): void => {
    while (i < to && /\s/.test(text[i]!)) i++;
  };

  /** `{…}` as `(…)`, or one atom (`x^2`, `\frac12`) wrapped the same way. */
  const group = (): void => {
    skipSpaces();
    if (text[i] === '{') {
      tok('(', i, i + 1);
      i++;
      run(true);
      if (text[i] === '}') {
        tok(')', i, i + 1);
        i++;
      }
      return;
    }
    tok('(', i, i);
    if (text[i] === '\\') command();
    else if (i < to) {
      out.push(...tokenize(text, i, i + 1));
      i++;
    }
    tok(')', i, i);
  };

  const command = (): void => {
    const start = i;
    const m = /^\\([A-Za-z]+|.)/.exec(text.slice(i, to));
    const name = m ? m[1]! : '';
    i += m ? m[0].length : 1;
    if (name === 'frac' || name === 'dfrac' || name === 'tfrac') {
      tok('(', start, i);
      group();
      tok('op', i, i, { op: '/', text: '/' });
      group();
      tok(')', i, i);
    } else if (name === 'sqrt') {
      tok('root', start, i, { text: '√' });
      group();
    } else if (name === 'cdot' || name === 'times') tok('op', start, i, { op: '*' });
    else if (name === 'div') tok('op', start, i, { op: '/' });
    else if (name === 'partial') tok('partial', start, i);
    else if (name === 'nabla') tok('nabla', start, i);
    else if (FUNCTIONS.has(name)) tok('ident', start, i, { text: name });
    else if (Object.hasOwn(GREEK, name)) tok('ident', start, i, { text: GREEK[name]! });
    else if (name === 'operatorname' || name === 'mathrm' || name === 'text' || name === 'mathit') {
      // \operatorname{softplus}: the name inside.
      skipSpaces();
      const inner = /^\{([^{}]*)\}/.exec(text.slice(i, to));
      if (inner) {
        tok('ident', start, i + inner[0].length, { text: inner[1]!.trim() });
        i += inner[0].length;
      }
    } else if (!SPACING.has(name)) tok('invalid', start, i);
  };

  const run = (inGroup: boolean): void => {
    while (i < to) {
      const c = text[i]!;
      if (/\s/.test(c)) {
        i++;
      } else if (c === '}') {
        if (inGroup) return;
        tok('invalid', i, i + 1);
        i++;
      } else if (c === '{') {
        group();
      } else if (c === '\\') {
        command();
      } else if (c === '^') {
        tok('op', i, i + 1, { op: '^' });
        i++;
        group();
      } else if (c === '_') {
        // x_1, x_{ij}: the subscript is part of the name.
        i++;
        skipSpaces();
        const braced = text[i] === '{' ? /^\{([\p{L}\p{Nd}]+)\}/u.exec(text.slice(i, to)) : /^[\p{L}\p{Nd}]/u.exec(text.slice(i, to));
        const last = out[out.length - 1];
        if (braced && last?.kind === 'ident') {
          const sub = braced[1] ?? braced[0];
          out[out.length - 1] = { ...last, text: `${last.text}_${sub}`, to: i + braced[0].length };
          i += braced[0].length;
        } else tok('invalid', i - 1, i);
      } else {
        let j = i;
        while (j < to && !SPECIAL.test(text[j]!)) j++;
        for (const t of tokenize(text, i, j)) out.push(t); // not push(...): a long plain run would overflow the stack
        i = j;
      }
    }
  };

  run(false);
  return out;
}
