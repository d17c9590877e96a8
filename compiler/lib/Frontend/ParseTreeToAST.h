//===- ParseTreeToAST.h - running the ANTLR parser, building the AST -*- C++ -*-===//
//
// Internal to the front end. Nothing outside it sees ANTLR types: parseModule
// hands out the AST only.
//
//===----------------------------------------------------------------------===//
#ifndef WEFT_FRONTEND_PARSETREETOAST_H
#define WEFT_FRONTEND_PARSETREETOAST_H

#include "SyntaxErrors.h"

#include "WeftLexer.h"
#include "WeftParser.h"

#include <memory>

namespace weft::detail {

/// Lexes and parses one text (the file, or the `{expr}` of a string literal)
/// and reports its syntax errors. The parse tree lives as long as this object.
class TextParse {
public:
  TextParse(const std::string &text, TextOrigin origin,
            SyntaxReporter &reporter);

  /// The whole file; null if there was a syntax error.
  WeftParser::ModuleContext *parseModule();
  /// A lone expression; null if there was a syntax error.
  WeftParser::InterpolationContext *parseInterpolation();

private:
  SyntaxReporter &reporter;
  TextOrigin origin;
  SyntaxErrorListener listener;
  antlr4::ANTLRInputStream input;
  WeftLexer lexer;
  antlr4::CommonTokenStream tokens;
  WeftParser parser;

  /// Reports what the grammar lets through on purpose (unterminated
  /// comments) and input nested too deeply for the recursive-descent parser.
  /// False when the text must not be parsed.
  bool checkTokens();
};

/// Builds the AST of a parse without syntax errors. Reports the problems the
/// grammar leaves to it (unknown element types and boundary policies, literals
/// out of range, bad escapes and interpolations in strings); the caller
/// checks the reporter's error count.
std::unique_ptr<ast::Module> convertModule(WeftParser::ModuleContext *tree,
                                           SyntaxReporter &reporter);

} // namespace weft::detail

#endif
