//===- verify/verify.cpp - Proofs and counterexamples about guard sets -----===//
#include "symshape/verify/verify.h"

#include <algorithm>
#include <fstream>

#include "symshape/expr/substitute.h"
#include "symshape/reason/bound_tightening.h"

namespace symshape::verify {

namespace {

// The domains of every name the guards use, as a RangeMap for the SMT
// facade, plus the domain facts for names without finite ends.
RangeMap domains(const GuardFile &f) {
  RangeMap r;
  for (Expr s : f.names) r.set(s, f.ranges.has(s) ? f.ranges.get(s) : ValueRange::unknown(Type::Int));
  return r;
}

void dump(const VerifyOptions &o, const std::string &name, Expr goal, const std::vector<Expr> &facts,
          const RangeMap &ranges) {
  if (o.smt2_dir.empty()) return;
  static int counter = 0;
  std::ofstream out(o.smt2_dir + "/" + std::to_string(++counter) + "-" + name + ".smt2");
  out << smt_prove_smt2(goal, facts, ranges);
}

std::vector<std::pair<Expr, Int>> input_of(const Assignment &a, const std::vector<Expr> &names) {
  std::vector<std::pair<Expr, Int>> out;
  for (Expr s : names)
    if (const Value *v = a.find(s)) out.emplace_back(s, v->i);
  return out;
}

const GuardLine *first_failing(const GuardFile &f, const Assignment &a) {
  for (const auto &g : f.guards) {
    auto t = truth_at(g.expr, a);
    if (!t || !*t) return &g;
  }
  return nullptr;
}

Answer from_smt(const SmtResult &r) {
  Answer a;
  a.verdict = r.verdict;
  a.reason = r.reason;
  return a;
}

} // namespace

Answer consistent(const GuardFile &f, const VerifyOptions &o) {
  RangeMap ranges = domains(f);
  std::vector<Expr> facts = f.exprs();
  dump(o, "consistent", false_(), facts, ranges);
  SmtResult r = smt_satisfiable(facts, ranges, o.limits);
  Answer a = from_smt(r);
  if (r.verdict == Verdict::Proved) a.input = input_of(r.counterexample, f.names);
  if (r.verdict == Verdict::Refuted)
    for (size_t i : r.core) a.core_lines.push_back(f.guards[i].line);
  std::sort(a.core_lines.begin(), a.core_lines.end());
  return a;
}

Answer implies(const GuardFile &a, const GuardFile &b, const VerifyOptions &o) {
  GuardFile both = a;
  merge_domains(both, b);
  RangeMap ranges = domains(both);
  // Goal: every guard of B.
  Expr goal = and_(b.exprs());
  dump(o, "implies", goal, a.exprs(), ranges);
  SmtResult r = smt_prove(goal, a.exprs(), ranges, o.limits);
  Answer ans = from_smt(r);
  if (r.verdict == Verdict::Refuted) {
    // Every name of both sides gets a value (Z3 leaves unconstrained ones
    // out): pick the smallest value in its domain.
    Assignment pt = r.counterexample;
    for (Expr s : both.names)
      if (!pt.find(s)) {
        ValueRange d = ranges.get(s);
        pt.set(s, d.lo.is_finite() ? d.lo.value() : (d.hi.is_finite() && d.hi.value() < Int(0) ? d.hi.value() : Int(0)));
      }
    ans.input = input_of(pt, both.names);
    if (const GuardLine *g = first_failing(b, pt)) {
      ans.failing_line = g->line;
      ans.failing_text = g->text;
    }
  }
  return ans;
}

Answer equivalent(const GuardFile &a, const GuardFile &b, const VerifyOptions &o) {
  Answer ab = implies(a, b, o);
  if (ab.verdict != Verdict::Proved) return ab;
  Answer ba = implies(b, a, o);
  return ba;
}

Answer covers(const GuardFile &a, const GuardFile &domain, const VerifyOptions &o) {
  GuardFile both = domain;
  merge_domains(both, a);
  RangeMap ranges = domains(both);
  std::vector<Expr> dom = domain.exprs();
  Expr goal = and_(a.exprs());
  dump(o, "covers", goal, dom, ranges);
  SmtResult r = smt_prove(goal, dom, ranges, o.limits);
  Answer ans = from_smt(r);
  if (r.verdict == Verdict::Refuted) {
    // The smallest failing input, lexicographically: fix each name in turn
    // to the least value that still leaves a failing input.
    std::vector<Expr> facts = dom;
    facts.push_back(not_(goal));
    Assignment best = r.counterexample;
    for (Expr s : both.names) {
      ValueRange d = ranges.get(s);
      const Value *cur = best.find(s);
      Int hi = cur ? cur->i : (d.lo.is_finite() ? d.lo.value() : Int(0));
      Int lo = d.lo.is_finite() ? d.lo.value() : hi - Int(1'000'000'000);
      // Invariant: a failing input with s == hi exists.
      while (lo < hi) {
        Int mid = lo + floordiv(hi - lo, Int(2));
        std::vector<Expr> q = facts;
        q.push_back(le(s, integer(mid)));
        SmtResult t = smt_satisfiable(q, ranges, o.limits);
        if (t.verdict == Verdict::Proved) {
          hi = t.counterexample.find(s) ? std::min(mid, t.counterexample.find(s)->i) : mid;
          best = t.counterexample;
        } else if (t.verdict == Verdict::Refuted) {
          lo = mid + Int(1);
        } else {
          break; // keep the failing input found so far
        }
      }
      facts.push_back(eq(s, integer(hi)));
      best.set(s, hi);
    }
    ans.input = input_of(best, both.names);
    if (const GuardLine *g = first_failing(a, best)) {
      ans.failing_line = g->line;
      ans.failing_text = g->text;
    }
  }
  // Count the accepted inputs when the domain box is small (the box: the
  // domains narrowed by the DOMAIN's range facts; points outside the
  // DOMAIN's other facts are skipped).
  tighten_all_bounds(dom, ranges, 4);
  uint64_t size = 1;
  bool small = !both.names.empty();
  for (Expr s : both.names) {
    ValueRange d = ranges.get(s);
    if (!d.lo.is_finite() || !d.hi.is_finite()) {
      small = false;
      break;
    }
    Int n = d.hi.value() - d.lo.value() + Int(1);
    if (!n.fits_int64() || n.to_int64() > static_cast<int64_t>(o.enumerate_limit) ||
        size > o.enumerate_limit / static_cast<uint64_t>(n.to_int64())) {
      small = false;
      break;
    }
    size *= static_cast<uint64_t>(n.to_int64());
  }
  if (small) {
    uint64_t accepted = 0, in_domain = 0;
    std::vector<Int> cur;
    for (Expr s : both.names) cur.push_back(ranges.get(s).lo.value());
    for (uint64_t k = 0; k < size; ++k) {
      Assignment pt;
      for (size_t i = 0; i < cur.size(); ++i) pt.set(both.names[i], cur[i]);
      bool in = true;
      for (Expr d : dom) in = in && truth_at(d, pt).value_or(false);
      if (in) {
        ++in_domain;
        bool ok = true;
        for (const auto &g : a.guards) ok = ok && truth_at(g.expr, pt).value_or(false);
        accepted += ok;
      }
      for (size_t i = cur.size(); i-- > 0;) { // odometer
        if (cur[i] < ranges.get(both.names[i]).hi.value()) {
          cur[i] = cur[i] + Int(1);
          break;
        }
        cur[i] = ranges.get(both.names[i]).lo.value();
      }
    }
    ans.accepted = accepted;
    ans.domain_size = in_domain;
  }
  return ans;
}

RedundancyAnswer redundant(const GuardFile &f, const VerifyOptions &o) {
  RedundancyAnswer out;
  RangeMap ranges = domains(f);
  std::vector<bool> kept(f.guards.size(), true);
  for (size_t i = 0; i < f.guards.size(); ++i) {
    std::vector<Expr> others;
    std::vector<size_t> index;
    for (size_t j = 0; j < f.guards.size(); ++j)
      if (j != i && kept[j]) {
        others.push_back(f.guards[j].expr);
        index.push_back(j);
      }
    dump(o, "redundant", f.guards[i].expr, others, ranges);
    SmtResult r = smt_prove(f.guards[i].expr, others, ranges, o.limits);
    if (r.verdict == Verdict::Unknown) out.complete = false;
    if (r.verdict != Verdict::Proved) continue;
    RedundantGuard g{f.guards[i].line, f.guards[i].text, {}};
    for (size_t c : r.core) g.implied_by.push_back(f.guards[index[c]].line);
    std::sort(g.implied_by.begin(), g.implied_by.end());
    out.redundant.push_back(g);
    kept[i] = false; // greedy: later guards are judged against the kept ones
  }
  GuardFile minimal = f;
  minimal.guards.clear();
  for (size_t i = 0; i < f.guards.size(); ++i)
    if (kept[i]) {
      minimal.guards.push_back(f.guards[i]);
      out.minimal.push_back(f.guards[i].line);
    }
  out.equivalence = equivalent(minimal, f, o);
  if (out.equivalence.verdict != Verdict::Proved) out.complete = false;
  return out;
}

namespace {

// A bound on one name: c <= x, x <= c, c < x, x < c (x with coefficient 1).
struct OneBound {
  Expr name;
  std::optional<Int> lo, hi;
};

std::optional<OneBound> one_bound(Expr g) {
  if (g.kind() != Kind::Le && g.kind() != Kind::Lt && g.kind() != Kind::Eq) return std::nullopt;
  Expr e = g.arg(0); // the relation is 0 <= e / 0 < e / e == 0
  if (e.kind() != Kind::Add || e.nargs() != 1 || !e.arg(0).is_symbol()) return std::nullopt;
  Int c = e.coeff(0), k = e.constant();
  if (c != Int(1) && c != Int(-1)) return std::nullopt;
  OneBound b{e.arg(0), std::nullopt, std::nullopt};
  Int strict = g.kind() == Kind::Lt ? Int(1) : Int(0);
  // c*x + k (>= | >) 0
  if (c == Int(1)) b.lo = -k + strict;  // x >= -k (+1)
  else b.hi = k - strict;               // x <= k (-1)
  if (g.kind() == Kind::Eq) b.lo = b.hi = c == Int(1) ? -k : k;
  return b;
}

} // namespace

SimplifyAnswer simplify(const GuardFile &f, const VerifyOptions &o) {
  SimplifyAnswer out;
  RedundancyAnswer r = redundant(f, o);
  out.complete = r.complete;
  std::vector<Expr> kept;
  for (int l : r.minimal) kept.push_back(f.at_line(l)->expr);
  // Replacements: Eq(x, e) with x a name not in e -> x := e elsewhere.
  for (size_t i = 0; i < kept.size(); ++i) {
    Expr g = kept[i];
    if (g.kind() != Kind::Eq) continue;
    auto [lhs, rhs] = relation_sides(g);
    Expr x, e;
    if (lhs.is_symbol()) x = lhs, e = rhs;
    else if (rhs.is_symbol()) x = rhs, e = lhs;
    else continue;
    bool cyclic = false;
    for (Expr s : free_symbols(e)) cyclic = cyclic || s == x;
    if (cyclic || e.is_integer_constant()) continue;
    SubstMap m;
    m[x.node()] = e;
    for (size_t j = 0; j < kept.size(); ++j)
      if (j != i) kept[j] = substitute(kept[j], m);
  }
  // Drop duplicates and constants True; merge the bounds of each name.
  std::vector<Expr> rest;
  std::vector<OneBound> bounds;
  for (Expr g : kept) {
    if (g.is_true()) continue;
    if (std::find(rest.begin(), rest.end(), g) != rest.end()) continue;
    if (auto b = one_bound(g); b && g.kind() != Kind::Eq) {
      auto it = std::find_if(bounds.begin(), bounds.end(), [&](const OneBound &x) { return x.name == b->name; });
      if (it == bounds.end()) bounds.push_back(*b);
      else {
        if (b->lo) it->lo = it->lo ? std::max(*it->lo, *b->lo) : *b->lo;
        if (b->hi) it->hi = it->hi ? std::min(*it->hi, *b->hi) : *b->hi;
      }
      continue;
    }
    rest.push_back(g);
  }
  for (const OneBound &b : bounds) {
    std::string name(b.name.name());
    if (b.lo && b.hi) {
      out.guards.push_back(and_(le(integer(*b.lo), b.name), le(b.name, integer(*b.hi))));
      out.text.push_back(b.lo == b.hi ? name + " == " + b.lo->str() : b.lo->str() + " <= " + name + " <= " + b.hi->str());
    } else if (b.lo) {
      out.guards.push_back(le(integer(*b.lo), b.name));
      out.text.push_back(b.lo->str() + " <= " + name);
    } else {
      out.guards.push_back(le(b.name, integer(*b.hi)));
      out.text.push_back(name + " <= " + b.hi->str());
    }
  }
  for (Expr g : rest) {
    out.guards.push_back(g);
    out.text.push_back(g.str());
  }
  GuardFile simplified = f;
  simplified.guards.clear();
  for (size_t i = 0; i < out.guards.size(); ++i) simplified.guards.push_back({out.guards[i], static_cast<int>(i + 1), out.guards[i].str()});
  out.equivalence = equivalent(simplified, f, o);
  if (out.equivalence.verdict != Verdict::Proved) out.complete = false;
  return out;
}

std::vector<const GuardLine *> failing_guards(const GuardFile &f, const Assignment &values) {
  std::string missing;
  for (Expr s : f.names)
    if (!values.find(s)) missing += (missing.empty() ? "" : ", ") + std::string(s.name());
  if (!missing.empty()) throw ValueError("no value for " + missing);
  std::vector<const GuardLine *> out;
  for (const auto &g : f.guards) {
    auto t = truth_at(g.expr, values);
    if (!t || !*t) out.push_back(&g);
  }
  return out;
}

} // namespace symshape::verify
