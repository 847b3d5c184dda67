//===- symshape/verify/verify.h - Questions about guard sets ---------------===//
//
// The queries behind `symshape verify` (docs/verify.md).  Each answers
// proved / refuted (with a concrete input, validated by evaluating the
// guards on it) / unknown (with the reason: a time-out, a resource limit,
// nonlinear arithmetic).  Never "proved" without a proof.  Every Z3 call
// runs under `limits`; with `smt2_dir` set, each query's SMT-LIB2 is
// written there so any answer can be reproduced with the `z3` command.
//
//   consistent  is the set satisfiable in its domains?  If not: a minimal
//               conflicting subset (unsat core) by line.
//   implies     A => B?  If not: an input A accepts and B rejects, and the
//               first guard of B that rejects it.
//   equivalent  A <=> B?  Both directions.
//   covers      does A accept every input of DOMAIN?  If not: the
//               lexicographically smallest failing input (names in order
//               of first appearance) and the guard that fails; and, when
//               the domain is small, the count of accepted inputs.
//   redundant   which guards the others imply (and by which lines), a
//               minimal equivalent subset, proved equivalent.
//   simplify    the minimal subset with replacements substituted and the
//               bounds of each name merged, proved equivalent.
//   check       the guards that fail at concrete values.
//
// Cost: one Z3 check per question (per guard for `redundant`, plus a
// binary search per name for the smallest counterexample of `covers`).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "symshape/expr/eval.h"
#include "symshape/reason/smt.h"
#include "symshape/verify/guard_file.h"

namespace symshape::verify {

struct VerifyOptions {
  SmtLimits limits{5000, 20'000'000};
  std::string smt2_dir; ///< write each query's SMT-LIB2 here when set
  /// covers: enumerate and count the accepted inputs when the domain has
  /// at most this many points.
  uint64_t enumerate_limit = 100'000;
};

struct Answer {
  Verdict verdict = Verdict::Unknown;
  std::string reason;                          ///< unknown: why
  std::vector<std::pair<Expr, Int>> input;     ///< refuted: a concrete input, names in order
  int failing_line = 0;                        ///< the guard that rejects `input` (0: none)
  std::string failing_text;
  std::vector<int> core_lines;                 ///< consistent/refuted: the conflicting lines
  std::optional<uint64_t> accepted, domain_size; ///< covers: counted when small
};

struct RedundantGuard {
  int line;
  std::string text;
  std::vector<int> implied_by; ///< lines of the unsat core (empty: by the domains alone)
};

struct RedundancyAnswer {
  std::vector<RedundantGuard> redundant; ///< each implied by the others
  std::vector<int> minimal;              ///< lines of a minimal equivalent subset
  Answer equivalence;                    ///< minimal <=> original
  bool complete = true;                  ///< false when some question was unknown
};

struct SimplifyAnswer {
  /// The simplified set: replacements substituted (`Eq(s, e)` kept, s
  /// replaced by e elsewhere), redundancies dropped, bounds of one name
  /// merged into `lo <= x <= hi`.
  std::vector<Expr> guards;
  std::vector<std::string> text; ///< each guard as printed ("8 <= y.size()[0] <= 64")
  Answer equivalence; ///< simplified <=> original
  bool complete = true;
};

Answer consistent(const GuardFile &f, const VerifyOptions &o = {});
Answer implies(const GuardFile &a, const GuardFile &b, const VerifyOptions &o = {});
Answer equivalent(const GuardFile &a, const GuardFile &b, const VerifyOptions &o = {});
Answer covers(const GuardFile &a, const GuardFile &domain, const VerifyOptions &o = {});
RedundancyAnswer redundant(const GuardFile &f, const VerifyOptions &o = {});
SimplifyAnswer simplify(const GuardFile &f, const VerifyOptions &o = {});
/// The guards that are false (or undefined) at `values`; names missing from
/// `values` are an error (ValueError naming them).
std::vector<const GuardLine *> failing_guards(const GuardFile &f, const Assignment &values);

} // namespace symshape::verify
