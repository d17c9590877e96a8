//===- SemaHost.cpp - host functions, statements and variables ------------===//
#include "SemaHost.h"
#include "SemaBuiltins.h"

using namespace weft;
using namespace weft::sema;
using ast::ElemKind;
using ast::Expr;
using ast::Stmt;

void HostChecker::checkFunction(ast::Function &fn) {
  if (fn.name != "main") {
    auto diag = ctx.error(fn.loc) << "the host function '" << fn.name
                                  << "' is not supported yet";
    diag.attachNote() << "only 'main' is, for now";
    return;
  }
  if (fn.returnType)
    ctx.unsupported(fn.loc, "a return type on 'main'");
  scopes.assign(1, {});
  for (ast::Param &p : fn.params) {
    auto prev = scopes.back().find(p.name);
    if (prev != scopes.back().end()) {
      auto diag = ctx.error(p.loc) << "redefinition of '" << p.name << "'";
      diag.attachNote(ctx.loc(prev->second.loc))
          << "previous definition is here";
      continue;
    }
    // Declared even when wrong (with an invalid type), so that uses give no
    // further errors.
    bool ok = checkParam(p);
    declare(p.name, Variable{ok ? p.type : ast::Type(), p.loc});
  }
  checkBlock(fn.body);
}

HostChecker::Variable *HostChecker::lookup(llvm::StringRef name) {
  for (auto it = scopes.rbegin(); it != scopes.rend(); ++it) {
    auto found = it->find(name);
    if (found != it->end())
      return &found->second;
  }
  return nullptr;
}

void HostChecker::declare(const std::string &name, Variable var) {
  scopes.back()[name] = std::move(var);
}

std::vector<std::string> HostChecker::visibleNames() const {
  std::vector<std::string> names;
  for (const auto &scope : scopes)
    for (const auto &entry : scope)
      names.push_back(entry.getKey().str());
  return names;
}

void HostChecker::checkBlock(ast::Block &block) {
  for (ast::StmtPtr &stmt : block)
    checkStmt(*stmt);
}

void HostChecker::checkStmt(Stmt &stmt) {
  bool needsValue = stmt.kind == Stmt::Kind::Let ||
                    stmt.kind == Stmt::Kind::Assign ||
                    stmt.kind == Stmt::Kind::Destructure ||
                    stmt.kind == Stmt::Kind::ExprStmt;
  if (needsValue && !stmt.value)
    return; // only after a syntax error, which was reported
  switch (stmt.kind) {
  case Stmt::Kind::Let:
    return checkLet(stmt);
  case Stmt::Kind::Assign:
    return checkAssign(stmt);
  case Stmt::Kind::Destructure:
    return checkDestructure(stmt);
  case Stmt::Kind::For:
    return checkFor(stmt);
  case Stmt::Kind::ExprStmt:
    return checkExprStmt(stmt);
  case Stmt::Kind::While:
    return checkWhile(stmt);
  case Stmt::Kind::If:
    return checkIf(stmt);
  case Stmt::Kind::Return:
    return checkReturn(stmt);
  }
}

void HostChecker::checkReturn(Stmt &stmt) {
  if (!stmt.value)
    return;
  // Still checked, for the errors inside it.
  check(*stmt.value);
  auto diag = ctx.error(stmt.value->loc) << "'main' returns no value";
  diag.attachNote() << "'return' ends the program with exit status 0; to "
                       "stop with an error, use 'assert(cond, \"message\")'";
}

bool HostChecker::checkDeclaredType(const ast::Type &type,
                                    const ast::Location &loc) {
  if (!isValue(type)) {
    ctx.error(loc) << "invalid element type in the type of a variable";
    return false;
  }
  bool ok = true;
  for (const ast::Dim &d : type.dims) {
    if (d.kind != ast::Dim::Kind::Symbol)
      continue;
    if (d.offset != 0) {
      ctx.error(d.loc) << "a dimension like '"
                       << ast::symbolDimToString(d.symbol, d.offset)
                       << "' is only for a kernel's parameters";
      ok = false;
      continue;
    }
    Variable *v = lookup(d.symbol);
    if (v && !v->type.isArray && v->type.elem == ElemKind::I64)
      continue;
    auto diag = ctx.error(d.loc) << "dimension '" << d.symbol
                                 << "' must be an 'i64' variable";
    diag.attachNote() << "write '?' for a size known only at run time";
    ok = false;
  }
  return ok;
}

void HostChecker::checkLet(Stmt &stmt) {
  auto prev = scopes.back().find(stmt.name);
  if (prev != scopes.back().end()) {
    auto diag = ctx.error(stmt.loc) << "redefinition of '" << stmt.name << "'";
    diag.attachNote(ctx.loc(prev->second.loc)) << "previous definition is here";
    return;
  }
  Variable var{ast::Type(), stmt.loc};
  Expr &value = *stmt.value;
  const std::optional<ast::Type> &declared = stmt.declaredType;
  bool declaredOk = !declared || checkDeclaredType(*declared, stmt.loc);
  if (value.kind == Expr::Kind::Call && value.name == "load") {
    if (!declared || !declared->isArray) {
      auto diag = ctx.error(value.loc)
                  << "'load' needs the variable's array type";
      diag.attachNote() << "e.g. 'let a: f32[?, ?] = load(\"a.npy\")'";
    } else if (declaredOk && checkLoad(value, *declared)) {
      var.type = *declared;
    }
  } else if (check(value, declared ? declared->elem : ElemKind::Invalid)) {
    if (!isValue(value.type)) {
      ctx.error(value.loc) << "a string cannot be stored in a variable";
    } else if (declared && declaredOk &&
               !compatibleTypes(*declared, value.type)) {
      ctx.error(value.loc) << "'" << stmt.name << "' is declared "
                           << quoted(*declared) << " but initialised with "
                           << quoted(value.type);
    } else if (declaredOk) {
      var.type = declared ? *declared : value.type;
    }
  }
  declare(stmt.name, std::move(var));
}

HostChecker::Variable *HostChecker::assignTarget(const std::string &name,
                                                const ast::Location &loc,
                                                llvm::StringRef declareHint) {
  Variable *var = lookup(name);
  if (!var) {
    auto diag = ctx.error(loc)
                << "assignment to undefined variable '" << name << "'";
    ctx.suggest(diag, name, visibleNames());
    diag.attachNote() << declareHint;
    // Declared from here on with no type, so that its later uses, already
    // explained by this error, report nothing more.
    declare(name, Variable{ast::Type(), loc});
    return nullptr;
  }
  if (var->loopVar) {
    ctx.error(loc) << "cannot assign to loop variable '" << name << "'";
    return nullptr;
  }
  return var;
}

void HostChecker::checkAssignedType(const std::string &name,
                                    const Variable &var,
                                    const ast::Type &type,
                                    const ast::Location &loc) {
  if (!isValid(var.type) || compatibleTypes(var.type, type))
    return;
  auto diag = ctx.error(loc) << "'" << name << "' has type "
                             << quoted(var.type)
                             << " and cannot be assigned a value of type "
                             << quoted(type);
  diag.attachNote(ctx.loc(var.loc)) << "'" << name << "' is declared here";
}

void HostChecker::checkAssign(Stmt &stmt) {
  Variable *var = assignTarget(stmt.name, stmt.loc,
                               "declare it with 'let " + stmt.name +
                                   " = ...'");
  if (!var)
    return;
  Expr &value = *stmt.value;
  if (!stmt.subscripts.empty()) {
    if (!isValid(var->type)) {
      for (ast::ExprPtr &sub : stmt.subscripts)
        check(*sub);
      check(value);
      return;
    }
    if (!var->type.isArray) {
      ctx.error(stmt.loc) << "'" << stmt.name
                          << "' is a scalar and has no subscripts";
      return;
    }
    bool ok = checkSubscripts(stmt.name, *var, stmt.subscripts, stmt.loc);
    if (!check(value, var->type.elem) || !ok)
      return;
    if (!value.type.isArray && value.type.elem == var->type.elem)
      return;
    auto diag = ctx.error(value.loc)
                << "an element of '" << stmt.name << "' has type '"
                << ast::elemKindName(var->type.elem)
                << "' and cannot be assigned a value of type "
                << quoted(value.type);
    diag.attachNote(ctx.loc(var->loc)) << "'" << stmt.name
                                       << "' is declared here";
    return;
  }
  ElemKind hint = var->type.isArray ? ElemKind::Invalid : var->type.elem;
  if (check(value, hint))
    checkAssignedType(stmt.name, *var, value.type, value.loc);
}

void HostChecker::checkDestructure(Stmt &stmt) {
  Expr &value = *stmt.value;
  std::string tuple = nameTuple(stmt.names);
  bool ok = true;
  for (size_t i = 0; i < stmt.names.size(); ++i) {
    auto first = llvm::find(stmt.names, stmt.names[i]);
    if (first == stmt.names.begin() + i)
      continue;
    auto diag = ctx.error(stmt.nameLocs[i])
                << "'" << stmt.names[i] << "' is bound twice";
    diag.attachNote(ctx.loc(stmt.nameLocs[first - stmt.names.begin()]))
        << "first bound here";
    ok = false;
  }
  const ast::Kernel *kernel = value.kind == Expr::Kind::Call
                                  ? ctx.kernels.lookup(value.name)
                                  : nullptr;
  if (!kernel) {
    // Checked anyway, for the errors inside it.
    if (check(value)) {
      auto diag = ctx.error(value.loc)
                  << "only a kernel call can be bound to several names";
      diag.attachNote() << "bind one value with 'let name = ...'";
    }
    ok = false;
  } else {
    value.nameKind = ast::NameKind::Function;
    ok &= !ctx.badSignatures.count(kernel->name) &&
          checkKernelCall(value, *kernel);
    if (ok && stmt.names.size() != kernel->outputs.size()) {
      std::vector<std::string> outputs = outputNames(*kernel);
      auto diag = ctx.error(stmt.loc)
                  << "kernel '" << kernel->name << "' has "
                  << plural(outputs.size(), "output") << " "
                  << nameTuple(outputs) << ", but "
                  << plural(stmt.names.size(), "name")
                  << (stmt.names.size() == 1 ? " is" : " are") << " bound";
      diag.attachNote(ctx.loc(kernel->loc))
          << "'" << kernel->name << "' is defined here";
      ok = false;
    }
  }
  for (size_t i = 0; i < stmt.names.size(); ++i) {
    const std::string &name = stmt.names[i];
    const ast::Location &loc = stmt.nameLocs[i];
    if (llvm::find(stmt.names, name) != stmt.names.begin() + i)
      continue; // reported above
    ast::Type type = ok ? value.outputTypes[i] : ast::Type();
    if (!stmt.declares) {
      if (Variable *var = assignTarget(
              name, loc,
              "'" + tuple + " = ...' only assigns existing variables; "
              "declare new ones with 'let " + tuple + " = ...' or before"))
        if (ok)
          checkAssignedType(name, *var, type, loc);
      continue;
    }
    auto prev = scopes.back().find(name);
    if (prev != scopes.back().end()) {
      auto diag = ctx.error(loc) << "redefinition of '" << name << "'";
      diag.attachNote(ctx.loc(prev->second.loc))
          << "previous definition is here";
      continue;
    }
    declare(name, Variable{type, loc});
  }
}

void HostChecker::checkFor(Stmt &stmt) {
  if (stmt.range) {
    checkScalarOf(*stmt.range->lo, ElemKind::I64, "the start of a range");
    checkScalarOf(*stmt.range->hi, ElemKind::I64, "the end of a range");
  }
  scopes.emplace_back();
  declare(stmt.name,
          Variable{scalarType(ElemKind::I64), stmt.loc, /*loopVar=*/true});
  // The body is a scope of its own, so it may shadow the loop variable.
  scopes.emplace_back();
  checkBlock(stmt.body);
  scopes.pop_back();
  scopes.pop_back();
}

void HostChecker::checkScopedBlock(ast::Block &block) {
  scopes.emplace_back();
  checkBlock(block);
  scopes.pop_back();
}

void HostChecker::checkWhile(Stmt &stmt) {
  if (stmt.value)
    checkScalarOf(*stmt.value, ElemKind::Bool, "the condition of 'while'");
  checkScopedBlock(stmt.body);
}

void HostChecker::checkIf(Stmt &stmt) {
  if (stmt.value)
    checkScalarOf(*stmt.value, ElemKind::Bool, "the condition of 'if'");
  checkScopedBlock(stmt.body);
  checkScopedBlock(stmt.elseBody);
}

bool HostChecker::checkSubscripts(const std::string &name, const Variable &var,
                                  std::vector<ast::ExprPtr> &subscripts,
                                  const ast::Location &loc) {
  bool ok = true;
  for (auto [i, sub] : llvm::enumerate(subscripts))
    ok &= checkScalarOf(*sub, ElemKind::I64,
                        "subscript " + std::to_string(i) + " of '" + name +
                            "'");
  size_t rank = var.type.dims.size();
  if (subscripts.size() != rank) {
    auto diag = ctx.error(loc) << "'" << name << "' has type "
                               << quoted(var.type) << " and needs " << rank
                               << " subscript" << (rank == 1 ? "" : "s")
                               << ", got " << subscripts.size();
    diag.attachNote(ctx.loc(var.loc)) << "'" << name << "' is declared here";
    ok = false;
  }
  return ok;
}

void HostChecker::checkExprStmt(Stmt &stmt) {
  Expr &e = *stmt.value;
  if (e.kind == Expr::Kind::Call && e.name == "print") {
    checkPrint(e);
    return;
  }
  if (e.kind == Expr::Kind::Call && e.name == "save") {
    checkSave(e);
    return;
  }
  if (e.kind == Expr::Kind::Call && e.name == "save_image") {
    checkSaveImage(e);
    return;
  }
  if (e.kind == Expr::Kind::Call && e.name == "assert") {
    checkAssert(e);
    return;
  }
  bool kernelCall = e.kind == Expr::Kind::Call && ctx.kernels.count(e.name);
  if (check(e) && !kernelCall)
    ctx.error(e.loc) << "the value of this expression is unused";
}

bool HostChecker::checkName(Expr &e) {
  if (Variable *var = lookup(e.name)) {
    e.nameKind = ast::NameKind::Local;
    e.type = var->type;
    return isValid(e.type);
  }
  if (ctx.kernels.count(e.name) || ctx.functions.count(e.name) ||
      isBuiltinName(e.name)) {
    ctx.error(e.loc) << "'" << e.name << "' is a function, not a value";
    return false;
  }
  auto diag = ctx.error(e.loc) << "use of undefined name '" << e.name << "'";
  ctx.suggest(diag, e.name, visibleNames());
  return false;
}

bool HostChecker::checkIndex(Expr &e) {
  Variable *var = lookup(e.name);
  if (!var || !isValid(var->type))
    return checkName(e);
  if (!var->type.isArray) {
    ctx.error(e.loc) << "'" << e.name << "' is a scalar and has no subscripts";
    return false;
  }
  if (!checkSubscripts(e.name, *var, e.args, e.loc))
    return false;
  e.nameKind = ast::NameKind::Local;
  e.type = scalarType(var->type.elem);
  return true;
}

bool HostChecker::checkArrayArgument(Expr &e) { return check(e); }

/// A literal, or a negated number literal (`-3`, `-0.5`).
static bool isLiteral(const Expr &e) {
  if (e.kind == Expr::Kind::Unary && e.unaryOp == ast::UnaryOp::Neg)
    return e.lhs && (e.lhs->kind == Expr::Kind::IntLit ||
                     e.lhs->kind == Expr::Kind::FloatLit);
  return e.kind == Expr::Kind::IntLit || e.kind == Expr::Kind::FloatLit ||
         e.kind == Expr::Kind::BoolLit;
}

bool HostChecker::checkParam(ast::Param &p) {
  if (p.name == "help" || p.name == "h") {
    auto diag = ctx.error(p.loc) << "a parameter of 'main' cannot be named '"
                                 << p.name << "'";
    diag.attachNote() << "'" << (p.name == "h" ? "-h" : "--help")
                      << "' shows the program's options";
    return false;
  }
  if (!isValue(p.type)) {
    ctx.error(p.loc) << "invalid element type in the type of parameter '"
                     << p.name << "'";
    return false;
  }
  bool ok = true;
  for (const ast::Dim &d : p.type.dims) {
    if (d.kind != ast::Dim::Kind::Symbol)
      continue;
    auto diag = ctx.error(d.loc) << "dimension '" << d.symbol
                                 << "' of parameter '" << p.name
                                 << "' must be a constant or '?'";
    diag.attachNote() << "the extents of an array parameter come from its "
                         ".npy file";
    ok = false;
  }
  if (!p.defaultValue)
    return ok;
  Expr &value = *p.defaultValue;
  if (p.type.isArray) {
    if (!checkPath(value, p.name))
      return false;
    bool empty = true;
    for (const ast::StringPart &part : value.parts)
      empty &= part.text.empty();
    if (empty) {
      ctx.error(value.loc) << "the default path of '" << p.name
                           << "' is empty";
      return false;
    }
    return ok;
  }
  if (!isLiteral(value)) {
    auto diag = ctx.error(value.loc) << "the default of '" << p.name
                                     << "' must be a literal";
    diag.attachNote() << "e.g. '" << p.name << ": i64 = 512'";
    return false;
  }
  if (!check(value, p.type.elem))
    return false;
  if (value.type.elem != p.type.elem || value.type.isArray) {
    ctx.error(value.loc) << "the default of '" << p.name << "' is "
                         << quoted(value.type) << ", not " << quoted(p.type);
    return false;
  }
  return ok;
}
