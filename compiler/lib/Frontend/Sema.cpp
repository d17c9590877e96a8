//===- Sema.cpp - semantic analysis driver --------------------------------===//
//
// analyzeModule checks helper functions first (signatures, bodies, then that
// none calls itself), then kernels (all signatures, then all bodies, then
// that no kernel calls itself), then `main`. Every problem is a
// located error; checking goes on after one, and the result is failure if
// there was any.
//
// What MLIRGen may rely on when analyzeModule succeeds:
//
// Module
//  - Kernel and function names are unique and no builtin's name. Functions
//    are `main` (a block body, no return type; the driver checks that it
//    exists) and scalar helpers (an `exprBody`): helpers have distinct
//    scalar number/bool parameters without defaults, a scalar return type,
//    and a body of that type whose Names are its parameters (nameKind Param)
//    and whose calls are math builtins, casts and other helpers, with no
//    cycle of helper calls.
//    Its parameters have distinct names other than `help` and `h`; each is
//    a scalar (bool, i8..i64, u8..u64, f16, bf16, f32, f64) or an array of those
//    whose dims are Constant or Unknown. A scalar's default, if any, is a
//    literal (IntLit, FloatLit, BoolLit, or a Neg Unary of a number literal)
//    checked with the parameter's element type; an array's is a non-empty
//    StringLit without interpolation. In the body each is a host variable.
//
// Expressions (kernels and host)
//  - Every Expr has a valid `type` (elem not Invalid). The only exceptions are
//    the `print(...)` and `save(...)` Call nodes of expression statements,
//    which produce nothing.
//  - Untyped literals carry the element type of their context: `2 * x[i]`
//    with `x: f32[n]` types the `2` as f32. Without context an integer
//    literal is i64 and a float literal f64. Every literal is a value of its
//    type (no `200` as an i8, no `1e39` as an f32; a negated literal counts
//    with its sign). Both operands of a Binary, and
//    both arguments of min/max, have the same element type; comparisons give
//    bool; && || ! take and give bool.
//  - Calls: nameKind TypeName for casts `f32(x)` (one scalar argument of any
//    number/bool type); Builtin for exp/log/sqrt/rsqrt/tanh/sin/cos/floor/
//    ceil (float), pow (two floats of one kind), abs, min, max (the result
//    has the argument type), select (a bool, then two values of one kind,
//    the result's) and host builtins; Function for kernels and for helpers
//    (arguments of the parameters' types, the result of the return type).
//    `max(a)` and `min(a)` with one argument appear only in host code (see
//    below).
//  - A kernel call's type is the callee's single output type with the
//    callee's shape symbols replaced by the dims of the caller's arguments
//    (argument i binds the symbols of parameter i's type, the first binding
//    wins). Element types and ranks of array arguments match the callee's;
//    dims constant on both sides agree. Every other dim agreement must be
//    checked at run time. Scalar arguments have the parameter's type.
//
// Kernels
//  - Parameter and output types use only constant and Symbol dims; every
//    output dim symbol is bound by a parameter. Each kernel has one or more
//    outputs (arrays or scalars). Boundary policies are on array
//    parameters only; a Constant policy's value is a literal checked with
//    the array's element type. An output's `initFrom`, if any, names an
//    array parameter with the same element type and dims.
//  - No parameter, output or array is named like an element type, and no
//    output or array like a shape symbol; no index is named like a kernel or
//    function. Parameters and arrays shadow builtins and kernels in Names.
//  - Each array (output or temporary) is the target of exactly one equation,
//    which comes before every use; no parameter is a target; every output is
//    defined. No kernel calls itself, directly or not.
//  - Expressions in equations: Name nodes are scalar parameters (Param),
//    scalars defined by an earlier equation (Array), typed with that scalar,
//    or shape symbols (ShapeSymbol), typed i64.
//    Index nodes read arrays: nameKind Param (a parameter) or Array (an
//    earlier equation's target), `type` is the element type, one subscript
//    per dimension. Each subscript is either affine (it and all its
//    sub-nodes have type i64; built from the equation's indices (Name nodes
//    with nameKind Index), shape symbols (nameKind ShapeSymbol), integer
//    literals, + - and multiplication by a constant) or a gather: an integer
//    scalar expression that reads an array (ast::readsArray). Every affine
//    subscript of a read whose `usesBoundary` is false provably stays inside
//    its dimension; `usesBoundary` is set only on reads of parameters with a
//    boundary policy (that may leave them, or that gather). Gathers without
//    a policy are checked at run time.
//  - Index equations (`isKernelCall` false): `indices` lists the left-hand
//    indices in order, then the window's, then the other indices reduced
//    over in order of first appearance; they are distinct. `extents` has one
//    Extent per index: Kind Range for an index with an explicit range (its
//    IndexDecl in lhsIndices or window has `range`, whose bounds are i64
//    expressions of shape symbols and literals), else taken from the first
//    dimension it subscripts as a plain index (for a target that is an
//    output, its left-hand subscripts come first), else from its first
//    shifted subscript `x[y + dy]` next to ranged indices. Left-hand ranges
//    appear only on outputs and lie inside the output's dimensions. Other plain
//    occurrences whose dim may differ from the Extent (not both constants,
//    not the same symbol) are listed once each in `extentChecks`, for
//    MLIRGen to check at run time. Affine subscripts, and the bounds of
//    those proved in range, fit in 64 bits. The combiner is =, +=, *=, max=,
//    min=, any= or all=; with `=` no index is reduced over; any= and all=
//    reduce bools, the others numbers (max= and min= of unsigned ones
//    compare as unsigned). The
//    right side is a number or a bool, never a string.
//    `targetType` is the output's declared type (whose element type the
//    right side has), or for a temporary an array of the right side's
//    element type whose dims are the extents of the left-hand indices. An
//    equation without left-hand indices (`d += x[i] * y[i]`, `r = sqrt(s)`)
//    defines a scalar: `targetType` is a scalar type (isArray false).
//  - Kernel-call equations (`P = softmax(S)`, `isKernelCall` true): no
//    left-hand indices, combiner `=`, `rhs` a Call of a kernel whose array
//    arguments are Name nodes (nameKind Param or Array, `type` the whole
//    array type) and scalar arguments are scalar expressions.
//    `targetType` is the call's type (see above); `indices` and `extents`
//    are empty. For an output target, the declared type has the same element
//    type and rank; differing non-constant dims need a run-time check
//    (MLIRGen emits it).
//
// Host (`main`)
//  - Statements are Let, Assign, For, While, If, ExprStmt and Return, which
//    has no value.
//  - Variables: a Name has nameKind Local and the variable's type. A Let's
//    variable type is the declared type if any, else the value's. An Assign
//    without subscripts gives a value of the variable's element type and
//    rank (constant dims agree). An Assign with subscripts (`a[i, j] = v`)
//    names an array variable, has one i64 scalar subscript per dimension and
//    a scalar value of the array's element type. A For's range bounds are
//    i64 and its loop variable is an i64 that is never assigned. The
//    condition (`value`) of a While or If is a bool scalar. The body of a
//    For, While, If and the elseBody of an If are scopes of their own
//    (an `else if` is an If alone in elseBody); Assigns in them may rebind
//    variables declared outside.
//  - Element reads `a[i, j]` (Index nodes, nameKind Local) name an array
//    variable, have one i64 scalar subscript per dimension, and have the
//    array's element type as a scalar.
//  - assert(cond, message) appears only as an expression statement: cond a
//    bool scalar, message a StringLit without interpolation.
//  - Array dims in host types are Constant, Unknown (`?`) or Symbol naming
//    an i64 host variable (`zeros(f32[n, n])` with `let n = 64`).
//  - zeros/ones(T), full(T, v), random(T, seed: s): the first argument is an
//    Index node with nameKind TypeName whose `type` is the array type T;
//    each of its subscripts is an i64 expression giving that dimension's
//    size (T's dim is Constant for a literal, Symbol for a variable, else
//    Unknown); a constant size is not negative (others are checked at run
//    time). `v` has T's element type; `seed` is the only named argument
//    of random, always present, i64; random's element type is numeric.
//    arange(T) likewise, with T of rank 1 and a numeric element type.
//    The call's type is T.
//  - load(path) appears only as a Let's value with a declared array type,
//    which is the call's type; path is a StringLit without interpolation.
//  - sum(a), max(a), min(a), mean(a) (one argument, no named ones): `a` is
//    an array of a numeric element type; the call's type
//    is that element type (f64 for mean), nameKind Builtin.
//  - save_image(a, path, colormap: c, lo: x, hi: y) appears only as an
//    expression statement: path as for load; `a` is rank 2 (float, integer
//    or bool) or an integer [h, w, 3] (a non-constant last dim is checked at
//    run time); the named arguments are each at most once, only for float
//    arrays: colormap a StringLit without interpolation naming a colormap
//    the runtime knows, lo and hi f64 scalars, both or neither.
//  - clock() is f64. save(array, path): path as for load. print(s): s is a
//    StringLit; its interpolated parts are numbers, bools or arrays. What
//    save and load see is not bf16.
//  - Kernel calls appear as Let/Assign values or expression statements.
//
//===----------------------------------------------------------------------===//
#include "weft/Frontend/Sema.h"

#include "SemaBuiltins.h"
#include "SemaContext.h"
#include "SemaHelper.h"
#include "SemaHost.h"
#include "SemaKernel.h"

#include "llvm/ADT/StringSet.h"

#include <functional>

using namespace weft;
using namespace weft::sema;

/// Enters every kernel and function into the tables; reports duplicates and
/// builtin names (those are left out of the tables and not checked).
static void collectDefinitions(SemaContext &ctx) {
  llvm::StringMap<ast::Location> seen;
  auto enter = [&](const std::string &name, const ast::Location &loc,
                   const char *what) {
    if (isBuiltinName(name)) {
      ctx.error(loc) << what << " '" << name << "' has the name of a builtin";
      return false;
    }
    if (llvm::StringRef(name).starts_with("weft_")) {
      ctx.error(loc) << what << " '" << name
                     << "': names starting with 'weft_' are reserved for the "
                        "compiler and runtime";
      return false;
    }
    auto [it, inserted] = seen.try_emplace(name, loc);
    if (!inserted) {
      auto diag = ctx.error(loc) << "redefinition of '" << name << "'";
      diag.attachNote(ctx.loc(it->second)) << "previous definition is here";
    }
    return inserted;
  };
  for (ast::Kernel &k : ctx.module.kernels)
    if (enter(k.name, k.loc, "kernel"))
      ctx.kernels[k.name] = &k;
  for (ast::Function &f : ctx.module.functions)
    if (enter(f.name, f.loc, "function"))
      ctx.functions[f.name] = &f;
}

/// Reports each call in `calls` that closes a cycle; `what` is "kernel" or
/// "helper function".
static void checkRecursion(SemaContext &ctx,
                           llvm::ArrayRef<SemaContext::CallEdge> calls,
                           llvm::StringRef what) {
  llvm::StringMap<std::vector<const SemaContext::CallEdge *>> callees;
  for (const SemaContext::CallEdge &edge : calls)
    callees[edge.caller].push_back(&edge);
  llvm::StringSet<> done, onPath;
  std::function<void(llvm::StringRef)> visit = [&](llvm::StringRef caller) {
    onPath.insert(caller);
    for (const SemaContext::CallEdge *edge : callees.lookup(caller)) {
      if (onPath.count(edge->callee)) {
        auto diag = ctx.error(edge->loc) << what << " '" << edge->callee
                                         << "' is called recursively";
        diag.attachNote() << what << "s cannot call themselves, directly or "
                          << "through other " << what << "s";
      } else if (!done.count(edge->callee)) {
        visit(edge->callee);
      }
    }
    onPath.erase(caller);
    done.insert(caller);
  };
  for (const SemaContext::CallEdge &edge : calls)
    if (!done.count(edge.caller))
      visit(edge.caller);
}

llvm::LogicalResult weft::analyzeModule(ast::Module &module,
                                        mlir::MLIRContext &context) {
  SemaContext ctx(module, context);
  collectDefinitions(ctx);
  auto isEntered = [&](const ast::Kernel &k) {
    return ctx.kernels.lookup(k.name) == &k;
  };
  // Helpers first: kernels and main call them.
  auto isEnteredHelper = [&](const ast::Function &f) {
    return ctx.functions.lookup(f.name) == &f && isHelper(f);
  };
  for (ast::Function &f : module.functions)
    if (isEnteredHelper(f) && !checkHelperSignature(ctx, f))
      ctx.badSignatures[f.name] = true;
  for (ast::Function &f : module.functions)
    if (isEnteredHelper(f) && !ctx.badSignatures.count(f.name))
      checkHelperBody(ctx, f);
  checkRecursion(ctx, ctx.helperCalls, "helper function");
  for (ast::Kernel &k : module.kernels)
    if (isEntered(k) && !checkKernelSignature(ctx, k))
      ctx.badSignatures[k.name] = true;
  for (ast::Kernel &k : module.kernels)
    if (isEntered(k) && !ctx.badSignatures.count(k.name))
      checkKernelBody(ctx, k);
  checkRecursion(ctx, ctx.kernelCalls, "kernel");
  for (ast::Function &f : module.functions)
    if (ctx.functions.lookup(f.name) == &f && !isHelper(f))
      HostChecker(ctx).checkFunction(f);
  return llvm::failure(ctx.hasErrors());
}
