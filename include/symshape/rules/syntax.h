//===- symshape/rules/syntax.h - Reading rule files ------------------------===//
//
// `parse_rule_file` reads the typed Python subset of docs/rules.md into a
// Module and resolves local names.  What it accepts:
//
//   from typing import List, Optional      # import lines are ignored
//   @rule("aten::mm(Tensor self, Tensor mat2) -> Tensor")
//   def mm(self: Tensor, mat2: Tensor) -> Tensor:
//       check(self.dim() == 2, "self must be a matrix")
//       return empty([self.size(0), mat2.size(1)], dtype=self.dtype)
//
// Statements: assignment (also tuple targets, `x[i] = e`, `x += e`), if /
// elif / else, for / while with break / continue, return, pass, assert,
// raise.  Expressions: literals, names, tuples, lists, list comprehensions,
// subscripts and slices, attributes, calls with keyword arguments, unary and
// binary arithmetic (+ - * / // % **), chained comparisons (also `in`,
// `not in`, `is`, `is not`), and / or / not, conditional expressions.
// Classes, lambdas, dicts, sets, with, try, global and nested defs are not
// part of the language and are reported where they appear.
//
// Cost: linear in the text.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <string_view>

#include "symshape/expr/errors.h"
#include "symshape/rules/ast.h"

namespace symshape::rules {

/// A malformed rule file: "file:line:column: message".
class RuleSyntaxError : public Error {
public:
  RuleSyntaxError(const SourceLoc &at, const std::string &message)
      : Error("rule_syntax", at.str() + ": " + message), loc_(at), detail_(message) {}
  const SourceLoc &loc() const { return loc_; }
  const std::string &detail() const { return detail_; }

private:
  SourceLoc loc_;
  std::string detail_;
};

/// Parses a rule file.  Throws RuleSyntaxError.
Module parse_rule_file(std::string_view text, const std::string &file_name);

} // namespace symshape::rules
