//===- simplify.cpp - Replacements, simplification, bounds, hints ----------===//
#include "shape_env_internal.h"

#include "symshape/expr/eval.h"

namespace symshape {

void ShapeEnv::Impl::check_caches() {
  // Decisions depend on everything; replacement and simplification only on
  // the replacements and divisibility facts (most guards change neither).
  if (cache_version != version) {
    if (!decide_cache.empty()) decide_cache.clear(); // (clear() writes every bucket even when empty)
    cache_version = version;
  }
  // (The replace and simplify memos carry subst_version in each entry.)
}

Expr ShapeEnv::Impl::find(Expr sym) {
  Replacement *r = replacements.find(sym.node());
  return r ? resolve(*r) : sym;
}

Expr ShapeEnv::Impl::resolve(Replacement &r) {
  if (r.resolved_at == subst_version) return r.target;
  // Follow chains (a -> b + c, c -> d) and compress the path.  (`r` stays
  // valid: find() inserts nothing.)
  SubstPairs sub;
  replaced_symbols(r.target, sub);
  if (!sub.empty()) r.target = substitute(r.target, sub);
  r.resolved_at = subst_version;
  return r.target;
}

void ShapeEnv::Impl::replaced_symbols(Expr e, SubstPairs &sub) {
  all_symbols(e, [&](const Node *n) {
    for (auto &p : sub)
      if (p.first == n) return true;
    Expr r = find(Expr(n));
    if (r.node() != n) sub.emplace_back(n, r);
    return true;
  });
}

Expr ShapeEnv::Impl::replace(Expr e) {
  if (!e.has_symbols() || replacements.empty()) return e;
  if (e.is_symbol()) return find(e);
  if (const Expr *hit = replace_memo.find(e.node(), subst_version)) return *hit;
  // Into a member: replace() is not reentrant, and this runs per guard.
  SubstPairs &sub = replace_scratch;
  sub.clear();
  replaced_symbols(e, sub);
  // Identities are cached too: one guard is replaced ~5 times on its way
  // through evaluate, decide and learn.
  Expr out = sub.empty() ? e : substitute(e, sub);
  replace_memo.put(e.node(), subst_version, out);
  // The result holds representatives only: it replaces to itself (the
  // guard recorded from it is asked next).
  if (out != e) replace_memo.put(out.node(), subst_version, out);
  return out;
}

Expr ShapeEnv::Impl::simplify(Expr e) {
  if (!e.has_symbols()) return e;
  if (divisible.empty() || !e.has_floordiv()) return replace(e);
  if (const Expr *hit = simplify_memo.find(e.node(), subst_version)) return *hit;
  Expr out = replace(e);
  if (!divisible.empty()) {
    // FloorDiv(a, b) -> CleanDiv(a, b) where Mod(a, b) is known to be 0.
    std::unordered_set<const Node *> div(divisible.size());
    for (Expr d : divisible) div.insert(replace(d).node());
    SubstMap sub;
    for_each_node(out, [&](Expr n) {
      if (n.kind() != Kind::FloorDiv) return;
      Expr m = replace(mod(n.arg(0), n.arg(1)));
      if (div.count(m.node())) sub.emplace(n.node(), clean_div(n.arg(0), n.arg(1)));
    });
    if (!sub.empty()) out = substitute(out, sub);
  }
  simplify_memo.put(e.node(), subst_version, out);
  return out;
}

ValueRange ShapeEnv::Impl::bound(Expr e, bool size_oblivious) {
  e = replace(e);
  if (!size_oblivious) return symshape::bound(e, ranges);
  RangeMap r;
  for (Expr s : free_symbols(e)) r.set(s, range_of(s, true, /*clamp=*/false));
  return symshape::bound(e, r);
}

std::optional<Value> ShapeEnv::Impl::hint_value(Expr e) {
  e = replace(e);
  if (unbacked_symbols == 0) {
    // Every symbol of this ShapeEnv has a hint: evaluate at once.  Should
    // that raise (a symbol from elsewhere, a division by zero), the checked
    // path below gives the answer it always gave.
    try {
      return symshape::evaluate(e, hint_point);
    } catch (const Error &) {
    }
  }
  if (!all_symbols(e, [&](const Node *s) { return hint_point.find(Expr(s)) != nullptr; })) return std::nullopt;
  return symshape::evaluate(e, hint_point);
}

// --- Public wrappers -------------------------------------------------------------

Expr ShapeEnv::simplify(Expr e) { return impl_->simplify(e); }
Expr ShapeEnv::replace(Expr e) { return impl_->replace(e); }
ValueRange ShapeEnv::bound(Expr e, bool size_oblivious) { return impl_->bound(e, size_oblivious); }

bool ShapeEnv::has_hint(Expr e) {
  if (impl_->hint_value(e)) return true;
  Expr s = impl_->simplify(e);
  return symshape::bound(s, impl_->ranges).is_singleton();
}

Int ShapeEnv::size_hint(Expr e) {
  if (!e.is_int()) throw TypeError("size_hint needs an integer expression, got " + e.str());
  if (auto v = impl_->hint_value(e)) return v->i;
  // Unbacked symbols remain: a hint exists only if the value is determined.
  ValueRange r = bound(e);
  if (r.is_singleton()) return r.lo.value();
  impl_->data_dependent(impl_->simplify(e), /*is_int=*/true);
}

} // namespace symshape
