//===- symshape/expr/rewrite.h - The normalizer's rewrite table -----------===//
//
// The normal form is defined by the rows of rewrite_rules.def.  This header
// exposes the table (for documentation, tests and tools) and per-rule hit
// counters, so a test can check that every row is exercised and a user can
// see which rewrites shaped an expression.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <vector>

namespace symshape {

enum class Rule : uint16_t {
#define RULE(id, lhs, rhs, cond) id,
#include "symshape/expr/rewrite_rules.def"
#undef RULE
};

struct RuleInfo {
  Rule rule;
  const char *id;        ///< e.g. "FloorDivNested"
  const char *lhs;       ///< pattern text, e.g. "(x // y) // c"
  const char *rhs;       ///< replacement text
  const char *condition; ///< "" when unconditional
};

/// Every row of the table, in file order.
const std::vector<RuleInfo> &rewrite_rules();
/// How often each rule fired since start (or the last reset), by Rule value.
std::vector<uint64_t> rewrite_rule_hits();
void reset_rewrite_rule_hits();

} // namespace symshape
