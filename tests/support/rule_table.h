// Table tests of rules (tests/rules/families_test.cpp, core_ops_test.cpp):
// a row runs one operator's standard rule on given input metadata and
// compares the rendered output -- sizes, strides, storage offset, dtype,
// " alias" when the output shares an input's storage, then the guards and
// runtime asserts the call recorded -- with the text PyTorch 2.6 gives.
// Error rows ("error rules/<file>.py: <text>") expect a RuleError raised in
// that rule file whose message contains <text>.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "symshape/rules/registry.h"

namespace rule_table {

using symshape::Expr;
using symshape::ShapeEnv;
using symshape::rules::CallArgs;
using symshape::rules::Value;

/// The standard rules, loaded once.
symshape::rules::RuleRegistry &registry();
/// "[s0, 3]" -> {s0, 3}; commas inside parentheses belong to the element.
std::vector<Expr> exprs(const std::string &text);

// Argument builders: a tensor with its own storage, then scalars, None,
// strings, dtypes, memory formats and lists.
Value T(const char *sizes, const char *strides, const char *dtype = "float32", const char *offset = "0");
Value I(int64_t v);
Value E(const char *e);
Value F(double v);
Value B(bool v);
Value N();
Value Str(const char *s);
Value DT(const char *s);
Value MF(const char *s);
Value L(std::vector<Value> items);

struct Row {
  const char *op;
  const char *symbols; ///< "s0=4 s1=3": backed sizes (range [2, int_oo]) with hints
  CallArgs args;
  std::string want;
};

/// Declares the row's symbols ("s0=4 s1=3") in `env`.
void declare(ShapeEnv &env, const std::string &symbols);
/// Runs `op` against `env` and renders the result (or the error).
std::string run(ShapeEnv &env, const char *op, const CallArgs &args);
/// Checks every row on a fresh ShapeEnv.
void check_rows(const std::vector<Row> &rows);

} // namespace rule_table
