//===- Passes.td - Weft optimisation passes ----------------*- tablegen -*-===//
#ifndef WEFT_TRANSFORMS_PASSES_TD
#define WEFT_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def WeftPairTimeSteps : Pass<"weft-pair-time-steps", "mlir::ModuleOp"> {
  let summary = "Call a stencil time step two steps at a time";
  let description = [{
    A host loop whose body is only `u = step(u, ...)` (one `weft.call`
    whose result is the loop's only iteration argument, the call's other
    operands defined outside the loop) becomes a loop of `trips / 2` calls of
    `step.2steps` and, when the trip count is odd, one call of `step`.
    `step.2steps` is `step`'s body twice, the second copy reading the
    first's result: `step(step(u))`, so results do not change. Only kernels
    that are a stencil time step are paired: one `weft.equation` written
    element for element (no reduction) into a copy of the iterated array
    (`-> v: f32[n, n] = u`, so the first step's result has the shape the
    extent checks checked: the second copy leaves them out), reading the iterated array only at
    constant offsets (no computed subscripts), at most `max-offset` along
    the outermost dimension, whose result, of the argument's type, the kernel
    returns. `weft-fuse-time-steps` then computes the two steps plane by
    plane on buffers. Runs on the Weft dialect, before `convert-weft-to-linalg`.
  }];
  let options = [
    Option<"maxOffset", "max-offset", "int64_t", /*default=*/"2",
           "Largest offset along the outermost dimension that a paired step reads">
  ];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::scf::SCFDialect"];
}

def WeftWriteInPlace : Pass<"weft-write-in-place", "mlir::ModuleOp"> {
  let summary = "Compute kernel outputs in the buffers of inputs that die";
  let description = [{
    A kernel returns each output in a fresh array, so CG's
    `x = update(x, ...)` streams x in and a new x out, and the new array's
    first write pays a read of each cache line (write-allocate): a
    hand-written solver updates x in place. On tensors, before
    bufferization, this pass finds kernel outputs computed by an
    element-wise `linalg.generic` (parallel loops, identity maps, the output
    started as a `tensor.empty`) that also reads a kernel argument of the
    output's type, which nothing else in the kernel reads. Where a
    call passes, for that argument, a value that the caller reads nowhere
    after the call (the result of another call, or a value an `scf.for` or
    the body of an `scf.while` carries) and
    passes nowhere else in the call, the call goes to a private copy of the
    kernel named `<kernel>.in_place` whose generic starts from the argument
    instead: `outs(%x)`. One-Shot Bufferize then computes the output in the
    argument's buffer, and `drop-equivalent-buffer-results` removes it from
    the copy's results. The tensor program means the same, so bufferization
    still copies wherever an array would otherwise be overwritten while
    needed; the conditions only make sure it has no reason to.

    ```mlir
    %x2 = func.call @axpy(%a, %x, %y)            // %x not used after
    // becomes
    %x2 = func.call @axpy.in_place(%a, %x, %y)   // outs(%x) in the generic
    ```
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect",
                           "mlir::tensor::TensorDialect"];
}

def WeftBufferize : Pass<"weft-bufferize", "mlir::ModuleOp"> {
  let summary = "One-Shot Bufferize, without copying what while loops carry";
  let description = [{
    One-Shot Bufferize of the whole module (function boundaries, identity
    layouts, allocations returned from loops), except that a `scf.while`
    does not copy a carried tensor at its `scf.condition` where the loop
    owns that buffer alone. Upstream copies every carried tensor on every
    iteration unless the body yields it in its own buffer, so CG's
    `x = axpy(alpha, p, x)`, which yields a fresh array, paid a copy of each
    array per iteration (`scf.for` yields fresh arrays without copies). The
    copy stays out only where the condition passes the "before" argument on
    and nothing there writes it, the body yields a buffer defined in the
    body (or its own argument) that no other yield shares, and the initial
    value is one the analysis gave to the loop (or copied), used nowhere
    inside the loop and shared with no other initial value.
  }];
  let dependentDialects = ["mlir::bufferization::BufferizationDialect",
                           "mlir::memref::MemRefDialect"];
}

def WeftFuseEquations : Pass<"weft-fuse-equations", "mlir::func::FuncOp"> {
  let summary = "Fuse element-wise equations into the equations that read them";
  let description = [{
    A `linalg.generic` on tensors with only parallel loops (an element-wise
    equation: `e[r, c] = exp(X[r, c] - m[r])`) is inlined into each
    `linalg.generic` that reads it element for element (a reduction such as
    `s[r] += e[r, c]`, or another element-wise equation), so that its value
    is computed where it is used instead of being stored in a temporary and
    read back. A producer read by several equations is computed again in
    each; once it has no other reader, it and its temporary disappear.
    Reads at shifted or broadcast subscripts (stencils, `x[i+1]`, `m[r]` in
    an `[r, c]` loop) are not fused: that would compute the producer again
    for every reader of each element. Reduction order does not change.

    A fused producer can make a reduction's combiner fold to its absorbing
    value (`p[r] min= t[r, c]` with `t = u8(0) * x`), so that the payload no
    longer reads the accumulator. The reduction then computes into
    `tensor.empty`, and an `arith.select` on whether its range is empty
    keeps the init (the identity) for that case.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::linalg::LinalgDialect",
                           "mlir::tensor::TensorDialect"];
}

def WeftFuseRows : Pass<"weft-fuse-rows", "mlir::func::FuncOp"> {
  let summary = "Compute a chain of row reductions one row at a time";
  let description = [{
    The last equation of a chain that reads a reduction (softmax's
    `Y[r, c] = e[r, c] / s[r]`, layer norm's output) is tiled by one row of
    its outermost parallel loop (`scf.forall` over rows, which run in parallel), and the equations it
    reads are fused into that loop when it needs only the current row of them
    (`m[r] max= X[r, c]`, `s[r] += ...`, and what they read in turn). Each
    row of the input is then read from memory once and stays in cache for
    the max, the sum and the result; the temporaries shrink to one row.
    Producers that every row needs whole (a column sum), or whose row reads
    a whole input (a matmul row reads all of B), stay outside the loop and
    run once. Results are
    the same as without the pass: each reduction still runs over its row in
    the same order.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect",
                           "mlir::scf::SCFDialect",
                           "mlir::tensor::TensorDialect"];
}

def WeftCopyOutsideDomain : Pass<"weft-copy-outside-domain", "mlir::func::FuncOp"> {
  let summary = "Copy only the part of an initial value that a domain keeps";
  let description = [{
    A whole-array `linalg.copy` on tensors whose only use is the destination
    of a `tensor.insert_slice` (an output that starts as a copy, `= A`, and
    is written on a domain) copies only what lies outside the slice: 2 * rank
    boxes, each a `linalg.copy` of a slice inserted into the destination,
    boxes of static size 0 left out. Inside the slice the copied values
    would be overwritten anyway. For a 2-D interior `[1, n-1) x [1, n-1)`:

    ```mlir
    rows [0, 1) and [n-1, n) of every column,
    columns [0, 1) and [n-1, n) of rows [1, n-1)
    ```

    The slice's bounds are clamped to the extents (`min(lo, n)`,
    `min(lo + size, n)`): a domain may be empty because it starts at or past
    the end (`i in 64..n` with n = 4, `1..n-1` with n = 0), and the boxes
    must still lie inside the array.
  }];
  let dependentDialects = ["mlir::affine::AffineDialect",
                           "mlir::linalg::LinalgDialect",
                           "mlir::tensor::TensorDialect"];
}

def WeftUnrollWindows : Pass<"weft-unroll-windows", "mlir::func::FuncOp"> {
  let summary = "Unroll small constant reduction windows into the op's body";
  let description = [{
    A `linalg.generic` on tensors whose reduction loops all have static
    extents, with at most `max-points` points in all (a 3 x 3 window:
    `n[y, x] += G[y + dy, x + dx] for dy in -1..=1, dx in -1..=1`), becomes
    a generic with only its parallel loops: the body is repeated once per
    window point, in the order the loops visited them (so results do not
    change, float sums included), each copy reading its own input at the
    point's constant offset (`(y, x) -> (y + 1, x + 2)`) and combining into
    the previous copy's result. Inputs the body never reads (the window's
    shape) are dropped; an output initialised by `linalg.fill` starts from
    the fill's value instead, and the fill goes. The op then loads each
    output element once instead of once per point, and its innermost loop
    runs along a row, where LLVM vectorises it.
  }];
  let options = [
    Option<"maxPoints", "max-points", "int64_t", /*default=*/"27",
           "The most window points to unroll">,
  ];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::linalg::LinalgDialect"];
}

def WeftSplitAtPieces : Pass<"weft-split-at-pieces", "mlir::func::FuncOp"> {
  let summary = "Compute element-wise equations piece by piece after a peeled stencil";
  let description = [{
    An element-wise `linalg.generic` on tensors (only parallel loops, every
    map the identity) that reads an array built as a chain of
    `tensor.insert_slice` pieces from a `tensor.empty` (a stencil that
    MLIRGen peeled into an interior and boundary strips), and is that
    array's only reader, is split the same way: one copy per piece, reading
    the piece's value and slices of its other inputs, inserted into its
    output in the same order (a later piece overwrites an earlier one, as
    in the array). weft-fuse-equations then fuses each piece into its copy,
    so Life's neighbour count and its rule run in one pass over the board.
    First, an output slice that a generic never reads becomes a
    `tensor.empty`, so that the pieces' array has no other reader.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect",
                           "mlir::tensor::TensorDialect"];
}

def WeftReassociateReductions
    : Pass<"weft-reassociate-reductions", "mlir::func::FuncOp"> {
  let summary = "Allow float reductions to be summed in any order";
  let description = [{
    In each `linalg.generic` with reduction loops, the float op that combines
    the accumulator with the next value (`arith.addf`, `mulf`, `maximumf`,
    `minimumf`) gets the `reassoc` fast-math flag, so that the vectorisers
    may keep one partial result per vector lane. Sums and products may then
    round differently from the sequential order; max and min do not change.
    No other fast-math assumption (no NaN, no infinity) is made.
  }];
}

def WeftReciprocalDivisors
    : Pass<"weft-reciprocal-divisors", "mlir::func::FuncOp"> {
  let summary = "Multiply by the reciprocal of a divisor that a row shares";
  let description = [{
    In each `linalg.generic`, a float division whose divisor does not change
    along the innermost loop (read from an input whose subscripts do not use
    that loop, like `s[r]` in softmax's `Y[r, c] = e[r, c] / s[r]`, or a
    value from outside the op) becomes a multiplication by the divisor's
    reciprocal: `e * (1.0 / s)`. The reciprocal depends only on the outer
    loops, so LLVM computes it once per row and the vectorised inner loop
    multiplies instead of dividing. The result may differ from the
    correctly rounded quotient by up to 3 ULP, and overflows or underflows
    when the reciprocal does (a divisor beyond 2^126 or below 2^-126 in
    magnitude, for f32; then 0 / d is NaN): see docs/language.md,
    "Floating-point accuracy".
  }];
  let dependentDialects = ["mlir::arith::ArithDialect"];
}

def WeftJamRowReductions
    : Pass<"weft-jam-row-reductions", "mlir::func::FuncOp"> {
  let summary = "Reduce several rows in one pass over the columns (GEMV)";
  let description = [{
    Finds a row loop (an `scf.for`, or a one-dimensional `scf.parallel`,
    with step 1 and no results) whose body is one innermost `scf.for` over
    the columns plus ops without regions that only load, store or compute,
    where the column loop:
    - sums into accumulators: it loads a buffer element and then stores
      `that + ...` (`arith.addf` or `addi`) at indices it does not change
      (`y[i] = y[i] + A[i, j] * x[j]`), and nothing else in it may touch
      that buffer;
    - walks along a row: it loads a memref at its induction variable in the
      last, unit-stride subscript (column sums, which walk down the
      columns, are left alone);
    - has bounds that do not depend on the row.
    An `scf.for` row loop also needs every buffer it writes to be
    subscripted by the row, in the same dimension, by every access in it
    that may touch that buffer (rows then touch disjoint elements); the
    iterations of an `scf.parallel` are independent by definition.

    The accumulators are then loaded before the column loop, carried as
    iter_args and stored after it, and the row loop is unroll-and-jammed:
    it steps `rows` rows at a time (default 4) and one column loop carries
    the accumulators of all of them, so that a value the rows share (x[j]
    in GEMV) is loaded once per group and the rows' data stream side by
    side; the rows left over run one at a time in a serial `scf.for` after
    the groups. Each row's sum runs in the same order as before; the groups
    depend on the row range only, not on how threads split it. Only sums are
    jammed (GEMV's kind, the one measured), and only jammed loops have their
    accumulators promoted: every other loop reaches LLVM as before.

    ```mlir
    scf.parallel (%i) = (%c0) to (%m) step (%c1) {     // before
      scf.for %j = %c0 to %n step %c1 {
        ... %A[%i, %j] ... %x[%j] ... load/store %y[%i]
      }
    }
    scf.parallel (%i) = (%c0) to (%m4) step (%c4) {    // after
      ... %s:4 = scf.for %j ... iter_args(%a0 = %y[%i], %a1 = %y[%i + 1], ..) {
        ... %A[%i, %j], %A[%i + 1, %j], ... %x[%j] (once after CSE)
      }
      memref.store %s#0, %y[%i] ... memref.store %s#3, %y[%i + 3]
    }
    scf.for %i = %m4 to %m step %c1 { ... one row ... }
    ```
  }];
  let options = [
    Option<"rows", "rows", "int64_t", /*default=*/"4",
           "Rows per pass over the columns (below 2: no change)">,
  ];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::scf::SCFDialect"];
}

def WeftReuseStoredValues
    : Pass<"weft-reuse-stored-values", "mlir::func::FuncOp"> {
  let summary = "Store a value an earlier loop computes instead of computing it again";
  let description = [{
    For two sibling `scf.for` loops over the same range, where the later
    one stores into a buffer of this function (`Y[r, c] = exp(x - m) / s`)
    and computes, before that store, a value that the earlier loop computes
    too (`exp(x - m)`, which the earlier loop sums) with a math function
    (`exp`, `log`, ...): the earlier loop also stores that value where the
    later loop stores, and the later loop loads it instead of computing it.
    After weft-fuse-rows that keeps the exp of a softmax row in the output
    row (in the cache) and computes it once instead of twice. Only when
    nothing else in or between the loops touches the destination, and the
    memory the value reads is not written there; results do not change.

    ```mlir
    scf.for %c = %c0 to %n step %c1 {      // s += exp(x[c] - m)
      %e = math.exp ...
      memref.store %e, %y[%c0, %c]         // added
      ...
    }
    scf.for %c = %c0 to %n step %c1 {      // y[c] = exp(x[c] - m) / s
      %e = memref.load %y[%c0, %c]         // was math.exp ...
      %q = arith.divf %e, %s : f32
      memref.store %q, %y[%c0, %c]
    }
    ```
  }];
  let dependentDialects = ["mlir::memref::MemRefDialect"];
}

def WeftExactBFloat16 : Pass<"weft-exact-bf16"> {
  let summary = "Round f32 to bf16 with integer ops, subnormals included";
  let description = [{
    Rewrites `arith.truncf` from f32 to bf16 (scalars or vectors) into
    integer ops that round to nearest even, and `arith.extf` from bf16 to
    f32 into a shift. LLVM would use AVX512-BF16's `vcvtneps2bf16`, which
    reads subnormal inputs as zero, so that run-time results differed from
    constant folding and between CPUs. f64 to bf16 is left alone: the
    runtime's `__truncdfbf2` rounds it once.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect"];
}

def WeftFastMath : Pass<"weft-fast-math"> {
  let summary = "Replace f32 exp, log and tanh by inline polynomials";
  let description = [{
    Rewrites `math.exp`, `math.log` and `math.tanh` on f32 (scalars or vectors; f16 and bf16 through f32) into `arith` and
    `math.fma` code: range reduction plus a polynomial, with no library
    calls, so that the loop and SLP vectorisers (and MLIR's vectoriser) can
    vectorise loops that use them. The error bounds, in units in the last
    place against the correctly rounded result, are listed in
    docs/language.md ("Floating-point accuracy") and checked by
    test/e2e/fast-math-accuracy.test. f64 math, and sin and cos (whose
    approximations lose accuracy for large arguments), are left to libm.
    With `fast-ldexp` (AVX-512 hosts), f32 exp is the pass's own
    degree-5 polynomial scaled by `llvm.ldexp` (one `vscalefps`): 13
    instructions a vector instead of 21, within 2 ULP instead of 6.
  }];
  let options = [
    Option<"fastLdexp", "fast-ldexp", "bool", /*default=*/"false",
           "ldexp is one instruction on the target (AVX-512's vscalefps): "
           "f32 exp becomes a shorter polynomial scaled by llvm.ldexp">,
  ];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::LLVM::LLVMDialect",
                           "mlir::math::MathDialect",
                           "mlir::vector::VectorDialect"];
}

def WeftFuseTimeSteps : Pass<"weft-fuse-time-steps", "mlir::ModuleOp"> {
  let summary = "Compute two stencil steps plane by plane through a ring of planes";
  let description = [{
    Temporal blocking on buffers. A temporary `t` (a `memref.alloc` of rank
    2 or more) that some linalg ops write (the first step: `t`'s copied
    faces and its interior, reading `u`) and later ops read (the second step,
    writing one fresh allocation `v`) only at constant offsets of at most
    `max-offset` planes along the outermost dimension, every op element-wise
    on rank-preserving unit-stride subviews (identity maps, all loops
    parallel, no `linalg.index`), with nothing with memory effects in
    between, is computed one outermost-index plane at a time:

    ```mlir
    scf.forall %c in (threads) {        // a contiguous chunk of v's planes
      ring = alloc(behind + ahead + 1 planes of t)
      for p in chunk.begin - behind ..< chunk.begin + ahead: t plane p
      for q in chunk:
        t plane q + ahead (when inside t)
        v plane q, its reads of t plane q + d from ring slot (q + d) mod size
      dealloc ring
    }
    ```

    Each op runs on a plane where its box has one (an `scf.if`), on
    one-plane subviews of its operands. A chunk computes the `behind +
    ahead` planes of t at its start again, so every thread works alone;
    `threads` chunks (0: the runtime's `weft_rt_max_threads()`, OpenMP's `omp_get_max_threads()`, at run time). `t` goes: a
    pair of steps reads `u` and writes `v` once instead of each twice. Every
    element is computed by the same ops in the same order as before, so
    results do not change, at any thread count.
  }];
  let options = [
    Option<"maxOffset", "max-offset", "int64_t", /*default=*/"2",
           "Largest plane offset at which the second step reads t">,
    Option<"threads", "threads", "unsigned", /*default=*/"0",
           "Chunks of planes (0: weft_rt_max_threads() at run time)">
  ];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::func::FuncDialect",
                           "mlir::memref::MemRefDialect",
                           "mlir::scf::SCFDialect"];
}

def WeftTileContractions : Pass<"weft-tile-contractions", "mlir::func::FuncOp"> {
  let summary = "Tile matrix products for the caches and registers and vectorise them";
  let description = [{
    Each matrix-product-shaped `linalg` op on buffers (maps `(i, k)`,
    `(k, j)` -> `(i, j)`, a multiply-add body, B unit-stride along `j`; or
    B transposed, `(j, k)`, unit-stride along `k`, 32- or 64-bit elements) is
    tiled: `scf.forall` over cache tiles of `i` and `j` (512 x 256;
    independent, so the parallelisation passes may run them on several
    threads), `scf.for` over cache tiles of `k` (256), then register tiles
    of `rows x (2 vectors)`, rows outer, strips of columns inner, `k`
    innermost. Per cache tile of `k`, the full column strips of B's tile
    are packed into a panel that each cache tile allocates (each strip
    contiguous, `256 x (2 vectors)`), which every full register tile reads
    instead of B (with B transposed, the packing transposes lanes x lanes
    blocks in registers). A fill of C right before the product moves into
    the cache tiles. The register-tile loops are peeled so that full tiles have
    static sizes; those are vectorised to `vector.contract`, the C tile's
    loads and stores are hoisted out of the `k` loop (it stays in
    registers) and the contraction is lowered to outer products (one
    broadcast-FMA per row and vector). Partial tiles at the edges stay
    scalar and read B itself.

    ```mlir
    scf.forall (%i, %j) = (0, 0) to (%M, %N) step (512, 256) {
      %panel = memref.alloc() : memref<2048x32xf32>
      scf.for %k0 = %c0 to %K step %c256 {
        scf.for %k = ... { scf.for %s = ... {   // pack B's full strips
          vector.load %B[...] ... vector.store ..., %panel[...] } }
        scf.for %ii = ... step %c8 {
          scf.for %jj = ... step %c32 {
            %acc = vector.transfer_read ... : memref<...>, vector<8x32xf32>
            %r = scf.for %k = ... iter_args(%c = %acc) -> (vector<8x32xf32>) {
              ... vector.transfer_read %panel ... vector.fma ...
    ```
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "unsigned", /*default=*/"512",
           "Width of the host's vector registers in bits (512: AVX-512, "
           "256: AVX2)">,
  ];
  let dependentDialects = [
    "mlir::scf::SCFDialect", "mlir::vector::VectorDialect",
    "mlir::memref::MemRefDialect", "mlir::affine::AffineDialect",
    "mlir::arith::ArithDialect"
  ];
}

def WeftParallelizeRows : Pass<"weft-parallelize-rows", "mlir::func::FuncOp"> {
  let summary = "Run the outermost parallel loop of linalg ops as independent tiles";
  let description = [{
    Each `linalg` op on buffers whose outermost loop is parallel (element-wise
    equations, row reductions, stencil-shaped reads, fills), and that is not
    already inside an `scf.forall`, is tiled along that loop into an
    `scf.forall`: one row per iteration for ops of rank 2 or more, blocks of
    `block-size` elements for rank 1. The pipeline turns the `scf.forall`
    into an OpenMP worksharing loop with a static schedule, so each thread
    gets the same contiguous rows on every call (and keeps them in its
    cache across time steps); the inner loops stay unit-stride, for LLVM's
    vectoriser.

    ```mlir
    scf.forall (%i) in (%n) {
      %x = memref.subview %X[%i, 0] [1, %m] [1, 1] : ...
      linalg.generic ... ins(%x : ...) outs(%y : ...)
    }
    ```
  }];
  let options = [
    Option<"blockSize", "block-size", "int64_t", /*default=*/"4096",
           "Elements per tile of a rank-1 op">,
  ];
  let dependentDialects = [
    "mlir::scf::SCFDialect", "mlir::memref::MemRefDialect",
    "mlir::affine::AffineDialect", "mlir::arith::ArithDialect"
  ];
}

def WeftParallelizeReductions
    : Pass<"weft-parallelize-reductions", "mlir::func::FuncOp"> {
  let summary = "Reduce whole arrays in chunks that threads can share";
  let description = [{
    A `linalg.generic` on buffers that reduces along its outermost loop
    into one output (a dot product, the sum of every element, column sums),
    with an integer, max/min or `reassoc` float combiner, and that is not
    inside an `scf.forall`, has no parallel loop for
    `weft-parallelize-rows`. This pass cuts its outermost loop into chunks
    of about `chunk-iterations` iterations of the whole nest (at least one
    row), reduces each chunk into its own partial result (starting from the
    combiner's neutral element) in an `scf.forall`, then combines the
    output with the partials in chunk order. The chunks depend only on the
    sizes, so the result is the same on any number of threads. Ops known
    to have fewer than twice `chunk-iterations` iterations stay as they are.

    Element-wise `linalg.generic`s right before the reduction (only
    allocations, ops without memory effects, `weft_rt_check_index` and
    `weft_rt_check_extent` calls and the fill of the reduction's output
    between them) run in the same chunks, before the chunk's partial
    reduction and in program order, when each writes at the identity map
    into a fresh allocation, or into unit-stride views of one from one row
    on (a stencil's pieces), or into a whole argument in place
    (`weft-write-in-place`), whose rows are as many as the reduction's (the
    same value, the same dimension of a buffer or of an allocation's size,
    or dimensions an earlier `weft_rt_check_extent` call compared). A chunk
    runs the rows of each that fall in its own rows (clamped; a piece's
    first row is often in none). None of them may read a fresh allocation
    one of them writes, nor touch the reduction's output; the reduction may
    read it only at its own rows (the first subscript its outermost loop,
    on the allocation itself). An argument written in place may share
    memory with any other argument, so then every read of an argument in
    the group must be at its own rows. Companions that break this are
    dropped, earliest first. CG's `x2 = x + a p`, `r2 = r - a q` and `rr += r2 * r2` (which
    recomputes `r2`) become one parallel loop whose reduction reads the
    chunk's rows of `r` and `q` from the cache; so do `q = A p` (interior,
    strips and edge rows of a `boundary zero` stencil) and `pq += p q`.

    ```mlir
    %partials = memref.alloc(%chunks) : memref<?xf32>
    scf.forall (%c) in (%chunks) {
      linalg.fill ins(%zero) outs(%partials[%c])
      linalg.generic ... ins(%x[rows of chunk %c], ...) outs(%partials[%c])
    }
    linalg.generic {iterator_types = ["reduction"]}
        ins(%partials) outs(%out)   // out += partials[0], partials[1], ...
    ```
  }];
  let options = [
    Option<"chunkIterations", "chunk-iterations", "int64_t",
           /*default=*/"65536", "Iterations of the loop nest per chunk">,
  ];
  let dependentDialects = [
    "mlir::scf::SCFDialect", "mlir::memref::MemRefDialect",
    "mlir::arith::ArithDialect", "mlir::linalg::LinalgDialect"
  ];
}

def WeftMergeRowLoops : Pass<"weft-merge-row-loops", "mlir::func::FuncOp"> {
  let summary = "Run sibling row loops over the same rows as one loop";
  let description = [{
    After `weft-parallelize-rows`, each piece of a stencil (the interior of
    a domain or of a boundary policy, and the strips beside it) is its own
    `scf.forall` over rows, so each would be an OpenMP region with its own
    barrier on every time step. Two consecutive foralls (only side-effect
    free ops between them) with the same number of rows become one: row `i`
    of the first, then row `i` of the second. They must not read what the
    other writes, and a buffer that both write must be an allocation that
    both write a row at a time, at the same row offset, so that iteration
    `i` of each touches only row `offset + i` of it. Results do not change.

    ```mlir
    scf.forall (%i) in (%n) { left column of row %i }
    scf.forall (%i) in (%n) { interior of row %i }
    // becomes
    scf.forall (%i) in (%n) { left column of row %i; interior of row %i }
    ```
  }];
  let dependentDialects = ["mlir::scf::SCFDialect"];
}

def WeftSerialShortRegions
    : Pass<"weft-serial-short-regions", "mlir::func::FuncOp"> {
  let summary = "Run an OpenMP region whose loop has one iteration on the calling thread";
  let description = [{
    An `omp.parallel` region holding only a one-dimensional worksharing loop
    gets an `if` clause: the region forks its team only when the loop has
    at least two iterations. A stencil's strip of one row (Jacobi's last
    row, heat-3D's last plane, Life's first and last rows) is a row loop of
    one iteration whose size is known only at run time; forking two
    threads for it costs a wake-up and a barrier on every time step, where
    one thread copies the row in less time.

    ```mlir
    %more = arith.cmpi sgt, %n - %lo, %step
    omp.parallel if(%more) { omp.wsloop { omp.loop_nest ... } }
    ```
  }];
  let dependentDialects = ["mlir::arith::ArithDialect"];
}

def WeftGuardChecks : Pass<"weft-guard-checks", "mlir::func::FuncOp"> {
  let summary = "Call the runtime's bounds check only when a subscript fails it";
  let description = [{
    A gather's bounds check (`x[col[p]]`) is a call of
    `weft_rt_check_index(subscript, extent, message)` per element, which
    costs about as much as the gather itself. The pass puts each call in an
    `scf.if` on the failing condition (the subscript, as unsigned, not below
    the extent), so the loop pays a compare and a branch, and the runtime
    only reports the failure.

    ```mlir
    %bad = arith.cmpi uge, %i, %n : i64
    scf.if %bad {
      func.call @weft_rt_check_index(%i, %n, %msg) : (i64, i64, memref<*xi8>) -> ()
    }
    ```
  }];
  let dependentDialects = ["mlir::scf::SCFDialect", "mlir::arith::ArithDialect"];
}

def WeftCheckAllocationSizes
    : Pass<"weft-check-allocation-sizes", "mlir::ModuleOp"> {
  let summary = "Stop the program when an array's size in bytes overflows 64 bits";
  let description = [{
    The LLVM lowering computes an allocation's size as the product of its
    extents and the element size, in 64 bits. `zeros(u8[n, n])` with
    n = 2^32 wraps to 0 bytes, and the program would then read and write
    memory it does not own. Before each `memref.alloc` with dynamic
    extents, the pass computes that product with overflow detection
    (`arith.mului_extended`) and, when it exceeds 2^63 - 1 bytes, calls
    `weft_rt_check_array_size`, which then stops the program with the
    allocation's .weft location: `a.weft:6:11: error: the array is too
    large (its size in bytes overflows 64 bits)`. A static shape that
    overflows is a compile-time error at the same location.

    ```mlir
    %n64 = arith.index_castui %n : index to i64
    %lo, %hi = arith.mului_extended %c4, %n64 : i64
    %wide = arith.cmpi ne, %hi, %c0 : i64
    %big = arith.cmpi slt, %lo, %c0 : i64
    %bad = arith.ori %wide, %big : i1
    %flag = arith.extui %bad : i1 to i32
    func.call @weft_rt_check_array_size(%flag, %msg) : (i32, !llvm.ptr) -> ()
    %a = memref.alloc(%n) : memref<?xf32>
    ```
  }];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::func::FuncDialect",
                           "mlir::LLVM::LLVMDialect"];
}

def WeftSmallAllocations
    : Pass<"weft-small-allocations", "mlir::func::FuncOp"> {
  let summary = "Leave the 64-byte alignment off allocations of 16 bytes or less";
  let description = [{
    Bufferization gives every `memref.alloc` a 64-byte alignment, which the
    LLVM lowering obtains by over-allocating and rounding the pointer up
    through integer casts; LLVM then cannot tell that the pointer is a fresh
    allocation. For row reductions (softmax's `m[r]` and `s[r]`, one
    element per row after `weft-fuse-rows`) that means a `malloc` and a
    `free` per row, and loads and stores that the vectoriser must check at
    run time against the arrays. A block of at most 16 bytes gains nothing
    from the alignment (malloc aligns to 16 already), so the pass removes
    it; `weft-checked-allocation` tells LLVM that the runtime's allocator is
    a malloc, and LLVM keeps the element in a register and drops the calls.
  }];
  let dependentDialects = ["mlir::memref::MemRefDialect"];
}

def WeftKernelSymbols : Pass<"weft-kernel-symbols", "mlir::ModuleOp"> {
  let summary = "Give kernels symbol names that no C library uses";
  let description = [{
    A kernel becomes a public function of its own name, and the LLVM
    lowering declares the C functions it calls (`malloc`, `free`, libm's
    `sinf`, OpenMP's entry points) by name too: a kernel named `free` made
    the link fail, and one named `sinf` would have been called in place of
    libm's. Before that lowering, the pass renames every public function
    the module defines, other than the runtime's entry points `weft_main`
    and `weft_declare_args`, to `weft_k_<name>`, with all its uses. The
    front end reserves names starting with `weft_`, so none is taken.
  }];
}

def WeftCheckedAllocation : Pass<"weft-checked-allocation", "mlir::ModuleOp"> {
  let summary = "Allocate CPU arrays through the runtime's checked malloc";
  let description = [{
    `finalize-memref-to-llvm` allocates arrays with `malloc`, whose NULL
    (an array larger than memory, `zeros(i32[1000000, 1000000])`) the
    program would then write through and crash. The pass renames the
    module's `malloc` to the runtime's `weft_rt_alloc`, which stops the
    program with `weft: error: out of memory (allocating N bytes)` instead.
    CUDA programs allocate through the runtime's managed-memory functions,
    which check already.
  }];
  let dependentDialects = ["mlir::LLVM::LLVMDialect"];
}

def WeftStreamingStores
    : Pass<"weft-streaming-stores", "mlir::func::FuncOp"> {
  let summary = "Write large fresh output arrays with non-temporal stores";
  let description = [{
    An ordinary store first reads the cache line it writes (write-allocate),
    so filling an output array larger than the caches moves it through
    memory twice. Non-temporal stores (`vmovntps` on x86) write whole lines
    without reading them, but bypass the cache, which hurts when the data is
    read again soon. The pass finds innermost `scf.for` loops of unit step
    whose only store writes, at the induction variable in the last (unit
    stride) subscript, an array that the function allocates and reads
    nowhere else (it may return it): reading it anywhere outside the loop
    would fetch lines the stores just pushed to memory, and reading it in
    the loop (an update in place) reads each line anyway, so there is no
    read for ownership to save. The loop body may load other arrays at the
    induction variable or at loop-invariant subscripts and compute with
    element-wise `arith` and `math` ops that have vector code (not sin,
    cos, pow, ...). Stencils (loops that
    read one array at several offsets) and loops of fewer than 256
    iterations measured slower and are left alone.

    Such a loop is versioned at run time: when the first element it stores
    is 64-byte aligned and the array holds at least `min-bytes` bytes (more
    than the last-level cache), a copy vectorised by 64 bytes stores each
    vector with `nontemporal = true, alignment = 64`, followed by an
    `sfence` and the original loop for the remaining elements; otherwise
    the original loop runs (rows that do not start on a cache line, small
    arrays).

    ```mlir
    %big = arith.cmpi uge, %bytes, %min : index
    %aligned = arith.cmpi eq, %misalignment, %c0 : index
    scf.if %both {
      scf.for %i = %lb to %end step %c16 {
        ...
        vector.store %v, %out[%i] {alignment = 64 : i64, nontemporal = true}
      }
      llvm.inline_asm has_side_effects "sfence", "~{memory}" : () -> ()
      scf.for %i = %end to %ub step %c1 { ...the original body... }
    } else {
      scf.for %i = %lb to %ub step %c1 { ...the original body... }
    }
    ```
  }];
  let options = [
    Option<"minBytes", "min-bytes", "int64_t", /*default=*/"50331648",
           "Arrays smaller than this many bytes keep ordinary stores">,
  ];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::LLVM::LLVMDialect",
                           "mlir::memref::MemRefDialect",
                           "mlir::scf::SCFDialect",
                           "mlir::vector::VectorDialect"];
}

def WeftPreferVectorWidth : Pass<"weft-prefer-vector-width", "mlir::LLVM::LLVMFuncOp"> {
  let summary = "Ask LLVM's vectorisers for narrower vectors in streaming code";
  let description = [{
    Functions in the LLVM dialect whose body has no vector values (their
    loops are left to LLVM's loop and SLP vectorisers: element-wise
    equations, reductions, stencil-shaped reads) get the function attribute
    `"prefer-vector-width"="<bits>"`. On this Zen 5 machine 256-bit
    vectors beat 512-bit ones by 1.35-1.5x on streaming stencils. Functions
    with vector values (tiled matrix products) keep the full width: on x86
    the attribute would also split their 512-bit vectors. So do functions
    with fused multiply-adds (`llvm.intr.fma`: weft-fast-math's exp, log
    and tanh polynomials), which are bound by arithmetic, not memory:
    softmax runs about 1.5x faster at 512 bits. Vectors in blocks that store
    non-temporally (weft-streaming-stores' loops, bound by memory) do not
    count.

    ```mlir
    llvm.func @saxpy(...) attributes {passthrough = [["prefer-vector-width", "256"]]}
    ```
  }];
  let options = [
    Option<"bits", "bits", "unsigned", /*default=*/"256",
           "The preferred vector width in bits">,
  ];
}

#endif // WEFT_TRANSFORMS_PASSES_TD
