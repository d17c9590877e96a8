//===- SyntaxErrors.h - reporting syntax errors -----------------*- C++ -*-===//
//
// Internal to the front end: turns ANTLR positions into file locations and
// ANTLR's syntax errors into clang-like diagnostics.
//
//===----------------------------------------------------------------------===//
#ifndef WEFT_FRONTEND_SYNTAXERRORS_H
#define WEFT_FRONTEND_SYNTAXERRORS_H

#include "weft/AST/AST.h"

#include "antlr4-runtime.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/StringRef.h"

#include <vector>

namespace weft::detail {

/// A position as ANTLR gives it: 1-based line, 0-based column in code points.
struct TextPosition {
  size_t line = 1;
  size_t column = 0;
};

/// Where a piece of text that is parsed on its own (the `{expr}` of a string
/// literal) starts in the file. Such text never spans lines.
struct TextOrigin {
  TextPosition start;
  /// How the end of the text is named in messages.
  const char *endName = "end of file";

  TextPosition map(size_t line, size_t column) const {
    if (line <= 1)
      return {start.line, start.column + column};
    return {start.line + line - 1, column};
  }
};

/// Thrown instead of the error after the last one allowed; parseModule
/// catches it and says it stops there.
struct TooManyErrors {
  ast::Location loc;
};

/// Makes locations for the file being parsed and reports errors at them,
/// counting them and stopping after a limit (binary garbage would otherwise
/// give one error per byte).
class SyntaxReporter {
public:
  SyntaxReporter(llvm::StringRef buffer, llvm::StringRef file,
                 mlir::MLIRContext &context);

  /// The AST location of a position: MLIR counts columns in bytes.
  ast::Location location(TextPosition pos) const;
  /// Reports an error at `pos`; throws TooManyErrors past the limit.
  mlir::InFlightDiagnostic error(TextPosition pos);
  mlir::InFlightDiagnostic error(const ast::Location &loc);
  unsigned numErrors() const { return errors; }
  mlir::MLIRContext &getContext() const { return context; }

private:
  llvm::StringRef buffer;
  std::string file;
  mlir::MLIRContext &context;
  std::vector<size_t> lineStarts;
  unsigned errors = 0;
};

/// Replaces ANTLR's console listener on a lexer and a parser: rewrites its
/// messages as "expected ']' but found '='" and reports them.
class SyntaxErrorListener : public antlr4::BaseErrorListener {
public:
  SyntaxErrorListener(SyntaxReporter &reporter, TextOrigin origin)
      : reporter(reporter), origin(origin) {}

  void syntaxError(antlr4::Recognizer *recognizer,
                   antlr4::Token *offendingSymbol, size_t line,
                   size_t charPositionInLine, const std::string &msg,
                   std::exception_ptr e) override;

private:
  SyntaxReporter &reporter;
  TextOrigin origin;
};

} // namespace weft::detail

#endif
