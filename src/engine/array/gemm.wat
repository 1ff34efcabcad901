;; The matrix-product kernel in WebAssembly SIMD, compiled to gemmWasm.generated.ts by
;; scripts/wasm.mjs (wabt). gemm.ts packs the operands into this module's memory and calls it.
;;
;; C (M×N, row-major) = A (M×K) · B (K×N) for M and N multiples of 4, where A(i, t) is the float64 at
;; a + i·sa + t·st and B(t, j) the one at b + t·sb + 8j (byte addresses and strides), so A is read
;; in place whether it is stored as A or as Aᵀ. gemm.ts leaves room after both operands for the
;; padded rows and columns; what they compute lands in the padding of C and is dropped. It computes
;; a 4×4 block of C at a time: eight f64x2 accumulators, and per step of t two loads of B's row t,
;; four splats of A's column t and eight multiplies and adds.
;; Each lane sums its products in the order t = 0, 1, …, K−1 from 0, exactly as the scalar kernel
;; does, and without fused multiply-add, so both kernels give the same bits.
(module
  (memory (export "memory") 1)
  (func (export "gemm") (param $a i32) (param $sa i32) (param $st i32) (param $b i32) (param $sb i32) (param $c i32) (param $m i32) (param $k i32) (param $n i32)
    (local $i i32) (local $j i32) (local $t i32)
    (local $arow i32) (local $ap i32) (local $bp i32) (local $cp i32)
    (local $sa2 i32) (local $sa3 i32) (local $n8 i32)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    (local $y0 v128) (local $y1 v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $sa2 (i32.shl (local.get $sa) (i32.const 1)))
    (local.set $sa3 (i32.mul (local.get $sa) (i32.const 3)))
    (local.set $n8 (i32.shl (local.get $n) (i32.const 3)))
    (local.set $i (i32.const 0))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $i) (local.get $m)))
        ;; A's row i starts at a + i·sa
        (local.set $arow (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $sa))))
        (local.set $j (i32.const 0))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_u (local.get $j) (local.get $n)))
            (local.set $c00 (v128.const i64x2 0 0)) (local.set $c01 (v128.const i64x2 0 0))
            (local.set $c10 (v128.const i64x2 0 0)) (local.set $c11 (v128.const i64x2 0 0))
            (local.set $c20 (v128.const i64x2 0 0)) (local.set $c21 (v128.const i64x2 0 0))
            (local.set $c30 (v128.const i64x2 0 0)) (local.set $c31 (v128.const i64x2 0 0))
            (local.set $ap (local.get $arow))
            (local.set $bp (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
            (local.set $t (i32.const 0))
            (block $steps_done
              (loop $steps
                (br_if $steps_done (i32.ge_u (local.get $t) (local.get $k)))
                (local.set $y0 (v128.load (local.get $bp)))
                (local.set $y1 (v128.load offset=16 (local.get $bp)))
                (local.set $x0 (f64x2.splat (f64.load (local.get $ap))))
                (local.set $x1 (f64x2.splat (f64.load (i32.add (local.get $ap) (local.get $sa)))))
                (local.set $x2 (f64x2.splat (f64.load (i32.add (local.get $ap) (local.get $sa2)))))
                (local.set $x3 (f64x2.splat (f64.load (i32.add (local.get $ap) (local.get $sa3)))))
                (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $x0) (local.get $y0))))
                (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $x0) (local.get $y1))))
                (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $x1) (local.get $y0))))
                (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $x1) (local.get $y1))))
                (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $x2) (local.get $y0))))
                (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $x2) (local.get $y1))))
                (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $x3) (local.get $y0))))
                (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $x3) (local.get $y1))))
                (local.set $ap (i32.add (local.get $ap) (local.get $st)))
                (local.set $bp (i32.add (local.get $bp) (local.get $sb)))
                (local.set $t (i32.add (local.get $t) (i32.const 1)))
                (br $steps)))
            ;; C's block at rows i…i+3, columns j…j+3
            (local.set $cp (i32.add (local.get $c)
              (i32.add (i32.mul (local.get $i) (local.get $n8)) (i32.shl (local.get $j) (i32.const 3)))))
            (v128.store (local.get $cp) (local.get $c00))
            (v128.store offset=16 (local.get $cp) (local.get $c01))
            (local.set $cp (i32.add (local.get $cp) (local.get $n8)))
            (v128.store (local.get $cp) (local.get $c10))
            (v128.store offset=16 (local.get $cp) (local.get $c11))
            (local.set $cp (i32.add (local.get $cp) (local.get $n8)))
            (v128.store (local.get $cp) (local.get $c20))
            (v128.store offset=16 (local.get $cp) (local.get $c21))
            (local.set $cp (i32.add (local.get $cp) (local.get $n8)))
            (v128.store (local.get $cp) (local.get $c30))
            (v128.store offset=16 (local.get $cp) (local.get $c31))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $rows)))))
