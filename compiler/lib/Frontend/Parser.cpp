//===- Parser.cpp - .weft source to AST -----------------------------------===//

#include "weft/Frontend/Parser.h"

#include "ParseTreeToAST.h"
#include "weft/Frontend/Location.h"

#include "llvm/Support/ConvertUTF.h"

using namespace weft;
using namespace weft::detail;

// The parser recurses once per bracket and per prefix operator; this keeps it
// far from the end of the stack.
static constexpr size_t kMaxNesting = 256;

TextParse::TextParse(const std::string &text, TextOrigin origin,
                     SyntaxReporter &reporter)
    : reporter(reporter), origin(origin), listener(reporter, origin), input(text),
      lexer(&input), tokens(&lexer), parser(&tokens) {
  lexer.removeErrorListeners();
  lexer.addErrorListener(&listener);
  parser.removeErrorListeners();
  parser.addErrorListener(&listener);
}

bool TextParse::checkTokens() {
  tokens.fill();
  size_t brackets = 0, prefixRun = 0;
  bool lexicalError = false;
  for (antlr4::Token *token : tokens.getTokens()) {
    TextPosition pos =
        origin.map(token->getLine(), token->getCharPositionInLine());
    if (token->getType() == WeftLexer::UNTERMINATED_COMMENT) {
      reporter.error(pos) << "unterminated '/*' comment";
      lexicalError = true;
      continue;
    }
    if (token->getType() == WeftLexer::UNTERMINATED_STRING) {
      reporter.error(pos) << "unterminated string literal";
      lexicalError = true;
      continue;
    }
    if (token->getType() == WeftLexer::MALFORMED_NUMBER) {
      auto diag = reporter.error(pos)
                  << "malformed number '" << token->getText() << "'";
      diag.attachNote() << "numbers are decimal, like 16, 1.5, 1e5 or 1.0e5";
      lexicalError = true;
      continue;
    }
    std::string text = token->getText();
    bool prefix = text == "-" || text == "!";
    prefixRun = prefix ? prefixRun + 1 : 0;
    if (text == "(" || text == "[" || text == "{")
      ++brackets;
    else if ((text == ")" || text == "]" || text == "}") && brackets)
      --brackets;
    if (brackets + prefixRun > kMaxNesting) {
      reporter.error(pos) << "brackets and operators nest too deeply here "
                             "(more than "
                          << kMaxNesting << " levels)";
      return false;
    }
  }
  // The rest of the line or file is lost (or, after a malformed number, an
  // operand): parse errors would only be noise.
  return !lexicalError;
}

WeftParser::ModuleContext *TextParse::parseModule() {
  unsigned before = reporter.numErrors();
  if (!checkTokens())
    return nullptr;
  WeftParser::ModuleContext *tree = parser.module();
  return reporter.numErrors() == before ? tree : nullptr;
}

WeftParser::InterpolationContext *TextParse::parseInterpolation() {
  unsigned before = reporter.numErrors();
  if (!checkTokens())
    return nullptr;
  WeftParser::InterpolationContext *tree = parser.interpolation();
  return reporter.numErrors() == before ? tree : nullptr;
}

/// ANTLR's input stream throws on malformed UTF-8: report it first.
static bool checkUTF8(llvm::StringRef text, SyntaxReporter &reporter,
                      const std::string &file) {
  const auto *begin = reinterpret_cast<const llvm::UTF8 *>(text.data());
  const llvm::UTF8 *bad = begin;
  if (llvm::isLegalUTF8String(&bad, begin + text.size()))
    return true;
  llvm::StringRef before = text.take_front(bad - begin);
  size_t lineStart = before.rfind('\n') + 1; // npos + 1 == 0
  ast::Location loc{file, static_cast<int>(before.count('\n') + 1),
                    static_cast<int>(before.size() - lineStart + 1)};
  reporter.error(loc) << "invalid UTF-8 in source file";
  return false;
}

std::unique_ptr<ast::Module> weft::parseModule(llvm::SourceMgr &sourceMgr,
                                               mlir::MLIRContext &context) {
  const llvm::MemoryBuffer *buffer =
      sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
  llvm::StringRef text = buffer->getBuffer();
  std::string file = buffer->getBufferIdentifier().str();
  SyntaxReporter reporter(text, file, context);
  try {
    if (!checkUTF8(text, reporter, file))
      return nullptr;
    TextParse parse(text.str(), TextOrigin{}, reporter);
    WeftParser::ModuleContext *tree = parse.parseModule();
    if (!tree)
      return nullptr;
    std::unique_ptr<ast::Module> module = convertModule(tree, reporter);
    if (reporter.numErrors())
      return nullptr;
    module->file = file;
    return module;
  } catch (const TooManyErrors &stop) {
    mlir::emitError(toMLIRLoc(context, stop.loc))
        << "too many errors, stopping here";
  } catch (const std::exception &e) {
    // ANTLR's runtime throws on states it considers impossible; no input
    // should reach them, but a crash would be worse than this message.
    mlir::emitError(mlir::FileLineColLoc::get(&context, file, 1, 1))
        << "internal parser error: " << e.what();
  }
  return nullptr;
}
