import {
  Dm, add, besides, columns, diag, diagonalPart, hadamard, inverse, lower, mm, pairwise, reciprocal, rightSolveLower, rightSolveLowerTransposed,
  rightSolveUpper, rightSolveUpperTransposed, solveLower, strictlyLower, strictlyUpper, sub, transpose, upper,
} from './dualMatrix';

/**
 * The forward and reverse rules of numpy.linalg's decompositions, each written once over dual
 * matrices (dualMatrix.ts): `jvp` gives the outputs' tangents from Ȧ; `vjp` gives Ā from the
 * outputs and their adjoints, and run over outputs that carry tangents it also gives its own
 * tangent, the curvature the Hessian needs (decompositionNode.ts). The rules read only the outputs.
 *
 * cholesky and eigh read A's lower triangle, as numpy does (LAPACK with UPLO='L'): a tangent Ȧ acts
 * through the symmetric S = low(Ȧ) + slow(Ȧ)ᵀ, and an adjoint S̄ of S lands on the lower triangle
 * as low(S̄ + S̄ᵀ) with the diagonal once (`lowerReading`).
 *
 * References for the formulas (the code is ours): Murray, "Differentiation of the Cholesky
 * decomposition" (2016); Giles, "An extended collection of matrix derivative results" (2008) for
 * eigh; Townsend, "Differentiating the singular value decomposition" (2016); Walter & Lehmann,
 * "Algorithmic differentiation of linear algebra functions" (2018) for QR.
 */
export interface DecompositionRule {
  jvp(aDot: Dm): Dm[];
  vjp(outs: readonly Dm[], bars: readonly Dm[]): Dm;
}

const symmetricTangent = (aDot: Dm): Dm => add(lower(aDot), transpose(strictlyLower(aDot)));
const lowerReading = (sBar: Dm): Dm => lower(add(sBar, transpose(sBar)), 0.5);

/** L with A = LLᵀ: L̇ = L·Φ(L⁻¹SL⁻ᵀ), Φ the lower triangle with the diagonal halved; S̄ = L⁻ᵀΦ(LᵀL̄)L⁻¹. */
export function choleskyRule(l: Dm): DecompositionRule {
  return {
    jvp: (aDot) => [mm(l, lower(rightSolveLowerTransposed(solveLower(l, symmetricTangent(aDot)), l), 0.5))],
    vjp: ([L], [lBar]) => {
      const phi = lower(mm(transpose(L!), lBar!), 0.5);
      return lowerReading(rightSolveLower(solveLower(L!, phi, true), L!));
    },
  };
}

/** F with Fᵢⱼ = 1/(dⱼ − dᵢ) off the diagonal (eigenvalue gaps; for the SVD, of the squares). */
const gaps = (d: Dm): Dm =>
  pairwise(
    d,
    (a, b) => 1 / (b - a),
    (a, b) => [1 / (b - a) ** 2, -1 / (b - a) ** 2],
  );

/** A = V·diag(w)·Vᵀ: ẇ = diag(VᵀSV), V̇ = V(F∘VᵀSV); S̄ = V(diag(w̄) + F∘VᵀV̄)Vᵀ. */
export function eighRule(w: Dm, v: Dm): DecompositionRule {
  return {
    jvp: (aDot) => {
      const m = mm(mm(transpose(v), symmetricTangent(aDot)), v);
      const wDot = new Dm(1, w.v.length, Float64Array.from({ length: w.v.length }, (_, i) => m.v[i * w.v.length + i]!));
      return [wDot, mm(v, hadamard(gaps(w), m))];
    },
    vjp: ([W, V], [wBar, vBar]) => {
      const inner = add(diag(wBar!), hadamard(gaps(W!), mm(transpose(V!), vBar!)));
      return lowerReading(mm(mm(V!, inner), transpose(V!)));
    },
  };
}

/**
 * A general A = V·diag(w)·V⁻¹ with real, distinct eigenvalues and unit-norm eigenvectors (numpy's eig).
 * With P = V⁻¹ȦV and F as for eigh: ẇ = diag(P), and V̇ = G − V·D(VᵀG) with G = V(F∘P), the second
 * term keeping each column at unit norm (D: the diagonal part). Reverse:
 * Ā = V⁻ᵀ[diag(w̄) + F∘(VᵀV̄ − VᵀV·D(VᵀV̄))]Vᵀ (as JAX's eig rule, for real spectra).
 */
export function eigRule(w: Dm, v: Dm): DecompositionRule {
  return {
    jvp: (aDot) => {
      const n = w.v.length;
      const p = mm(mm(inverse(v), aDot), v);
      const wDot = new Dm(1, n, Float64Array.from({ length: n }, (_, i) => p.v[i * n + i]!));
      const g = mm(v, hadamard(gaps(w), p));
      return [wDot, sub(g, mm(v, diagonalPart(mm(transpose(v), g))))];
    },
    vjp: ([W, V], [wBar, vBar]) => {
      const vt = transpose(V!);
      const vtvBar = mm(vt, vBar!);
      const inner = add(diag(wBar!), hadamard(gaps(W!), sub(vtvBar, mm(mm(vt, V!), diagonalPart(vtvBar)))));
      return mm(mm(transpose(inverse(V!)), inner), vt);
    },
  };
}

const squares = (s: Dm): Dm => hadamard(s, s);

/**
 * The thin SVD of a tall A = U·diag(s)·Vᵀ (m ≥ n), with outputs (U, s, Vᵀ) as numpy's. With
 * P = UᵀȦV and Fᵢⱼ = 1/(sⱼ² − sᵢ²):
 *   ṡ = diag(P), U̇ = U(F∘(PS + SPᵀ)) + (I − UUᵀ)ȦVS⁻¹, V̇ = V(F∘(SP + PᵀS));
 *   Ā = U[(F∘(UᵀŪ − ŪᵀU))S + diag(s̄) + S(F∘(VᵀV̄ − V̄ᵀV))]Vᵀ + (I − UUᵀ)ŪS⁻¹Vᵀ.
 */
export function tallSvdRule(u: Dm, s: Dm, vt: Dm): DecompositionRule {
  const v = transpose(vt);
  return {
    jvp: (aDot) => {
      const S = diag(s);
      const F = gaps(squares(s));
      const av = mm(aDot, v);
      const p = mm(transpose(u), av);
      const n = s.v.length;
      const sDot = new Dm(1, n, Float64Array.from({ length: n }, (_, i) => p.v[i * n + i]!));
      const outside = sub(av, mm(u, mm(transpose(u), av)));
      const uDot = add(mm(u, hadamard(F, add(mm(p, S), mm(S, transpose(p))))), mm(outside, diag(reciprocal(s))));
      const vDot = mm(v, hadamard(F, add(mm(S, p), mm(transpose(p), S))));
      return [uDot, sDot, transpose(vDot)];
    },
    vjp: ([U, s_, Vt], [uBar, sBar, vtBar]) => {
      const V = transpose(Vt!);
      const vBar = transpose(vtBar!);
      const S = diag(s_!);
      const F = gaps(squares(s_!));
      const ut = transpose(U!);
      const left = mm(hadamard(F, sub(mm(ut, uBar!), mm(transpose(uBar!), U!))), S);
      const right = mm(S, hadamard(F, sub(mm(transpose(V), vBar), mm(transpose(vBar), V))));
      const core = mm(mm(U!, add(add(left, diag(sBar!)), right)), Vt!);
      const outside = sub(uBar!, mm(U!, mm(ut, uBar!)));
      return add(core, mm(mm(outside, diag(reciprocal(s_!))), Vt!));
    },
  };
}

/** A wide A's SVD from its transpose's: A = (Aᵀ)ᵀ = V_B·S·U_Bᵀ, so U = V_B and Vᵀ = U_Bᵀ. */
export function wideSvdRule(u: Dm, s: Dm, vt: Dm): DecompositionRule {
  const ofTranspose = tallSvdRule(transpose(vt), s, transpose(u));
  return {
    jvp: (aDot) => {
      const [uB, sDot, vtB] = ofTranspose.jvp(transpose(aDot));
      return [transpose(vtB!), sDot!, transpose(uB!)];
    },
    vjp: ([U, s_, Vt], [uBar, sBar, vtBar]) =>
      transpose(tallSvdRule(transpose(Vt!), s_!, transpose(U!)).vjp([transpose(Vt!), s_!, transpose(U!)], [transpose(vtBar!), sBar!, transpose(uBar!)])),
  };
}

/**
 * A = QR (m ≥ n, R invertible): with X = QᵀȦR⁻¹ and Y = X − Ω = up(X) + slow(X)ᵀ (Ω the
 * antisymmetric QᵀQ̇), Ṙ = YR and Q̇ = ȦR⁻¹ − QY; Ā = (Q̄ + Q·N)R⁻ᵀ with M = R̄Rᵀ − QᵀQ̄ and N
 * the symmetric matrix of M's upper triangle.
 */
export function qrRule(q: Dm, r: Dm): DecompositionRule {
  return {
    jvp: (aDot) => {
      const ar = rightSolveUpper(aDot, r);
      const x = mm(transpose(q), ar);
      const y = add(upper(x), transpose(strictlyLower(x)));
      return [sub(ar, mm(q, y)), mm(y, r)];
    },
    vjp: ([Q, R], [qBar, rBar]) => {
      const m = sub(mm(rBar!, transpose(R!)), mm(transpose(Q!), qBar!));
      const n = add(upper(m), transpose(strictlyUpper(m)));
      return rightSolveUpperTransposed(add(qBar!, mm(Q!, n)), R!);
    },
  };
}

/**
 * A wide A = [X | Y] (m < n, X square): X = Q·R_X as above and R_Y = QᵀY, so Ṙ_Y = Q̇ᵀY + QᵀẎ;
 * Ȳ = Q·R̄_Y, and X gets the square rule with Q̄ + Y·R̄_Yᵀ (Y read back as Q·R_Y).
 */
export function wideQrRule(q: Dm, r: Dm): DecompositionRule {
  const m = q.rows;
  const square = (Q: Dm, R: Dm): DecompositionRule => qrRule(Q, columns(R, 0, m));
  return {
    jvp: (aDot) => {
      const [qDot, rxDot] = square(q, r).jvp(columns(aDot, 0, m));
      const y = mm(q, columns(r, m, r.cols));
      const ryDot = add(mm(transpose(qDot!), y), mm(transpose(q), columns(aDot, m, aDot.cols)));
      return [qDot!, besides(rxDot!, ryDot)];
    },
    vjp: ([Q, R], [qBar, rBar]) => {
      const ry = columns(R!, m, R!.cols);
      const ryBar = columns(rBar!, m, rBar!.cols);
      const y = mm(Q!, ry);
      const xBar = square(Q!, R!).vjp([Q!, columns(R!, 0, m)], [add(qBar!, mm(y, transpose(ryBar))), columns(rBar!, 0, m)]);
      return besides(xBar, mm(Q!, ryBar));
    },
  };
}
