//===- AST.h - the Weft abstract syntax tree --------------------*- C++ -*-===//
//
// The parse tree is turned into this AST right after parsing (ParseTreeToAST);
// nothing after that sees ANTLR types. Sema fills in the fields marked
// "Sema:" (types, resolved names, iteration spaces); MLIRGen only reads them.
//
//===----------------------------------------------------------------------===//
#ifndef WEFT_AST_AST_H
#define WEFT_AST_AST_H

#include "llvm/ADT/ArrayRef.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace weft::ast {

/// A position in a `.weft` file: 1-based line and column.
struct Location {
  std::string file;
  int line = 0;
  int col = 0;
};

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

enum class ElemKind {
  Invalid, Bool, I8, I16, I32, I64, U8, U16, U32, U64, F16, BF16, F32, F64,
  String, // only for string literals (print, paths)
};

/// One dimension of an array type as written: `n` (a shape symbol), `m + 1`
/// (a symbol plus a constant; kernel parameters only), `4` (a constant) or
/// `?` (unknown until run time; host types only).
struct Dim {
  enum class Kind { Symbol, Constant, Unknown };
  Kind kind = Kind::Unknown;
  std::string symbol;   // Kind::Symbol
  int64_t offset = 0;   // Kind::Symbol: the extent is symbol + offset
  int64_t constant = 0; // Kind::Constant
  Location loc;
};

/// A scalar (`dims` empty and `isArray` false) or an array type `f32[n, 4]`.
struct Type {
  ElemKind elem = ElemKind::Invalid;
  bool isArray = false;
  std::vector<Dim> dims;

  bool isScalar() const { return !isArray; }
  int64_t rank() const { return static_cast<int64_t>(dims.size()); }
};

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

enum class BinaryOp {
  Add, Sub, Mul, Div, Rem, Eq, Ne, Lt, Le, Gt, Ge, And, Or,
};
enum class UnaryOp { Neg, Not };

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

/// What a name in an expression refers to (filled in by Sema).
enum class NameKind {
  Unresolved,
  Param,       // a kernel or function parameter
  Array,       // an array defined inside a kernel (output or temporary)
  Index,       // an index of the enclosing equation (i, j, k, dy, ...)
  ShapeSymbol, // a dimension name bound by a parameter's type (n, M, ...)
  Local,       // a host variable (let, for)
  Function,    // a kernel or function (callee of a call)
  Builtin,     // exp, zeros, print, f32, ...
  TypeName,    // f32 etc. in `zeros(f32[n])`
};

/// A named argument of a call: `seed: 42`, `colormap: "inferno"`.
struct NamedArg {
  std::string name;
  ExprPtr value;
  Location loc;
};

/// A piece of a string literal: text, or an interpolated `{expr}`.
struct StringPart {
  std::string text; // when expr is null
  ExprPtr expr;     // `{expr}`
};

struct Expr {
  enum class Kind {
    IntLit, FloatLit, BoolLit, StringLit, Name, Index, Call, Binary, Unary,
  };
  Kind kind;
  Location loc;

  // IntLit / FloatLit / BoolLit. An integer literal above INT64_MAX (a u64
  // such as 18446744073709551615) keeps its 64 bits in intValue, with
  // intAboveI64 set: read it through intAsDouble or as uint64_t.
  int64_t intValue = 0;
  bool intAboveI64 = false;
  double intAsDouble() const {
    return intAboveI64 ? double(uint64_t(intValue)) : double(intValue);
  }
  double floatValue = 0;
  bool boolValue = false;
  // StringLit: the text between the quotes split at `{...}`.
  std::vector<StringPart> parts;
  // Name / Index / Call: the identifier. Index: `name[subscripts]`.
  // Call: `name(args, named...)`.
  std::string name;
  std::vector<ExprPtr> args; // Index: subscripts; Call: positional arguments
  std::vector<NamedArg> namedArgs;
  // Binary / Unary
  BinaryOp binaryOp = BinaryOp::Add;
  UnaryOp unaryOp = UnaryOp::Neg;
  ExprPtr lhs, rhs; // Unary uses lhs

  // Sema: the value's type, and what `name` refers to.
  Type type;
  NameKind nameKind = NameKind::Unresolved;
  // Sema, for an array read in an equation: it may leave the array, whose
  // boundary policy then gives the value.
  bool usesBoundary = false;
  // Sema, for a host call of a kernel: the type of each output (the one
  // output's is also `type`).
  std::vector<Type> outputTypes;
  // Sema, for an array read in an equation: a subscript that Sema cannot
  // prove inside the array (a data-range index, `vals[p]`, or a read in a
  // range bound, `rowptr[r + 1]`) is checked when the kernel runs.
  bool checked = false;

  explicit Expr(Kind kind, Location loc) : kind(kind), loc(std::move(loc)) {}
};

//===----------------------------------------------------------------------===//
// Kernels
//===----------------------------------------------------------------------===//

/// `a..b` (exclusive) or `a..=b` (inclusive).
struct Range {
  ExprPtr lo, hi;
  bool inclusive = false;
  Location loc;
};

/// An index on an equation's left side (`i`, or `i in 1..n-1` for an explicit
/// domain) or in its trailing window clause (`for dy in -1..=1`).
struct IndexDecl {
  std::string name;
  std::optional<Range> range;
  Location loc;
  // Sema: a window index whose range bounds use other indices or read arrays
  // (`for p in rowptr[r]..rowptr[r + 1]`). It is not in the equation's
  // iteration space (Equation::indices): each element reduces over it in a
  // loop of its own.
  bool dataRange = false;
};

/// `boundary wrap | clamp | mirror | zero | constant(v)` on a kernel input.
struct BoundaryPolicy {
  enum class Kind { None, Wrap, Clamp, Mirror, Zero, Constant };
  Kind kind = Kind::None;
  ExprPtr value; // Constant
  Location loc;
};

struct Param {
  std::string name;
  Type type;
  BoundaryPolicy boundary;  // kernel inputs only
  ExprPtr defaultValue;     // `main`'s parameters only: `n: i64 = 1024`
  std::string initFrom;     // kernel outputs only: `-> B: f32[n] = A`
  Location loc;
};

enum class Combiner { Assign, Add, Mul, Max, Min, Any, All };

/// How Sema sizes one index of an equation's iteration space: an extent that
/// is a constant or a shape symbol.
struct Extent {
  // Range: an explicit range (`i in 1..n-1`, `for dy in -1..=1`); the
  // index's IndexDecl holds it.
  enum class Kind { Constant, Symbol, Range };
  Kind kind = Kind::Constant;
  int64_t constant = 0;
  std::string symbol;
  int64_t offset = 0; // Kind::Symbol: symbol + offset
};

/// A plain subscript (`x[i]`) whose dimension Sema could not prove equal
/// to the extent of its index (different symbols, or a symbol and a
/// constant): MLIRGen checks it when the kernel runs.
struct ExtentCheck {
  std::string index;      // the index subscripting the dimension
  std::string array;      // the array read
  unsigned dim = 0;       // which dimension of `array`
  std::string extentFrom; // where the index's extent comes from (messages)
  Location loc;           // the subscript
};

/// `target[lhsIndices] op rhs for window`.
struct Equation {
  std::string target;
  std::vector<IndexDecl> lhsIndices;
  Combiner combiner = Combiner::Assign;
  ExprPtr rhs;
  std::vector<IndexDecl> window;
  Location loc;

  // Sema: true for `P = softmax(S)`: no subscripts on the left and a call of
  // a kernel on the right; the kernel's single output becomes `target`.
  bool isKernelCall = false;
  // Sema: the iteration space, left-side indices first (in order), then the
  // indices reduced over in order of first appearance on the right.
  std::vector<std::string> indices;
  std::vector<Extent> extents; // one per entry of `indices`
  std::vector<ExtentCheck> extentChecks; // for MLIRGen to check at run time
  Type targetType; // the type of the array this equation defines
};

struct Kernel {
  std::string name;
  std::vector<Param> params;
  std::vector<Param> outputs;
  std::vector<Equation> equations;
  Location loc;
};

//===----------------------------------------------------------------------===//
// Functions and host statements
//===----------------------------------------------------------------------===//

struct Stmt;
using StmtPtr = std::unique_ptr<Stmt>;
using Block = std::vector<StmtPtr>;

struct Stmt {
  enum class Kind {
    Let, Assign, Destructure, For, While, If, Return, ExprStmt,
  };
  Kind kind;
  Location loc;

  // Let: `let name (: type)? = value`. Assign: `name = value` or
  // `name[subscripts] = value`. Destructure: `let (names) = value` (declares)
  // or `(names) = value` (assigns), value a kernel call. For:
  // `for name in range { body }`.
  std::string name;
  std::vector<std::string> names;   // Destructure
  std::vector<Location> nameLocs;   // Destructure
  bool declares = false;            // Destructure: `let (...)`
  std::optional<Type> declaredType;
  std::vector<ExprPtr> subscripts;
  ExprPtr value; // Let, Assign, Return (may be null), ExprStmt, While/If cond
  std::optional<Range> range;
  Block body;     // For, While, If (then)
  Block elseBody; // If

  explicit Stmt(Kind kind, Location loc) : kind(kind), loc(std::move(loc)) {}
};

/// `fn name(params) -> type = expr` (a scalar helper, `body` empty) or
/// `fn name(params) (-> type)? { body }` (a host function such as `main`).
struct Function {
  std::string name;
  std::vector<Param> params;
  std::optional<Type> returnType;
  ExprPtr exprBody;
  Block body;
  Location loc;
};

struct Module {
  std::string file;
  std::vector<Kernel> kernels;
  std::vector<Function> functions;
};

//===----------------------------------------------------------------------===//
// Helpers shared by the front end, Sema and MLIRGen
//===----------------------------------------------------------------------===//

/// `f32`, `i64`, ... -> kind; Invalid for any other name.
ElemKind elemKindFromName(const std::string &name);
/// The source spelling of an element kind (`f32`).
const char *elemKindName(ElemKind kind);
bool isFloat(ElemKind kind);
bool isInteger(ElemKind kind); // signed or unsigned, not bool
bool isUnsigned(ElemKind kind);
/// Whether an array of `elem` with these extents (its constant ones; the
/// others are checked where it is allocated) has more bytes than an i64 can
/// count.
bool constantExtentsOverflow(ElemKind elem, llvm::ArrayRef<int64_t> extents);
/// `f32`, `f32[n, 4]`, `f32[?, ?]`, `i64[m + 1]`.
std::string typeToString(const Type &type);
/// `n`, `m + 1`, `m - 1`.
std::string symbolDimToString(const std::string &symbol, int64_t offset);
const char *binaryOpSpelling(BinaryOp op);
const char *combinerSpelling(Combiner c); // "=", "+=", "max=", ...
/// True when `e` reads an array element (`col[p]`), as a gather subscript
/// does.
bool readsArray(const Expr &e);

} // namespace weft::ast

#endif // WEFT_AST_AST_H
