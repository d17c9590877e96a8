//===- MLIRGenKernel.cpp - kernels and equations to the Weft dialect ------===//
//
// A kernel becomes a `weft.kernel`: shape symbols bound to `tensor.dim`s of
// the first parameter naming them (later ones checked with
// `weft.check_extent`), one `weft.equation` or `weft.call` per equation, and
// a `weft.return` of the outputs. Sema has already sized every equation's
// iteration space (Equation::indices/extents/targetType).
//
// Indices with explicit ranges give the equation lower bounds; an output
// that starts as a copy of an input (`-> B: f32[n] = A`), or is written on
// an explicit domain (then starting as zeros), gives it an `init`. Reads
// that a read map cannot express (shape symbols or gathers in subscripts,
// reads that Sema found may leave the array and so take its boundary
// policy) are `weft.read`s in the body, at subscripts computed from
// `weft.index` values.
//
// A scalar the kernel defines (`d += x[i] * y[i]`, `s = dot(x, x)`, or a
// scalar output) is a rank-0 tensor: its equation writes through a map to
// `()`, equations read it as an input with a map to `()`, and the kernel
// returns it as `tensor<f64>`. Where a plain scalar is needed outside an
// equation body (a kernel call's scalar argument) it is extracted.
//
//===----------------------------------------------------------------------===//
#include "MLIRGenImpl.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using weft::ast::Expr;

namespace weft::detail {
namespace {

/// What a kernel's body can name: parameters and the arrays defined so far,
/// and the `index` value of every bound shape symbol.
struct KernelScope {
  llvm::StringMap<Value> values;
  llvm::StringMap<Value> symbols;
};

/// Expressions inside a kernel. Outside an equation body only scalars and
/// whole arrays (kernel-call arguments) can be named; inside one, each array
/// read, and each read of a scalar the kernel defined, is the body argument
/// of its input (`reads`).
class KernelExprGen : public ExprGen {
public:
  KernelExprGen(GenContext &gen, KernelScope &scope, const ast::Kernel &kernel)
      : ExprGen(gen), scope(scope), kernel(kernel) {}

  llvm::DenseMap<const Expr *, Value> reads;
  /// Reads emitted as weft.read in the body of `equation`.
  llvm::DenseSet<const Expr *> computedReads;
  /// The equation whose body is being emitted, if any.
  const ast::Equation *equation = nullptr;
  /// Inside the weft.reduce_range of a data-range index: its value.
  llvm::StringMap<Value> dataIndices;
  /// Boundary reads of the piece being emitted that stay inside their
  /// array along some dimensions: those dimensions (weft.read's `inside`).
  llvm::DenseMap<const Expr *, SmallVector<int64_t>> insideDims;
  /// Boundary reads with a dimension subscripted by `i + offsets` where i
  /// takes its range from that dimension: weft.read's `bases`.
  llvm::DenseMap<const Expr *, SmallVector<int64_t>> baseDims;

protected:
  Value emitName(const Expr &e) override {
    if (e.nameKind == ast::NameKind::ShapeSymbol) {
      Value extent = scope.symbols.lookup(e.name);
      Type type = gen.elementType(e.type.elem, e.loc);
      if (!extent || !type) {
        gen.error(e.loc) << "internal error: shape symbol '" << e.name
                         << "' is not bound";
        return {};
      }
      return arith::IndexCastOp::create(builder, gen.loc(e.loc), type, extent);
    }
    if (e.nameKind == ast::NameKind::Index) {
      if (Value p = dataIndices.lookup(e.name))
        return arith::IndexCastOp::create(builder, gen.loc(e.loc),
                                          builder.getI64Type(), p);
      auto position = equation ? llvm::find(equation->indices, e.name) -
                                     equation->indices.begin()
                               : 0;
      if (!equation ||
          position == static_cast<long>(equation->indices.size())) {
        gen.notSupported(e.loc, "using the index '" + e.name + "' as a value");
        return {};
      }
      Location loc = gen.loc(e.loc);
      Value index =
          IndexOp::create(builder, loc, builder.getIndexType(), position);
      return arith::IndexCastOp::create(builder, loc, builder.getI64Type(),
                                        index);
    }
    // Inside an equation body a scalar defined by an earlier equation is an
    // input of the equation.
    if (Value v = reads.lookup(&e))
      return v;
    if (Value v = scope.values.lookup(e.name))
      return e.type.isArray ? v : gen.scalarOf(v, e.loc);
    gen.error(e.loc) << "internal error: '" << e.name
                     << "' is not defined in this kernel";
    return {};
  }

  Value emitIndex(const Expr &e) override {
    if (Value v = reads.lookup(&e))
      return v;
    if (computedReads.count(&e))
      return emitComputedRead(e);
    gen.notSupported(e.loc, "reading an array element outside an equation");
    return {};
  }

  Value emitOtherCall(const Expr &e) override {
    gen.notSupported(e.loc, "calling '" + e.name + "' inside an expression");
    return {};
  }

private:
  /// A weft.read of `e`: its array's boundary policy when Sema found that
  /// it may leave the array, a run-time check for gathers, else none.
  Value emitComputedRead(const Expr &e) {
    Location loc = gen.loc(e.loc);
    Value array = scope.values.lookup(e.name);
    auto type = array ? dyn_cast<RankedTensorType>(array.getType()) : nullptr;
    if (!type) {
      gen.error(e.loc) << "internal error: '" << e.name
                       << "' is not an array of this kernel";
      return {};
    }
    SmallVector<Value> subscripts;
    bool gathers = false;
    for (const auto &sub : e.args) {
      subscripts.push_back(gen.toIndex(emit(*sub), *sub));
      if (!subscripts.back())
        return {};
      gathers |= ast::readsArray(*sub);
    }
    BoundaryKind kind =
        gathers || e.checked ? BoundaryKind::check : BoundaryKind::none;
    Value padding;
    const ast::Param *param = nullptr;
    for (const ast::Param &p : kernel.params)
      if (p.name == e.name)
        param = &p;
    if (e.usesBoundary && param) {
      using Policy = ast::BoundaryPolicy::Kind;
      switch (param->boundary.kind) {
      case Policy::Wrap:
        kind = BoundaryKind::wrap;
        break;
      case Policy::Clamp:
        kind = BoundaryKind::clamp;
        break;
      case Policy::Mirror:
        kind = BoundaryKind::mirror;
        break;
      case Policy::Zero:
        kind = BoundaryKind::constant;
        padding = gen.constant(type.getElementType(), 0, e.loc);
        break;
      case Policy::Constant:
        kind = BoundaryKind::constant;
        padding = emit(*param->boundary.value);
        if (!padding)
          return {};
        break;
      case Policy::None:
        break;
      }
    }
    std::string message = llvm::formatv("{0}:{1}:{2}: read of '{3}'",
                                        e.loc.file, e.loc.line, e.loc.col,
                                        e.name);
    auto read = ReadOp::create(builder, loc, type.getElementType(), array,
                               subscripts, kind, padding, message,
                               /*inside=*/nullptr, /*bases=*/nullptr);
    if (auto it = insideDims.find(&e); it != insideDims.end())
      read.setInside(it->second);
    if (auto it = baseDims.find(&e); it != baseDims.end())
      read.setBases(it->second);
    return read;
  }

  KernelScope &scope;
  const ast::Kernel &kernel;
};

/// True when `e` is affine in the indices of `eq`'s iteration space alone
/// (no shape symbols, gathers or data-range indices): a read map can
/// express it.
static bool isIndexAffine(const Expr &e, const ast::Equation &eq) {
  switch (e.kind) {
  case Expr::Kind::IntLit:
    return true;
  case Expr::Kind::Name:
    return e.nameKind == ast::NameKind::Index &&
           llvm::is_contained(eq.indices, e.name);
  case Expr::Kind::Unary:
    return isIndexAffine(*e.lhs, eq);
  case Expr::Kind::Binary:
    return isIndexAffine(*e.lhs, eq) && isIndexAffine(*e.rhs, eq);
  default:
    return false;
  }
}

/// Marks every array read in `e` (a data range's bound) as read in the body.
static void collectBoundReads(const Expr &e,
                              llvm::DenseSet<const Expr *> &computed) {
  if (e.kind == Expr::Kind::Index)
    computed.insert(&e);
  for (const Expr *child : {e.lhs.get(), e.rhs.get()})
    if (child)
      collectBoundReads(*child, computed);
  for (const auto &arg : e.args)
    collectBoundReads(*arg, computed);
}

/// Whether `p`'s boundary policy only remaps subscripts (wrap, clamp,
/// mirror), with no condition on the element read.
static bool remaps(const ast::Param &p) {
  using Policy = ast::BoundaryPolicy::Kind;
  return llvm::is_contained({Policy::Wrap, Policy::Clamp, Policy::Mirror},
                            p.boundary.kind);
}

/// Whether every value of index k of `eq`, in any piece of it, is a
/// subscript of dimension d of `p`: the index's range is [0, e) (peeled
/// pieces take parts of it) and e is at most the dimension's extent.
static bool covers(const ast::Equation &eq, unsigned k, const ast::Param &p,
                   unsigned d) {
  const ast::Extent &e = eq.extents[k];
  const ast::Dim &dim = p.type.dims[d];
  if (e.kind == ast::Extent::Kind::Symbol)
    return dim.kind == ast::Dim::Kind::Symbol && e.symbol == dim.symbol &&
           e.offset <= dim.offset;
  return e.kind == ast::Extent::Kind::Constant &&
         dim.kind == ast::Dim::Kind::Constant && e.constant <= dim.constant;
}

/// One distinct read of an equation: an array at one affine subscript.
struct Read {
  std::string array;
  AffineMap map;
};

class KernelGen {
public:
  KernelGen(GenContext &gen, const ast::Kernel &kernel, KernelOp op)
      : gen(gen), builder(gen.builder), kernel(kernel), op(op),
        exprGen(gen, scope, kernel) {}

  void emit();

private:
  void bindParams();
  void bindShape(const ast::Param &param, Value value);
  void emitEquation(const ast::Equation &eq);
  /// For an equation with reads that take a boundary policy: the range of
  /// each left-hand index where all of them stay inside their arrays (from
  /// `lower` and `ends`, the ranges of all indices), when each such read's
  /// subscripts are `i + c` plus window terms with constant ranges.
  std::optional<SmallVector<std::pair<Value, Value>>>
  interiorOf(const ast::Equation &eq, ArrayRef<Value> ends,
             ArrayRef<Value> lower);
  /// The equation as pieces that write disjoint parts of its result: the
  /// interior with plain reads, then the strips around it with the
  /// boundary policies.
  Value emitPeeled(const ast::Equation &eq, RankedTensorType type,
                   ArrayRef<Value> ends, ArrayRef<Value> lower, Value init,
                   ArrayRef<std::pair<Value, Value>> interior);
  /// One weft.equation over [lower, domain) (no lower bounds when `lower`
  /// is empty). `inside[k]`: the piece's range of left-hand index k lies in
  /// the interior, so boundary reads along it are plain.
  Value emitPiece(const ast::Equation &eq, RankedTensorType resultType,
                  ArrayRef<Value> domain, ArrayRef<Value> lower, Value init,
                  ArrayRef<bool> inside);
  /// A subscript's coefficients of the equation's indices, then its
  /// constant (linearForm of toAffine), when it is affine in them.
  std::optional<SmallVector<int64_t>> linearFormOf(const Expr &sub,
                                                   const ast::Equation &eq);
  /// The left-hand index k of a subscript whose linear form is
  /// `i_k + (window terms) + c`, the form interiorOf peels.
  static std::optional<unsigned> leftIndexOf(ArrayRef<int64_t> linear,
                                             const ast::Equation &eq);
  /// Whether every boundary read of `eq` only remaps its subscripts (wrap,
  /// clamp, mirror), with no condition on the element read.
  bool remapsOnly(const ast::Equation &eq) const;
  /// The body's value: the right-hand side reduced over each data range
  /// (`for p in rowptr[r]..rowptr[r + 1]`) in a nested weft.reduce_range.
  Value emitDataRanges(const ast::Equation &eq,
                       ArrayRef<const ast::IndexDecl *> ranges);
  void emitCallEquation(const ast::Equation &eq);
  /// Checks at run time the plain subscripts whose dimension Sema could not
  /// prove equal to their index's extent (`Equation::extentChecks`).
  bool checkExtents(const ast::Equation &eq, ArrayRef<Value> domain);
  /// Checks at run time that a kernel call's result has the dimensions
  /// of the output it defines, where Sema could not prove it.
  Value checkCallResult(const ast::Equation &eq, const ast::Param &output,
                        Value result);
  void emitReturn();
  bool collectReads(const Expr &e, const ast::Equation &eq,
                    SmallVectorImpl<Read> &reads,
                    llvm::DenseMap<const Expr *, unsigned> &readOf);
  FailureOr<AffineExpr> toAffine(const Expr &e, const ast::Equation &eq);
  Value extent(const ast::Extent &extent, const ast::Equation &eq);
  /// A bound of an explicit range, as an index.
  Value bound(const Expr &e);
  /// What the equation's result starts as, or null: the input the output
  /// copies, or zeros for an output written on an explicit domain.
  Value initialValue(const ast::Equation &eq, RankedTensorType type);

  GenContext &gen;
  OpBuilder &builder;
  const ast::Kernel &kernel;
  KernelOp op;
  KernelScope scope;
  KernelExprGen exprGen;
  /// While emitting a piece of a peeled equation: the left-hand indices
  /// whose range lies in the interior (see emitPiece).
  SmallVector<bool> insideIndices;
  /// Where each shape symbol was first bound: (parameter, dimension).
  llvm::StringMap<std::pair<const ast::Param *, unsigned>> boundBy;
};

} // namespace

void KernelGen::emit() {
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToStart(&op.getBody().front());
  bindParams();
  for (const ast::Equation &eq : kernel.equations) {
    if (eq.isKernelCall)
      emitCallEquation(eq);
    else
      emitEquation(eq);
  }
  emitReturn();
}

void KernelGen::bindParams() {
  for (auto [param, value] : llvm::zip(kernel.params, op.getArguments())) {
    scope.values[param.name] = value;
    if (param.type.isArray)
      bindShape(param, value);
  }
}

void KernelGen::bindShape(const ast::Param &param, Value value) {
  for (auto [d, dim] : llvm::enumerate(param.type.dims)) {
    if (dim.kind != ast::Dim::Kind::Symbol)
      continue;
    const ast::Location &where = dim.loc.line ? dim.loc : param.loc;
    Location loc = gen.loc(where);
    Value size = tensor::DimOp::create(builder, loc, value, d);
    if (dim.offset != 0) {
      // `m + 1`: m is the extent minus 1, so the extent must be at least 1.
      Value offset = arith::ConstantIndexOp::create(builder, loc, dim.offset);
      if (dim.offset > 0)
        CheckExtentOp::create(
            builder, loc, size, arith::MaxSIOp::create(builder, loc, size, offset),
            llvm::formatv("{0}:{1}:{2}: dimension {3} of '{4}' is '{5}', so "
                          "it must be at least {6}",
                          where.file, where.line, where.col, d, param.name,
                          ast::symbolDimToString(dim.symbol, dim.offset),
                          dim.offset)
                .str());
      size = arith::SubIOp::create(builder, loc, size, offset);
    }
    auto first = boundBy.find(dim.symbol);
    if (first == boundBy.end()) {
      scope.symbols[dim.symbol] = size;
      boundBy[dim.symbol] = {&param, unsigned(d)};
      continue;
    }
    auto [firstParam, firstDim] = first->second;
    // The runtime appends "(<this extent> vs <the first>)", each less its
    // dimension's offset.
    std::string message = llvm::formatv(
        "{0}:{1}:{2}: '{3}' dimension {4} does not match '{5}' dimension {6}, "
        "both '{7}'",
        where.file, where.line, where.col, param.name, d, firstParam->name,
        firstDim, dim.symbol);
    CheckExtentOp::create(builder, loc, size, scope.symbols[dim.symbol],
                          message);
  }
}

Value KernelGen::extent(const ast::Extent &extent, const ast::Equation &eq) {
  if (extent.kind == ast::Extent::Kind::Constant)
    return arith::ConstantIndexOp::create(builder, gen.loc(eq.loc),
                                          extent.constant);
  if (Value v = scope.symbols.lookup(extent.symbol))
    return extent.offset == 0
               ? v
               : arith::AddIOp::create(
                     builder, gen.loc(eq.loc), v,
                     arith::ConstantIndexOp::create(builder, gen.loc(eq.loc),
                                                    extent.offset));
  gen.error(eq.loc) << "the extent '" << extent.symbol
                    << "' is not bound by any parameter of '" << kernel.name
                    << "'";
  return {};
}

FailureOr<AffineExpr> KernelGen::toAffine(const Expr &e,
                                          const ast::Equation &eq) {
  MLIRContext *ctx = &gen.context;
  switch (e.kind) {
  case Expr::Kind::IntLit:
    return getAffineConstantExpr(e.intValue, ctx);
  case Expr::Kind::Name: {
    if (e.nameKind == ast::NameKind::Index) {
      auto it = llvm::find(eq.indices, e.name);
      if (it != eq.indices.end())
        return getAffineDimExpr(it - eq.indices.begin(), ctx);
    }
    if (e.nameKind == ast::NameKind::ShapeSymbol) {
      gen.notSupported(e.loc, "a subscript that uses the shape symbol '" +
                                  e.name + "'");
      return failure();
    }
    break;
  }
  case Expr::Kind::Unary:
    if (e.unaryOp == ast::UnaryOp::Neg) {
      FailureOr<AffineExpr> x = toAffine(*e.lhs, eq);
      if (failed(x))
        return failure();
      return -*x;
    }
    break;
  case Expr::Kind::Binary: {
    FailureOr<AffineExpr> a = toAffine(*e.lhs, eq);
    if (failed(a))
      return failure();
    FailureOr<AffineExpr> b = toAffine(*e.rhs, eq);
    if (failed(b))
      return failure();
    bool constRhs = isa<AffineConstantExpr>(*b);
    switch (e.binaryOp) {
    case ast::BinaryOp::Add:
      return *a + *b;
    case ast::BinaryOp::Sub:
      return *a - *b;
    case ast::BinaryOp::Mul:
      if (constRhs || isa<AffineConstantExpr>(*a))
        return *a * *b;
      break;
    case ast::BinaryOp::Div:
      if (constRhs && cast<AffineConstantExpr>(*b).getValue() > 0)
        return a->floorDiv(*b);
      break;
    case ast::BinaryOp::Rem:
      if (constRhs && cast<AffineConstantExpr>(*b).getValue() > 0)
        return *a % *b;
      break;
    default:
      break;
    }
    break;
  }
  case Expr::Kind::Index:
    gen.notSupported(e.loc, "an indirect subscript (a gather)");
    return failure();
  default:
    break;
  }
  gen.notSupported(e.loc, "a subscript that is not affine in the indices");
  return failure();
}

/// Gives every distinct (array, subscript) read of `e` an input and records
/// which input each read expression uses. A scalar defined by an earlier
/// equation (a Name of kind Array) is a rank-0 array read through a map to
/// `()`.
bool KernelGen::collectReads(const Expr &e, const ast::Equation &eq,
                             SmallVectorImpl<Read> &reads,
                             llvm::DenseMap<const Expr *, unsigned> &readOf) {
  bool isScalarRead = e.kind == Expr::Kind::Name &&
                      e.nameKind == ast::NameKind::Array && !e.type.isArray;
  // A boundary read's dimensions that follow an index inside the interior,
  // and the indices that the others follow where the policy remaps
  // subscripts and the index covers the dimension (-1 where none does).
  SmallVector<int64_t> inside, bases;
  if (e.kind == Expr::Kind::Index && e.usesBoundary) {
    auto param = llvm::find_if(
        kernel.params, [&](const ast::Param &p) { return p.name == e.name; });
    bool remapped = param != kernel.params.end() && remaps(*param);
    for (auto [d, sub] : llvm::enumerate(e.args)) {
      std::optional<unsigned> k;
      if (isIndexAffine(*sub, eq))
        if (std::optional<SmallVector<int64_t>> linear = linearFormOf(*sub, eq))
          k = leftIndexOf(*linear, eq);
      bool isInside = k && *k < insideIndices.size() && insideIndices[*k];
      if (isInside)
        inside.push_back(d);
      bool based = k && !isInside && remapped && covers(eq, *k, *param, d);
      bases.push_back(based ? int64_t(*k) : -1);
    }
  }
  bool computed =
      e.kind == Expr::Kind::Index &&
      ((e.usesBoundary && inside.size() != e.args.size()) || e.checked ||
       !llvm::all_of(e.args,
                     [&](const auto &s) { return isIndexAffine(*s, eq); }));
  if (computed) {
    exprGen.computedReads.insert(&e);
    if (e.usesBoundary && !inside.empty())
      exprGen.insideDims[&e] = inside;
    if (llvm::any_of(bases, [](int64_t k) { return k >= 0; }))
      exprGen.baseDims[&e] = bases;
    bool ok = true;
    for (const auto &sub : e.args)
      ok &= collectReads(*sub, eq, reads, readOf);
    return ok;
  }
  if (e.kind == Expr::Kind::Index || isScalarRead) {
    SmallVector<AffineExpr> subscripts;
    for (const auto &s : e.args) {
      FailureOr<AffineExpr> a = toAffine(*s, eq);
      if (failed(a))
        return false;
      subscripts.push_back(*a);
    }
    AffineMap map =
        AffineMap::get(eq.indices.size(), 0, subscripts, &gen.context);
    auto same = [&](const Read &r) {
      return r.array == e.name && r.map == map;
    };
    auto it = llvm::find_if(reads, same);
    readOf[&e] = it - reads.begin();
    if (it == reads.end())
      reads.push_back({e.name, map});
    return true;
  }
  bool ok = true;
  for (const Expr *child : {e.lhs.get(), e.rhs.get()})
    if (child)
      ok &= collectReads(*child, eq, reads, readOf);
  for (const auto &arg : e.args)
    ok &= collectReads(*arg, eq, reads, readOf);
  for (const ast::NamedArg &arg : e.namedArgs)
    ok &= collectReads(*arg.value, eq, reads, readOf);
  return ok;
}

/// `isUnsigned`: the values are of an unsigned type, which max= and min=
/// compare as unsigned.
static CombinerKind toCombinerKind(ast::Combiner c, bool isUnsigned) {
  switch (c) {
  case ast::Combiner::Add:
    return CombinerKind::add;
  case ast::Combiner::Mul:
    return CombinerKind::mul;
  case ast::Combiner::Max:
    return isUnsigned ? CombinerKind::umax : CombinerKind::max;
  case ast::Combiner::Min:
    return isUnsigned ? CombinerKind::umin : CombinerKind::min;
  case ast::Combiner::Any:
    return CombinerKind::any;
  case ast::Combiner::All:
    return CombinerKind::all;
  default:
    return CombinerKind::none;
  }
}

void KernelGen::emitEquation(const ast::Equation &eq) {
  Location loc = gen.loc(eq.loc);
  auto resultType =
      dyn_cast_or_null<RankedTensorType>(gen.tensorType(eq.targetType, eq.loc));
  if (!resultType || eq.indices.size() != eq.extents.size()) {
    gen.error(eq.loc) << "internal error: the equation for '" << eq.target
                      << "' has no iteration space";
    return;
  }
  SmallVector<Value> domain, lower;
  bool hasRanges = false;
  for (auto [name, e] : llvm::zip(eq.indices, eq.extents)) {
    if (e.kind != ast::Extent::Kind::Range) {
      domain.push_back(extent(e, eq));
      lower.push_back(arith::ConstantIndexOp::create(builder, loc, 0));
      if (!domain.back())
        return;
      continue;
    }
    const ast::IndexDecl *decl = nullptr;
    for (const auto *list : {&eq.lhsIndices, &eq.window})
      for (const ast::IndexDecl &d : *list)
        if (d.name == name && d.range)
          decl = &d;
    if (!decl) {
      gen.error(eq.loc) << "internal error: index '" << name
                        << "' has no range";
      return;
    }
    Value lo = bound(*decl->range->lo), hi = bound(*decl->range->hi);
    if (!lo || !hi)
      return;
    if (decl->range->inclusive)
      hi = builder.createOrFold<arith::AddIOp>(
          loc, hi, arith::ConstantIndexOp::create(builder, loc, 1));
    domain.push_back(hi);
    lower.push_back(lo);
    hasRanges = true;
  }
  if (!checkExtents(eq, domain))
    return;
  Value init = initialValue(eq, resultType);
  if (gen.failed)
    return;
  Value result;
  if (auto interior = interiorOf(eq, domain, lower))
    result = emitPeeled(eq, resultType, domain, lower, init, *interior);
  else
    result = emitPiece(eq, resultType, domain,
                       hasRanges ? ArrayRef<Value>(lower) : ArrayRef<Value>(),
                       init, /*inside=*/{});
  if (result)
    scope.values[eq.target] = result;
}

/// Collects the reads of `e` that take their array's boundary policy.
static void collectBoundaryReads(const Expr &e,
                                 SmallVectorImpl<const Expr *> &reads) {
  if (e.kind == Expr::Kind::Index && e.usesBoundary)
    reads.push_back(&e);
  for (const Expr *child : {e.lhs.get(), e.rhs.get()})
    if (child)
      collectBoundaryReads(*child, reads);
  for (const auto &arg : e.args)
    collectBoundaryReads(*arg, reads);
}

std::optional<SmallVector<std::pair<Value, Value>>>
KernelGen::interiorOf(const ast::Equation &eq, ArrayRef<Value> ends,
                      ArrayRef<Value> lower) {
  SmallVector<const Expr *> reads;
  collectBoundaryReads(*eq.rhs, reads);
  unsigned numLeft = eq.lhsIndices.size();
  if (reads.empty() || numLeft == 0)
    return std::nullopt;
  Location loc = gen.loc(eq.loc);
  SmallVector<std::pair<Value, Value>> interior;
  for (unsigned k = 0; k < numLeft; ++k)
    interior.push_back({lower[k], ends[k]});
  for (const Expr *read : reads) {
    Value array = scope.values.lookup(read->name);
    for (auto [d, sub] : llvm::enumerate(read->args)) {
      if (!isIndexAffine(*sub, eq))
        return std::nullopt;
      std::optional<SmallVector<int64_t>> linear = linearFormOf(*sub, eq);
      std::optional<unsigned> k =
          linear ? leftIndexOf(*linear, eq) : std::nullopt;
      if (!k)
        return std::nullopt;
      // `i_k + (window terms) + c`: i_k is inside for
      // -min(offset) <= i_k < n - max(offset).
      int64_t least = linear->back(), most = linear->back();
      for (unsigned j = numLeft; j < eq.indices.size(); ++j) {
        int64_t a = (*linear)[j];
        if (a == 0)
          continue;
        std::optional<int64_t> lo = getConstantIntValue(lower[j]);
        std::optional<int64_t> hi = getConstantIntValue(ends[j]);
        if (!lo || !hi || *hi <= *lo)
          return std::nullopt;
        least += std::min(a * *lo, a * (*hi - 1));
        most += std::max(a * *lo, a * (*hi - 1));
      }
      Value n = tensor::DimOp::create(builder, loc, array, d);
      auto &[first, end] = interior[*k];
      first = arith::MaxSIOp::create(
          builder, loc, first,
          arith::ConstantIndexOp::create(builder, loc, -least));
      end = arith::MinSIOp::create(
          builder, loc, end,
          arith::SubIOp::create(
              builder, loc, n,
              arith::ConstantIndexOp::create(builder, loc, most)));
    }
  }
  // Keep lower <= first <= end <= the index's end.
  for (unsigned k = 0; k < numLeft; ++k) {
    auto &[first, end] = interior[k];
    first = arith::MinSIOp::create(builder, loc, first, ends[k]);
    end = arith::MinSIOp::create(builder, loc, end, ends[k]);
    end = arith::MaxSIOp::create(builder, loc, end, first);
  }
  return interior;
}

std::optional<SmallVector<int64_t>>
KernelGen::linearFormOf(const Expr &sub, const ast::Equation &eq) {
  FailureOr<AffineExpr> expr = toAffine(sub, eq);
  if (failed(expr))
    return std::nullopt;
  return linearForm(*expr, eq.indices.size());
}

std::optional<unsigned> KernelGen::leftIndexOf(ArrayRef<int64_t> linear,
                                               const ast::Equation &eq) {
  std::optional<unsigned> k;
  for (unsigned j = 0; j < eq.lhsIndices.size(); ++j) {
    if (linear[j] == 0)
      continue;
    if (k || linear[j] != 1)
      return std::nullopt;
    k = j;
  }
  return k;
}

bool KernelGen::remapsOnly(const ast::Equation &eq) const {
  SmallVector<const Expr *> reads;
  collectBoundaryReads(*eq.rhs, reads);
  return llvm::all_of(reads, [&](const Expr *read) {
    return llvm::any_of(kernel.params, [&](const ast::Param &p) {
      return p.name == read->name && remaps(p);
    });
  });
}

Value KernelGen::emitPeeled(const ast::Equation &eq, RankedTensorType type,
                            ArrayRef<Value> ends, ArrayRef<Value> lower,
                            Value init,
                            ArrayRef<std::pair<Value, Value>> interior) {
  Value result = init;
  if (!result) {
    // No domain on the left: the pieces together write every element.
    SmallVector<Value> sizes;
    for (int64_t d = 0; d < type.getRank(); ++d)
      if (type.isDynamicDim(d))
        sizes.push_back(ends[d]);
    result = tensor::EmptyOp::create(builder, gen.loc(eq.loc), type, sizes);
  }
  // Wrap, clamp and mirror only remap subscripts: along the outer indices
  // that costs a few operations per row of the innermost loop, which stays
  // vectorisable when its own index is in the interior. So only the
  // innermost index is peeled, and the pieces keep whole rows (Life: its
  // wrapped top and bottom rows run in the interior's parallel loop instead
  // of a scalar loop of their own). A padding value needs a condition per
  // element: every index is peeled then.
  unsigned numLeft = interior.size();
  unsigned peeledFrom = remapsOnly(eq) ? numLeft - 1 : 0;
  SmallVector<Value> first(lower), end(ends);
  SmallVector<bool> inside(numLeft, false);
  for (unsigned k = peeledFrom; k < numLeft; ++k) {
    std::tie(first[k], end[k]) = interior[k];
    inside[k] = true;
  }
  result = emitPiece(eq, type, end, first, result, inside);
  // Around the interior: for each peeled left-hand index, the strips below
  // and above it, with the peeled indices before it inside the interior.
  // The last index's strips come first: they share the interior's
  // outermost rows, so weft-merge-row-loops can run them in the interior's
  // row loop.
  for (unsigned k = numLeft; k-- > peeledFrom;) {
    inside[k] = false;
    const std::pair<Value, Value> &range = interior[k];
    SmallVector<Value> stripFirst(first.begin(), first.begin() + k);
    SmallVector<Value> stripEnd(end.begin(), end.begin() + k);
    stripFirst.append(lower.begin() + k, lower.end());
    stripEnd.append(ends.begin() + k, ends.end());
    for (auto [from, to] : {std::pair(lower[k], range.first),
                            std::pair(range.second, ends[k])}) {
      stripFirst[k] = from;
      stripEnd[k] = to;
      if (!result)
        return {};
      result = emitPiece(eq, type, stripEnd, stripFirst, result, inside);
    }
  }
  return result;
}

Value KernelGen::emitPiece(const ast::Equation &eq, RankedTensorType resultType,
                           ArrayRef<Value> domain, ArrayRef<Value> lower,
                           Value init, ArrayRef<bool> inside) {
  Location loc = gen.loc(eq.loc);
  insideIndices.assign(inside.begin(), inside.end());
  SmallVector<Read> reads;
  llvm::DenseMap<const Expr *, unsigned> readOf;
  if (!collectReads(*eq.rhs, eq, reads, readOf))
    return {};
  SmallVector<Value> inputs;
  SmallVector<Attribute> maps;
  SmallVector<Type> elementTypes;
  for (const Read &r : reads) {
    Value array = scope.values.lookup(r.array);
    auto type = array ? dyn_cast<RankedTensorType>(array.getType()) : nullptr;
    if (!type) {
      gen.error(eq.loc) << "internal error: '" << r.array
                        << "' is not an array defined before this equation";
      return {};
    }
    inputs.push_back(array);
    maps.push_back(AffineMapAttr::get(r.map));
    elementTypes.push_back(type.getElementType());
  }

  // The result element is addressed by the left-hand indices, which Sema
  // puts first in the iteration space.
  SmallVector<AffineExpr> written;
  for (unsigned i = 0; i < eq.lhsIndices.size(); ++i)
    written.push_back(getAffineDimExpr(i, &gen.context));
  AffineMap writes =
      AffineMap::get(eq.indices.size(), 0, written, &gen.context);

  // Data ranges reduce inside the body; with no other index to reduce
  // over, the equation only assigns their result.
  CombinerKind combiner =
      toCombinerKind(eq.combiner, ast::isUnsigned(eq.rhs->type.elem));
  if (eq.indices.size() == eq.lhsIndices.size())
    combiner = CombinerKind::none;
  SmallVector<StringRef> names(eq.indices.begin(), eq.indices.end());
  auto equation = EquationOp::create(
      builder, loc, resultType, builder.getStrArrayAttr(names), domain, lower,
      combiner, init, inputs, builder.getArrayAttr(maps), writes);

  OpBuilder::InsertionGuard guard(builder);
  SmallVector<Location> argLocs(elementTypes.size(), loc);
  Block *body =
      builder.createBlock(&equation.getBody(), {}, elementTypes, argLocs);
  exprGen.reads.clear();
  for (auto [expr, input] : readOf)
    exprGen.reads[expr] = body->getArgument(input);
  exprGen.equation = &eq;
  SmallVector<const ast::IndexDecl *> dataRanges;
  for (const ast::IndexDecl &d : eq.window)
    if (d.dataRange) {
      dataRanges.push_back(&d);
      collectBoundReads(*d.range->lo, exprGen.computedReads);
      collectBoundReads(*d.range->hi, exprGen.computedReads);
    }
  Value value = emitDataRanges(eq, dataRanges);
  exprGen.equation = nullptr;
  exprGen.reads.clear();
  exprGen.computedReads.clear();
  exprGen.insideDims.clear();
  exprGen.baseDims.clear();
  exprGen.dataIndices.clear();
  if (!value)
    return {};
  YieldOp::create(builder, gen.loc(eq.rhs->loc), value);
  return equation.getResult();
}

Value KernelGen::emitDataRanges(const ast::Equation &eq,
                                ArrayRef<const ast::IndexDecl *> ranges) {
  if (ranges.empty())
    return exprGen.emit(*eq.rhs);
  const ast::IndexDecl &index = *ranges.front();
  Value lo = gen.toIndex(exprGen.emit(*index.range->lo), *index.range->lo);
  Value hi = gen.toIndex(exprGen.emit(*index.range->hi), *index.range->hi);
  if (!lo || !hi)
    return {};
  Location loc = gen.loc(index.loc);
  if (index.range->inclusive)
    hi = arith::AddIOp::create(builder, loc, hi,
                               arith::ConstantIndexOp::create(builder, loc, 1));
  Type type = gen.elementType(eq.rhs->type.elem, eq.rhs->loc);
  auto range = ReduceRangeOp::create(
      builder, loc, type, lo, hi,
      toCombinerKind(eq.combiner, ast::isUnsigned(eq.rhs->type.elem)));
  OpBuilder::InsertionGuard guard(builder);
  Block *body = builder.createBlock(&range.getBody(), {},
                                    builder.getIndexType(), loc);
  exprGen.dataIndices[index.name] = body->getArgument(0);
  Value value = emitDataRanges(eq, ranges.drop_front());
  if (!value)
    return {};
  YieldOp::create(builder, gen.loc(eq.rhs->loc), value);
  return range.getResult();
}

Value KernelGen::bound(const Expr &e) {
  Value v = exprGen.emit(e);
  // A constant bound stays visibly constant: the lowering folds it into
  // read maps.
  if (APInt c; v && matchPattern(v, m_ConstantInt(&c)))
    return arith::ConstantIndexOp::create(
        builder, gen.loc(e.loc),
        ast::isUnsigned(e.type.elem) ? c.getZExtValue() : c.getSExtValue());
  return gen.toIndex(v, e);
}

Value KernelGen::initialValue(const ast::Equation &eq, RankedTensorType type) {
  const ast::Param *out = nullptr;
  for (const ast::Param &p : kernel.outputs)
    if (p.name == eq.target)
      out = &p;
  if (!out)
    return {};
  if (!out->initFrom.empty())
    return gen.coerce(scope.values.lookup(out->initFrom), type, out->loc);
  if (llvm::none_of(eq.lhsIndices,
                    [](const ast::IndexDecl &d) { return d.range.has_value(); }))
    return {};
  Location loc = gen.loc(eq.loc);
  SmallVector<Value> sizes;
  for (auto [d, dim] : llvm::enumerate(out->type.dims))
    if (type.isDynamicDim(d))
      sizes.push_back(scope.symbols.lookup(dim.symbol));
  if (llvm::is_contained(sizes, Value())) {
    gen.error(eq.loc) << "internal error: a dimension of '" << out->name
                      << "' is not bound";
    return {};
  }
  Value zero = gen.constant(type.getElementType(), 0, eq.loc);
  return FullOp::create(builder, loc, type, zero, sizes);
}

bool KernelGen::checkExtents(const ast::Equation &eq,
                             ArrayRef<Value> domain) {
  for (const ast::ExtentCheck &c : eq.extentChecks) {
    Value array = scope.values.lookup(c.array);
    auto type = array ? dyn_cast<RankedTensorType>(array.getType()) : nullptr;
    size_t pos = llvm::find(eq.indices, c.index) - eq.indices.begin();
    if (!type || c.dim >= type.getRank() || pos >= domain.size()) {
      gen.error(c.loc) << "internal error: no extent to check for dimension "
                       << c.dim << " of '" << c.array << "'";
      return false;
    }
    Location loc = gen.loc(c.loc);
    Value size = tensor::DimOp::create(builder, loc, array, c.dim);
    // The runtime appends "(<this extent> vs <the index's>)".
    CheckExtentOp::create(
        builder, loc, size, domain[pos],
        llvm::formatv("{0}:{1}:{2}: index '{3}' has conflicting ranges: "
                      "dimension {4} of '{5}' differs from {6}",
                      c.loc.file, c.loc.line, c.loc.col, c.index, c.dim,
                      c.array, c.extentFrom)
            .str());
  }
  return true;
}

static bool sameDim(const ast::Dim &a, const ast::Dim &b) {
  if (a.kind != b.kind)
    return false;
  if (a.kind == ast::Dim::Kind::Constant)
    return a.constant == b.constant;
  return a.kind == ast::Dim::Kind::Symbol && a.symbol == b.symbol &&
         a.offset == b.offset;
}

Value KernelGen::checkCallResult(const ast::Equation &eq,
                                 const ast::Param &output, Value result) {
  const ast::Type &declared = output.type;
  const ast::Type &returned = eq.targetType;
  if (!declared.isArray || declared.rank() != returned.rank())
    return result;
  Location loc = gen.loc(eq.rhs->loc);
  for (auto [d, dim] : llvm::enumerate(declared.dims)) {
    if (sameDim(dim, returned.dims[d]))
      continue;
    Value expected;
    if (dim.kind == ast::Dim::Kind::Constant)
      expected = arith::ConstantIndexOp::create(builder, loc, dim.constant);
    else
      expected = scope.symbols.lookup(dim.symbol);
    if (!expected) {
      gen.error(eq.loc) << "internal error: the extent '" << dim.symbol
                        << "' of '" << output.name << "' is not bound";
      return {};
    }
    Value size = tensor::DimOp::create(builder, loc, result, d);
    const ast::Location &l = eq.rhs->loc;
    CheckExtentOp::create(
        builder, loc, size, expected,
        llvm::formatv("{0}:{1}:{2}: dimension {3} of the result of '{4}' "
                      "does not match output '{5}'",
                      l.file, l.line, l.col, d, eq.rhs->name, output.name)
            .str());
  }
  return result;
}

void KernelGen::emitCallEquation(const ast::Equation &eq) {
  const Expr &call = *eq.rhs;
  SmallVector<Value> args;
  for (const auto &arg : call.args) {
    args.push_back(exprGen.emit(*arg));
    if (!args.back())
      return;
  }
  CallOp callOp = emitKernelCall(gen, call, args);
  if (!callOp)
    return;
  if (callOp.getNumResults() != 1) {
    gen.notSupported(call.loc, "calling a kernel with " +
                                   std::to_string(callOp.getNumResults()) +
                                   " outputs in an equation");
    return;
  }
  Value result = callOp.getResult(0);
  for (const ast::Param &out : kernel.outputs)
    if (out.name == eq.target)
      result = checkCallResult(eq, out, result);
  if (result)
    scope.values[eq.target] = result;
}

void KernelGen::emitReturn() {
  SmallVector<Value> results;
  for (auto [output, type] : llvm::zip(kernel.outputs, op.getResultTypes())) {
    Value v = scope.values.lookup(output.name);
    if (!v) {
      gen.error(output.loc)
          << "the output '" << output.name << "' is never defined";
      return;
    }
    v = gen.coerce(v, type, output.loc);
    if (!v)
      return;
    results.push_back(v);
  }
  ReturnOp::create(builder, gen.loc(kernel.loc), results);
}

void declareKernel(GenContext &gen, const ast::Kernel &kernel) {
  SmallVector<Type> params, results;
  SmallVector<Location> paramLocs;
  for (const ast::Param &p : kernel.params) {
    params.push_back(gen.type(p.type, p.loc));
    paramLocs.push_back(gen.loc(p.loc));
  }
  // A scalar output is returned as a rank-0 tensor.
  for (const ast::Param &p : kernel.outputs)
    results.push_back(gen.tensorType(p.type, p.loc));
  if (llvm::is_contained(params, Type()) || llvm::is_contained(results, Type()))
    return;
  OpBuilder::InsertionGuard guard(gen.builder);
  gen.builder.setInsertionPointToEnd(gen.module.getBody());
  auto op = KernelOp::create(gen.builder, gen.loc(kernel.loc), kernel.name,
                             gen.builder.getFunctionType(params, results),
                             /*arg_attrs=*/nullptr, /*res_attrs=*/nullptr);
  gen.builder.createBlock(&op.getBody(), {}, params, paramLocs);
  gen.kernels[kernel.name] = {op, &kernel};
}

void emitKernelBody(GenContext &gen, const ast::Kernel &kernel) {
  auto it = gen.kernels.find(kernel.name);
  if (it == gen.kernels.end() || it->second.second != &kernel)
    return; // its signature was already reported
  KernelGen(gen, kernel, it->second.first).emit();
}

} // namespace weft::detail
