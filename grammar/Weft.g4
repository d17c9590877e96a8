// The grammar of the whole Weft language (docs/language.md).
//
// Newlines are not significant; statements and equations may end with an
// optional ';'. Element types (f32, i64, ...), builtins (exp, zeros, ...) and
// boundary policy names (wrap, clamp, ...) are plain identifiers: the
// front end checks them, so they stay usable as names elsewhere.
grammar Weft;

module : topDecl* EOF ;

topDecl : kernelDecl | fnDecl ;

//===-- Kernels -------------------------------------------------------===//

kernelDecl
  : 'kernel' name=ID '(' (kernelParam (',' kernelParam)* ','?)? ')'
    '->' kernelOutputs '{' equation* '}'
  ;

kernelParam : name=ID ':' type boundaryPolicy? ;

// `boundary wrap`, `boundary constant(0.5)`.
boundaryPolicy : 'boundary' policy=ID ('(' expr ')')? ;

kernelOutputs
  : kernelOutput (',' kernelOutput)*
  | '(' kernelOutput (',' kernelOutput)* ','? ')'
  ;

// `B: f32[n, n] = A`: B starts as a copy of the input A.
kernelOutput : name=ID ':' type ('=' init=ID)? ;

// `C[i, j] += A[i, k] * B[k, j]`, `B[i in 1..n-1, j] = ...`,
// `n[y, x] += G[y + dy, x + dx] for dy in -1..=1, dx in -1..=1`,
// `P = softmax(S)`.
equation
  : target=ID ('[' indexDecl (',' indexDecl)* ']')? combiner expr
    ('for' windowDecl (',' windowDecl)*)? ';'?
  ;

indexDecl : name=ID ('in' range)? ;

windowDecl : name=ID 'in' range ;

combiner
  : '=' | '+=' | '*=' | 'max=' | 'min=' | 'any=' | 'all='
  ;

// `a..b` excludes b, `a..=b` includes it.
range : lo=expr op=('..' | '..=') hi=expr ;

//===-- Types ---------------------------------------------------------===//

// `f32`, `f32[n, 4]`, `f32[?, ?]`, `i64[m + 1]`.
type : elem=ID ('[' dim (',' dim)* ']')? ;

dim : ID (op=('+' | '-') offset=INT)? | INT | '?' ;

//===-- Functions and host statements ---------------------------------===//

// `fn gelu(x: f32) -> f32 = ...` (a scalar helper) or
// `fn main(n: i64 = 1024) { ... }` (a host function).
fnDecl
  : 'fn' name=ID '(' (fnParam (',' fnParam)* ','?)? ')' ('->' type)?
    ( '=' expr ';'? | block )
  ;

fnParam : name=ID ':' type ('=' expr)? ;

block : '{' stmt* '}' ;

stmt
  // `let (x, r, rr) = update(...)` and `(x, r) = update(...)` bind one
  // name per output of a kernel call.
  : 'let' (name=ID (':' type)? | '(' nameList ')') '=' expr ';'?  # letStmt
  | name=ID ('[' expr (',' expr)* ']')? '=' expr ';'?             # assignStmt
  | '(' nameList ')' '=' expr ';'?                                # assignTupleStmt
  | 'for' name=ID 'in' range block                                # forStmt
  | 'while' expr block                                            # whileStmt
  | ifElse                                                        # ifStmt
  | 'return' expr? ';'?                                           # returnStmt
  | expr ';'?                                                     # exprStmt
  ;

nameList : names+=ID (',' names+=ID)* ','? ;

ifElse : 'if' expr then=block ('else' (otherwise=block | elseIf=ifElse))? ;

//===-- Expressions ---------------------------------------------------===//

// Alternatives are listed from the tightest binding to the loosest.
expr
  : primary                                                       # primaryExpr
  | op=('-' | '!') expr                                           # unaryExpr
  | lhs=expr op=('*' | '/' | '%') rhs=expr                        # binaryExpr
  | lhs=expr op=('+' | '-') rhs=expr                              # binaryExpr
  | lhs=expr op=('==' | '!=' | '<' | '<=' | '>' | '>=') rhs=expr  # binaryExpr
  | lhs=expr op='&&' rhs=expr                                     # binaryExpr
  | lhs=expr op='||' rhs=expr                                     # binaryExpr
  ;

primary
  : INT                                                           # intLit
  | FLOAT                                                         # floatLit
  | value=('true' | 'false')                                      # boolLit
  | (STRING | BAD_STRING)                                         # stringLit
  | name=ID '(' (arg (',' arg)* ','?)? ')'                        # callExpr
  | name=ID '[' expr (',' expr)* ']'                              # indexExpr
  | name=ID                                                       # nameExpr
  | '(' expr ')'                                                  # parenExpr
  ;

// A positional argument or a named one (`seed: 42`).
arg : (name=ID ':')? expr ;

// Entry point for the `{expr}` parts of string literals.
interpolation : expr EOF ;

//===-- Tokens --------------------------------------------------------===//

INT : DIGITS ;

// `1.5`, `1e-3`, `2.`; `0..n` is a range, not `0.` followed by `.n`.
FLOAT
  : DIGITS '.' DIGITS EXPONENT?
  | DIGITS '.' { _input->LA(1) != '.' }?
  | DIGITS EXPONENT
  ;

// A number run into letters (`0x10`, `1.e5`, `1_000`, `2f`): one token, so
// that the front end reports the number rather than a name after it.
// Never accepted by the parser. A valid float of the same length (`1e5`)
// is the FLOAT above, which comes first.
MALFORMED_NUMBER : DIGITS ('.' DIGITS?)? [a-zA-Z_] [a-zA-Z_0-9]* -> channel(HIDDEN) ;

// `{expr}` parts may hold strings and braces of their own; the front end
// splits the text and reports bad escapes and unbalanced braces.
STRING : '"' ( ESCAPE | '{{' | INTERPOLATION | ~["\\\r\n{] )* '"' ;

// A string literal with an unmatched '{': parsed like a string, so that the
// front end reports exactly what is wrong.
BAD_STRING : '"' ( ESCAPE | ~["\\\r\n] )* '"' ;

// Never accepted by the parser: the front end reports it.
UNTERMINATED_STRING : '"' ( ESCAPE | ~["\\\r\n] )* -> channel(HIDDEN) ;

ID : [a-zA-Z_] [a-zA-Z_0-9]* ;

LINE_COMMENT : '//' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
// A comment that never ends: no '*/' anywhere after its start.
UNTERMINATED_COMMENT : '/*' ( ~'*' | '*'+ ~[*/] )* '*'* EOF -> channel(HIDDEN) ;

WS : [ \t\r\n\f]+ -> skip ;

fragment DIGITS : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? DIGITS ;
fragment ESCAPE : '\\' ~[\r\n] ;
fragment INTERPOLATION : '{' ( STRING | INTERPOLATION | ~["{}\r\n] )* '}' ;
