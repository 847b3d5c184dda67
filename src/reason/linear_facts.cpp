//===- linear_facts.cpp - Bounds on linear forms ----------------------------===//
#include "symshape/reason/linear_facts.h"

#include <algorithm>
#include <new>
#include <type_traits>

#include "symshape/expr/errors.h"

namespace symshape {

/// e = sign * g * L + k over given atoms and coefficients (an expression's
/// own arrays, or the caller's): L's coefficients are e's divided by sign * g.
/// Not copyable: a one-atom form points into itself.
struct LinearFacts::Form {
  const Node *const *atoms = nullptr;
  const Int *coeffs = nullptr;
  size_t n = 0;
  Int g{1}, k{0};
  int sign = 1;
  uint64_t hash = 0;

  Form() = default;
  Form(const Form &) = delete;
  Form &operator=(const Form &) = delete;

  /// L's coefficient i (read several times per form: computed once, in init).
  const Int &coeff(size_t i) const { return l_coeffs_[i]; }

  /// From an integer expression; false for constants and non-integers.
  bool read(Expr e) {
    if (!e.is_int() || e.is_constant()) return false;
    if (e.kind() == Kind::Add) {
      init(e.node()->args, e.node()->coeffs(), e.nargs(), e.constant());
    } else {
      single_ = e.node();
      init(&single_, &one_, 1, Int(0));
    }
    return true;
  }

  void init(const Node *const *a, const Int *c, size_t count, Int constant) {
    atoms = a;
    coeffs = c;
    n = count;
    k = constant;
    g = content_of(coeffs, n);
    sign = coeffs[0].sign() < 0 ? -1 : 1;
    if (g == Int(1) && sign > 0) {
      l_coeffs_ = coeffs; // L is e's non-constant part: no copy
    } else {
      // (Raw storage: a Form is made per query, most need no copy.)
      Int *out = n <= kInline ? reinterpret_cast<Int *>(inline_) : (heap_.resize(n), heap_.data());
      for (size_t i = 0; i < n; ++i) {
        Int c = g == Int(1) ? coeffs[i] : floordiv(coeffs[i], g); // a 128-bit division only when needed
        new (&out[i]) Int(sign < 0 ? -c : c);
      }
      l_coeffs_ = out;
    }
    uint64_t h = 0x51ED270B27C4D1A3ULL;
    for (size_t i = 0; i < n; ++i) {
      h = (h ^ atoms[i]->hash) * 0x9E3779B97F4A7C15ULL;
      h = (h ^ static_cast<uint64_t>(coeff(i).raw())) * 0x9E3779B97F4A7C15ULL;
      h ^= h >> 29;
    }
    hash = h;
  }

private:
  static constexpr size_t kInline = 8;
  const Int *l_coeffs_ = nullptr;
  alignas(Int) unsigned char inline_[kInline * sizeof(Int)];
  std::vector<Int> heap_;
  const Node *single_ = nullptr;
  Int one_{1};
};

std::pair<uint64_t, uint32_t> *LinearFacts::probe(uint64_t hash) const {
  if (slots_.empty()) return nullptr;
  size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    auto &s = slots_[i];
    if (s.second == UINT32_MAX || s.first == hash) return &s;
  }
}

// Raw chunks hold entries and terms: both must be trivially destructible
// and aligned by operator new[].
static_assert(std::is_trivially_destructible<Int>::value, "LinearFacts frees its chunks without destructors");
static_assert(alignof(Int) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__, "chunks come from operator new[]");

uint32_t LinearFacts::find(const Form &f) const {
  auto *s = probe(f.hash);
  return s ? find_in_chain(s->second, f) : kNone;
}

uint32_t LinearFacts::find_in_chain(uint32_t first, const Form &f) const {
  for (uint32_t id = first; id != kNone; id = entry(id).next) {
    const Entry &e = entry(id);
    if (e.n != f.n) continue;
    bool same = true;
    for (size_t i = 0; same && i < f.n; ++i) same = e.terms[i].atom == f.atoms[i] && e.terms[i].coeff == f.coeff(i);
    if (same) return id;
  }
  return kNone;
}

LinearFacts::Term *LinearFacts::new_terms(size_t n) {
  constexpr size_t kChunk = 1024;
  if (term_chunks_.empty() || chunk_used_ + n > kChunk) {
    term_chunks_.emplace_back(new unsigned char[std::max(kChunk, n) * sizeof(Term)]);
    chunk_used_ = 0;
  }
  Term *t = reinterpret_cast<Term *>(term_chunks_.back().get()) + chunk_used_;
  chunk_used_ += n;
  return t;
}

uint32_t LinearFacts::find_or_add(const Form &f) {
  if ((size_t{n_entries_} + 1) * 2 > slots_.size()) { // grow (entries bound the number of hashes)
    std::vector<std::pair<uint64_t, uint32_t>> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, {0, UINT32_MAX});
    for (auto &o : old)
      if (o.second != UINT32_MAX) *probe(o.first) = o;
  }
  auto *s = probe(f.hash); // one probe: the chain to search, or where the new entry goes
  uint32_t found = find_in_chain(s->second, f);
  if (found != kNone) return found;
  static_assert(sizeof(Entry) == 64, "one cache line per form");
  Term *t = new_terms(f.n);
  for (size_t i = 0; i < f.n; ++i) new (&t[i]) Term{f.atoms[i], f.coeff(i)};
  uint32_t id = n_entries_;
  if (id % kEntryChunk == 0) entry_chunks_.emplace_back(new unsigned char[kEntryChunk * sizeof(Entry)]);
  // (next: kNone for a new hash)
  new (&entry(id)) Entry{t, static_cast<uint32_t>(f.n), s->second, Int(0), Int(0), kNone, false, false, false};
  ++n_entries_;
  *s = {f.hash, id};
  if (indexed_) index_symbols(id);
  return id;
}

void LinearFacts::index_symbols(uint32_t id) {
  const Entry &e = entry(id);
  for (uint32_t i = 0; i < e.n; ++i) {
    const Node *a = e.terms[i].atom;
    if (a->kind != Kind::Symbol) continue;
    std::vector<uint32_t> &ids = by_symbol_[a]; // (not a vector by node id: ids run into the millions)
    if (ids.empty()) ids.reserve(32);           // a symbol is in dozens of forms: skip the small regrowths
    ids.push_back(id);
  }
}

namespace {

constexpr size_t kMaxExcluded = 16;

/// The relation `0 <= e` / `0 < e` over e = sign*g*L + k as a bound on L:
/// L >= t (lower) or L <= t (upper).
Int bound_on_form(Kind rel, const Int &g, const Int &k, int sign, bool *lower) {
  *lower = sign > 0;
  Int need = rel == Kind::Lt ? Int(1) - k : -k; // sign*g*L >= need
  return sign > 0 ? ceildiv(need, g) : floordiv(-need, g);
}

} // namespace

void LinearFacts::narrow(const Form &f, std::optional<Int> lo, std::optional<Int> hi, const Int *excluded,
                         size_t n_excluded) {
  // P = sign*g*L in [lo, hi]  =>  L in [ceil(lo/g), floor(hi/g)] (sign > 0)
  // or [ceil(-hi/g), floor(-lo/g)] (sign < 0).
  std::optional<Int> llo, lhi;
  if (f.sign > 0) {
    if (lo) llo = ceildiv(*lo, f.g);
    if (hi) lhi = floordiv(*hi, f.g);
  } else {
    if (hi) llo = ceildiv(-*hi, f.g);
    if (lo) lhi = floordiv(-*lo, f.g);
  }
  Entry &e = entry(find_or_add(f));
  if (llo) {
    e.lo = e.has_lo ? std::max(e.lo, *llo) : *llo;
    e.has_lo = true;
  }
  if (lhi) {
    e.hi = e.has_hi ? std::min(e.hi, *lhi) : *lhi;
    e.has_hi = true;
  }
  for (size_t i = 0; i < n_excluded; ++i) {
    const Int &x = excluded[i];
    if (!pymod(x, f.g).is_zero()) continue; // P never takes it
    Int v = floordiv(x, f.g) * Int(f.sign);
    if (e.excluded == kNone) {
      e.excluded = static_cast<uint32_t>(excluded_.size());
      excluded_.emplace_back();
    }
    std::vector<Int> &ex = excluded_[e.excluded];
    if (ex.size() < kMaxExcluded && std::find(ex.begin(), ex.end(), v) == ex.end()) ex.push_back(v);
  }
  tighten(e);
}

void LinearFacts::tighten(Entry &e) {
  if (e.excluded == kNone) return;
  std::vector<Int> &ex = excluded_[e.excluded];
  // An excluded end moves inward (an excluded single point leaves the
  // interval empty); exclusions outside the interval go.
  for (bool moved = true; moved;) {
    moved = false;
    for (const Int &x : ex) {
      if (e.has_lo && x == e.lo) {
        e.lo = e.lo + Int(1);
        moved = true;
      } else if (e.has_hi && x == e.hi) {
        e.hi = e.hi - Int(1);
        moved = true;
      }
    }
  }
  ex.erase(std::remove_if(ex.begin(), ex.end(),
                          [&](const Int &x) { return (e.has_lo && x < e.lo) || (e.has_hi && x > e.hi); }),
           ex.end());
}

bool LinearFacts::excludes(const Entry &e, const Int &v) const {
  if (e.excluded == kNone) return false;
  const std::vector<Int> &ex = excluded_[e.excluded];
  return std::find(ex.begin(), ex.end(), v) != ex.end();
}

void LinearFacts::add(Expr f) {
  if (f.kind() == Kind::And) {
    for (size_t i = 0; i < f.nargs(); ++i) add(f.arg(i));
    return;
  }
  if (!f.is_relation()) return;
  Form form;
  if (!form.read(f.arg(0))) return;
  try {
    // What the relation says of P = e - k.
    Int mk = -form.k;
    switch (f.kind()) {
    case Kind::Le: narrow(form, mk, std::nullopt); break;
    case Kind::Lt: narrow(form, mk + Int(1), std::nullopt); break;
    case Kind::Eq:
      if (!pymod(mk, form.g).is_zero()) return; // never 0: the fact cannot hold, nothing to learn
      narrow(form, mk, mk);
      break;
    case Kind::Ne: narrow(form, std::nullopt, std::nullopt, &mk, 1); break;
    default: return;
    }
  } catch (const OverflowError &) {
    // A bound past 128 bits: dropping it only loses knowledge.
  }
}

void LinearFacts::substitute(Expr atom, Expr value) {
  if (!atom.is_symbol() || !value.is_int()) return;
  if (!indexed_) {
    for (uint32_t id = 0; id < n_entries_; ++id) index_symbols(id);
    indexed_ = true;
  }
  const std::vector<uint32_t> *holding = by_symbol_.find(atom.node());
  if (!holding) return;
  // value = v0 + sum(vc_i * va_i)
  std::vector<std::pair<const Node *, Int>> vterms;
  Int v0(0);
  if (value.kind() == Kind::Add) {
    v0 = value.constant();
    for (size_t i = 0; i < value.nargs(); ++i) vterms.emplace_back(value.arg(i).node(), value.coeff(i));
  } else if (value.is_integer_constant()) {
    v0 = value.value();
  } else {
    vterms.emplace_back(value.node(), Int(1));
  }
  const std::vector<uint32_t> ids = *holding; // narrow() may add entries (and move the lists)
  std::vector<std::pair<const Node *, Int>> terms;
  std::vector<const Node *> atoms;
  std::vector<Int> coeffs, excluded;
  for (size_t at = 0; at < ids.size(); ++at) {
    // The entries are scattered over the table (one miss each, then one for
    // their terms): fetch ahead, the terms one step behind their entry.
    if (at + 8 < ids.size()) __builtin_prefetch(&entry(ids[at + 8]));
    if (at + 4 < ids.size()) __builtin_prefetch(entry(ids[at + 4]).terms);
    uint32_t id = ids[at];
    try {
      Entry &e = entry(id);
      if (e.rewritten) continue; // holds a symbol replaced before: its rewrite is indexed too
      e.rewritten = true;
      if (e.has_lo && e.has_hi && e.lo > e.hi) continue; // contradictory: nothing to carry over
      // L = c*atom + rest = c*value + rest = M + c*v0 (M without constant).
      terms.clear();
      Int c(0);
      for (uint32_t i = 0; i < e.n; ++i) {
        const auto &t = e.terms[i];
        if (t.atom == atom.node()) c = t.coeff;
        else terms.emplace_back(t.atom, t.coeff);
      }
      if (c.is_zero()) continue;
      // Both lists are in the order of an Add's terms (compare()): merge
      // them, like terms added, zeros dropped.
      atoms.clear();
      coeffs.clear();
      auto emit = [&](const Node *a, const Int &k) {
        if (k.is_zero()) return;
        atoms.push_back(a);
        coeffs.push_back(k);
      };
      for (size_t i = 0, j = 0; i < terms.size() || j < vterms.size();) {
        int order = i == terms.size()    ? 1
                    : j == vterms.size() ? -1
                                         : compare(Expr(terms[i].first), Expr(vterms[j].first));
        if (order < 0) {
          emit(terms[i].first, terms[i].second);
          ++i;
        } else if (order > 0) {
          emit(vterms[j].first, c * vterms[j].second);
          ++j;
        } else {
          emit(terms[i].first, terms[i].second + c * vterms[j].second);
          ++i;
          ++j;
        }
      }
      if (atoms.empty()) continue; // the form became a constant
      Int shift = c * v0;
      std::optional<Int> lo, hi;
      if (e.has_lo) lo = e.lo - shift;
      if (e.has_hi) hi = e.hi - shift;
      excluded.clear();
      if (e.excluded != kNone)
        for (const Int &x : excluded_[e.excluded]) excluded.push_back(x - shift);
      Form f;
      f.init(atoms.data(), coeffs.data(), atoms.size(), Int(0));
      narrow(f, lo, hi, excluded.data(), excluded.size());
    } catch (const OverflowError &) {
      // Dropping a rewritten form only loses knowledge.
    }
  }
}

std::optional<bool> LinearFacts::truth(Expr g) const {
  if (g.is_bool_constant()) return g.bool_value();
  switch (g.kind()) {
  case Kind::Not: {
    std::optional<bool> t = truth(g.arg(0));
    if (t) return !*t;
    return std::nullopt;
  }
  case Kind::And:
  case Kind::Or: {
    const bool is_and = g.kind() == Kind::And;
    bool all = true;
    for (size_t i = 0; i < g.nargs(); ++i) {
      std::optional<bool> t = truth(g.arg(i));
      if (t && *t != is_and) return !is_and; // a false conjunct / a true disjunct
      all = all && t.has_value();
    }
    if (all) return is_and;
    return std::nullopt;
  }
  default: break;
  }
  if (!g.is_relation()) return std::nullopt;
  Form form;
  if (!form.read(g.arg(0))) return std::nullopt;
  uint32_t id = find(form);
  if (id == kNone) return std::nullopt;
  const Entry *e = &entry(id);
  if (e->has_lo && e->has_hi && e->lo > e->hi) return std::nullopt;
  try {
    switch (g.kind()) {
    case Kind::Le:
    case Kind::Lt: {
      bool lower;
      Int t = bound_on_form(g.kind(), form.g, form.k, form.sign, &lower);
      if (lower) { // holds iff L >= t
        if (e->has_lo && e->lo >= t) return true;
        if (e->has_hi && e->hi < t) return false;
      } else { // holds iff L <= t
        if (e->has_hi && e->hi <= t) return true;
        if (e->has_lo && e->lo > t) return false;
      }
      return std::nullopt;
    }
    case Kind::Eq:
    case Kind::Ne: {
      const bool is_eq = g.kind() == Kind::Eq;
      if (!pymod(form.k, form.g).is_zero()) return !is_eq;
      Int t = floordiv(-form.k, form.g) * Int(form.sign); // e == 0 iff L == t
      if (e->has_lo && e->has_hi && e->lo == t && e->hi == t) return is_eq;
      if ((e->has_lo && t < e->lo) || (e->has_hi && t > e->hi) || excludes(*e, t)) return !is_eq;
      return std::nullopt;
    }
    default: return std::nullopt;
    }
  } catch (const OverflowError &) {
    return std::nullopt;
  }
}

} // namespace symshape
