//===- symshape/expr/parse.h - Reading PyTorch's expression text ----------===//
//
// One parser reads every textual form PyTorch writes:
//   * sympy `str()`:      `FloorDiv(s0, 2)`, `((s0 - 1)//2) + 1`, `Mod(s0, 8)`,
//                         `Eq(s0, s1)`, `Max(2, s0)`, `(s0 < 5) & Eq(s1, 3)`,
//                         `Piecewise((s0, Eq(s0, 5)), (s1, True))`;
//   * the Python printer: `s0 // 2`, `s0 % 8`, `==`, `!=`, `and`, `or`, `not`,
//                         `min(..)`, `max(..)`, `float(s0)`, `math.floor(..)`,
//                         chained comparisons `2 <= s0 <= 64`;
//   * sympy `srepr`:      `Mul(Integer(2), Symbol('s0', positive=True, integer=True))`;
//   * symshape's lossless form (print.h).
// Names are symbols (`s0`, `u3`) or sources as PyTorch prints them
// (`L['x'].size()[0]`, `x.size()[1]`, `x.stride()[0]`, `x.storage_offset()`,
// `x.shape[0]`), passed verbatim (spaces removed) to the name resolver.
//
// Parsing is two steps: text -> SyntaxNode (positions kept), then
// SyntaxNode -> Expr through the normalizing constructors.  Errors carry the
// 1-based line and column and say what was expected.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "symshape/expr/expr.h"

namespace symshape {

/// A parsed but not yet built expression (a Python-like syntax tree).
struct SyntaxNode {
  enum class Op {
    Int,     ///< integer literal (`ival`)
    Float,   ///< float literal (`fval`)
    Bool,    ///< True / False (`bval`)
    String,  ///< 'text' (only as a function argument, e.g. Symbol('s0'))
    Name,    ///< a symbol or source name (`text`)
    Call,    ///< `text`(children...); keyword args in `keywords`
    Tuple,   ///< (a, b, ...)
    Binary,  ///< children[0] `text` children[1]: + - * / // % ** & |
    Unary,   ///< `text` children[0]: - + ~ not
    Compare, ///< children[0] ops[0] children[1] ops[1] children[2] ...
    BoolOp,  ///< `text` in {and, or} over children
    IfExp,   ///< children[1] if children[0] else children[2]
  };
  Op op = Op::Int;
  std::string text;
  Int ival;
  double fval = 0.0;
  bool bval = false;
  std::vector<SyntaxNode> children;
  std::vector<std::string> ops;                             ///< Compare only
  std::vector<std::pair<std::string, SyntaxNode>> keywords; ///< Call only
  int line = 1, column = 1;
};

/// Parses one expression.  `line`/`column` give the position of text[0] in
/// its file, so errors point into the file.  Throws ParseError.
SyntaxNode parse_syntax(std::string_view text, int line = 1, int column = 1);

struct ParseOptions {
  /// Maps a name to an expression.  Default: the existing symbol of that
  /// name (any type), else a new int symbol.  May throw symshape::Error;
  /// the parser adds the position.
  std::function<Expr(const std::string &name)> resolve;
};

/// Builds the normalized expression.  Type errors, division by zero and
/// resolver errors become ParseError at the offending node's position
/// (keeping the original error kind).
Expr build_expr(const SyntaxNode &node, const ParseOptions &options = {});

/// parse_syntax + build_expr.
Expr parse_expr(std::string_view text, const ParseOptions &options = {});

/// The symbol of this name if one was ever created.
std::optional<Expr> find_symbol(std::string_view name);

} // namespace symshape
