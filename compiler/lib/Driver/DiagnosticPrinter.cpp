//===- DiagnosticPrinter.cpp - file:line:col diagnostics with a caret -----===//
//
// llvm::SMDiagnostic bails out of drawing the caret on a line with non-ASCII
// bytes, because its columns count bytes. Here the header still comes from
// MLIR's handler; the source line and the caret are drawn with display
// columns (UTF-8 characters, tabs to the next multiple of 8, as LLVM expands
// them).
//
//===----------------------------------------------------------------------===//
#include "weft/Driver/DiagnosticPrinter.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/Unicode.h"
#include "llvm/Support/WithColor.h"

using namespace weft;

static constexpr unsigned tabStop = 8;

/// `text` with its tabs expanded, starting at display column `column`;
/// returns the column after it. Text that is not valid UTF-8 counts a column
/// per byte (the parser refuses such sources, so only as a fallback).
static unsigned expandTabs(llvm::StringRef text, unsigned column,
                           std::string *out) {
  while (!text.empty()) {
    auto [piece, rest] = text.split('\t');
    int width = llvm::sys::unicode::columnWidthUTF8(piece);
    column += width >= 0 ? width : piece.size();
    if (out)
      out->append(piece);
    if (text.size() > piece.size()) { // a tab followed the piece
      unsigned next = (column / tabStop + 1) * tabStop;
      if (out)
        out->append(next - column, ' ');
      column = next;
    }
    text = rest;
  }
  return column;
}

DiagnosticPrinter::DiagnosticPrinter(llvm::SourceMgr &mgr,
                                     mlir::MLIRContext *context)
    : SourceMgrDiagnosticHandler(mgr, context) {
  setHandler([this](mlir::Diagnostic &diag) {
    bool anyNonAscii = nonAsciiLine(diag.getLocation()).has_value();
    for (mlir::Diagnostic &note : diag.getNotes())
      anyNonAscii |= nonAsciiLine(note.getLocation()).has_value();
    if (!anyNonAscii) {
      emitDiagnostic(diag);
      return;
    }
    // As SourceMgrDiagnosticHandler: a note at the previous location does
    // not repeat the source line.
    emit(diag.getLocation(), diag.str(), diag.getSeverity(), true);
    mlir::Location previous = diag.getLocation();
    for (mlir::Diagnostic &note : diag.getNotes()) {
      emit(note.getLocation(), note.str(), note.getSeverity(),
           note.getLocation() != previous);
      previous = note.getLocation();
    }
  });
}

std::optional<llvm::StringRef>
DiagnosticPrinter::nonAsciiLine(mlir::Location loc) {
  auto fileLoc = loc->findInstanceOf<mlir::FileLineColLoc>();
  if (!fileLoc)
    return std::nullopt;
  const llvm::MemoryBuffer *buffer = getBufferForFile(fileLoc.getFilename());
  if (!buffer)
    return std::nullopt;
  llvm::StringRef text = buffer->getBuffer();
  unsigned line = fileLoc.getLine();
  for (unsigned i = 1; i < line && !text.empty(); ++i)
    text = text.split('\n').second;
  if (line == 0 || (text.empty() && line > 1))
    return std::nullopt;
  llvm::StringRef lineText = text.split('\n').first.rtrim('\r');
  if (llvm::isASCII(lineText))
    return std::nullopt;
  return lineText;
}

void DiagnosticPrinter::emit(mlir::Location loc, const llvm::Twine &message,
                             mlir::DiagnosticSeverity severity,
                             bool displaySourceLine) {
  std::optional<llvm::StringRef> line = nonAsciiLine(loc);
  if (!line || !displaySourceLine) {
    emitDiagnostic(loc, message, severity, displaySourceLine);
    return;
  }
  // The header alone ("file:line:col: error: ..."), then the line and caret.
  emitDiagnostic(loc, message, severity, /*displaySourceLine=*/false);
  unsigned byteColumn = loc->findInstanceOf<mlir::FileLineColLoc>().getColumn();
  llvm::StringRef before = line->take_front(byteColumn ? byteColumn - 1 : 0);
  std::string expanded;
  expandTabs(*line, 0, &expanded);
  os << expanded << "\n";
  unsigned caretColumn = expandTabs(before, 0, nullptr);
  llvm::WithColor(os, llvm::raw_ostream::GREEN, /*Bold=*/true)
      << std::string(caretColumn, ' ') << "^\n";
}
