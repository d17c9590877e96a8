//===- SemaHost.h - checks of host functions --------------------*- C++ -*-===//
#ifndef WEFT_FRONTEND_SEMAHOST_H
#define WEFT_FRONTEND_SEMAHOST_H

#include "SemaExpr.h"

namespace weft::sema {

/// Checks one host function (`fn main() { ... }`): its statements, variables
/// and builtin calls. Statements are in SemaHost.cpp, builtins in
/// SemaHostBuiltins.cpp.
class HostChecker : public ExprChecker {
public:
  explicit HostChecker(SemaContext &ctx) : ExprChecker(ctx) {}

  void checkFunction(ast::Function &fn);

protected:
  bool checkName(ast::Expr &e) override;
  bool checkIndex(ast::Expr &e) override;
  bool checkOtherCall(ast::Expr &e, ast::ElemKind hint) override;
  bool checkArrayArgument(ast::Expr &e) override;
  bool checkReduceAll(ast::Expr &e) override;

private:
  struct Variable {
    ast::Type type; // invalid when its initialiser had errors
    ast::Location loc;
    bool loopVar = false;
  };

  Variable *lookup(llvm::StringRef name);
  void declare(const std::string &name, Variable var);
  std::vector<std::string> visibleNames() const;

  void checkBlock(ast::Block &block);
  void checkStmt(ast::Stmt &stmt);
  void checkLet(ast::Stmt &stmt);
  void checkAssign(ast::Stmt &stmt);
  /// The variable `name` that an assignment at `loc` rebinds, or null after
  /// an error (undefined, whose note is `declareHint`, or a loop variable).
  Variable *assignTarget(const std::string &name, const ast::Location &loc,
                         llvm::StringRef declareHint);
  /// Reports a value of `type` that cannot be assigned to `var`.
  void checkAssignedType(const std::string &name, const Variable &var,
                         const ast::Type &type, const ast::Location &loc);
  /// `let (a, b) = k(...)`, `(a, b) = k(...)`.
  void checkDestructure(ast::Stmt &stmt);
  void checkFor(ast::Stmt &stmt);
  void checkWhile(ast::Stmt &stmt);
  /// `return` ends the program; it takes no value.
  void checkReturn(ast::Stmt &stmt);
  void checkIf(ast::Stmt &stmt);
  /// The subscripts of an element of `var` (named `name`): one i64 scalar
  /// per dimension.
  bool checkSubscripts(const std::string &name, const Variable &var,
                       std::vector<ast::ExprPtr> &subscripts,
                       const ast::Location &loc);
  /// A block that is a scope of its own.
  void checkScopedBlock(ast::Block &block);
  void checkExprStmt(ast::Stmt &stmt);
  /// A declared type `f32[?, n]`: `n` must be an i64 variable.
  bool checkDeclaredType(const ast::Type &type, const ast::Location &loc);

  // Builtins (SemaHostBuiltins.cpp).
  /// `f32[n, 4]` as the first argument of zeros/ones/full/random.
  bool checkTypeArgument(ast::Expr &e, llvm::StringRef user, ast::Type &out);
  bool checkFill(ast::Expr &call);
  bool checkRandom(ast::Expr &call);
  /// `arange(T[n])`: 0, 1, ..., n-1 as `T`.
  bool checkArange(ast::Expr &call);
  bool checkLoad(ast::Expr &call, const ast::Type &declared);
  bool checkPrint(ast::Expr &call);
  bool checkSave(ast::Expr &call);
  bool checkSaveImage(ast::Expr &call);
  bool checkAssert(ast::Expr &call);
  /// A parameter of `main`: its type and default.
  bool checkParam(ast::Param &p);
  /// A string literal without `{...}`, as a file path.
  bool checkPath(ast::Expr &e, llvm::StringRef user);
  /// Reports an array `e` that `user` ("save", "load") cannot store in a
  /// .npy file: bf16, which NumPy lacks.
  bool checkNpyElements(const ast::Expr &e, llvm::StringRef user);

  std::vector<llvm::StringMap<Variable>> scopes;
};

} // namespace weft::sema

#endif
