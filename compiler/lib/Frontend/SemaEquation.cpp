//===- SemaEquation.cpp - indices, names and reads of one equation -------===//
#include "SemaEquation.h"
#include "SemaBuiltins.h"

#include <functional>

using namespace weft;
using namespace weft::sema;
using ast::ElemKind;
using ast::Expr;

void EquationChecker::run() {
  const ast::Kernel *callee = nullptr;
  if (eq.rhs && eq.rhs->kind == Expr::Kind::Call)
    callee = ctx.kernels.lookup(eq.rhs->name);
  bool ok = false;
  if (!eq.rhs) {
    // Only after a syntax error, which was reported.
  } else if (eq.lhsIndices.empty() && eq.window.empty() && callee) {
    ok = checkKernelCallEquation(*callee);
  } else {
    ok = checkIndexEquation();
  }
  scope.defined[eq.target] = ok ? eq.targetType : ast::Type();
}

//===----------------------------------------------------------------------===//
// Kernel-call equations: `P = softmax(S)`
//===----------------------------------------------------------------------===//

bool EquationChecker::checkKernelCallEquation(const ast::Kernel &callee) {
  eq.isKernelCall = true;
  if (eq.combiner != ast::Combiner::Assign) {
    ctx.error(eq.loc) << "a kernel call defines a whole array: use '=', not '"
                      << ast::combinerSpelling(eq.combiner) << "'";
    return false;
  }
  const ast::Param *initialised = scope.outputs.lookup(eq.target);
  if (initialised && !initialised->initFrom.empty()) {
    ctx.error(eq.loc) << "output '" << eq.target << "' starts as a copy of '"
                      << initialised->initFrom
                      << "', so an index equation must define it, not a "
                         "kernel call";
    return false;
  }
  ctx.kernelCalls.push_back({scope.kernel.name, callee.name, eq.rhs->loc});
  if (ctx.badSignatures.count(callee.name))
    return false;
  if (callee.outputs.size() != 1) {
    ctx.unsupported(eq.rhs->loc, "calling a kernel with " +
                                     std::to_string(callee.outputs.size()) +
                                     " outputs in a kernel");
    return false;
  }
  if (!checkKernelCall(*eq.rhs, callee))
    return false;
  eq.targetType = eq.rhs->type;
  const ast::Param *out = scope.outputs.lookup(eq.target);
  if (out && !compatibleTypes(out->type, eq.targetType)) {
    ctx.error(eq.loc) << "'" << eq.target << "' is declared "
                      << quoted(out->type) << " but '" << callee.name
                      << "' returns " << quoted(eq.targetType);
    return false;
  }
  return true;
}

bool EquationChecker::checkArrayArgument(Expr &e) {
  if (e.kind != Expr::Kind::Name) {
    ctx.error(e.loc) << "a kernel call in a kernel takes whole arrays, like "
                        "'S', not expressions";
    return false;
  }
  const ast::Type *type = resolveArray(e);
  if (!type)
    return false;
  e.type = *type;
  return isValid(e.type);
}

//===----------------------------------------------------------------------===//
// Index equations: `C[i, j] += A[i, k] * B[k, j]`
//===----------------------------------------------------------------------===//

const char *EquationChecker::describeTaken(llvm::StringRef name) const {
  if (scope.inputs.count(name))
    return "a parameter";
  if (scope.outputs.count(name))
    return "an output";
  if (scope.symbols.count(name))
    return "a shape symbol";
  if (scope.targets.count(name))
    return "an array";
  return "a builtin";
}

bool EquationChecker::declareIndex(const ast::IndexDecl &idx, bool onLeft) {
  if (scope.isTaken(idx.name)) {
    ctx.error(idx.loc) << "'" << idx.name << "' cannot be an index: it is "
                       << describeTaken(idx.name);
    return false;
  }
  if (ctx.kernels.count(idx.name) || ctx.functions.count(idx.name)) {
    // Not an index on the right either (collectIndices).
    ctx.error(idx.loc) << "'" << idx.name << "' cannot be an index: it is "
                       << (ctx.kernels.count(idx.name) ? "a kernel"
                                                       : "a function");
    return false;
  }
  if (indices.count(idx.name)) {
    ctx.error(idx.loc) << "index '" << idx.name << "' appears twice on the "
                       << (onLeft ? "left" : "left or in the window");
    return false;
  }
  indices[idx.name] = IndexInfo{idx.loc, onLeft, false, "", std::nullopt};
  eq.indices.push_back(idx.name);
  return true;
}

bool EquationChecker::checkRange(ast::Range &r, const std::string &index,
                                 IndexRange &range) {
  std::string what = "a bound of the range of '" + index + "'";
  if (!r.lo || !r.hi || !affineOf(*r.lo, what, false, range.lo) ||
      !affineOf(*r.hi, what, false, range.hi))
    return false;
  if (r.inclusive && !range.hi.add(Affine{{}, 1}, 1)) {
    ctx.error(r.loc) << "the range of '" << index << "' does not fit in i64";
    return false;
  }
  IndexInfo &info = indices[index];
  info.range = range;
  info.hasExtent = true;
  info.extentFrom = "its range";
  ast::Extent ext;
  ext.kind = ast::Extent::Kind::Range;
  extents[index] = ext;
  return true;
}

bool EquationChecker::declareWindow() {
  bool ok = true;
  for (ast::IndexDecl &idx : eq.window) {
    if (!declareIndex(idx, /*onLeft=*/false) || !idx.range) {
      ok = false;
      continue;
    }
    IndexRange range;
    ok &= isDataRange(*idx.range) ? checkDataRange(idx)
                                  : checkRange(*idx.range, idx.name, range);
  }
  return ok;
}

bool EquationChecker::isDataRange(const ast::Range &r) const {
  std::function<bool(const Expr &)> uses = [&](const Expr &e) {
    if (e.kind == Expr::Kind::Index ||
        (e.kind == Expr::Kind::Name && indices.count(e.name)))
      return true;
    for (const Expr *child : {e.lhs.get(), e.rhs.get()})
      if (child && uses(*child))
        return true;
    return llvm::any_of(e.args, [&](const ast::ExprPtr &a) { return uses(*a); });
  };
  return (r.lo && uses(*r.lo)) || (r.hi && uses(*r.hi));
}

bool EquationChecker::checkDataRange(ast::IndexDecl &idx) {
  IndexInfo &info = indices[idx.name];
  info.dataRange = true;
  info.hasExtent = true;
  info.extentFrom = "its range";
  idx.dataRange = true;
  eq.indices.pop_back(); // declareIndex has just added it
  bool ok = true;
  if (eq.combiner == ast::Combiner::Assign) {
    auto diag = ctx.error(idx.loc) << "index '" << idx.name
                                   << "' appears on the right but not on "
                                      "the left of '='";
    diag.attachNote() << "to combine the values over '" << idx.name
                      << "', use a reduction such as '+=' or 'max='";
    ok = false;
  }
  // The bounds are computed for each element: any integer expression of
  // shape symbols, the indices declared before and array reads.
  rangeBoundOf = idx.name;
  for (Expr *bound : {idx.range->lo.get(), idx.range->hi.get()}) {
    if (!check(*bound, ElemKind::I64)) {
      ok = false;
      continue;
    }
    if (bound->type.isArray || !ast::isInteger(bound->type.elem)) {
      ctx.error(bound->loc) << "a bound of the range of '" << idx.name
                            << "' must be an integer, not "
                            << quoted(bound->type);
      ok = false;
    }
  }
  rangeBoundOf.clear();
  return ok;
}

bool EquationChecker::checkDomain(const std::string &index,
                                  const IndexRange &range, unsigned d,
                                  const ast::Dim &dim,
                                  const ast::Location &loc) {
  // The range [lo, hi) fits when 0 <= lo and hi <= dim; an empty range
  // writes nothing, so lo..hi with lo >= hi is fine too when lo >= 0.
  // A range empty for every size (`1..1`, `3..1`: hi - lo a constant <= 0)
  // fits whenever lo >= 0, which `lo` in [0, lo + 1) checks.
  Affine length = range.hi;
  if (length.add(range.lo, -1) && length.terms.empty() &&
      length.constant <= 0) {
    Affine afterLo = range.lo;
    afterLo.constant += 1;
    if (provablyInBounds(range.lo, {}, afterLo))
      return true;
  }
  llvm::StringMap<IndexRange> single;
  single[index] = range;
  Affine value;
  value.terms.emplace_back(index, 1);
  if (provablyInBounds(value, single, dimAffine(dim)))
    return true;
  auto diag = ctx.error(loc)
              << "the domain '" << index << " in " << range.lo.toString()
              << ".." << range.hi.toString() << "' can leave dimension " << d
              << " of '" << eq.target << "' ("
              << dimAffine(dim).toString() << ")";
  diag.attachNote() << "a domain must lie inside the array it writes";
  return false;
}

bool EquationChecker::declareLeftIndices() {
  bool ok = true;
  for (const ast::IndexDecl &idx : eq.lhsIndices)
    ok &= declareIndex(idx, /*onLeft=*/true);
  ok &= declareWindow();
  if (!ok)
    return false;
  bool hasDomain = false;
  for (ast::IndexDecl &idx : eq.lhsIndices) {
    IndexRange range;
    if (!idx.range)
      continue;
    hasDomain = true;
    if (isDataRange(*idx.range)) {
      auto diag = ctx.error(idx.range->loc)
                  << "the domain of '" << idx.name
                  << "' must be affine in shape symbols";
      diag.attachNote() << "a range that uses indices or reads arrays is "
                           "only for a reduced index, in the 'for' clause "
                           "(e.g. 'for p in rowptr[r]..rowptr[r + 1]')";
      ok = false;
      continue;
    }
    ok &= checkRange(*idx.range, idx.name, range);
  }
  const ast::Param *out = scope.outputs.lookup(eq.target);
  if (!ok)
    return false;
  if (!out) {
    if (!hasDomain)
      return true;
    auto diag = ctx.error(eq.loc) << "'" << eq.target
                                  << "' has an explicit domain but is not an "
                                     "output";
    diag.attachNote() << "a temporary's shape comes from its indices' "
                         "ranges; only an output, whose shape is declared, "
                         "can be written in part";
    return false;
  }
  if (out->type.rank() != static_cast<int64_t>(eq.lhsIndices.size())) {
    ctx.error(eq.loc) << "'" << eq.target << "' has rank " << out->type.rank()
                      << " but is written with "
                      << plural(eq.lhsIndices.size(), "subscript");
    return false;
  }
  for (size_t d = 0; d < eq.lhsIndices.size(); ++d) {
    const ast::IndexDecl &idx = eq.lhsIndices[d];
    if (const auto &range = indices[idx.name].range)
      ok &= checkDomain(idx.name, *range, d, out->type.dims[d], idx.loc);
    else
      bindExtent(idx.name, eq.target, d, out->type.dims[d], idx.loc);
  }
  return ok;
}

void EquationChecker::collectIndices(const Expr &e, bool inSubscript) {
  switch (e.kind) {
  case Expr::Kind::Name:
    if (inSubscript && !scope.isTaken(e.name) && !ctx.kernels.count(e.name) &&
        !ctx.functions.count(e.name) && !indices.count(e.name)) {
      indices[e.name] = IndexInfo{e.loc, /*onLeft=*/false, false, ""};
      eq.indices.push_back(e.name);
    }
    return;
  case Expr::Kind::Index:
    for (const ast::ExprPtr &sub : e.args)
      collectIndices(*sub, /*inSubscript=*/true);
    return;
  case Expr::Kind::Call:
    for (const ast::ExprPtr &arg : e.args)
      collectIndices(*arg, inSubscript);
    for (const ast::NamedArg &arg : e.namedArgs)
      collectIndices(*arg.value, inSubscript);
    return;
  case Expr::Kind::Binary:
    collectIndices(*e.lhs, inSubscript);
    collectIndices(*e.rhs, inSubscript);
    return;
  case Expr::Kind::Unary:
    collectIndices(*e.lhs, inSubscript);
    return;
  default:
    return;
  }
}

bool EquationChecker::checkIndexEquation() {
  if (!declareLeftIndices())
    return false;
  collectIndices(*eq.rhs, /*inSubscript=*/false);
  bool ok = true;
  if (eq.combiner == ast::Combiner::Assign) {
    for (const std::string &name : eq.indices) {
      const IndexInfo &info = indices[name];
      if (info.onLeft)
        continue;
      auto diag = ctx.error(info.loc)
                  << "index '" << name
                  << "' appears on the right but not on the left of '='";
      diag.attachNote() << "to combine the values over '" << name
                        << "', use a reduction such as '+=' or 'max='";
      ok = false;
    }
  }
  const ast::Param *out = scope.outputs.lookup(eq.target);
  if (!check(*eq.rhs, out ? out->type.elem : ElemKind::Invalid))
    return false;
  if (!isValue(eq.rhs->type)) {
    ctx.error(eq.rhs->loc) << "an equation computes numbers or bools, not "
                              "strings";
    return false;
  }
  bindShiftedUses();
  for (const std::string &name : eq.indices) {
    if (indices[name].hasExtent)
      continue;
    ctx.error(indices[name].loc)
        << "index '" << name << "' has no range: it subscripts no dimension";
    ok = false;
  }
  if (!ok || !checkOffsetReads())
    return false;

  ElemKind elem = eq.rhs->type.elem;
  bool isBoolean = eq.combiner == ast::Combiner::Any ||
                   eq.combiner == ast::Combiner::All;
  if (isBoolean && elem != ElemKind::Bool) {
    ctx.error(eq.loc) << "reduction '" << ast::combinerSpelling(eq.combiner)
                      << "' needs bools, not " << quoted(eq.rhs->type);
    return false;
  }
  if (!isBoolean && eq.combiner != ast::Combiner::Assign && !isNumeric(elem)) {
    ctx.error(eq.loc) << "reduction '" << ast::combinerSpelling(eq.combiner)
                      << "' needs numbers, not " << quoted(eq.rhs->type);
    return false;
  }
  if (out && out->type.elem != elem) {
    auto diag = ctx.error(eq.rhs->loc)
                << "the equation for '" << eq.target << "' computes "
                << quoted(eq.rhs->type) << ", but '" << eq.target
                << "' is declared " << quoted(out->type);
    diag.attachNote() << "convert with a cast, e.g. '"
                      << ast::elemKindName(out->type.elem) << "(...)'";
    return false;
  }
  for (const std::string &name : eq.indices)
    eq.extents.push_back(extents.lookup(name));
  if (out) {
    eq.targetType = out->type;
    return true;
  }
  // A temporary without left-hand indices is a scalar (`s += x[i]`).
  eq.targetType = scalarType(elem);
  eq.targetType.isArray = !eq.lhsIndices.empty();
  for (size_t d = 0; d < eq.lhsIndices.size(); ++d) {
    ast::Dim dim = dimOf(eq.extents[d]);
    dim.loc = eq.lhsIndices[d].loc;
    eq.targetType.dims.push_back(dim);
  }
  return true;
}

//===----------------------------------------------------------------------===//
// Names and reads
//===----------------------------------------------------------------------===//

void EquationChecker::reportUsedBeforeDefinition(const Expr &e) {
  auto diag = ctx.error(e.loc) << "'" << e.name
                               << "' is used before it is defined";
  if (const ast::Equation *def = scope.targets.lookup(e.name))
    diag.attachNote(ctx.loc(def->loc)) << "'" << e.name << "' is defined here";
}

const ast::Type *EquationChecker::resolveArray(Expr &e) {
  if (const ast::Param *p = scope.inputs.lookup(e.name)) {
    e.nameKind = ast::NameKind::Param;
    return &p->type;
  }
  auto it = scope.defined.find(e.name);
  if (it != scope.defined.end()) {
    e.nameKind = ast::NameKind::Array;
    return &it->second;
  }
  if (scope.targets.count(e.name) || scope.outputs.count(e.name)) {
    reportUsedBeforeDefinition(e);
    return nullptr;
  }
  if (scope.symbols.count(e.name)) {
    ctx.error(e.loc) << "shape symbol '" << e.name << "' is not an array";
    return nullptr;
  }
  auto diag = ctx.error(e.loc) << "use of undefined name '" << e.name << "'";
  ctx.suggest(diag, e.name, scope.candidates());
  return nullptr;
}

bool EquationChecker::checkName(Expr &e) {
  if (reportOwnRangeBound(e))
    return false;
  if (indices.count(e.name)) {
    // The index's current value (`f32(i)`); its range comes from elsewhere.
    e.nameKind = ast::NameKind::Index;
    e.type = scalarType(ElemKind::I64);
    return true;
  }
  if (scope.symbols.count(e.name)) {
    // An extent, as an i64 (`f32(C)` for a mean).
    e.nameKind = ast::NameKind::ShapeSymbol;
    e.type = scalarType(ElemKind::I64);
    return true;
  }
  // Parameters and arrays of the kernel shadow builtins and kernels.
  bool local = scope.inputs.count(e.name) || scope.outputs.count(e.name) ||
               scope.targets.count(e.name);
  if (!local && (isBuiltinName(e.name) || ctx.kernels.count(e.name) ||
                 ctx.functions.count(e.name))) {
    ctx.error(e.loc) << "'" << e.name << "' is a function, not a value";
    return false;
  }
  const ast::Type *type = resolveArray(e);
  if (!type)
    return false;
  if (type->isArray) {
    if (isValid(*type))
      ctx.error(e.loc) << "array '" << e.name
                       << "' is read without subscripts (it has rank "
                       << type->rank() << ")";
    return false;
  }
  e.type = *type;
  return true;
}

bool EquationChecker::checkIndex(Expr &e) {
  if (eq.isKernelCall) {
    ctx.error(e.loc) << "a kernel call in a kernel takes whole arrays, like '"
                     << e.name << "', not single elements";
    return false;
  }
  const ast::Type *type = resolveArray(e);
  // An invalid type (a temporary whose equation failed) has been reported.
  if (!type || !isValid(*type))
    return false;
  if (!type->isArray) {
    ctx.error(e.loc) << "'" << e.name << "' is a scalar and has no subscripts";
    return false;
  }
  if (static_cast<int64_t>(e.args.size()) != type->rank()) {
    ctx.error(e.loc) << "'" << e.name << "' has rank " << type->rank()
                     << " but is read with " << plural(e.args.size(), "subscript");
    return false;
  }
  // A read in a data range's bound neither gives an index its range nor
  // must be proved inside: it is checked at run time where it cannot be.
  bool inRangeBound = !rangeBoundOf.empty();
  OffsetRead read{&e, {}, {}, type->dims, inRangeBound};
  bool ok = true;
  for (ast::ExprPtr &sub : e.args) {
    read.subscripts.emplace_back();
    bool gathered = ast::readsArray(*sub);
    read.gathered.push_back(gathered);
    ok &= gathered ? checkGather(*sub, e)
                   : affineOf(*sub, "subscript of '" + e.name + "'",
                              /*allowIndices=*/true, read.subscripts.back());
  }
  if (!ok)
    return false;
  bool plain = true;
  for (size_t d = 0; d < e.args.size(); ++d) {
    if (read.gathered[d]) {
      plain = false;
      continue;
    }
    auto index = read.subscripts[d].plainIndex();
    if (!inRangeBound && index && indices.count(*index) &&
        !indices[*index].range && !indices[*index].dataRange) {
      bindExtent(*index, e.name, d, type->dims[d], e.args[d]->loc);
      continue;
    }
    plain = false;
    if (!inRangeBound)
      recordShiftedUse(read.subscripts[d], e, d, type->dims[d],
                       e.args[d]->loc);
  }
  if (!plain)
    offsetReads.push_back(std::move(read));
  e.type = scalarType(type->elem);
  return true;
}

bool EquationChecker::checkOtherCall(Expr &e, ElemKind) {
  if (ctx.kernels.count(e.name)) {
    ctx.error(e.loc) << "kernel '" << e.name
                     << "' can only be called by a whole equation, like 'P = "
                     << e.name << "(S)'";
    return false;
  }
  if (ctx.functions.count(e.name)) {
    ctx.unsupported(e.loc, "calling function '" + e.name + "' from a kernel");
    return false;
  }
  if (isHostBuiltin(e.name)) {
    ctx.error(e.loc) << "'" << e.name << "' can only be used in host code";
    return false;
  }
  auto diag = ctx.error(e.loc) << "call to unknown function '" << e.name
                               << "'";
  std::vector<std::string> names(mathBuiltinNames().begin(),
                                 mathBuiltinNames().end());
  for (const auto &k : ctx.kernels)
    names.push_back(k.getKey().str());
  ctx.suggest(diag, e.name, names);
  return false;
}
