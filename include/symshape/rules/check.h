//===- symshape/rules/check.h - Running rules on argument tables -----------===//
//
// `check_rules` is the semantic half of `symshape rules check`: it runs each
// rule over a table of arguments generated from its schema -- tensors of
// ranks 0-4 with symbolic dims (distinct backed dims, one shared backed dim,
// size-like unbacked dims), the ints, lists and flags that matter by
// argument name (dims including negative ones, keepdim, strides, paddings),
// None for optional arguments -- each case on a fresh ShapeEnv, and reports
//
//   crash          the rule failed in a way an input cannot explain (a type
//                  error, a malformed result, an internal error);
//   negative_size  an output size that Z3 proves can be negative under the
//                  rule's own guards and asserts;
//   unknown_size   an output size whose non-negativity the cascade (Z3 last)
//                  cannot decide -- unless the op is on the allowlist with a
//                  written reason;
//   contradiction  the rule's runtime asserts and guards cannot all hold
//                  (Z3 proves them unsatisfiable): no input would pass.
//
// A case the rule rejects with a shape error (a failed check, an impossible
// shape, a data-dependent decision) is counted as rejected, not an issue:
// the generator does not know each op's preconditions.
//
// Cost: rules x cases (at most `max_cases` per rule) cold rule runs, plus
// one decision per output size (Z3 only where cheaper tiers cannot prove it).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <map>
#include <string>
#include <vector>

#include "symshape/rules/registry.h"

namespace symshape::rules {

struct RuleCheckOptions {
  size_t max_cases = 48;       ///< per rule
  unsigned smt_timeout_ms = 1000;
  /// Let the ShapeEnv use Z3 while rules run (it then rejects most
  /// self-contradicting checks on the spot, as a failed check); off, such
  /// contradictions are found afterwards.
  bool env_z3 = true;
  /// op -> reason: an unknown_size on these ops is reported as allowed.
  std::map<std::string, std::string> allowlist;
};

struct RuleCheckIssue {
  std::string op;
  std::string where;  ///< the rule's file:line
  std::string kind;   ///< "crash", "negative_size", "unknown_size", "contradiction"
  std::string message;
  std::string args;   ///< the case, printed
};

struct RuleCheckReport {
  size_t rules = 0, cases = 0, ran = 0, rejected = 0;
  std::vector<RuleCheckIssue> issues;
  std::vector<std::string> allowed; ///< "op: reason" of allowlisted unknowns that occurred
  /// "rules N, cases M: ran R, rejected J, issues K"
  std::string summary() const;
};

/// Checks `ops` (all rules when empty).
RuleCheckReport check_rules(RuleRegistry &registry, const std::vector<std::string> &ops = {},
                            const RuleCheckOptions &options = {});

/// Reads an allowlist: one `op  reason...` per line, `#` comments.  Throws
/// ValueError naming the line for a line without a reason.
std::map<std::string, std::string> parse_allowlist(const std::string &text, const std::string &file_name);

} // namespace symshape::rules
