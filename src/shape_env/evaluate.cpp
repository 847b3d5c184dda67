//===- evaluate.cpp - Guarding decisions, checks, runtime asserts ----------===//
//
// PyTorch's evaluate_expr / guard_int / guard_or_* / guard_size_oblivious /
// torch._check (expect_true -> defer_runtime_assert), step for step:
//   1. statically decided -> the answer, no guard;
//   2. unbacked symbols remain -> a DataDependentError (or the guard_or_*
//      default, recorded as an assumption);
//   3. otherwise the hints decide and the guard is recorded and learned from.
// The Z3 tier runs only where an unbacked symbol is involved (step 1 for
// unbacked conditions), never on the backed path.
//
//===----------------------------------------------------------------------===//
#include "shape_env_internal.h"

#include "symshape/expr/print.h"

namespace symshape {

namespace {

const char *const kCheckFailed =
    "Expected cond to be True, but got False. (Could this error message be improved? If so, please "
    "report an enhancement request to PyTorch.)";

/// The shared core of evaluate / guard_or_* / guard_size_oblivious.
bool evaluate_impl(ShapeEnv::Impl &m, Expr cond, bool size_oblivious, const bool *fallback, const char *api) {
  if (!cond.is_bool()) throw TypeError("evaluate needs a boolean condition, got " + cond.str());
  if (cond.is_bool_constant()) return cond.bool_value();
  m.observe(cond, api);
  Expr r = m.replace(cond);
  bool unbacked = m.has_unbacked(r);
  DecideOptions o;
  o.size_oblivious = size_oblivious;
  o.use_z3 = unbacked; // Z3 stays off the backed path
  Decision d = m.decide(cond, o, /*memo_unknown=*/unbacked);
  if (d.decided()) return d.is_true();
  if (unbacked) {
    if (fallback) {
      m.assumptions.push_back("assumed " + print(r, Dialect::Python) + " is " + (*fallback ? "True" : "False") +
                              " (" + (m.origin.empty() ? "guard_or default" : m.origin) + "), no runtime check");
      return *fallback;
    }
    m.data_dependent(r, /*is_int=*/false);
  }
  std::optional<Value> v = m.hint_value(r);
  if (!v) m.data_dependent(r, false);
  bool value = v->as_bool();
  Expr g = value ? r : not_(r);
  m.note_replaced(g, r);
  m.record_guard(g, size_oblivious);
  return value;
}

} // namespace

void ShapeEnv::Impl::record_guard(Expr g, bool size_oblivious) {
  if (suppress_depth > 0 || g.is_bool_constant()) return;
  if (frozen) ++frozen_guards;
  learn(g);
  guards.push_back(Guard{g, origin, size_oblivious});
  add_fact(g);
}

void ShapeEnv::Impl::record_assert(Expr e, const std::string &message) {
  if (suppress_depth > 0 || e.is_bool_constant()) return;
  learn(e);
  Expr key;
  int best = -1;
  for (Expr s : free_symbols(e)) {
    int k = is_unbacked(s) ? unbacked_index(s) : -1;
    if (k > best) {
      best = k;
      key = s;
    }
  }
  asserts.push_back(RuntimeAssert{e, message, origin, key});
  add_fact(e);
}

void ShapeEnv::Impl::data_dependent(Expr cond, bool is_int) {
  // The expression with the hints that exist, and the size-like symbols.
  SubstMap hints;
  std::vector<std::string> size_like;
  for (Expr s : free_symbols(cond)) {
    const SymbolInfo *i = find_info(s);
    if (!i) continue;
    if (i->hint) hints.emplace(s.node(), integer(*i->hint));
    if (i->size_like) size_like.push_back(std::string(s.name()));
  }
  std::string hinted = print(substitute(cond, hints), Dialect::Sympy);
  std::string plain = print(cond, Dialect::Sympy);
  std::string names = size_like.empty() ? "none" : "";
  for (size_t i = 0; i < size_like.size(); ++i) names += (i ? ", " : "") + size_like[i];
  std::string msg = std::string(is_int ? "Could not extract specialized integer from data-dependent expression "
                                       : "Could not guard on data-dependent expression ") +
                    hinted + " (unhinted: " + plain + ").  (Size-like symbols: " + names + ")\n\n" +
                    "Caused by: " + (origin.empty() ? "(unknown)" : origin) + "\n";
  if (!is_int) {
    std::string py = print(cond, Dialect::Python);
    msg += "To fix the error, insert one of the following checks before this call:\n  1. torch._check(" + py +
           ")\n  2. torch._check(not (" + py + "))\n";
  }
  throw DataDependentError(msg, cond);
}

bool ShapeEnv::evaluate(Expr cond) { return evaluate_impl(*impl_, cond, false, nullptr, "evaluate"); }
bool ShapeEnv::guard_size_oblivious(Expr cond) {
  return evaluate_impl(*impl_, cond, true, nullptr, "guard_size_oblivious");
}
bool ShapeEnv::guard_or_false(Expr cond) {
  const bool f = false;
  return evaluate_impl(*impl_, cond, false, &f, "guard_or_false");
}
bool ShapeEnv::guard_or_true(Expr cond) {
  const bool t = true;
  return evaluate_impl(*impl_, cond, false, &t, "guard_or_true");
}

Int ShapeEnv::evaluate_int(Expr e) {
  Impl &m = *impl_;
  if (!e.is_int()) throw TypeError("evaluate_int needs an integer expression, got " + e.str());
  if (e.is_integer_constant()) return e.value();
  Expr s = m.simplify(e);
  if (s.is_integer_constant()) return s.value();
  ValueRange r = m.bound(s, false);
  if (r.is_singleton()) return r.lo.value();
  Expr rep = m.replace(e);
  if (m.has_unbacked(rep)) m.data_dependent(rep, /*is_int=*/true);
  std::optional<Value> v = m.hint_value(rep);
  if (!v) m.data_dependent(rep, true);
  m.record_guard(eq(rep, integer(v->i)), false);
  return v->i;
}

bool ShapeEnv::expect_true(Expr cond, const std::string &message) {
  Impl &m = *impl_;
  if (!cond.is_bool()) throw TypeError("check needs a boolean condition, got " + cond.str());
  if (cond.is_bool_constant()) return cond.bool_value();
  Expr r = m.replace(cond);
  if (!m.has_unbacked(r) && !m.settings.prefer_deferred_runtime_asserts_over_guards)
    return evaluate(cond); // a guard, decided by the hints
  m.observe(cond, "check");
  Decision d = m.decide(cond, {});
  if (d.decided()) return d.is_true();
  m.record_assert(r, message.empty() ? "Runtime assertion failed for expression " + print(r, Dialect::Python)
                                     : message);
  return true;
}

void ShapeEnv::check(Expr cond, const std::string &message) {
  // torch._check: the caller's message when there is one, else PyTorch's default.
  if (!expect_true(cond, message)) throw CheckFailed(message.empty() ? std::string(kCheckFailed) : message);
}

void ShapeEnv::check_is_size(Expr e) {
  check(ge(e, integer(0)));
  if (e.is_symbol() && impl_->is_unbacked(e)) constrain_range_for_size(e);
}

} // namespace symshape
