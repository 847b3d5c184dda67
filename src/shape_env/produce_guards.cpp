//===- produce_guards.cpp - The guard predicate of a ShapeEnv --------------===//
//
// PyTorch's produce_guards_verbose, then minimization and translation
// validation (guards.h).
//
//===----------------------------------------------------------------------===//
#include <algorithm>
#include <chrono>
#include <unordered_set>

#include "shape_env_internal.h"
#include "symshape/expr/print.h"
#include "symshape/reason/bound_tightening.h"
#include "symshape/reason/counterexample_search.h"
#include "symshape/reason/implication.h"
#include "symshape/reason/linear_facts.h"
#include "symshape/reason/one_fact_implication.h"
#include "symshape/shape_env/guards.h"

namespace symshape {

const char *guard_kind_name(ProducedGuard::Kind k) {
  switch (k) {
  case ProducedGuard::Kind::SourceEquality: return "source_equality";
  case ProducedGuard::Kind::Guard: return "guard";
  case ProducedGuard::Kind::Range: return "range";
  case ProducedGuard::Kind::Static: return "static";
  }
  return "?";
}

std::vector<std::string> GuardSet::texts() const {
  std::vector<std::string> out;
  for (const auto &g : guards) out.push_back(g.text);
  return out;
}

namespace {

struct Tracked {
  std::string source;
  Expr expr; // current (replaced) expression
  bool tensor_property;
};

Expr source_var(const std::string &source) { return symbol(source, Type::Int); }

class Producer {
public:
  Producer(ShapeEnv &env, const GuardOptions &o) : env_(env), m_(env.impl()), o_(o) {}

  GuardSet run() {
    track_inputs();
    source_equalities();
    surviving_guards();
    range_guards();
    constraint_checks();
    if (o_.minimize) minimize();
    if (o_.validate) validate();
    if (!o_.ignore_static) {
      // The static lines belong to the predicate itself.
      out_.guards.insert(out_.guards.begin(), out_.static_guards.begin(), out_.static_guards.end());
      out_.static_guards.clear();
    }
    return std::move(out_);
  }

private:
  void track_inputs() {
    for (const auto &in : m_.inputs) {
      if (in.is_tensor) {
        const TensorSymbols &t = in.tensor;
        for (size_t i = 0; i < t.sizes.size(); ++i)
          track(t.name + ".size()[" + std::to_string(i) + "]", t.sizes[i], true);
        for (size_t i = 0; i < t.strides.size(); ++i)
          track(t.name + ".stride()[" + std::to_string(i) + "]", t.strides[i], true);
        track(t.name + ".storage_offset()", t.storage_offset, true);
      } else {
        track(in.name, in.value, false);
      }
    }
  }

  void track(const std::string &source, Expr creation, bool tensor_property) {
    Expr e = m_.replace(creation);
    tracked_.push_back({source, e, tensor_property});
    if (e.is_symbol()) {
      auto &v = symbol_to_source_[e.node()];
      if (v.empty()) symbol_order_.push_back(e);
      v.push_back(source);
    }
  }

  /// The expression with each symbol renamed to its first source.
  Expr to_sources(Expr e) {
    SubstMap sub;
    for (Expr s : free_symbols(e)) {
      auto it = symbol_to_source_.find(s.node());
      if (it != symbol_to_source_.end()) sub.emplace(s.node(), source_var(it->second[0]));
    }
    return substitute(e, sub);
  }

  ProducedGuard make(ProducedGuard::Kind k, Expr source_expr, std::string provenance) {
    ProducedGuard g;
    g.kind = k;
    g.expr = source_expr;
    g.text = print(source_expr, Dialect::Python);
    g.provenance = std::move(provenance);
    return g;
  }

  void source_equalities() {
    for (const Tracked &t : tracked_) {
      if (t.expr.is_symbol() && symbol_to_source_[t.expr.node()][0] == t.source) continue;
      Expr rel = eq(source_var(t.source), to_sources(t.expr));
      source_subst_.emplace(source_var(t.source).node(), to_sources(t.expr));
      ProducedGuard g = make(t.expr.is_integer_constant() ? ProducedGuard::Kind::Static
                                                           : ProducedGuard::Kind::SourceEquality,
                             rel, "");
      // PyTorch prints `source == expr` with the source on the left.
      g.text = t.source + " == " + print(to_sources(t.expr), Dialect::Python);
      if (t.expr.is_integer_constant()) {
        g.provenance = "constant size, stride or offset";
        if (o_.ignore_static && t.tensor_property) {
          out_.static_guards.push_back(g);
          continue;
        }
      } else if (t.expr.is_symbol()) {
        g.provenance = "duck sizing: same example value as " + symbol_to_source_[t.expr.node()][0];
      } else {
        g.provenance = "derived from other sources";
      }
      out_.guards.push_back(g);
    }
  }

  void surviving_guards() {
    std::unordered_set<const Node *> issued;
    DecideOptions cheap;
    cheap.use_axioms = false;
    cheap.use_z3 = false;
    for (const Guard &g : m_.guards) {
      if (m_.decide(g.expr, cheap).decided()) continue;
      Expr s = m_.simplify(g.expr);
      if (!issued.insert(s.node()).second) continue;
      out_.guards.push_back(make(ProducedGuard::Kind::Guard, to_sources(s),
                                 g.origin.empty() ? "guard" : g.origin));
    }
  }

  void range_guards() {
    for (Expr s : symbol_order_) {
      ValueRange r = m_.ranges.get(s);
      Expr src = source_var(symbol_to_source_[s.node()][0]);
      std::vector<Expr> parts;
      if (r.lo.is_finite()) parts.push_back(le(integer(r.lo.value()), src));
      if (r.hi.is_finite()) parts.push_back(le(src, integer(r.hi.value())));
      if (parts.empty()) continue;
      source_ranges_.set(src, r);
      ProducedGuard g = make(ProducedGuard::Kind::Range, parts.size() == 1 ? parts[0] : and_(parts),
                             "range of " + std::string(s.name()));
      // PyTorch prints the two bounds in this order, joined by `and`.
      std::string text;
      for (size_t i = 0; i < parts.size(); ++i) text += (i ? " and " : "") + print(parts[i], Dialect::Python);
      g.text = text;
      out_.guards.push_back(g);
    }
  }

  /// Dim(min, max) constraints the decisions violate (PyTorch's
  /// ConstraintViolationError at produce_guards).
  void constraint_checks() {
    for (Expr s : m_.symbol_order) {
      const SymbolInfo *i = m_.find_info(s);
      if (!i || !i->user_range || i->sources.empty()) continue;
      const std::string &src = i->sources[0];
      ValueRange user = i->user_range->intersect(
          ValueRange::ints(Bound(m_.settings.specialize_zero_one ? 2 : 0), Bound::pos_inf()));
      std::string range_text = "[" + i->user_range->lo.str() + ", " + i->user_range->hi.str() + "]";
      Expr now = m_.replace(s);
      if (now.is_integer_constant()) {
        out_.constraint_violations.push_back("Not all values of " + src + " = " + src + " in the specified range " +
                                             src + " in " + range_text + " are valid because " + src +
                                             " was inferred to be a constant (" + now.value().str() + ").");
      } else if (!now.is_symbol()) {
        out_.constraint_violations.push_back("Not all values of " + src + " = " + src + " in the specified range " +
                                             src + " in " + range_text + " are valid because " + src +
                                             " was inferred to be equal to " + print(to_sources(now), Dialect::Python) +
                                             ".");
      } else if (!m_.ranges.get(now).contains(user)) {
        ValueRange r = m_.ranges.get(now);
        out_.constraint_violations.push_back("Not all values of " + src + " = " + src + " in the specified range " +
                                             src + " in " + range_text + " satisfy the generated guard " +
                                             r.lo.str() + " <= " + src + " and " + src + " <= " + r.hi.str());
      }
    }
  }

  /// Proves `goal` from the facts of `store` most relevant to it: first the
  /// closest dozen (a proof usually needs the guard it came from and an
  /// equality or two), then more, then all of them.  Small queries keep Z3
  /// away from the nonlinear noise of unrelated guards.  A refutation counts
  /// only when it used every fact (a subset may miss the fact that matters).
  /// Why `goal` follows from `facts` and the source ranges, or nullopt when
  /// that is not shown.  Tiers, cheapest first: the goal's symbols' ranges
  /// narrowed by the facts; one fact with the ranges; a counterexample near
  /// the example inputs (shows it does not follow); Z3.
  std::optional<std::string> redundant(Expr goal, const std::vector<Expr> &facts, const Assignment &example,
                                       const SmtLimits &l) {
    RangeMap ranges = source_ranges_;
    std::vector<size_t> narrowing = tighten_bounds(free_symbols(goal), facts, ranges);
    ValueRange b = bound_shifted(goal, ranges);
    if (b.type == Type::Bool && b.is_singleton() && b.can_be_true) {
      std::string by;
      for (size_t j : narrowing) by += "; " + print(facts[j], Dialect::Python);
      return "value ranges" + (by.empty() ? std::string() : ", narrowed by " + by.substr(2));
    }
    if (std::optional<size_t> k = implied_by_one_fact(goal, facts, ranges))
      return "implied by " + print(facts[*k], Dialect::Python) + " and the ranges";
    if (find_counterexample(goal, facts, ranges, example)) {
      ++out_.refuted_by_search;
      return std::nullopt;
    }
    // Z3 on the closest facts first (its cost grows steeply with their
    // count).  A model of those that violates other facts brings them in,
    // and Z3 tries again (counterexample-guided, as in CEGAR); a model that
    // satisfies them all refutes.  A proof from a subset is a proof.
    SmtResult r = prove_lazily(goal, facts, ranges, example, l);
    if (r.verdict != Verdict::Proved) return std::nullopt;
    std::string by;
    for (size_t j : r.core) by += (by.empty() ? "" : "; ") + print(facts[j], Dialect::Python);
    return "z3: implied by " + (by.empty() ? std::string("the ranges") : by);
  }

  /// smt_prove(goal, facts) that starts from the first few facts and adds
  /// those each model violates (at most a few rounds, then all of them).
  SmtResult prove_lazily(Expr goal, const std::vector<Expr> &facts, const RangeMap &ranges, const Assignment &example,
                         const SmtLimits &l) {
    std::vector<Expr> subset(facts.begin(), facts.begin() + std::min(facts.size(), kMinimizeFirstTier));
    std::vector<bool> in(facts.size(), false);
    std::fill(in.begin(), in.begin() + static_cast<long>(subset.size()), true);
    for (int round = 0;; ++round) {
      ++out_.z3_queries;
      SmtResult r = smt_prove(goal, subset, ranges, l);
      if (r.verdict != Verdict::Refuted || subset.size() == facts.size()) {
        if (r.verdict == Verdict::Proved) { // the core indexes `facts`
          for (size_t &k : r.core) k = static_cast<size_t>(std::find(facts.begin(), facts.end(), subset[k]) - facts.begin());
          std::sort(r.core.begin(), r.core.end());
        }
        return r;
      }
      Assignment point = example;
      for (size_t k = 0; k < r.counterexample.size(); ++k) point.set(r.counterexample.symbol(k), r.counterexample.value(k));
      size_t before = subset.size();
      for (size_t j = 0; j < facts.size(); ++j)
        if (!in[j] && truth_at(facts[j], point) != std::optional<bool>(true)) {
          in[j] = true;
          subset.push_back(facts[j]);
        }
      if (subset.size() == before) return r; // the model satisfies every fact
      if (round == 2) subset = facts;
    }
  }

  bool budget_left(std::chrono::steady_clock::time_point since) const {
    return std::chrono::steady_clock::now() - since < std::chrono::milliseconds(o_.budget_ms);
  }

  void minimize() {
    // Cheap first: a guard the source ranges decide is redundant, and of
    // guards bounding the same linear form (a + b < c + 9, a + b < c + 12)
    // only the tightest stays.
    std::vector<bool> keep(out_.guards.size(), true);
    {
      std::unordered_map<const Node *, std::pair<Int, size_t>> tightest; // form -> (bound, guard)
      auto form_bound = [](Expr g, Expr *form, Int *lb) {
        if ((g.kind() != Kind::Le && g.kind() != Kind::Lt) || !g.arg(0).is_int()) return false;
        Expr e = g.arg(0);
        Int k = e.kind() == Kind::Add ? e.constant() : Int(0);
        *form = e - integer(k);
        *lb = g.kind() == Kind::Le ? -k : Int(1) - k;
        return !form->is_integer_constant();
      };
      for (size_t i = 0; i < out_.guards.size(); ++i) {
        if (out_.guards[i].kind != ProducedGuard::Kind::Guard) continue;
        Expr form;
        Int lb;
        if (!form_bound(out_.guards[i].expr, &form, &lb)) continue;
        auto it = tightest.find(form.node());
        if (it == tightest.end() || lb > it->second.first) tightest[form.node()] = {lb, i};
      }
      for (size_t i = 0; i < out_.guards.size(); ++i) {
        if (out_.guards[i].kind != ProducedGuard::Kind::Guard) continue;
        Expr form;
        Int lb;
        if (!form_bound(out_.guards[i].expr, &form, &lb)) continue;
        auto &[best, j] = tightest.at(form.node());
        if (j != i) {
          out_.guards[i].dropped_because = "implied by " + out_.guards[j].text;
          keep[i] = false;
        }
      }
    }
    for (size_t i = 0; i < out_.guards.size(); ++i) {
      ProducedGuard &g = out_.guards[i];
      if (g.kind != ProducedGuard::Kind::Guard) continue;
      ValueRange b = bound_shifted(g.expr, source_ranges_);
      if (b.type == Type::Bool && b.is_singleton() && b.can_be_true) {
        g.dropped_because = "value ranges";
        keep[i] = false;
      }
    }
    // Then, latest guard first: is it implied by the others still kept (the
    // most relevant ones)?  Each drop is checked against what remains, so
    // the final set implies every dropped guard.  Z3 runs last, with its
    // plain SMT core only (no slow fallback): a redundancy it cannot see
    // quickly stays, which is always correct.
    FactStore all;
    for (const auto &g : out_.guards) all.add(g.expr);
    std::unordered_map<const Node *, size_t> index;
    for (size_t j = 0; j < out_.guards.size(); ++j) index.emplace(out_.guards[j].expr.node(), j);
    SmtLimits l = o_.smt;
    l.timeout_ms = std::min(l.timeout_ms, kPerQueryMs);
    l.fallback = false;
    // The example inputs satisfy every guard: a counterexample is often a
    // few moves away from them, found by evaluation in microseconds.
    Assignment example;
    for (const Tracked &t : tracked_)
      if (std::optional<Value> v = m_.hint_value(t.expr)) example.set(source_var(t.source), *v);
    for (size_t i = out_.guards.size(); i-- > 0;) {
      ProducedGuard &g = out_.guards[i];
      if (g.kind != ProducedGuard::Kind::Guard || !keep[i]) continue;
      if (!budget_left(start_)) break; // the rest stays: unminimized is always correct
      std::vector<Expr> facts;
      for (Expr f : all.relevant(free_symbols(g.expr), 4 * kRelevantFacts)) {
        size_t j = index.at(f.node());
        if (j != i && keep[j] && facts.size() < kRelevantFacts) facts.push_back(f);
      }
      if (facts.empty()) continue; // nothing shares a symbol: only the ranges could imply it
      if (std::optional<std::string> why = redundant(g.expr, facts, example, l)) {
        g.dropped_because = *why;
        keep[i] = false;
      }
    }
    std::vector<ProducedGuard> kept;
    for (size_t i = 0; i < out_.guards.size(); ++i)
      (keep[i] ? kept : out_.dropped).push_back(out_.guards[i]);
    out_.guards = std::move(kept);
  }

  /// The raw decisions, over source variables: every source's creation
  /// expression, every recorded guard, every creation range.
  std::vector<Expr> raw_predicate() {
    SubstMap first;
    for (Expr s : m_.symbol_order) {
      const SymbolInfo *i = m_.find_info(s);
      if (i && i->backed && !i->sources.empty()) first.emplace(s.node(), source_var(i->sources[0]));
    }
    std::vector<Expr> raw;
    for (const auto &in : m_.inputs) {
      auto def = [&](const std::string &src, Expr creation) {
        raw.push_back(eq(source_var(src), substitute(creation, first)));
      };
      if (in.is_tensor) {
        const TensorSymbols &t = in.tensor;
        for (size_t i = 0; i < t.sizes.size(); ++i) def(t.name + ".size()[" + std::to_string(i) + "]", t.sizes[i]);
        for (size_t i = 0; i < t.strides.size(); ++i)
          def(t.name + ".stride()[" + std::to_string(i) + "]", t.strides[i]);
        def(t.name + ".storage_offset()", t.storage_offset);
      } else {
        def(in.name, in.value);
      }
    }
    for (const Guard &g : m_.guards) raw.push_back(substitute(g.expr, first));
    // Runtime asserts over backed symbols act as guards (prefer_deferred
    // mode, and their replacements shape the source equalities).
    for (const RuntimeAssert &a : m_.asserts)
      if (!m_.has_unbacked(a.expr)) raw.push_back(substitute(a.expr, first));
    for (Expr s : m_.symbol_order) {
      const SymbolInfo *i = m_.find_info(s);
      if (!i || !i->backed || i->sources.empty()) continue;
      Expr v = source_var(i->sources[0]);
      ValueRange r = i->declared_range;
      if (r.lo.is_finite()) raw.push_back(le(integer(r.lo.value()), v));
      if (r.hi.is_finite()) raw.push_back(le(v, integer(r.hi.value())));
    }
    return raw;
  }

  /// Translation validation, one small proof per guard: (a) every raw
  /// decision follows from the emitted set (it accepts nothing the raw
  /// decisions reject), and (b) every emitted guard follows from the raw
  /// decisions and the runtime asserts (their unbacked symbols are free in
  /// the premise, i.e. existentially quantified: a guard learned from an
  /// assert only rejects inputs whose every run would fail that assert).
  /// Guards that appear verbatim on the other side need no proof.
  void validate() {
    std::vector<Expr> raw = raw_predicate();
    std::vector<Expr> emitted;
    for (const auto &g : out_.guards) emitted.push_back(g.expr);
    for (const auto &g : out_.static_guards) emitted.push_back(g.expr);
    // Sources are sizes, strides and offsets (>= 0) or scalars (any int).
    RangeMap domain;
    for (const Tracked &t : tracked_)
      if (t.tensor_property) domain.set(source_var(t.source), ValueRange::ints(Bound(0), Bound::pos_inf()));
    std::vector<Expr> premise = raw;
    SubstMap first;
    for (Expr s : m_.symbol_order) {
      const SymbolInfo *i = m_.find_info(s);
      if (!i) continue;
      if (i->backed && !i->sources.empty()) first.emplace(s.node(), source_var(i->sources[0]));
      if (!i->backed) {
        ValueRange r = i->declared_range;
        if (r.lo.is_finite()) premise.push_back(le(integer(r.lo.value()), s));
        if (r.hi.is_finite()) premise.push_back(le(s, integer(r.hi.value())));
      }
    }
    for (const RuntimeAssert &ra : m_.asserts) premise.push_back(substitute(ra.expr, first));
    SmtLimits l = o_.smt;
    l.timeout_ms = std::min(l.timeout_ms, kPerQueryMs);
    ImplicationProver from_emitted(emitted, domain, l), from_raw(premise, domain, l);
    std::unordered_set<const Node *> emitted_set, raw_set;
    for (Expr e : emitted) emitted_set.insert(e.node());
    // A guard minimization dropped was proved implied by the set that
    // remained: for (a) it counts as emitted.
    for (const auto &g : out_.dropped) emitted_set.insert(g.expr.node());
    for (Expr e : raw) raw_set.insert(e.node());
    auto fail = [&](const SmtResult &r, bool sound_side, Expr g) {
      if (r.verdict == Verdict::Refuted) {
        out_.validation = std::string("FAILED: the emitted guards ") +
                          (sound_side ? "accept an input the raw decisions reject" : "reject an input the raw decisions accept") +
                          " (" + print(g, Dialect::Python) + " fails at " + r.counterexample.str() + "); please report this bug";
      } else {
        out_.validation = "unknown: " + r.reason + " (proving " + print(g, Dialect::Python) + ")";
      }
    };
    bool ok = true;
    auto t0 = std::chrono::steady_clock::now();
    auto out_of_budget = [&](Expr g) {
      out_.validation = "unknown: out of the validation budget (" + std::to_string(o_.budget_ms) +
                        " ms) before proving " + print(g, Dialect::Python);
      ok = false;
    };
    // Most decisions are checked without Z3, by equality substitution: the
    // emitted source equalities (x.size()[1] == x.size()[0]) rewrite a raw
    // decision into the emitted form.  (a) uses equalities of the emitted
    // set itself; (b) uses them only after proving each from the raw side,
    // which the loop below does first (equalities come first in `emitted`).
    std::unordered_set<const Node *> raw_rewritten;
    for (Expr r : raw) raw_rewritten.insert(substitute(r, source_subst_).node());
    auto decided_by_ranges = [&](Expr x) {
      ValueRange b = bound_shifted(x, source_ranges_);
      return b.type == Type::Bool && b.is_singleton() && b.can_be_true;
    };
    for (Expr r : raw) {
      if (r.is_true() || emitted_set.count(r.node())) continue;
      Expr r2 = substitute(r, source_subst_);
      if (r2.is_true() || emitted_set.count(r2.node()) || decided_by_ranges(r2)) continue;
      if (!budget_left(t0)) {
        out_of_budget(r);
        break;
      }
      SmtResult res = from_emitted.prove(r);
      if (res.verdict != Verdict::Proved) {
        fail(res, true, r);
        ok = false;
        break;
      }
    }
    // The source equalities come first in `emitted`, and a failure stops the
    // loop: a rewritten guard is accepted only after every equality it may
    // have been rewritten with is proved.
    for (size_t i = 0; ok && i < emitted.size(); ++i) {
      Expr e = emitted[i];
      bool is_equality = i < out_.guards.size() && out_.guards[i].kind == ProducedGuard::Kind::SourceEquality;
      if (!is_equality && raw_rewritten.count(e.node())) continue;
      if (e.is_true() || raw_set.count(e.node())) continue;
      if (!budget_left(t0)) {
        out_of_budget(e);
        break;
      }
      SmtResult res = from_raw.prove(e);
      if (res.verdict != Verdict::Proved) {
        fail(res, false, e);
        ok = false;
      }
    }
    out_.z3_queries += from_emitted.z3_queries() + from_raw.z3_queries();
    if (ok) {
      out_.validation = "proved";
      return;
    }
    if (!out_.dropped.empty()) {
      // Unproved: emit the unminimized set.
      for (auto &g : out_.dropped) g.dropped_because.clear();
      out_.guards.insert(out_.guards.end(), out_.dropped.begin(), out_.dropped.end());
      out_.dropped.clear();
    }
  }

  static constexpr size_t kRelevantFacts = 48;
  static constexpr size_t kMinimizeFirstTier = 16;
  static constexpr unsigned kPerQueryMs = 100;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();

  ShapeEnv &env_;
  ShapeEnv::Impl &m_;
  GuardOptions o_;
  GuardSet out_;
  std::vector<Tracked> tracked_;
  std::unordered_map<const Node *, std::vector<std::string>> symbol_to_source_;
  std::vector<Expr> symbol_order_;
  RangeMap source_ranges_;
  SubstMap source_subst_; // source -> the expression its equality gives it
};

} // namespace

GuardSet produce_guards(ShapeEnv &env, const GuardOptions &options) {
  Producer p(env, options);
  return p.run();
}

} // namespace symshape
