//===- SemaHelper.cpp - scalar helper functions ---------------------------===//
#include "SemaHelper.h"
#include "SemaExpr.h"

using namespace weft;
using namespace weft::sema;
using ast::Expr;

bool sema::checkHelperSignature(SemaContext &ctx, ast::Function &fn) {
  bool ok = true;
  llvm::StringMap<ast::Location> seen;
  for (ast::Param &p : fn.params) {
    if (!seen.try_emplace(p.name, p.loc).second) {
      auto diag = ctx.error(p.loc) << "redefinition of '" << p.name << "'";
      diag.attachNote(ctx.loc(seen.lookup(p.name)))
          << "previous definition is here";
      ok = false;
    }
    if (p.type.isArray || !isValue(p.type)) {
      auto diag = ctx.error(p.loc)
                  << "parameter '" << p.name << "' of the helper function '"
                  << fn.name << "' must be a number or a bool, not "
                  << quoted(p.type);
      diag.attachNote() << "helper functions work on scalars; array code "
                           "belongs in a kernel";
      ok = false;
    }
    if (p.defaultValue) {
      ctx.error(p.defaultValue->loc)
          << "only the parameters of 'main' have default values";
      ok = false;
    }
  }
  if (!fn.returnType) {
    auto diag = ctx.error(fn.loc) << "the helper function '" << fn.name
                                  << "' needs a return type";
    diag.attachNote() << "e.g. 'fn " << fn.name << "(x: f32) -> f32 = ...'";
    return false;
  }
  if (fn.returnType->isArray || !isValue(*fn.returnType)) {
    ctx.error(fn.loc) << "the helper function '" << fn.name
                      << "' must return a number or a bool, not "
                      << quoted(*fn.returnType);
    return false;
  }
  return ok;
}

namespace {

/// A helper's body: names are its parameters; it reads no arrays and calls
/// only math builtins, casts and other helpers.
class HelperBodyChecker : public ExprChecker {
public:
  HelperBodyChecker(SemaContext &ctx, const ast::Function &fn)
      : ExprChecker(ctx), fn(fn) {
    enclosingHelper = &fn;
  }

private:
  bool checkName(Expr &e) override {
    for (const ast::Param &p : fn.params) {
      if (p.name != e.name)
        continue;
      e.nameKind = ast::NameKind::Param;
      e.type = p.type;
      return true;
    }
    auto diag = ctx.error(e.loc) << "use of undeclared name '" << e.name
                                 << "'";
    std::vector<std::string> names;
    for (const ast::Param &p : fn.params)
      names.push_back(p.name);
    ctx.suggest(diag, e.name, names);
    return false;
  }

  bool checkIndex(Expr &e) override {
    ctx.error(e.loc) << "the helper function '" << fn.name
                     << "' cannot read array elements";
    return false;
  }

  bool checkOtherCall(Expr &e, ast::ElemKind) override {
    auto diag = ctx.error(e.loc)
                << "the helper function '" << fn.name << "' cannot call '"
                << e.name << "'";
    diag.attachNote() << "a helper calls only math builtins, casts and other "
                         "helper functions";
    return false;
  }

  // Only kernel calls take whole arrays, and a helper calls no kernel.
  bool checkArrayArgument(Expr &e) override {
    ctx.error(e.loc) << "the helper function '" << fn.name
                     << "' has no arrays";
    return false;
  }

  const ast::Function &fn;
};

} // namespace

void sema::checkHelperBody(SemaContext &ctx, ast::Function &fn) {
  HelperBodyChecker(ctx, fn).checkScalarOf(
      *fn.exprBody, fn.returnType->elem,
      "the value of the helper function '" + fn.name + "'");
}
