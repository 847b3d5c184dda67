//===- produce_guards.cpp - The guard predicate of a ShapeEnv --------------===//
//
// PyTorch's produce_guards_verbose, then minimization and translation
// validation (guards.h).
//
//===----------------------------------------------------------------------===//
#include <algorithm>
#include <unordered_set>

#include "shape_env_internal.h"
#include "symshape/expr/print.h"
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

  void minimize() {
    // Cheap first: a guard the source ranges decide is redundant.
    std::vector<bool> keep(out_.guards.size(), true);
    for (size_t i = 0; i < out_.guards.size(); ++i) {
      ProducedGuard &g = out_.guards[i];
      if (g.kind != ProducedGuard::Kind::Guard) continue;
      ValueRange b = symshape::bound(g.expr, source_ranges_);
      if (b.type == Type::Bool && b.is_singleton() && b.can_be_true) {
        g.dropped_because = "value ranges";
        keep[i] = false;
      }
    }
    // Then Z3, in one incremental session: is guard i implied by the rest?
    SmtSession session(source_ranges_, o_.smt);
    std::vector<bool> active(out_.guards.size(), false);
    for (size_t i = 0; i < out_.guards.size(); ++i) {
      session.add_fact(out_.guards[i].expr);
      active[i] = keep[i];
    }
    for (size_t i = out_.guards.size(); i-- > 0;) {
      ProducedGuard &g = out_.guards[i];
      if (g.kind != ProducedGuard::Kind::Guard || !keep[i]) continue;
      active[i] = false;
      SmtResult r = session.implies(g.expr, active);
      if (r.verdict == Verdict::Proved) {
        std::string by;
        for (size_t j : r.core) by += (by.empty() ? "" : "; ") + out_.guards[j].text;
        g.dropped_because = "z3: implied by " + (by.empty() ? std::string("the ranges") : by);
        keep[i] = false;
      } else {
        active[i] = true;
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

  void validate() {
    std::vector<Expr> raw = raw_predicate();
    std::vector<Expr> emitted;
    for (const auto &g : out_.guards) emitted.push_back(g.expr);
    for (const auto &g : out_.static_guards) emitted.push_back(g.expr);
    // Sources are sizes, strides and offsets (>= 0) or scalars (any int).
    RangeMap domain;
    for (const Tracked &t : tracked_)
      if (t.tensor_property) domain.set(source_var(t.source), ValueRange::ints(Bound(0), Bound::pos_inf()));
    // (a) Sound: the emitted set accepts nothing the raw decisions reject.
    SmtResult a = smt_prove(and_(raw), emitted, domain, o_.smt);
    // (b) Complete: it accepts every input for which some run can satisfy
    // the raw decisions *and* the runtime asserts (their unbacked symbols are
    // free in the premise, i.e. existentially quantified).  Guards learned
    // from asserts (a range of s0 refined by `u0 >= s0`) only reject inputs
    // whose every run would fail an assert.
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
    SmtResult b = a.verdict == Verdict::Proved ? smt_prove(and_(emitted), premise, domain, o_.smt) : a;
    if (a.verdict == Verdict::Proved && b.verdict == Verdict::Proved) {
      out_.validation = "proved";
      return;
    }
    const SmtResult &bad = a.verdict != Verdict::Proved ? a : b;
    if (bad.verdict == Verdict::Refuted) {
      std::string cex;
      for (auto &[n, v] : bad.counterexample.values()) cex += (cex.empty() ? "" : ", ") + std::string(Expr(n).name()) + "=" + v.str();
      out_.validation = std::string("FAILED: the emitted guards ") +
                        (&bad == &a ? "accept an input the raw decisions reject" : "reject an input the raw decisions accept") +
                        " (" + cex + "); please report this bug";
    } else {
      out_.validation = "unknown: " + bad.reason;
    }
    if (!out_.dropped.empty()) {
      // Unproved: emit the unminimized set.
      for (auto &g : out_.dropped) g.dropped_because.clear();
      out_.guards.insert(out_.guards.end(), out_.dropped.begin(), out_.dropped.end());
      out_.dropped.clear();
    }
  }

  ShapeEnv &env_;
  ShapeEnv::Impl &m_;
  GuardOptions o_;
  GuardSet out_;
  std::vector<Tracked> tracked_;
  std::unordered_map<const Node *, std::vector<std::string>> symbol_to_source_;
  std::vector<Expr> symbol_order_;
  RangeMap source_ranges_;
};

} // namespace

GuardSet produce_guards(ShapeEnv &env, const GuardOptions &options) {
  Producer p(env, options);
  return p.run();
}

} // namespace symshape
