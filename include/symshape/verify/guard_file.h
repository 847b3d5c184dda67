//===- symshape/verify/guard_file.h - Guard files for `symshape verify` ----===//
//
// A guard file is one boolean expression per line in PyTorch's printed
// syntax -- what `TORCH_LOGS=guards` and `produce_guards` print -- with `#`
// comments:
//
//   # from TORCH_LOGS=guards
//   L['x'].size()[0] == L['y'].size()[0]
//   2 <= L['x'].size()[0] <= 4096
//   Eq(Mod(s0, 8), 0)
//   range n -8..8          # a declaration: n is a scalar in [-8, 8]
//
// Sources (`x.size()[0]`, `L['x'].stride()[1]`, `x.storage_offset()`) are
// symbols named like the source (`L['x']` is read as `x`); `s0`-style
// symbols and sources range over integers >= 0, any other name over all
// integers (a scalar input may be negative).  Declarations reuse the
// `.shapes` lines (../shared/spec/shapeenv-script.md): `range NAME LO..HI`
// narrows a name, `scalar NAME` / `unbacked NAME` declare an integer,
// `size_like NAME` one >= 0, `input NAME = [...]` declares NAME's sizes
// (>= 0).  A guard dump's `LAMBDA_GUARD: expr  # comment` lines give their
// expression; other lines of a dump that are not shape guards (tensor
// matches, type or id checks, the guard tree) are skipped with a warning
// naming the line.  Every mistake is a ParseError-style
// "FILE:LINE:COLUMN: message".
//
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "symshape/expr/expr.h"
#include "symshape/reason/value_range.h"

namespace symshape::verify {

struct GuardLine {
  Expr expr;
  int line = 0;
  std::string text; ///< as written (after the dump prefix, without comment)
};

struct GuardFile {
  std::string name;
  std::vector<GuardLine> guards;
  std::vector<std::string> warnings; ///< "FILE:LINE: skipped ...: TEXT"
  /// Every name, in order of first appearance.
  std::vector<Expr> names;
  /// The domain of every name.
  RangeMap ranges;
  std::vector<Expr> exprs() const;
  /// The guard of a line, or null.
  const GuardLine *at_line(int line) const;
};

/// Parses a guard file.  Throws ParseError-derived symshape::Error whose
/// message starts with "FILE:LINE:COLUMN: ".
GuardFile parse_guard_file(std::string_view text, const std::string &file_name);

/// A domain given on the command line: one expression ("1 <= x.size()[0] <=
/// 4096") as a one-line guard file named "DOMAIN".
GuardFile parse_guard_expr(std::string_view text, const std::string &name = "DOMAIN");

/// Merges declarations and names: the result's domains are the
/// intersections, names in order of first appearance across the files.
void merge_domains(GuardFile &into, const GuardFile &other);

} // namespace symshape::verify
