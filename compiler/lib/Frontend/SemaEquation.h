//===- SemaEquation.h - checks of one kernel equation -----------*- C++ -*-===//
#ifndef WEFT_FRONTEND_SEMAEQUATION_H
#define WEFT_FRONTEND_SEMAEQUATION_H

#include "SemaAffine.h"
#include "SemaExpr.h"
#include "SemaKernel.h"

namespace weft::sema {

/// Checks one equation of a kernel: its indices and their ranges, its reads,
/// its types, and fills in the equation's "Sema:" fields. Range inference and
/// subscripts are in SemaRanges.cpp, the rest in SemaEquation.cpp. Afterwards the
/// target counts as defined in the scope (with an invalid type on error).
class EquationChecker : public ExprChecker {
public:
  EquationChecker(SemaContext &ctx, KernelScope &scope, ast::Equation &eq)
      : ExprChecker(ctx), scope(scope), eq(eq) {}

  void run();

protected:
  bool checkName(ast::Expr &e) override;
  bool checkIndex(ast::Expr &e) override;
  bool checkOtherCall(ast::Expr &e, ast::ElemKind hint) override;
  bool checkArrayArgument(ast::Expr &e) override;

private:
  /// What is known about one index of the iteration space.
  struct IndexInfo {
    ast::Location loc; // where it first appears
    bool onLeft = false;
    bool hasExtent = false;
    std::string extentFrom; // "dimension 0 of 'x'", for messages
  };
  /// A read whose subscript is not a plain index: its bounds are checked
  /// once all extents are known.
  struct OffsetRead {
    const ast::Expr *read;
    std::vector<Affine> subscripts; // one per dimension
    std::vector<ast::Dim> dims;     // the array's
  };

  bool checkKernelCallEquation(const ast::Kernel &callee);
  bool checkIndexEquation();
  bool declareLeftIndices();
  void collectIndices(const ast::Expr &e, bool inSubscript);
  /// Resolves the array `e.name` for a read or a kernel-call argument.
  const ast::Type *resolveArray(ast::Expr &e);
  bool subscriptToAffine(ast::Expr &e, const ast::Expr &read, Affine &out);
  /// Gives `index` the extent of dimension `d` of `array` on its first
  /// plain occurrence; later ones must agree (checked here for constants,
  /// else recorded in `eq.extentChecks`).
  void bindExtent(const std::string &index, const std::string &array,
                  unsigned d, const ast::Dim &dim, const ast::Location &loc);
  bool checkOffsetReads();
  void reportUsedBeforeDefinition(const ast::Expr &e);
  /// "a parameter", "a shape symbol", ... for a name `isTaken` refuses.
  const char *describeTaken(llvm::StringRef name) const;

  KernelScope &scope;
  ast::Equation &eq;
  llvm::StringMap<IndexInfo> indices;
  llvm::StringMap<ast::Extent> extents;
  std::vector<OffsetRead> offsetReads;
};

} // namespace weft::sema

#endif
