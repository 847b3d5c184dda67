//===- smt.cpp - Bounded Z3 queries with validated answers ----------------===//
#include "symshape/reason/smt.h"

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <thread>
#include <unordered_set>

#include "symshape/z3_interop.h"

namespace symshape {

const char *verdict_name(Verdict v) {
  switch (v) {
  case Verdict::Proved: return "proved";
  case Verdict::Refuted: return "refuted";
  case Verdict::Unknown: return "unknown";
  }
  return "?";
}

std::string z3_version() {
  unsigned major, minor, build, rev;
  Z3_get_version(&major, &minor, &build, &rev);
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(build);
}

namespace {

/// Interrupts the context if a check overruns its wall-clock budget (Z3's
/// own timeout is not always honoured inside nonlinear tactics).  One
/// background thread serves every check (checks serialize on z3_lock()), so
/// arming costs a lock and a notify rather than a thread start (~50 us).
class WatchdogService {
public:
  static WatchdogService &get() {
    static auto *w = new WatchdogService(); // never destroyed: its thread outlives statics
    return *w;
  }
  void arm(z3::context &c, unsigned timeout_ms) {
    std::lock_guard<std::mutex> lock(mu_);
    ctx_ = &c;
    deadline_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms + timeout_ms / 10 + 20);
    armed_ = true;
    fired_ = false;
    ++generation_;
    cv_.notify_all();
  }
  /// Returns whether the watchdog interrupted the check.
  bool disarm() {
    std::lock_guard<std::mutex> lock(mu_);
    armed_ = false;
    ++generation_;
    cv_.notify_all();
    return fired_;
  }

private:
  WatchdogService() : thread_([this] { loop(); }) { thread_.detach(); }
  void loop() {
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      cv_.wait(lock, [this] { return armed_; });
      uint64_t g = generation_;
      bool changed = cv_.wait_until(lock, deadline_, [&] { return generation_ != g; });
      if (!changed && armed_) {
        fired_ = true;
        Z3_interrupt(*ctx_);
        cv_.wait(lock, [&] { return generation_ != g; });
      }
    }
  }
  std::mutex mu_;
  std::condition_variable cv_;
  bool armed_ = false, fired_ = false;
  uint64_t generation_ = 0;
  z3::context *ctx_ = nullptr;
  std::chrono::steady_clock::time_point deadline_;
  std::thread thread_;
};

/// RAII arming of the watchdog around one check.
class Watchdog {
public:
  Watchdog(z3::context &c, unsigned timeout_ms) { WatchdogService::get().arm(c, timeout_ms); }
  ~Watchdog() { disarm(); }
  bool fired() {
    disarm();
    return fired_;
  }

private:
  void disarm() {
    if (!done_) fired_ = WatchdogService::get().disarm();
    done_ = true;
  }
  bool done_ = false, fired_ = false;
};

/// Collects the free symbols of several expressions (canonical order).
std::vector<Expr> symbols_of(const std::vector<Expr> &es) {
  std::vector<Expr> out;
  for (Expr e : es)
    for (Expr s : free_symbols(e)) out.push_back(s);
  std::sort(out.begin(), out.end(), ExprLess());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

/// Range constraints of the symbols (finite ends only), appended to `out`.
void add_ranges(z3::expr_vector &out, const std::vector<Expr> &syms, const RangeMap &ranges) {
  z3::context &c = z3_context();
  struct Sink {
    z3::expr_vector &v;
    void add(const z3::expr &e) { v.push_back(e); }
  } s{out};
  for (Expr sym : syms) {
    if (!ranges.has(sym)) continue;
    ValueRange r = ranges.get(sym);
    z3::expr x = to_z3(sym);
    if (r.type == Type::Int) {
      if (r.lo.is_finite()) s.add(x >= c.int_val(r.lo.value().str().c_str()));
      if (r.hi.is_finite()) s.add(x <= c.int_val(r.hi.value().str().c_str()));
    } else if (r.type == Type::Float) {
      if (std::isfinite(r.flo)) s.add(x >= z3_real_of_double(c, r.flo));
      if (std::isfinite(r.fhi)) s.add(x <= z3_real_of_double(c, r.fhi));
    } else {
      if (!r.can_be_true) s.add(!x);
      if (!r.can_be_false) s.add(x);
    }
  }
}

void add_ranges(z3::solver &solver, const std::vector<Expr> &syms, const RangeMap &ranges) {
  z3::expr_vector v(z3_context());
  add_ranges(v, syms, ranges);
  for (unsigned i = 0; i < v.size(); ++i) solver.add(v[i]);
}

void configure(z3::solver &s, const SmtLimits &limits) {
  z3::params p(s.ctx());
  p.set("timeout", limits.timeout_ms);
  p.set("rlimit", limits.rlimit);
  s.set(p);
}

struct Checked {
  z3::check_result result;
  z3::solver solver;
  bool watchdog_fired;
  /// For unsat: the indices of the tracked facts used (all of them when the
  /// solver that answered tracked none).
  std::vector<size_t> core;
};

bool out_of_resources(const std::string &why) {
  return why.find("timeout") != std::string::npos || why == "canceled" || why.find("resource") != std::string::npos;
}

/// Checks `ranges`, the `tracked` facts and `goal` together: first with Z3's plain SMT core
/// and each fact behind an assumption literal (about 0.2 ms for the linear
/// queries that dominate, and an unsat core); if that is incomplete
/// (nonlinear) or slow, with the facts asserted plainly (no core then);
/// then with the default solver and its preprocessing.  All within one
/// budget.
Checked run_check(const z3::expr_vector &ranges, const z3::expr_vector &tracked, const z3::expr_vector &goal,
                  const SmtLimits &limits) {
  z3::context &c = z3_context();
  auto t0 = std::chrono::steady_clock::now();
  auto attempt = [&](z3::solver s, unsigned budget_ms, bool track) {
    SmtLimits l = limits;
    l.timeout_ms = budget_ms;
    configure(s, l);
    // Ranges, facts, then the goal: Z3's nonlinear search is sensitive to
    // the order (4 ms in this order, 170 ms with the goal first, on
    // i*n + j < m*n).
    for (unsigned i = 0; i < ranges.size(); ++i) s.add(ranges[i]);
    z3::expr_vector assumptions(c);
    for (unsigned i = 0; i < tracked.size(); ++i) {
      if (!track) {
        s.add(tracked[i]);
        continue;
      }
      z3::expr p = c.bool_const(("fact!" + std::to_string(i)).c_str());
      s.add(z3::implies(p, tracked[i]));
      assumptions.push_back(p);
    }
    for (unsigned i = 0; i < goal.size(); ++i) s.add(goal[i]);
    Watchdog w(c, budget_ms);
    z3::check_result r = s.check(assumptions);
    Checked ch{r, s, w.fired(), {}};
    if (r == z3::unsat) {
      if (track) {
        z3::expr_vector core = s.unsat_core();
        for (unsigned i = 0; i < core.size(); ++i) ch.core.push_back(std::stoul(core[i].decl().name().str().substr(5)));
        std::sort(ch.core.begin(), ch.core.end());
      } else {
        for (unsigned i = 0; i < tracked.size(); ++i) ch.core.push_back(i);
      }
    }
    return ch;
  };
  auto remaining = [&]() -> unsigned {
    auto spent = static_cast<unsigned>(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count());
    return spent >= limits.timeout_ms ? 0 : limits.timeout_ms - spent;
  };
  // Tracking literals can slow nonlinear search a hundredfold (140 ms vs
  // 4 ms on i*n + j < m*n), so with a fallback the tracked attempt gets a
  // fifth of the budget.
  unsigned first_budget = limits.fallback && !tracked.empty() ? std::max(1u, limits.timeout_ms / 5) : limits.timeout_ms;
  Checked first = attempt(z3::solver(c, z3::solver::simple()), first_budget, true);
  if (first.result != z3::unknown || !limits.fallback) return first;
  if (first_budget == limits.timeout_ms && (first.watchdog_fired || out_of_resources(first.solver.reason_unknown())))
    return first;
  if (!tracked.empty()) {
    if (remaining() == 0) return first;
    Checked second = attempt(z3::solver(c, z3::solver::simple()), remaining(), false);
    if (second.result != z3::unknown || second.watchdog_fired || out_of_resources(second.solver.reason_unknown()))
      return second;
  }
  if (remaining() == 0) return first;
  return attempt(z3::solver(c), remaining(), false);
}

std::string unknown_reason(z3::solver &s, bool watchdog_fired) {
  if (watchdog_fired) return "timeout (interrupted by the watchdog)";
  std::string r = s.reason_unknown();
  if (r.find("timeout") != std::string::npos || r == "canceled") return "timeout";
  if (r.find("resource") != std::string::npos) return "rlimit exceeded";
  if (r.find("incomplete") != std::string::npos) return "incomplete: " + r;
  return r.empty() ? "unknown" : r;
}

/// Reads the model's value of every symbol.  Returns false when a value
/// cannot be represented (too large, irrational).
bool read_model(const z3::model &m, const std::vector<Expr> &syms, Assignment &out) {
  for (Expr sym : syms) {
    z3::expr v = m.eval(to_z3(sym), true);
    if (sym.type() == Type::Bool) {
      if (!v.is_true() && !v.is_false()) return false;
      out.set(sym, Value::of_bool(v.is_true()));
    } else if (sym.type() == Type::Int) {
      if (!v.is_numeral()) return false;
      auto i = Int::parse(v.get_decimal_string(0));
      if (!i) return false;
      out.set(sym, Value::of_int(*i));
    } else {
      if (!v.is_numeral()) return false;
      std::string d = v.get_decimal_string(30);
      if (!d.empty() && d.back() == '?') d.pop_back();
      out.set(sym, Value::of_float(std::strtod(d.c_str(), nullptr)));
    }
  }
  return true;
}

/// Evaluates a boolean at a point: 1 true, 0 false, -1 undefined (raised).
int truth3(Expr e, const Assignment &a) {
  std::optional<bool> t = truth_at(e, a);
  return t ? (*t ? 1 : 0) : -1;
}

bool in_ranges(const Assignment &a, const RangeMap &ranges) {
  for (size_t i = 0; i < a.size(); ++i)
    if (!ranges.get(a.symbol(i)).contains(a.value(i))) return false;
  return true;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

/// Z3 4.8.12 honours neither its timeout nor an interrupt while it
/// normalizes high-degree polynomials: `t0*...*t23 >= t0 + ... + t23` over
/// sizes ran 9 s, degree 28 did not return in 2 minutes (degree 16: 0.3 s).
/// Above this degree the answer is "unknown" without calling Z3.
constexpr uint32_t kMaxZ3Degree = 16;

uint32_t polynomial_degree(Expr e) {
  if (!e.has_symbols()) return 0;
  if (e.is_symbol()) return 1;
  uint64_t d = 0;
  if (e.kind() == Kind::Mul) {
    for (size_t i = 0; i < e.nargs(); ++i) d += uint64_t(polynomial_degree(e.arg(i))) * e.exponent(i);
  } else {
    for (size_t i = 0; i < e.nargs(); ++i) d = std::max<uint64_t>(d, polynomial_degree(e.arg(i)));
  }
  return static_cast<uint32_t>(std::min<uint64_t>(d, 1u << 30));
}

/// "unknown" reason when some expression is beyond kMaxZ3Degree.
std::optional<std::string> too_nonlinear(const std::vector<Expr> &es) {
  for (Expr e : es)
    if (uint32_t d = polynomial_degree(e); d > kMaxZ3Degree)
      return "nonlinear degree " + std::to_string(d) + " exceeds " + std::to_string(kMaxZ3Degree) +
             " (Z3 4.8 ignores its time limit there)";
  return std::nullopt;
}

} // namespace

SmtResult smt_prove(Expr goal, const std::vector<Expr> &facts, const RangeMap &ranges,
                    const SmtLimits &limits) {
  auto t0 = std::chrono::steady_clock::now();
  SmtResult res;
  if (!goal.is_bool()) throw TypeError("smt_prove: the goal must be boolean, got " + goal.str());
  std::vector<Expr> checked = facts;
  checked.push_back(goal);
  if (auto why = too_nonlinear(checked)) {
    res.reason = *why;
    return res;
  }
  std::lock_guard<std::recursive_mutex> lock(z3_lock());
  z3::context &c = z3_context();
  try {
    z3::expr_vector assertions(c);
    std::vector<Expr> all = facts;
    all.push_back(goal);
    std::vector<Expr> syms = symbols_of(all);
    add_ranges(assertions, syms, ranges);
    z3::expr_vector tracked(c);
    for (Expr f : facts) tracked.push_back(to_z3(f) && z3_defined(f));
    z3::expr_vector negated_goal(c);
    negated_goal.push_back(!(z3_defined(goal) && to_z3(goal)));
    Checked ch = run_check(assertions, tracked, negated_goal, limits);
    z3::check_result r = ch.result;
    z3::solver &s = ch.solver;
    bool fired = ch.watchdog_fired;
    if (r == z3::unsat) {
      res.verdict = Verdict::Proved;
      res.core = ch.core;
    } else if (r == z3::sat) {
      Assignment point;
      bool ok = read_model(s.get_model(), syms, point);
      if (ok && in_ranges(point, ranges)) {
        bool facts_hold = true;
        for (Expr f : facts) facts_hold = facts_hold && truth3(f, point) == 1;
        int g = truth3(goal, point);
        if (facts_hold && g != 1) {
          res.verdict = Verdict::Refuted;
          res.counterexample = point;
          res.goal_undefined = g == -1;
        }
      }
      if (res.verdict != Verdict::Refuted) res.reason = "model failed validation";
    } else {
      res.reason = unknown_reason(s, fired);
    }
  } catch (const z3::exception &e) {
    res.verdict = Verdict::Unknown;
    res.reason = std::string("z3 error: ") + e.msg();
  }
  res.seconds = seconds_since(t0);
  return res;
}

SmtResult smt_satisfiable(const std::vector<Expr> &facts, const RangeMap &ranges,
                          const SmtLimits &limits) {
  auto t0 = std::chrono::steady_clock::now();
  SmtResult res;
  if (auto why = too_nonlinear(facts)) {
    res.reason = *why;
    return res;
  }
  std::lock_guard<std::recursive_mutex> lock(z3_lock());
  z3::context &c = z3_context();
  try {
    z3::expr_vector assertions(c);
    std::vector<Expr> syms = symbols_of(facts);
    add_ranges(assertions, syms, ranges);
    z3::expr_vector tracked(c);
    for (Expr f : facts) {
      if (!f.is_bool()) throw TypeError("smt_satisfiable: facts must be boolean");
      tracked.push_back(to_z3(f) && z3_defined(f));
    }
    Checked ch = run_check(assertions, tracked, z3::expr_vector(c), limits);
    z3::check_result r = ch.result;
    z3::solver &s = ch.solver;
    bool fired = ch.watchdog_fired;
    if (r == z3::unsat) {
      res.verdict = Verdict::Refuted;
      res.core = ch.core;
    } else if (r == z3::sat) {
      Assignment point;
      bool ok = read_model(s.get_model(), syms, point) && in_ranges(point, ranges);
      for (Expr f : facts) ok = ok && truth3(f, point) == 1;
      if (ok) {
        res.verdict = Verdict::Proved;
        res.counterexample = point;
      } else {
        res.reason = "model failed validation";
      }
    } else {
      res.reason = unknown_reason(s, fired);
    }
  } catch (const z3::exception &e) {
    res.verdict = Verdict::Unknown;
    res.reason = std::string("z3 error: ") + e.msg();
  }
  res.seconds = seconds_since(t0);
  return res;
}

SmtResult smt_equivalent(const std::vector<Expr> &a, const std::vector<Expr> &b, const RangeMap &ranges,
                         const SmtLimits &limits) {
  auto t0 = std::chrono::steady_clock::now();
  SmtResult res;
  std::lock_guard<std::recursive_mutex> lock(z3_lock());
  z3::context &c = z3_context();
  auto holds = [&](const std::vector<Expr> &v) {
    z3::expr_vector parts(c);
    for (Expr e : v) {
      if (!e.is_bool()) throw TypeError("smt_equivalent: conjuncts must be boolean, got " + e.str());
      parts.push_back(z3_defined(e) && to_z3(e));
    }
    return z3::mk_and(parts);
  };
  // Concrete truth of a conjunction; undefined conjuncts are false.
  auto truth = [](const std::vector<Expr> &v, const Assignment &p) {
    for (Expr e : v)
      if (truth3(e, p) != 1) return false;
    return true;
  };
  std::vector<Expr> both = a;
  both.insert(both.end(), b.begin(), b.end());
  if (auto why = too_nonlinear(both)) {
    res.reason = *why;
    return res;
  }
  try {
    z3::expr_vector assertions(c);
    std::vector<Expr> all = a;
    all.insert(all.end(), b.begin(), b.end());
    std::vector<Expr> syms = symbols_of(all);
    add_ranges(assertions, syms, ranges);
    assertions.push_back(holds(a) != holds(b));
    Checked ch = run_check(assertions, z3::expr_vector(c), z3::expr_vector(c), limits);
    z3::check_result r = ch.result;
    z3::solver &s = ch.solver;
    bool fired = ch.watchdog_fired;
    if (r == z3::unsat) {
      res.verdict = Verdict::Proved;
    } else if (r == z3::sat) {
      Assignment point;
      if (read_model(s.get_model(), syms, point) && in_ranges(point, ranges) && truth(a, point) != truth(b, point)) {
        res.verdict = Verdict::Refuted;
        res.counterexample = point;
      } else {
        res.reason = "model failed validation";
      }
    } else {
      res.reason = unknown_reason(s, fired);
    }
  } catch (const z3::exception &e) {
    res.verdict = Verdict::Unknown;
    res.reason = std::string("z3 error: ") + e.msg();
  }
  res.seconds = seconds_since(t0);
  return res;
}

struct SmtSession::State {
  RangeMap ranges;
  SmtLimits limits;
  z3::solver solver{z3_context()};
  std::vector<z3::expr> literals;
  std::vector<std::optional<std::string>> too_nonlinear; // per literal: why Z3 never sees it
  std::unordered_set<const Node *> ranged; // symbols whose ranges are asserted
  size_t goals = 0;
};

SmtSession::SmtSession(const RangeMap &ranges, const SmtLimits &limits) : s_(std::make_unique<State>()) {
  s_->ranges = ranges;
  s_->limits = limits;
  std::lock_guard<std::recursive_mutex> lock(z3_lock());
  configure(s_->solver, limits);
}

SmtSession::~SmtSession() {
  std::lock_guard<std::recursive_mutex> lock(z3_lock());
  s_.reset();
}

size_t SmtSession::add_fact(Expr fact) {
  std::lock_guard<std::recursive_mutex> lock(z3_lock());
  z3::context &c = z3_context();
  std::vector<Expr> fresh;
  for (Expr s : free_symbols(fact))
    if (s_->ranged.insert(s.node()).second) fresh.push_back(s);
  add_ranges(s_->solver, fresh, s_->ranges);
  size_t id = s_->literals.size();
  z3::expr p = c.bool_const(("sfact!" + std::to_string(reinterpret_cast<uintptr_t>(s_.get())) + "!" +
                             std::to_string(id)).c_str());
  std::optional<std::string> hard = too_nonlinear({fact});
  if (!hard) s_->solver.add(z3::implies(p, to_z3(fact) && z3_defined(fact)));
  s_->literals.push_back(p);
  s_->too_nonlinear.push_back(hard);
  return id;
}

SmtResult SmtSession::implies(Expr goal, const std::vector<bool> &active) {
  auto t0 = std::chrono::steady_clock::now();
  SmtResult res;
  std::optional<std::string> why = too_nonlinear({goal});
  for (size_t i = 0; i < s_->literals.size() && !why; ++i)
    if (i < active.size() && active[i] && s_->too_nonlinear[i]) why = "a fact's " + *s_->too_nonlinear[i];
  if (why) {
    res.reason = *why;
    return res;
  }
  std::lock_guard<std::recursive_mutex> lock(z3_lock());
  z3::context &c = z3_context();
  try {
    std::vector<Expr> fresh;
    for (Expr s : free_symbols(goal))
      if (s_->ranged.insert(s.node()).second) fresh.push_back(s);
    add_ranges(s_->solver, fresh, s_->ranges);
    z3::expr g = c.bool_const(("sgoal!" + std::to_string(reinterpret_cast<uintptr_t>(s_.get())) + "!" +
                               std::to_string(s_->goals++)).c_str());
    s_->solver.add(z3::implies(g, !(z3_defined(goal) && to_z3(goal))));
    z3::expr_vector assumptions(c);
    for (size_t i = 0; i < s_->literals.size(); ++i)
      if (i < active.size() && active[i]) assumptions.push_back(s_->literals[i]);
    assumptions.push_back(g);
    z3::check_result r;
    bool fired;
    {
      Watchdog w(c, s_->limits.timeout_ms);
      r = s_->solver.check(assumptions);
      fired = w.fired();
    }
    if (r == z3::unsat) {
      res.verdict = Verdict::Proved;
      z3::expr_vector core = s_->solver.unsat_core();
      for (unsigned i = 0; i < core.size(); ++i)
        for (size_t j = 0; j < s_->literals.size(); ++j)
          if (z3::eq(core[i], s_->literals[j])) res.core.push_back(j);
      std::sort(res.core.begin(), res.core.end());
    } else if (r == z3::sat) {
      res.verdict = Verdict::Refuted;
    } else {
      res.reason = unknown_reason(s_->solver, fired);
    }
  } catch (const z3::exception &e) {
    res.verdict = Verdict::Unknown;
    res.reason = std::string("z3 error: ") + e.msg();
  }
  res.seconds = seconds_since(t0);
  return res;
}

std::string smt_prove_smt2(Expr goal, const std::vector<Expr> &facts, const RangeMap &ranges) {
  std::lock_guard<std::recursive_mutex> lock(z3_lock());
  z3::context &c = z3_context();
  z3::solver s(c);
  std::vector<Expr> all = facts;
  all.push_back(goal);
  add_ranges(s, symbols_of(all), ranges);
  for (Expr f : facts) s.add(to_z3(f) && z3_defined(f));
  s.add(!(z3_defined(goal) && to_z3(goal)));
  return "; symshape query: unsat means the goal is proved\n" + s.to_smt2();
}

} // namespace symshape
