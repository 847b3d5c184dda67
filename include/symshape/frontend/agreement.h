//===- symshape/frontend/agreement.h - Comparing two engines' answers ------===//
//
// The agreement contract of the `.shapes` format (docs/shapes-script.md,
// "Comparing two engines"): symshape's replay result against a reference
// output (PyTorch 2.6's, as `replay_torch.py` prints it), field by field:
//   guard / guard_int / hint / oblivious   equal, line by line
//   known                                   equal, or true where the reference said false
//   guard_or_false / guard_or_true          equal, or the proven value
//   bound                                   a sub-interval of the reference's
//   simplify                                equivalent over the symbols' ranges (Z3)
//   errors                                  same lines and kinds, or decided ("stronger")
//   guards (+ static_guards)                equivalent as conjunctions (Z3), sizes >= 0
//   runtime_asserts                         equivalent after renaming and replacements (Z3)
// Every "equivalent" is a Z3 proof; an unknown is reported, not assumed.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <vector>

#include "symshape/frontend/shapes_script.h"

namespace symshape {

struct AgreementReport {
  std::vector<std::string> mismatches; ///< each with the field and line
  std::vector<std::string> stronger;   ///< where symshape decided more, with proof
  bool agree() const { return mismatches.empty(); }
};

/// Compares `ours` with a reference output (JSON text).  Throws ValueError
/// when the reference is malformed.
AgreementReport compare_with_reference(const ScriptResult &ours, const std::string &reference_json);

} // namespace symshape
