//===- random_expr.h - Seeded random expressions and a raw evaluator -------===//
//
// Test support, in the style of Halide's fuzz_simplify: random expression
// *text* over a few symbols, and an independent evaluator of the raw syntax
// tree (Python semantics, no normalization) that serves as the oracle for
// the normalizer, the printers and the interval analysis.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <optional>
#include <random>
#include <string>
#include <vector>

#include "symshape/expr/eval.h"
#include "symshape/expr/parse.h"

namespace symshape::testing {

struct RandomExprOptions {
  int max_depth = 4;
  std::vector<std::string> int_symbols = {"x", "y", "z"};
  int const_range = 9;     ///< integer literals in [-const_range, const_range]
  bool allow_float = true; ///< ToFloat, /, float literals, FloorToInt ...
  bool allow_pow = true;

  /// Small integer-only expressions (no floats, no powers, depth 2) over
  /// `symbols`: the shape of guard facts, for the reasoning fuzzers.
  static RandomExprOptions integer_only(std::vector<std::string> symbols) {
    RandomExprOptions o;
    o.int_symbols = std::move(symbols);
    o.allow_float = false;
    o.allow_pow = false;
    o.max_depth = 2;
    return o;
  }
};

/// Seeded generator of random expression text.
class RandomExpr {
public:
  explicit RandomExpr(uint64_t seed, RandomExprOptions o = {}) : rng_(seed), o_(std::move(o)) {}
  std::string int_expr(int depth);
  std::string bool_expr(int depth);
  std::string float_expr(int depth);
  std::mt19937_64 &rng() { return rng_; }
  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

private:
  std::string leaf();
  std::mt19937_64 rng_;
  RandomExprOptions o_;
};

/// Evaluates a raw syntax tree with Python semantics; nullopt when Python
/// would raise (division by zero, ...).  Names are looked up in `point` by
/// the symbol of that name.
std::optional<Value> raw_eval(const SyntaxNode &n, const Assignment &point);

} // namespace symshape::testing
