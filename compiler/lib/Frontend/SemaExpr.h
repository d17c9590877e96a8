//===- SemaExpr.h - type checking of expressions ----------------*- C++ -*-===//
//
// The checks kernels and host code share: literals, operators, casts, scalar
// math and kernel-call arguments. Names, array reads and the remaining calls
// mean different things in a kernel and on the host, so subclasses decide.
//
//===----------------------------------------------------------------------===//
#ifndef WEFT_FRONTEND_SEMAEXPR_H
#define WEFT_FRONTEND_SEMAEXPR_H

#include "SemaContext.h"

namespace weft::sema {

class ExprChecker {
public:
  explicit ExprChecker(SemaContext &ctx) : ctx(ctx) {}
  virtual ~ExprChecker() = default;

  /// Checks `e` and its operands, setting their `type` and `nameKind`.
  /// Untyped literals take the element kind `hint` when it fits (an integer
  /// literal any numeric kind, a float literal any float kind). Returns false
  /// after reporting an error; `e.type` is then invalid.
  bool check(ast::Expr &e, ast::ElemKind hint = ast::ElemKind::Invalid);

  /// Checks `e` as a scalar of element kind `want`; `what` names it in the
  /// message ("argument 2 of 'saxpy'").
  bool checkScalarOf(ast::Expr &e, ast::ElemKind want,
                     const llvm::Twine &what);

  /// Checks the arguments of `call`, a call of kernel `callee`, and sets
  /// `call.outputTypes` to its outputs' types with the callee's shape
  /// symbols replaced by the caller's dims (and `call.type` to the one
  /// output's type, when there is one).
  bool checkKernelCall(ast::Expr &call, const ast::Kernel &callee);

protected:
  virtual bool checkName(ast::Expr &e) = 0;
  /// `a[...]`, where `a` is not an element type name.
  virtual bool checkIndex(ast::Expr &e) = 0;
  /// Calls other than casts and scalar math.
  virtual bool checkOtherCall(ast::Expr &e, ast::ElemKind hint) = 0;
  /// An argument in a position where a kernel expects a whole array.
  virtual bool checkArrayArgument(ast::Expr &e) = 0;

  /// `max(a)` / `min(a)` with one argument: a whole-array reduction, which
  /// only host code has.
  virtual bool checkReduceAll(ast::Expr &e);

  /// Reports an error unless `e` (already checked) is a number or bool.
  bool requireScalar(const ast::Expr &e, const llvm::Twine &user);

  SemaContext &ctx;
  /// The helper function whose body is being checked, if any: the helpers
  /// it calls are recorded for the recursion check.
  const ast::Function *enclosingHelper = nullptr;

private:
  /// A call of a scalar helper function: arguments of its parameter types.
  bool checkHelperCall(ast::Expr &e, const ast::Function &helper);
  bool checkCall(ast::Expr &e, ast::ElemKind hint);
  bool checkCast(ast::Expr &e, ast::ElemKind to);
  bool checkMath(ast::Expr &e, ast::ElemKind hint);
  /// `select(cond, a, b)`: a bool condition and two values of one kind.
  bool checkSelect(ast::Expr &e, ast::ElemKind hint);
  bool checkBinary(ast::Expr &e, ast::ElemKind hint);
  bool checkUnary(ast::Expr &e, ast::ElemKind hint);
  bool checkString(ast::Expr &e);
  /// Checks two operands that must have one element kind; a literal side
  /// takes the other side's kind. Sets `kind` to it.
  bool unify(ast::Expr &a, ast::Expr &b, ast::ElemKind hint,
             const ast::Expr &user, const llvm::Twine &userName,
             ast::ElemKind &kind);
  bool checkArity(const ast::Expr &call, size_t n);
  /// Reports a literal (typed already) whose value, negated or not, is no
  /// value of its type (`200` as an `i8`, `1e39` as an `f32`), at `at`.
  bool checkLiteralFits(const ast::Expr &literal, const ast::Expr &at,
                        bool negated);

  /// The literal operand of the `-` being checked: its range is checked
  /// with the sign.
  const ast::Expr *negatedLiteral = nullptr;
};

/// True when `e` is built only from numeric literals (`2`, `-1.5`, `2 * 3`):
/// its type comes from its context.
bool isUntypedLiteral(const ast::Expr &e);

} // namespace weft::sema

#endif
