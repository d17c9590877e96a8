//===- SemaKernelCall.cpp - arguments and result of a kernel call ---------===//
//
// Shared by kernel-call equations (`P = softmax(S)`) and host calls
// (`let C = matmul(A, B)`, `let (x, r) = update(...)`); the callers check
// how many outputs they can take. The callee's shape symbols are bound to the
// caller's dims argument by argument; dims that are constant on both sides are
// checked here, every other agreement is checked at run time by MLIRGen.
//
//===----------------------------------------------------------------------===//
#include "SemaExpr.h"

#include "llvm/ADT/StringMap.h"

using namespace weft;
using namespace weft::sema;
using ast::Dim;

namespace {
/// A callee symbol bound to a caller dim, and which argument bound it.
struct Binding {
  Dim dim;
  size_t argument;
};

} // namespace

bool ExprChecker::checkKernelCall(ast::Expr &call, const ast::Kernel &callee) {
  call.nameKind = ast::NameKind::Function;
  bool ok = true;
  for (const ast::NamedArg &arg : call.namedArgs) {
    ctx.error(arg.loc) << "kernel '" << callee.name
                       << "' has no named arguments";
    ok = false;
  }
  if (call.args.size() != callee.params.size()) {
    auto diag = ctx.error(call.loc)
                << "kernel '" << callee.name << "' expects "
                << plural(callee.params.size(), "argument") << ", got "
                << call.args.size();
    diag.attachNote(ctx.loc(callee.loc)) << "'" << callee.name
                                         << "' is defined here";
    return false;
  }
  llvm::StringMap<Binding> bindings;
  for (size_t i = 0; i < call.args.size(); ++i) {
    ast::Expr &arg = *call.args[i];
    const ast::Param &param = callee.params[i];
    std::string what = "argument " + std::to_string(i + 1) + " of '" +
                       callee.name + "'";
    if (!param.type.isArray) {
      ok &= checkScalarOf(arg, param.type.elem, what);
      continue;
    }
    if (!checkArrayArgument(arg)) {
      ok = false;
      continue;
    }
    const ast::Type &actual = arg.type;
    if (!actual.isArray || actual.elem != param.type.elem ||
        actual.rank() != param.type.rank()) {
      auto diag = ctx.error(arg.loc) << what << " must be an array like "
                                     << quoted(param.type) << ", not "
                                     << quoted(actual);
      diag.attachNote(ctx.loc(param.loc)) << "parameter '" << param.name
                                          << "' is declared here";
      ok = false;
      continue;
    }
    for (size_t d = 0; d < actual.dims.size(); ++d) {
      const Dim &want = param.type.dims[d], &have = actual.dims[d];
      if (want.kind == Dim::Kind::Constant) {
        if (have.kind == Dim::Kind::Constant && have.constant != want.constant) {
          ctx.error(arg.loc) << "dimension " << d << " of " << what << " is "
                             << have.constant << " but must be "
                             << want.constant;
          ok = false;
        }
        continue;
      }
      // `want` is the symbol plus its offset (`m + 1`): the symbol is the
      // caller's extent minus the offset, unknown until run time unless it
      // is a constant.
      Dim value = have;
      if (want.offset != 0 && have.kind == Dim::Kind::Constant) {
        value.constant = have.constant - want.offset;
        if (value.constant < 0) {
          ctx.error(arg.loc) << "dimension " << d << " of " << what << " is "
                             << have.constant << " but must be at least "
                             << want.offset << " ('"
                             << ast::symbolDimToString(want.symbol,
                                                       want.offset)
                             << "')";
          ok = false;
          continue;
        }
      } else if (want.offset != 0) {
        value.kind = Dim::Kind::Unknown;
      }
      auto [it, inserted] = bindings.try_emplace(want.symbol, Binding{value, i});
      const Dim &bound = it->second.dim;
      if (!inserted && bound.kind == Dim::Kind::Constant &&
          value.kind == Dim::Kind::Constant &&
          bound.constant != value.constant) {
        ctx.error(arg.loc) << "dimension " << d << " of " << what << " is "
                           << have.constant << ", but '"
                           << ast::symbolDimToString(want.symbol, want.offset)
                           << "' is " << bound.constant + want.offset
                           << " from argument " << it->second.argument + 1;
        ok = false;
      }
    }
  }
  if (!ok)
    return false;
  // Outputs only use symbols bound by parameters (checked with the kernel's
  // signature), so every symbol here has a binding.
  call.outputTypes.clear();
  for (const ast::Param &output : callee.outputs) {
    ast::Type result = output.type;
    for (Dim &d : result.dims) {
      if (d.kind != Dim::Kind::Symbol)
        continue;
      auto it = bindings.find(d.symbol);
      if (it == bindings.end())
        return false;
      d = it->second.dim;
    }
    call.outputTypes.push_back(std::move(result));
  }
  if (call.outputTypes.size() == 1)
    call.type = call.outputTypes[0];
  return true;
}
