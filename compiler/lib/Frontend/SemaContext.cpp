//===- SemaContext.cpp - diagnostics and type helpers for Sema ------------===//
#include "SemaContext.h"

#include "weft/Frontend/Location.h"

using namespace weft;
using namespace weft::sema;

mlir::Location SemaContext::loc(const ast::Location &l) const {
  return toMLIRLoc(context, l);
}

mlir::InFlightDiagnostic SemaContext::error(const ast::Location &l) {
  errors = true;
  return mlir::emitError(loc(l));
}

void SemaContext::unsupported(const ast::Location &l, const llvm::Twine &what) {
  error(l) << what << " is not supported yet";
}

void SemaContext::suggest(mlir::InFlightDiagnostic &diag, llvm::StringRef name,
                          llvm::ArrayRef<std::string> candidates) const {
  // Allow about one typo per three characters, at least one, but never
  // replace a whole name ('q' is no typo of 'u').
  if (name.empty())
    return;
  unsigned limit = std::max<size_t>(1, name.size() / 3);
  if (limit >= name.size())
    limit = name.size() - 1;
  unsigned best = limit + 1;
  const std::string *closest = nullptr;
  for (const std::string &c : candidates) {
    unsigned d = name.edit_distance(c, /*AllowReplacements=*/true, best);
    if (d < best) {
      best = d;
      closest = &c;
    }
  }
  if (closest)
    diag.attachNote() << "did you mean '" << *closest << "'?";
}

ast::Type sema::scalarType(ast::ElemKind elem) {
  ast::Type t;
  t.elem = elem;
  return t;
}

bool sema::isNumeric(ast::ElemKind elem) {
  return ast::isFloat(elem) || ast::isInteger(elem);
}

bool sema::isValue(const ast::Type &t) {
  return isNumeric(t.elem) || t.elem == ast::ElemKind::Bool;
}

bool sema::compatibleTypes(const ast::Type &a, const ast::Type &b) {
  if (a.elem != b.elem || a.isArray != b.isArray || a.rank() != b.rank())
    return false;
  for (size_t i = 0; i < a.dims.size(); ++i) {
    const ast::Dim &x = a.dims[i], &y = b.dims[i];
    if (x.kind == ast::Dim::Kind::Constant &&
        y.kind == ast::Dim::Kind::Constant && x.constant != y.constant)
      return false;
  }
  return true;
}

std::string sema::plural(size_t n, llvm::StringRef noun) {
  return std::to_string(n) + " " + noun.str() + (n == 1 ? "" : "s");
}

std::string sema::quoted(const ast::Type &t) {
  return "'" + ast::typeToString(t) + "'";
}

std::string sema::nameTuple(llvm::ArrayRef<std::string> names) {
  std::string text = "(";
  for (size_t i = 0; i < names.size(); ++i)
    text += (i ? ", " : "") + names[i];
  return text + ")";
}

std::vector<std::string> sema::outputNames(const ast::Kernel &kernel) {
  std::vector<std::string> names;
  for (const ast::Param &out : kernel.outputs)
    names.push_back(out.name);
  return names;
}
