//===- SemaKernel.cpp - kernel signatures and single assignment -----------===//
#include "SemaKernel.h"
#include "SemaBuiltins.h"
#include "SemaEquation.h"
#include "SemaHost.h"

using namespace weft;
using namespace weft::sema;
using ast::Dim;

KernelScope::KernelScope(ast::Kernel &kernel) : kernel(kernel) {
  for (const ast::Param &p : kernel.params) {
    inputs.try_emplace(p.name, &p);
    for (const Dim &d : p.type.dims)
      if (d.kind == Dim::Kind::Symbol)
        symbols.try_emplace(d.symbol, d);
  }
  for (const ast::Param &p : kernel.outputs)
    outputs.try_emplace(p.name, &p);
  for (const ast::Equation &eq : kernel.equations)
    targets.try_emplace(eq.target, &eq);
}

bool KernelScope::isTaken(llvm::StringRef name) const {
  return inputs.count(name) || outputs.count(name) || symbols.count(name) ||
         targets.count(name) || isBuiltinName(name);
}

std::vector<std::string> KernelScope::candidates() const {
  std::vector<std::string> names;
  for (const auto *map : {&inputs, &outputs})
    for (const auto &entry : *map)
      names.push_back(entry.getKey().str());
  for (const auto &entry : symbols)
    names.push_back(entry.getKey().str());
  for (const auto &entry : targets)
    names.push_back(entry.getKey().str());
  return names;
}

/// Reports a second declaration of a name in one kernel's signature.
static bool checkUnique(SemaContext &ctx, llvm::StringMap<ast::Location> &seen,
                        const std::string &name, const ast::Location &loc,
                        llvm::StringRef what) {
  auto [it, inserted] = seen.try_emplace(name, loc);
  if (inserted)
    return true;
  auto diag = ctx.error(loc) << "redefinition of " << what << " '" << name
                             << "'";
  diag.attachNote(ctx.loc(it->second)) << "previous definition is here";
  return false;
}

/// Reports a parameter, output or array named like an element type, which
/// would read as a type (`f32[i]`).
static bool checkNotTypeName(SemaContext &ctx, const std::string &name,
                             const ast::Location &loc, llvm::StringRef what) {
  if (elemTypeNamed(name) == ast::ElemKind::Invalid)
    return true;
  ctx.error(loc) << what << " '" << name << "' has the name of a type";
  return false;
}

static bool checkElemType(SemaContext &ctx, const ast::Param &p) {
  if (p.type.elem != ast::ElemKind::Invalid &&
      p.type.elem != ast::ElemKind::String)
    return true;
  ctx.error(p.loc) << "'" << p.name << "' does not have a valid element type";
  return false;
}

/// A policy is for an array; `constant(v)` takes a literal of its element
/// type, or literals combined with + - * / % (`-1.5`, `1.0 / 3.0`).
static bool checkBoundaryPolicy(SemaContext &ctx, ast::Param &p) {
  const ast::BoundaryPolicy &policy = p.boundary;
  if (policy.kind == ast::BoundaryPolicy::Kind::None)
    return true;
  if (!p.type.isArray) {
    ctx.error(policy.loc) << "'" << p.name
                          << "' is a scalar: a boundary policy needs an array";
    return false;
  }
  if (policy.kind != ast::BoundaryPolicy::Kind::Constant || !policy.value)
    return true;
  ast::Expr &value = *policy.value;
  if (value.kind != ast::Expr::Kind::BoolLit && !isUntypedLiteral(value)) {
    auto diag = ctx.error(value.loc)
                << "the value of 'constant(...)' must be a literal";
    diag.attachNote() << "literals may be combined with + - * / %, like "
                         "'1.0 / 3.0'";
    return false;
  }
  if (!HostChecker(ctx).check(value, p.type.elem))
    return false;
  if (value.type.elem != p.type.elem) {
    ctx.error(value.loc) << "the boundary value of '" << p.name << "' is "
                         << quoted(value.type) << ", not "
                         << quoted(ast::Type{p.type.elem, false, {}});
    return false;
  }
  return true;
}

/// `-> B: f32[n, n] = A`: A is an array parameter of the same type.
static bool checkInitFrom(SemaContext &ctx, const ast::Kernel &kernel,
                          const ast::Param &out) {
  if (out.initFrom.empty())
    return true;
  const ast::Param *from = nullptr;
  std::vector<std::string> names;
  for (const ast::Param &p : kernel.params) {
    names.push_back(p.name);
    if (p.name == out.initFrom)
      from = &p;
  }
  if (!from) {
    auto diag = ctx.error(out.loc) << "output '" << out.name
                                   << "' starts as a copy of '"
                                   << out.initFrom
                                   << "', which is not a parameter";
    ctx.suggest(diag, out.initFrom, names);
    return false;
  }
  bool same = from->type.isArray && out.type.isArray &&
              from->type.elem == out.type.elem &&
              from->type.rank() == out.type.rank();
  for (size_t d = 0; same && d < out.type.dims.size(); ++d) {
    const ast::Dim &a = from->type.dims[d], &b = out.type.dims[d];
    same = a.kind == b.kind && a.constant == b.constant &&
           a.symbol == b.symbol && a.offset == b.offset;
  }
  if (same)
    return true;
  ctx.error(out.loc) << "output '" << out.name << "' " << quoted(out.type)
                     << " cannot start as a copy of '" << from->name << "' "
                     << quoted(from->type) << ": the types must be the same";
  return false;
}

bool sema::checkKernelSignature(SemaContext &ctx, ast::Kernel &kernel) {
  bool ok = true;
  llvm::StringMap<ast::Location> names;
  llvm::StringMap<ast::Location> symbols;
  for (ast::Param &p : kernel.params) {
    ok &= checkUnique(ctx, names, p.name, p.loc, "parameter");
    ok &= checkNotTypeName(ctx, p.name, p.loc, "parameter");
    ok &= checkElemType(ctx, p);
    ok &= checkBoundaryPolicy(ctx, p);
    if (p.defaultValue) {
      ctx.error(p.defaultValue->loc)
          << "kernel parameters cannot have default values";
      ok = false;
    }
    for (const Dim &d : p.type.dims) {
      if (d.kind == Dim::Kind::Unknown) {
        auto diag = ctx.error(d.loc) << "'?' is not allowed in a kernel's "
                                        "types";
        diag.attachNote() << "name the dimension with a shape symbol, e.g. "
                             "'f32[n]'";
        ok = false;
      } else if (d.kind == Dim::Kind::Symbol) {
        symbols.try_emplace(d.symbol, d.loc);
      }
    }
  }
  for (const auto &entry : symbols) {
    auto it = names.find(entry.getKey());
    if (it == names.end())
      continue;
    auto diag = ctx.error(entry.getValue())
                << "shape symbol '" << entry.getKey()
                << "' has the same name as a parameter";
    diag.attachNote(ctx.loc(it->second)) << "the parameter is declared here";
    ok = false;
  }
  for (const ast::Param &out : kernel.outputs) {
    ok &= checkUnique(ctx, names, out.name, out.loc, "parameter");
    ok &= checkNotTypeName(ctx, out.name, out.loc, "output");
    ok &= checkElemType(ctx, out);
    if (auto it = symbols.find(out.name); it != symbols.end()) {
      auto diag = ctx.error(out.loc) << "output '" << out.name
                                     << "' has the name of a shape symbol";
      diag.attachNote(ctx.loc(it->second)) << "the shape symbol is here";
      ok = false;
    }
    ok &= checkInitFrom(ctx, kernel, out);
    for (const Dim &d : out.type.dims) {
      if (d.kind == Dim::Kind::Unknown) {
        ctx.error(d.loc) << "'?' is not allowed in a kernel's types";
        ok = false;
      } else if (d.kind == Dim::Kind::Symbol && d.offset != 0) {
        auto diag = ctx.error(d.loc)
                    << "dimension '"
                    << ast::symbolDimToString(d.symbol, d.offset)
                    << "' of output '" << out.name
                    << "' must be a constant or a shape symbol";
        diag.attachNote() << "a symbol plus a constant is only for "
                             "parameters, e.g. 'rowptr: i64[m + 1]' with "
                             "'-> y: f64[m]'";
        ok = false;
      } else if (d.kind == Dim::Kind::Symbol && !symbols.count(d.symbol)) {
        auto diag = ctx.error(d.loc)
                    << "shape symbol '" << d.symbol << "' of output '"
                    << out.name << "' is not bound by any parameter";
        diag.attachNote() << "an output's dimensions must be constants or "
                             "symbols of the parameters' types";
        ok = false;
      }
    }
  }
  if (kernel.outputs.empty()) {
    ctx.error(kernel.loc) << "kernel '" << kernel.name << "' has no outputs";
    ok = false;
  }
  return ok;
}

void sema::checkKernelBody(SemaContext &ctx, ast::Kernel &kernel) {
  KernelScope scope(kernel);
  llvm::StringMap<ast::Location> definedAt;
  for (ast::Equation &eq : kernel.equations) {
    auto [it, first] = definedAt.try_emplace(eq.target, eq.loc);
    if (!first) {
      auto diag = ctx.error(eq.loc)
                  << "'" << eq.target << "' is defined by more than one "
                  << "equation";
      diag.attachNote(ctx.loc(it->second)) << "first defined here";
      continue;
    }
    if (scope.inputs.count(eq.target)) {
      auto diag = ctx.error(eq.loc)
                  << "cannot assign to parameter '" << eq.target << "'";
      diag.attachNote() << "define a new array, e.g. an output";
      continue;
    }
    if (auto sym = scope.symbols.find(eq.target); sym != scope.symbols.end()) {
      auto diag = ctx.error(eq.loc) << "cannot define '" << eq.target
                                    << "': it is a shape symbol";
      diag.attachNote(ctx.loc(sym->second.loc)) << "the shape symbol is here";
      continue;
    }
    if (!checkNotTypeName(ctx, eq.target, eq.loc, "array"))
      continue;
    EquationChecker(ctx, scope, eq).run();
  }
  for (const ast::Param &out : kernel.outputs) {
    if (!definedAt.count(out.name))
      ctx.error(out.loc) << "output '" << out.name
                         << "' is not defined by any equation";
  }
}
