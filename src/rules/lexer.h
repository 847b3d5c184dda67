//===- lexer.h - Tokens of rule files (internal) ---------------------------===//
//
// Python's lexical structure, for the subset: INDENT / DEDENT from leading
// whitespace, NEWLINE at the end of logical lines, implicit line joining
// inside brackets, backslash continuation, `#` comments, int / float /
// string literals (single or double quotes, the common escapes; adjacent
// strings concatenate in the parser).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "symshape/rules/syntax.h"

namespace symshape::rules::detail {

struct Token {
  enum class Kind { Name, Int, Float, Str, Op, Newline, Indent, Dedent, End };
  Kind kind;
  std::string text; ///< name, operator, literal source text, or the decoded string
  int line, column;
};

struct Tokens {
  std::vector<Token> tokens;
  /// Where a bracket opened that the file never closes (line 0: none).  The
  /// tokens still run to the end, so that an earlier error is found first.
  int unclosed_line = 0, unclosed_column = 0;
  char unclosed = 0;
};

/// Tokenizes a whole file.  Throws RuleSyntaxError.
Tokens tokenize(std::string_view text, const std::shared_ptr<const std::string> &file);

} // namespace symshape::rules::detail
