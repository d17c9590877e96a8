//===- MLIRGenImpl.h - shared pieces of the AST -> Weft emitters -*- C++
//-*-===//
//
// Private to compiler/lib/MLIRGen. MLIRGen.cpp drives the emission; kernels
// (MLIRGenKernel.cpp), host functions (MLIRGenHost.cpp) and scalar
// expressions (MLIRGenExpr.cpp) each have their own emitter. An emitter that
// hits something it cannot express reports it and returns a null Value; the
// driver then returns a null module.
//
//===----------------------------------------------------------------------===//
#ifndef WEFT_LIB_MLIRGEN_MLIRGENIMPL_H
#define WEFT_LIB_MLIRGEN_MLIRGENIMPL_H

#include "weft/AST/AST.h"
#include "weft/Dialect/Weft/IR/WeftOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/StringMap.h"

namespace weft::detail {

/// State shared by all emitters of one module.
class GenContext {
public:
  explicit GenContext(mlir::MLIRContext &context);

  mlir::MLIRContext &context;
  mlir::OpBuilder builder;
  mlir::ModuleOp module;
  /// Kernels by name, declared (signature only) before any body is emitted
  /// so that calls can refer to kernels defined later in the file.
  llvm::StringMap<std::pair<KernelOp, const ast::Kernel *>> kernels;
  /// Scalar helper functions by name; each call is inlined.
  llvm::StringMap<const ast::Function *> helpers;
  bool failed = false;

  mlir::Location loc(const ast::Location &l);
  /// Reports an error at `l`; the module will not be returned.
  mlir::InFlightDiagnostic error(const ast::Location &l);
  /// Reports `<what> is not supported yet` at `l`.
  void notSupported(const ast::Location &l, llvm::StringRef what);

  /// The MLIR type of an element kind (unsigned kinds are signless integers);
  /// null after an error for kinds without one (strings).
  mlir::Type elementType(ast::ElemKind kind, const ast::Location &l);
  /// A scalar's element type, or a ranked tensor with a static dimension for
  /// each constant and a dynamic one for each symbol or `?`.
  mlir::Type type(const ast::Type &t, const ast::Location &l);
  /// How a kernel holds an array it defines or returns: `type(t)` for an
  /// array, and a rank-0 tensor (`tensor<f64>`) for a scalar (`d: f64`).
  mlir::Type tensorType(const ast::Type &t, const ast::Location &l);
  /// The scalar held by a kernel call's scalar result or a kernel's scalar
  /// (a rank-0 tensor), extracted with `tensor.extract`; any other value is
  /// returned as is.
  mlir::Value scalarOf(mlir::Value value, const ast::Location &l);
  /// `value` as `type`: a tensor.cast between compatible tensor types, the
  /// value itself when the types agree, and null (after an error) otherwise.
  /// With `what` (e.g. "argument 'x' of 'k'"), each dynamic dimension that
  /// becomes static is first checked at run time with `weft.check_extent`.
  mlir::Value coerce(mlir::Value value, mlir::Type type, const ast::Location &l,
                     llvm::StringRef what = {});
  /// An `index` value from an integer scalar: sign-extended, or
  /// zero-extended when `isUnsigned` (u8 200 is 200, not -56).
  mlir::Value toIndex(mlir::Value value, const ast::Location &l,
                      bool isUnsigned);
  /// toIndex of the value of `e`, extended as its element type says.
  mlir::Value toIndex(mlir::Value value, const ast::Expr &e);
  /// A constant of `type` (integer, float or index) with the value `v`.
  mlir::Value constant(mlir::Type type, double v, const ast::Location &l);
};

/// Emits scalar expressions: literals, arithmetic, comparisons, logic, math
/// builtins and casts. What names and array reads
/// mean depends on where the expression is (an equation body, a kernel, the
/// host), so subclasses resolve those leaves and any other call.
class ExprGen {
public:
  explicit ExprGen(GenContext &gen) : gen(gen), builder(gen.builder) {}
  virtual ~ExprGen() = default;

  /// The value of `e`, or null after an error.
  mlir::Value emit(const ast::Expr &e);

protected:
  virtual mlir::Value emitName(const ast::Expr &e) = 0;
  virtual mlir::Value emitIndex(const ast::Expr &e) = 0;
  /// A call that is neither a math builtin nor a cast.
  virtual mlir::Value emitOtherCall(const ast::Expr &e) = 0;

  /// `v`, of element kind `from`, converted to the type `e.name` spells.
  mlir::Value emitCast(const ast::Expr &e, mlir::Value v, ast::ElemKind from);

  GenContext &gen;
  mlir::OpBuilder &builder;

private:
  mlir::Value emitLiteral(const ast::Expr &e);
  mlir::Value emitBinary(const ast::Expr &e);
  mlir::Value emitUnary(const ast::Expr &e);
  mlir::Value emitIntegerDivision(const ast::Expr &e, mlir::Value lhs,
                                  mlir::Value rhs, bool isUnsigned);
  mlir::Value emitCall(const ast::Expr &e);
  /// The body of a helper function, emitted with its parameters bound to
  /// the call's arguments.
  mlir::Value emitHelperCall(const ast::Expr &e,
                             const ast::Function &helper);
  mlir::Value emitMath(const ast::Expr &e, llvm::ArrayRef<mlir::Value> args);
  mlir::Value emitFloatToInt(const ast::Expr &e, mlir::Value v,
                             mlir::Type target, bool isUnsigned);
};

/// Declares every kernel's signature; then `emitKernelBody` fills one in.
void declareKernel(GenContext &gen, const ast::Kernel &kernel);
void emitKernelBody(GenContext &gen, const ast::Kernel &kernel);
/// Emits `fn main` as `func.func @weft_main()`.
void emitHostFunction(GenContext &gen, const ast::Function &function);
/// A `weft.call` of `callee` with `args` coerced to its parameter types.
CallOp emitKernelCall(GenContext &gen, const ast::Expr &call,
                      llvm::ArrayRef<mlir::Value> args);

} // namespace weft::detail

#endif // WEFT_LIB_MLIRGEN_MLIRGENIMPL_H
