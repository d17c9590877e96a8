//===- SyntaxErrors.cpp - clang-like syntax error messages ----------------===//

#include "SyntaxErrors.h"

#include "weft/Frontend/Location.h"

#include "WeftParser.h"
#include "antlr4-runtime.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

using namespace weft;
using namespace weft::detail;

// Clang stops at 20 by default too.
static constexpr unsigned kMaxErrors = 20;

SyntaxReporter::SyntaxReporter(llvm::StringRef buffer, llvm::StringRef file,
                               mlir::MLIRContext &context)
    : buffer(buffer), file(file.str()), context(context) {
  lineStarts.push_back(0);
  for (size_t i = 0; i < buffer.size(); ++i)
    if (buffer[i] == '\n')
      lineStarts.push_back(i + 1);
}

ast::Location SyntaxReporter::location(TextPosition pos) const {
  size_t line = std::min(std::max<size_t>(pos.line, 1), lineStarts.size());
  size_t offset = lineStarts[line - 1];
  // Step over `pos.column` code points; continuation bytes are 10xxxxxx.
  // ANTLR's input stream drops a leading byte order mark: skip it too.
  size_t end = line == 1 && buffer.starts_with("\xEF\xBB\xBF") ? 3 : offset;
  for (size_t points = 0; end < buffer.size() && buffer[end] != '\n';) {
    if ((static_cast<unsigned char>(buffer[end]) & 0xC0) != 0x80) {
      if (points == pos.column)
        break;
      ++points;
    }
    ++end;
  }
  return {file, static_cast<int>(line), static_cast<int>(end - offset + 1)};
}

mlir::InFlightDiagnostic SyntaxReporter::error(const ast::Location &loc) {
  if (errors == kMaxErrors)
    throw TooManyErrors{loc};
  ++errors;
  return mlir::emitError(toMLIRLoc(context, loc));
}

mlir::InFlightDiagnostic SyntaxReporter::error(TextPosition pos) {
  return error(location(pos));
}

namespace {

size_t codePoints(const std::string &utf8) {
  size_t n = 0;
  for (char c : utf8)
    n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

/// `'@'` for a printable ASCII character, `U+00E9` for anything else.
std::string describeCharacter(const std::string &utf8) {
  if (utf8.size() == 1 && utf8[0] > ' ' && utf8[0] < 0x7f)
    return "'" + utf8 + "'";
  uint32_t cp = 0;
  auto lead = static_cast<unsigned char>(utf8.empty() ? 0 : utf8[0]);
  size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  cp = len == 1 ? lead : lead & (0x3F >> (len - 1));
  for (size_t i = 1; i < len && i < utf8.size(); ++i)
    cp = (cp << 6) | (static_cast<unsigned char>(utf8[i]) & 0x3F);
  std::string out;
  llvm::raw_string_ostream(out) << llvm::format("U+%04X", cp);
  return out;
}

class ExpectedDescriber {
public:
  ExpectedDescriber(const antlr4::dfa::Vocabulary &vocab, const char *endName)
      : vocab(vocab), endName(endName) {}

  /// "an expression or ')'", "']' or ','", or "" when the set is too large
  /// to help.
  std::string describe(const antlr4::misc::IntervalSet &set) {
    std::vector<std::string> items, groups;
    bool hasStmt = false, hasExpr = false, hasOp = false, hasReduction = false;
    bool hasEnd = false;
    bool stmtContext = set.contains(literal("let"));
    bool exprContext = set.contains(static_cast<size_t>(WeftParser::INT));
    for (ssize_t t : set.toList()) {
      if (t == static_cast<ssize_t>(antlr4::Token::EOF)) {
        hasEnd = true;
        continue;
      }
      std::string lit = vocab.getLiteralName(t);
      if (stmtContext && kStatementStarts.contains(lit)) {
        hasStmt = true;
      } else if (exprContext && isExprStart(t, lit)) {
        hasExpr = true;
      } else if (kBinaryOps.contains(lit)) {
        hasOp = true;
      } else if (kReductions.contains(lit)) {
        hasReduction = true;
      } else {
        items.push_back(describeToken(t, lit));
      }
    }
    if (hasStmt)
      groups.push_back("a statement");
    else if (hasExpr)
      groups.push_back("an expression");
    if (hasOp)
      items.push_back("an operator");
    if (hasReduction)
      items.push_back("a reduction operator");
    if (hasEnd)
      items.push_back(endName);
    groups.insert(groups.end(), items.begin(), items.end());
    if (groups.empty() || groups.size() > 5)
      return "";
    std::string out = groups[0];
    for (size_t i = 1; i < groups.size(); ++i)
      out += (i + 1 == groups.size() ? " or " : ", ") + groups[i];
    return out;
  }

private:
  const antlr4::dfa::Vocabulary &vocab;
  const char *endName;

  inline static const llvm::StringSet<> kStatementStarts = {
      "'let'", "'for'", "'while'", "'if'", "'return'"};
  inline static const llvm::StringSet<> kBinaryOps = {
      "'*'", "'/'", "'%'", "'+'", "'=='", "'!='", "'<'",
      "'<='", "'>'", "'>='", "'&&'", "'||'"};
  inline static const llvm::StringSet<> kReductions = {
      "'+='", "'*='", "'max='", "'min='", "'any='", "'all='"};

  ssize_t literal(llvm::StringRef text) const {
    for (size_t t = 1; t <= vocab.getMaxTokenType(); ++t)
      if (vocab.getLiteralName(t) == "'" + text.str() + "'")
        return static_cast<ssize_t>(t);
    return -1;
  }

  static bool isExprStart(ssize_t t, const std::string &lit) {
    return t == WeftParser::INT || t == WeftParser::FLOAT ||
           t == WeftParser::STRING || t == WeftParser::BAD_STRING ||
           t == WeftParser::ID || lit == "'('" || lit == "'-'" ||
           lit == "'!'" || lit == "'true'" || lit == "'false'";
  }

  static std::string describeToken(ssize_t t, const std::string &lit) {
    switch (t) {
    case WeftParser::ID: return "a name";
    case WeftParser::INT: return "an integer";
    case WeftParser::FLOAT: return "a number";
    case WeftParser::STRING:
    case WeftParser::BAD_STRING: return "a string";
    default: return lit;
    }
  }
};

std::string describeFound(antlr4::Token *token, const char *endName) {
  if (!token || token->getType() == antlr4::Token::EOF)
    return endName;
  std::string text = token->getText();
  if (text.size() > 30)
    text = text.substr(0, 27) + "...";
  return "'" + text + "'";
}

/// The tokens the parser could have accepted where it failed, or nullopt when
/// that is not known precisely (an ambiguity decided further ahead).
std::optional<antlr4::misc::IntervalSet>
expectedTokens(antlr4::Parser *parser, antlr4::Token *offending,
               std::exception_ptr e) {
  try {
    if (!e)
      return parser->getExpectedTokens();
    try {
      std::rethrow_exception(e);
    } catch (antlr4::NoViableAltException &nva) {
      if (nva.getStartToken() != offending)
        return std::nullopt;
      return nva.getExpectedTokens();
    } catch (antlr4::RecognitionException &re) {
      return re.getExpectedTokens();
    }
  } catch (...) {
  }
  return std::nullopt;
}

/// The character the lexer could not match, as UTF-8.
std::string offendingCharacter(antlr4::Lexer *lexer, std::exception_ptr e) {
  try {
    std::rethrow_exception(e);
  } catch (antlr4::LexerNoViableAltException &lex) {
    size_t index = lex.getStartIndex();
    return lexer->getInputStream()->getText(antlr4::misc::Interval(index, index));
  } catch (...) {
  }
  return "";
}

} // namespace

void SyntaxErrorListener::syntaxError(antlr4::Recognizer *recognizer,
                                      antlr4::Token *offendingSymbol,
                                      size_t line, size_t charPositionInLine,
                                      const std::string &msg,
                                      std::exception_ptr e) {
  TextPosition pos = origin.map(line, charPositionInLine);
  if (auto *lexer = dynamic_cast<antlr4::Lexer *>(recognizer)) {
    std::string ch = e ? offendingCharacter(lexer, e) : "";
    if (ch.empty())
      reporter.error(pos) << msg;
    else
      reporter.error(pos) << "unexpected character " << describeCharacter(ch);
    return;
  }
  auto *parser = dynamic_cast<antlr4::Parser *>(recognizer);
  // Like clang, point just after the last token rather than at the end of the
  // file, which may be many comment lines further down.
  if (parser && offendingSymbol &&
      offendingSymbol->getType() == antlr4::Token::EOF)
    if (antlr4::Token *last = parser->getTokenStream()->LT(-1))
      pos = origin.map(last->getLine(), last->getCharPositionInLine() +
                                            codePoints(last->getText()));
  std::string found = describeFound(offendingSymbol, origin.endName);
  std::string wanted;
  if (parser)
    if (auto set = expectedTokens(parser, offendingSymbol, e))
      wanted = ExpectedDescriber(parser->getVocabulary(), origin.endName)
                   .describe(*set);
  if (wanted.empty())
    reporter.error(pos) << "unexpected " << found;
  else
    reporter.error(pos) << "expected " << wanted << " but found " << found;
}
