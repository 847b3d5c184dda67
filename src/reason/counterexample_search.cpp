//===- counterexample_search.cpp - Refutation by evaluation ----------------===//
#include "symshape/reason/counterexample_search.h"

#include <algorithm>
#include <random>
#include <unordered_map>

#include "symshape/expr/errors.h"

namespace symshape {

namespace {

/// 1 true, 0 false, -1 undefined (an evaluation error).
int truth(Expr e, const Assignment &p) {
  std::optional<bool> t = truth_at(e, p);
  return t ? (*t ? 1 : 0) : -1;
}

/// `e` as a + b*x around the point's value of x, measured at three points;
/// false when it is not locally linear there (or does not evaluate).
bool linear_profile(Expr e, Expr x, Assignment &p, Int *slope, Int *offset) {
  const Value *cur = p.find(x);
  if (!cur || cur->type != Type::Int) return false;
  Int x0 = cur->i;
  Value saved = *cur;
  Int at[3];
  bool ok = true;
  try {
    for (int k = 0; k < 3 && ok; ++k) {
      p.set(x, Value::of_int(x0 + Int(k - 1)));
      Value v = evaluate(e, p);
      ok = v.type == Type::Int;
      at[k] = v.i;
    }
    if (ok) {
      Int a = at[1] - at[0];
      ok = a == at[2] - at[1] && a != Int(0);
      if (ok) {
        *slope = a;
        *offset = at[1] - a * x0;
      }
    }
  } catch (const Error &) {
    ok = false;
  }
  p.set(x, saved);
  return ok;
}

/// What to make of `rel` (a relation `0 ⋈ e`): values of x, given
/// e = a*x + b, that make the relation false (`want` false) or true.
void solve_relation(Kind k, bool want, Int a, Int b, Int x0, std::vector<Int> &out) {
  // Relations on e: Lt is e >= 1, Le is e >= 0.  Falsified: e <= 0, e <= -1.
  auto at_least = [&](Int t) { // a*x + b >= t, nearest to x0 from below/above
    out.push_back(a > Int(0) ? ceildiv(t - b, a) : floordiv(t - b, a));
  };
  auto at_most = [&](Int t) { // a*x + b <= t
    out.push_back(a > Int(0) ? floordiv(t - b, a) : ceildiv(t - b, a));
  };
  switch (k) {
  case Kind::Lt: want ? at_least(Int(1)) : at_most(Int(0)); break;
  case Kind::Le: want ? at_least(Int(0)) : at_most(Int(-1)); break;
  case Kind::Eq:
  case Kind::Ne:
    if (want == (k == Kind::Eq)) {
      if (pymod(-b, a) == Int(0)) out.push_back(floordiv(-b, a));
    } else {
      out.push_back(x0 + Int(1));
      out.push_back(x0 - Int(1));
    }
    break;
  default: break;
  }
}

/// Min-conflicts local search.  Constraint 0 is the goal (wanted False),
/// the rest are the facts (wanted True).  Each step takes a violated
/// constraint (the goal first), and among the moves of its symbols to the
/// values that would fix it, makes the one that leaves the least violation
/// (the goal weighs more than all facts together); recently left values are
/// taboo so the walk does not undo itself.
class Search {
public:
  Search(Expr goal, const std::vector<Expr> &facts, const RangeMap &ranges, const Assignment &witness,
         const CounterexampleSearchOptions &o)
      : ranges_(ranges), point_(witness), o_(o), rng_(goal.hash()) {
    constraints_.push_back(goal);
    constraints_.insert(constraints_.end(), facts.begin(), facts.end());
    for (size_t i = 0; i < constraints_.size(); ++i)
      for (Expr s : free_symbols(constraints_[i])) by_symbol_[s.node()].push_back(i);
    goal_weight_ = static_cast<int>(constraints_.size());
  }

  std::optional<Assignment> run() {
    // From the example point, then (for `a != b` with ranges that only
    // meet away from the example) from each goal symbol at an end of its
    // range.
    Assignment start = point_;
    if (walk()) return point_;
    std::vector<Expr> syms = free_symbols(constraints_[0]);
    if (syms.size() < 2) return std::nullopt;
    for (Expr y : syms) {
      ValueRange r = ranges_.get(y);
      for (const Bound &end : {r.lo, r.hi}) {
        if (!end.is_finite() || spent_ >= o_.max_points) continue;
        point_ = start;
        point_.set(y, Value::of_int(end.value()));
        if (walk()) return point_;
      }
    }
    return std::nullopt;
  }

private:
  bool violated(size_t i) const {
    int t = truth(constraints_[i], point_);
    return i == 0 ? t == 1 : t != 1;
  }
  int weight(size_t i) const { return i == 0 ? goal_weight_ : 1; }

  bool walk() {
    viol_.assign(constraints_.size(), 0);
    for (size_t i = 0; i < constraints_.size(); ++i) viol_[i] = violated(i);
    taboo_.clear();
    for (unsigned step = 0; step < o_.max_steps && spent_ < o_.max_points; ++step) {
      std::vector<size_t> open;
      for (size_t i = 0; i < viol_.size(); ++i)
        if (viol_[i]) open.push_back(i);
      if (open.empty()) {
        if (is_counterexample(constraints_[0], {constraints_.begin() + 1, constraints_.end()}, ranges_, point_))
          return true;
        return false; // a symbol outside its range or unassigned: give up
      }
      size_t c = open[0] == 0 ? 0 : open[rng_() % open.size()];
      if (!best_move(c)) return false;
    }
    return false;
  }

  /// Makes the best move fixing constraint c; false when there is none.
  bool best_move(size_t c) {
    bool want = c != 0; // the truth constraint c should have
    Expr rel = constraints_[c];
    Expr best_sym;
    Int best_val;
    int best_delta = 0;
    unsigned ties = 0;
    for (Expr z : free_symbols(rel)) {
      if (z.type() != Type::Int) continue;
      const Value *cur = point_.find(z);
      if (!cur) continue;
      Value old = *cur;
      for (Int w : candidates(rel, z, want)) {
        if (w == old.i || taboo(z, w) || !ranges_.get(z).contains(Value::of_int(w))) continue;
        if (spent_++ >= o_.max_points) break;
        point_.set(z, Value::of_int(w));
        int delta = 0;
        for (size_t i : by_symbol_[z.node()]) delta += (violated(i) - viol_[i]) * weight(i);
        point_.set(z, old);
        if (best_sym.is_null() || delta < best_delta) {
          best_sym = z, best_val = w, best_delta = delta, ties = 1;
        } else if (delta == best_delta && rng_() % ++ties == 0) {
          best_sym = z, best_val = w;
        }
      }
    }
    if (best_sym.is_null()) return false;
    taboo_.emplace_back(best_sym.node(), point_.find(best_sym)->i);
    if (taboo_.size() > 8) taboo_.erase(taboo_.begin());
    point_.set(best_sym, Value::of_int(best_val));
    for (size_t i : by_symbol_[best_sym.node()]) viol_[i] = violated(i);
    return true;
  }

  bool taboo(Expr z, Int w) const {
    for (auto &[n, v] : taboo_)
      if (n == z.node() && v == w) return true;
    return false;
  }

  /// Values of x to try to give `rel` the truth `want`: the boundary of the
  /// relation that decides (a conjunct, for And) where it is locally linear
  /// in x; a neighbourhood otherwise (mods, products); for the goal also the
  /// ends of x's range.
  std::vector<Int> candidates(Expr rel, Expr x, bool want) {
    std::vector<Int> out;
    const Value *cur = point_.find(x);
    if (!cur || cur->type != Type::Int) return out;
    Int x0 = cur->i, a, b;
    // The part of an And / Or that decides: the first conjunct to make true
    // (or disjunct to make false) that mentions x.
    if ((rel.kind() == Kind::And && want) || (rel.kind() == Kind::Or && !want)) {
      for (size_t i = 0; i < rel.nargs(); ++i)
        if (truth(rel.arg(i), point_) != (want ? 1 : 0) && has_symbol(rel.arg(i), x)) {
          rel = rel.arg(i);
          break;
        }
    }
    try {
      bool linear = rel.is_relation() && linear_profile(rel.arg(0), x, point_, &a, &b);
      if (linear) solve_relation(rel.kind(), want, a, b, x0, out);
      int reach = linear ? (want ? 0 : 2) : 6;
      for (int d = 1; d <= reach; ++d) {
        out.push_back(x0 + Int(d));
        out.push_back(x0 - Int(d));
      }
      if (!want) {
        ValueRange r = ranges_.get(x);
        if (r.lo.is_finite()) out.push_back(r.lo.value());
        if (r.hi.is_finite()) out.push_back(r.hi.value());
      }
    } catch (const Error &) {
      // overflow while solving: keep what was found
    }
    return out;
  }

  std::vector<Expr> constraints_;
  const RangeMap &ranges_;
  Assignment point_;
  CounterexampleSearchOptions o_;
  std::mt19937 rng_;
  int goal_weight_ = 1;
  std::unordered_map<const Node *, std::vector<size_t>> by_symbol_;
  std::vector<char> viol_;
  std::vector<std::pair<const Node *, Int>> taboo_;
  unsigned spent_ = 0;
};

} // namespace

std::optional<Assignment> find_counterexample(Expr goal, const std::vector<Expr> &facts, const RangeMap &ranges,
                                              const Assignment &witness,
                                              const CounterexampleSearchOptions &options) {
  if (!goal.is_bool()) throw TypeError("find_counterexample: the goal must be boolean, got " + goal.str());
  return Search(goal, facts, ranges, witness, options).run();
}

} // namespace symshape

namespace symshape {

bool is_counterexample(Expr goal, const std::vector<Expr> &facts, const RangeMap &ranges, const Assignment &point) {
  std::vector<Expr> syms = free_symbols(goal);
  for (Expr f : facts)
    for (Expr s : free_symbols(f)) syms.push_back(s);
  for (Expr s : syms) {
    const Value *v = point.find(s);
    if (!v || !ranges.get(s).contains(*v)) return false;
  }
  for (Expr f : facts)
    if (truth(f, point) != 1) return false;
  return truth(goal, point) != 1;
}

} // namespace symshape
