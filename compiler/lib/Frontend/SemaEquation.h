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
    /// An explicit range (`i in 1..n-1`, `for dy in -1..=1`).
    std::optional<IndexRange> range;
    /// A range read from data (IndexDecl::dataRange): no static range.
    bool dataRange = false;
  };
  /// A read whose subscripts are not all plain indices with inferred
  /// ranges: its bounds are checked once all extents are known.
  struct OffsetRead {
    ast::Expr *read;
    std::vector<Affine> subscripts; // one per dimension
    std::vector<bool> gathered;     // dimensions with a gather subscript
    std::vector<ast::Dim> dims;     // the array's
    /// A read in the bounds of a data range: checked at run time where it
    /// cannot be proved inside, instead of an error.
    bool inRangeBound = false;
  };
  /// `x[i + dy]` with `dy` in an explicit range: dimension `dim` of `array`
  /// gives `index` its range if nothing else does.
  struct ShiftedUse {
    std::string index, array;
    unsigned dim;
    ast::Dim extent;
    ast::Location loc;
  };

  bool checkKernelCallEquation(const ast::Kernel &callee);
  bool checkIndexEquation();
  bool declareLeftIndices();
  /// Checks an index name of the left side or of the window clause.
  bool declareIndex(const ast::IndexDecl &idx, bool onLeft);
  bool declareWindow();
  /// True when a bound of `r` uses an index or reads an array.
  bool isDataRange(const ast::Range &r) const;
  /// Checks the bounds of a data range (integers, computed per element)
  /// and takes `idx` out of the iteration space.
  bool checkDataRange(ast::IndexDecl &idx);
  /// Reports a data range's bound naming its own index (`0..a[p]` for `p`).
  bool reportOwnRangeBound(const ast::Expr &e);
  /// Checks `lo..hi` (affine in shape symbols) into `range`.
  bool checkRange(ast::Range &r, const std::string &index, IndexRange &range);
  /// An explicit domain must lie inside the dimension it writes.
  bool checkDomain(const std::string &index, const IndexRange &range,
                   unsigned d, const ast::Dim &dim, const ast::Location &loc);
  void collectIndices(const ast::Expr &e, bool inSubscript);
  /// Resolves the array `e.name` for a read or a kernel-call argument.
  const ast::Type *resolveArray(ast::Expr &e);
  /// `what` names the subscript or bound in messages; shape symbols are
  /// allowed, indices only when `allowIndices`.
  bool affineOf(ast::Expr &e, const std::string &what, bool allowIndices,
                Affine &out);
  /// A gather subscript (`col[p]`): an integer expression reading arrays.
  bool checkGather(ast::Expr &e, const ast::Expr &read);
  void recordShiftedUse(const Affine &subscript, const ast::Expr &read,
                        unsigned d, const ast::Dim &dim,
                        const ast::Location &loc);
  void bindShiftedUses();
  llvm::StringMap<IndexRange> indexRanges() const;
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
  std::vector<ShiftedUse> shiftedUses;
  /// While checking the bounds of a data range: its index.
  std::string rangeBoundOf;
};

} // namespace weft::sema

#endif
