//===- symshape/expr/print.h - Printing expressions in PyTorch's dialects -===//
//
// Three dialects:
//   * Sympy     what `str(expr)` prints in PyTorch 2.6 with sympy 1.13:
//               `Eq(s0 + 2, s1)`, `5 < s0`, `((s0 - 1)//2)`, `Mod(s0, 8)`,
//               `Max(2, s0)`, `(s0 < 5) & Eq(s1, 3)`.  The CLI's `simplify`
//               prints this.
//   * Python    PyTorch's PythonPrinter (guards, `.shapes` results):
//               `s0 + 2 == s1`, `s0 // 2`, `(s0 % 8) == 0`, `max(2, s0)`,
//               `float(s0)`, `math.floor(x)`, `a and b`, `not (a)`.
//   * Lossless  function-call form that parses back to the identical node:
//               FloorDiv / CleanDiv / PythonMod, Eq / Lt / And / Where calls.
// Term order follows sympy (`-s0 + s1`, `100 - s1`, `2*s0*s1 + s0`), so text
// usually matches PyTorch's byte for byte; where it does not, the two are
// still equivalent (tests check parse(print(e)) against e).
//
// Cost: linear in the size of the tree, plus a sort of each sum's terms.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <functional>
#include <string>

#include "symshape/expr/expr.h"

namespace symshape {

enum class Dialect { Sympy, Python, Lossless };

/// Optional renaming of symbols when printing (e.g. `s0` -> `x.size()[0]`).
/// Return an empty string to keep the symbol's own name.
using SymbolNamer = std::function<std::string(Expr symbol)>;

std::string print(Expr e, Dialect dialect = Dialect::Sympy,
                  const SymbolNamer &namer = nullptr);
inline std::string to_sympy_str(Expr e) { return print(e, Dialect::Sympy); }
inline std::string to_python_str(Expr e) { return print(e, Dialect::Python); }
inline std::string to_lossless_str(Expr e) { return print(e, Dialect::Lossless); }

/// Python's repr() of a float: the shortest text that reads back exactly,
/// always with a '.' or an exponent ("2.0", "0.1", "1e+20", "inf").
std::string float_repr(double v);

} // namespace symshape
