// `check_rules`: rules run over generated argument tables; crashes,
// provably negative sizes and undecided sizes are reported (the last unless
// allowlisted with a reason); rejected inputs are not issues.
#include <catch2/catch.hpp>

#include "symshape/rules/check.h"

using symshape::rules::check_rules;
using symshape::rules::parse_allowlist;
using symshape::rules::RuleCheckOptions;
using symshape::rules::RuleRegistry;

namespace {

const char *kRules = R"(
@rule("t::neg(Tensor self) -> Tensor")
def neg(self: Tensor) -> Tensor:
    return empty([self.numel() - 100], dtype=self.dtype)

@rule("t::undecided(Tensor self, int k) -> Tensor")
def undecided(self: Tensor, k: int) -> Tensor:
    n = new_unbacked(None, None, False)
    return empty([n], dtype=self.dtype)

@rule("t::crash(Tensor self) -> Tensor")
def crash(self: Tensor) -> Tensor:
    return self.size(0).dim()

@rule("t::contra(Tensor self) -> Tensor")
def contra(self: Tensor) -> Tensor:
    n = new_unbacked()
    check(n * n == 2, "no integer squares to 2: only Z3 sees it")
    return empty([n], dtype=self.dtype)

@rule("t::picky(Tensor self, int dim) -> Tensor")
def picky(self: Tensor, dim: int) -> Tensor:
    check(self.dim() == 2, "picky wants a matrix")
    d = canonicalize_dim(self.dim(), dim)
    return empty([self.size(d) * 2], dtype=self.dtype)
)";

std::string issues_text(const symshape::rules::RuleCheckReport &r) {
  std::string s;
  for (const auto &i : r.issues) s += i.kind + " " + i.op + "; ";
  return s;
}

} // namespace

TEST_CASE("rules check: negative, undecided and crashing rules are reported", "[rules][check]") {
  RuleRegistry reg;
  reg.load(RuleRegistry::standard_files());
  reg.load(kRules, "t.py");
  RuleCheckOptions opt;
  auto rep = check_rules(reg, {"t.neg.default", "t.undecided.default", "t.crash.default", "t.picky.default",
                               "t.contra.default"},
                         opt);
  CHECK(rep.rules == 5);
  // With Z3 in the ShapeEnv the contradicting check fails on the spot (a
  // rejected case); without, the assert is recorded and Z3 finds the
  // contradiction afterwards.
  CHECK(issues_text(rep) == "crash t.crash.default; negative_size t.neg.default; unknown_size t.neg.default; "
                            "unknown_size t.undecided.default; ");
  RuleCheckOptions no_z3;
  no_z3.env_z3 = false;
  CHECK(issues_text(check_rules(reg, {"t.contra.default"}, no_z3)) == "contradiction t.contra.default; ");
  // picky rejects most cases (not a matrix) and passes the rest.
  CHECK(rep.rejected > 0);
  CHECK(rep.ran > 0);
  for (const auto &i : rep.issues) {
    CAPTURE(i.op);
    CHECK_THAT(i.where, Catch::StartsWith("t.py:"));
  }
  // The unknown is allowed with a written reason.
  opt.allowlist = parse_allowlist("# why\nt.undecided.default  the size is data, by design\n", "allow.txt");
  rep = check_rules(reg, {"t.undecided.default"}, opt);
  CHECK(rep.issues.empty());
  REQUIRE(rep.allowed.size() == 1);
  CHECK(rep.allowed[0] == "t.undecided.default: the size is data, by design");
}

TEST_CASE("rules check: allowlist lines need a reason", "[rules][check]") {
  CHECK_THROWS_WITH(parse_allowlist("aten.foo.default\n", "allow.txt"), "allow.txt:1: aten.foo.default needs a written reason");
}

TEST_CASE("rules check: the standard library runs clean", "[rules][check]") {
  auto reg = RuleRegistry::standard();
  auto rep = check_rules(*reg);
  std::string lines;
  for (const auto &i : rep.issues) lines += i.kind + ": " + i.op + ": " + i.message + "\n";
  INFO(lines);
  CHECK(rep.rules > 190);
  CHECK(rep.ran > rep.rejected);
  CHECK(rep.issues.empty());
}
