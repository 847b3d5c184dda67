//===- one_fact_implication.cpp - Implied by one fact and the ranges -------===//
#include "symshape/reason/one_fact_implication.h"

#include <algorithm>

#include "symshape/expr/errors.h"

namespace symshape {

namespace {

/// e >= t.
struct AtLeast {
  Expr e;
  Int t;
};

/// What a fact gives: every e >= t it states (And split, Eq both ways).
void gives(Expr fact, std::vector<AtLeast> &out) {
  if (fact.kind() == Kind::And) {
    for (size_t i = 0; i < fact.nargs(); ++i) gives(fact.arg(i), out);
    return;
  }
  if (!fact.is_relation() || !fact.arg(0).is_int()) return;
  Expr f = fact.arg(0);
  switch (fact.kind()) {
  case Kind::Lt: out.push_back({f, Int(1)}); break;
  case Kind::Le: out.push_back({f, Int(0)}); break;
  case Kind::Eq:
    out.push_back({f, Int(0)});
    out.push_back({-f, Int(0)});
    break;
  default: break;
  }
}

/// What the goal needs, as alternatives each of which is a conjunction.
std::vector<std::vector<AtLeast>> needs(Expr goal) {
  if (!goal.is_relation() || !goal.arg(0).is_int()) return {};
  Expr e = goal.arg(0);
  switch (goal.kind()) {
  case Kind::Lt: return {{{e, Int(1)}}};
  case Kind::Le: return {{{e, Int(0)}}};
  case Kind::Ne: return {{{e, Int(1)}}, {{-e, Int(1)}}};
  case Kind::Eq: return {{{e, Int(0)}, {-e, Int(0)}}};
  default: return {};
  }
}

/// e >= t follows from f >= c and the ranges, for some multiplier k.
bool follows(const AtLeast &need, const AtLeast &give, const RangeMap &ranges) {
  for (int k = 1; k <= 4; ++k) {
    ValueRange r = bound(need.e - Expr(k) * give.e, ranges);
    if (r.type != Type::Int || !r.lo.is_finite()) continue;
    Int lo;
    if (add_overflows(r.lo.value(), Int(k) * give.t, &lo)) continue;
    if (lo >= need.t) return true;
  }
  return false;
}

bool mentions_all(Expr fact, const std::vector<Expr> &syms) {
  std::vector<Expr> fs = free_symbols(fact);
  for (Expr s : syms)
    if (std::find(fs.begin(), fs.end(), s) == fs.end()) return false;
  return true;
}

} // namespace

std::optional<size_t> implied_by_one_fact(Expr goal, const std::vector<Expr> &facts, const RangeMap &ranges) {
  std::vector<std::vector<AtLeast>> alternatives = needs(goal);
  if (alternatives.empty()) return std::nullopt;
  std::vector<Expr> syms = free_symbols(goal);
  std::vector<AtLeast> given;
  for (size_t i = 0; i < facts.size(); ++i) {
    if (!mentions_all(facts[i], syms)) continue;
    given.clear();
    gives(facts[i], given);
    try {
      for (const auto &all_of : alternatives) {
        bool ok = true;
        for (const AtLeast &need : all_of) {
          bool one = false;
          for (const AtLeast &give : given)
            if ((one = follows(need, give, ranges))) break;
          ok = ok && one;
        }
        if (ok) return i;
      }
    } catch (const OverflowError &) {
      // constants too large to combine: no proof from this fact
    }
  }
  return std::nullopt;
}

} // namespace symshape
