//===- node_table.cpp - The process-wide hash-consing table ---------------===//
//
// Nodes live in an arena that is never freed; the intern table is an
// open-addressing hash set of (structural hash, node) slots.  Lookups and
// inserts take one spin lock, which keeps expression construction
// thread-safe without per-thread contexts.  (A spin lock, not a mutex: the
// lock is held for one probe and at most one insertion, and taking it is one
// atomic exchange and a store to release -- a mutex costs a second atomic
// read-modify-write and two calls, on every node the hot paths build.)
//
//===----------------------------------------------------------------------===//
#include <atomic>
#include <cmath>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <stdexcept>
#include <thread>
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "expr_internal.h"
#include "symshape/expr/parse.h"

namespace symshape {
namespace detail {
namespace {

/// Bump allocator: 256 KiB chunks, never freed.
class Arena {
public:
  void *alloc(size_t bytes, size_t align) {
    size_t p = (used_ + align - 1) & ~(align - 1);
    if (chunks_.empty() || p + bytes > kChunk) {
      size_t size = bytes > kChunk ? bytes : kChunk;
      chunks_.emplace_back(new char[size]);
      used_ = 0;
      p = 0;
      if (bytes > kChunk) {
        // Oversized block: give it its own chunk, start a fresh one after.
        used_ = kChunk;
        return chunks_.back().get();
      }
    }
    used_ = p + bytes;
    return chunks_.back().get() + p;
  }

private:
  static constexpr size_t kChunk = 256 * 1024;
  std::vector<std::unique_ptr<char[]>> chunks_;
  size_t used_ = 0;
};

/// One multiply per word (deterministic across runs and platforms).
inline uint64_t mix(uint64_t h, uint64_t v) {
  h = (h ^ v) * 0x9E3779B97F4A7C15ULL;
  return h ^ (h >> 32);
}
inline uint64_t mix_int(uint64_t h, Int v) {
  auto u = static_cast<unsigned __int128>(v.raw());
  return mix(mix(h, static_cast<uint64_t>(u)), static_cast<uint64_t>(u >> 64));
}

uint64_t spec_hash(const NodeSpec &s) {
  uint64_t h = mix(0x243F6A8885A308D3ULL, static_cast<uint64_t>(s.kind) << 8 | static_cast<uint64_t>(s.type));
  for (uint32_t i = 0; i < s.nargs; ++i) h = mix(h, s.args[i]->hash);
  if (s.coeffs)
    for (uint32_t i = 0; i < s.nargs; ++i) h = mix_int(h, s.coeffs[i]);
  if (s.exps)
    for (uint32_t i = 0; i < s.nargs; ++i) h = mix(h, s.exps[i]);
  if (!s.value.is_zero()) h = mix_int(h, s.value);
  if (s.fvalue != 0.0) {
    uint64_t fbits;
    std::memcpy(&fbits, &s.fvalue, sizeof fbits);
    h = mix(h, fbits);
  }
  for (char c : s.name) h = mix(h, static_cast<unsigned char>(c));
  return h;
}

bool spec_matches(const Node *n, const NodeSpec &s) {
  if (n->kind != s.kind || n->type != s.type || n->nargs != s.nargs) return false;
  if (n->value != s.value) return false;
  for (uint32_t i = 0; i < s.nargs; ++i)
    if (n->args[i] != s.args[i]) return false;
  switch (s.kind) {
  case Kind::Add: {
    const Int *c = n->coeffs();
    for (uint32_t i = 0; i < s.nargs; ++i)
      if (c[i] != s.coeffs[i]) return false;
    return true;
  }
  case Kind::Mul: {
    const uint32_t *e = n->exps();
    for (uint32_t i = 0; i < s.nargs; ++i)
      if (e[i] != s.exps[i]) return false;
    return true;
  }
  case Kind::Symbol:
    return s.name == n->name();
  case Kind::Float: {
    double f = n->fvalue();
    return std::memcmp(&f, &s.fvalue, sizeof(double)) == 0;
  }
  default:
    return true;
  }
}

/// Spins a little, then yields (a rehash of a big table holds the lock for
/// milliseconds).
class SpinLock {
public:
  void lock() {
    for (unsigned spins = 0; flag_.test_and_set(std::memory_order_acquire); ++spins) {
      if (spins < 64) {
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#endif
      } else {
        std::this_thread::yield();
      }
    }
  }
  void unlock() { flag_.clear(std::memory_order_release); }

private:
  std::atomic_flag flag_ = ATOMIC_FLAG_INIT;
};

class NodeTable {
public:
  const Node *intern(const NodeSpec &s) {
    uint64_t h = spec_hash(s);
    std::lock_guard<SpinLock> lock(mu_);
    if ((count_ + 1) * 2 > slots_.size()) grow();
    size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      Slot &slot = slots_[i];
      if (slot.node == nullptr) {
        const Node *n = create(s, h);
        slot = Slot{h, n};
        ++count_;
        return n;
      }
      // The hash sits in the slot: a probe past another node does not touch
      // that node (in a table of millions each touch is a cache miss).
      if (slot.hash == h && spec_matches(slot.node, s)) return slot.node;
    }
  }
  size_t size() {
    std::lock_guard<SpinLock> lock(mu_);
    return count_;
  }

private:
  const Node *create(const NodeSpec &s, uint64_t h) {
    // One block: the node, its args, then the payload of its kind (the
    // accessors in expr.h compute where).  Coefficients only on Add and
    // exponents only on Mul (the builders keep it so).
    size_t bytes = sizeof(Node) + sizeof(Node *) * s.nargs;
    if (s.kind == Kind::Add) bytes = ((bytes + alignof(Int) - 1) & ~(alignof(Int) - 1)) + sizeof(Int) * s.nargs;
    else if (s.kind == Kind::Mul) bytes += sizeof(uint32_t) * s.nargs;
    else if (s.kind == Kind::Symbol) bytes += s.name.size() + 1;
    else if (s.kind == Kind::Float) bytes += sizeof(double);
    if ((s.kind == Kind::Add && !s.coeffs) || (s.kind == Kind::Mul && !s.exps))
      throw std::logic_error("symshape: an Add needs coefficients and a Mul exponents");
    char *mem = static_cast<char *>(arena_.alloc(bytes, alignof(Node)));
    auto *n = new (mem) Node();
    n->id = static_cast<uint32_t>(count_);
    n->kind = s.kind;
    n->type = s.type;
    n->nargs = s.nargs;
    n->hash = h;
    n->value = s.value;
    auto **args = reinterpret_cast<const Node **>(mem + sizeof(Node));
    n->args = args;
    uint8_t flags = 0;
    uint64_t size = 1;
    if (s.kind == Kind::Symbol) flags |= Node::kHasSymbols;
    if (s.type == Type::Float) flags |= Node::kHasFloat;
    if (s.kind == Kind::Mod) flags |= Node::kHasMod;
    if (s.kind == Kind::FloorDiv) flags |= Node::kHasFloorDiv;
    for (uint32_t i = 0; i < s.nargs; ++i) {
      args[i] = s.args[i];
      flags |= s.args[i]->flags;
      size += s.args[i]->size;
    }
    if (s.kind == Kind::Add) {
      auto *c = const_cast<Int *>(n->coeffs());
      for (uint32_t i = 0; i < s.nargs; ++i) new (c + i) Int(s.coeffs[i]);
    } else if (s.kind == Kind::Mul) {
      auto *e = const_cast<uint32_t *>(n->exps());
      for (uint32_t i = 0; i < s.nargs; ++i) e[i] = s.exps[i];
    } else if (s.kind == Kind::Symbol) {
      char *name = mem + sizeof(Node);
      std::memcpy(name, s.name.data(), s.name.size());
      name[s.name.size()] = '\0';
    } else if (s.kind == Kind::Float) {
      std::memcpy(mem + sizeof(Node), &s.fvalue, sizeof(double));
    }
    n->flags = flags;
    n->size = size > UINT32_MAX ? UINT32_MAX : static_cast<uint32_t>(size);
    return n;
  }

  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    size_t mask = slots_.size() - 1;
    for (const Slot &o : old) {
      if (!o.node) continue;
      size_t i = o.hash & mask;
      while (slots_[i].node) i = (i + 1) & mask;
      slots_[i] = o;
    }
  }

  struct Slot {
    uint64_t hash = 0;
    const Node *node = nullptr;
  };
  SpinLock mu_;
  Arena arena_;
  std::vector<Slot> slots_;
  size_t count_ = 0;
};

NodeTable &table() {
  static NodeTable *t = new NodeTable(); // never destroyed: nodes outlive statics
  return *t;
}

constexpr size_t kNumRules = 0
#define RULE(id, lhs, rhs, cond) +1
#include "symshape/expr/rewrite_rules.def"
#undef RULE
    ;
std::atomic<uint64_t> g_rule_hits[kNumRules];

} // namespace

const Node *intern(const NodeSpec &spec) { return table().intern(spec); }

void fired(Rule r) {
  // Statistics, not synchronization: a plain load + store (no locked
  // read-modify-write on the hot path); concurrent increments may be lost.
  auto &h = g_rule_hits[static_cast<size_t>(r)];
  h.store(h.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
}

[[noreturn]] void type_error(const char *op, Expr a, Expr b) {
  std::string msg = std::string("unsupported operand type(s) for ") + op + ": '" +
                    type_name(a.type()) + "'";
  if (!b.is_null()) msg += std::string(" and '") + type_name(b.type()) + "'";
  msg += " (" + a.str() + (b.is_null() ? "" : ", " + b.str()) + ")";
  throw TypeError(msg);
}

} // namespace detail

using detail::NodeSpec;

const std::vector<RuleInfo> &rewrite_rules() {
  static const std::vector<RuleInfo> rules = {
#define RULE(id, lhs, rhs, cond) {Rule::id, #id, lhs, rhs, cond},
#include "symshape/expr/rewrite_rules.def"
#undef RULE
  };
  return rules;
}

std::vector<uint64_t> rewrite_rule_hits() {
  std::vector<uint64_t> out(detail::kNumRules);
  for (size_t i = 0; i < detail::kNumRules; ++i)
    out[i] = detail::g_rule_hits[i].load(std::memory_order_relaxed);
  return out;
}

void reset_rewrite_rule_hits() {
  for (auto &h : detail::g_rule_hits) h.store(0, std::memory_order_relaxed);
}

const char *type_name(Type t) {
  switch (t) {
  case Type::Int: return "int";
  case Type::Float: return "float";
  case Type::Bool: return "bool";
  }
  return "?";
}

const char *kind_name(Kind k) {
  static const char *const names[kNumKinds] = {
      "Integer",  "Float",      "BoolConst",    "Symbol",     "Add",
      "Mul",      "FloorDiv",   "CleanDiv",     "Mod",        "Min",
      "Max",      "PowByNatural", "ToFloat",    "IntTrueDiv", "FloatTrueDiv",
      "FloatAdd", "FloatMul",   "FloatPow",     "TruncToInt", "FloorToInt",
      "CeilToInt", "RoundToInt", "Eq",          "Ne",         "Lt",
      "Le",       "And",        "Or",           "Not",        "Where"};
  return names[static_cast<int>(k)];
}

// --- Leaves ------------------------------------------------------------------

namespace {
Expr intern_integer(Int v) {
  NodeSpec s{Kind::Integer, Type::Int};
  s.value = v;
  return Expr(detail::intern(s));
}
constexpr int kSmallMin = -256, kSmallMax = 1024;
} // namespace

Expr integer(Int v) {
  // Small constants are built on every rewrite (0 and 1 above all): looked
  // up in an array instead of the intern table.
  static const std::vector<Expr> small = [] {
    std::vector<Expr> out;
    for (int i = kSmallMin; i < kSmallMax; ++i) out.push_back(intern_integer(Int(i)));
    return out;
  }();
  if (v >= Int(kSmallMin) && v < Int(kSmallMax)) return small[static_cast<size_t>(v.to_int64() - kSmallMin)];
  return intern_integer(v);
}

Expr floating(double v) {
  if (v == 0.0) v = 0.0; // one zero: -0.0 and 0.0 are equal numbers
  NodeSpec s{Kind::Float, Type::Float};
  s.fvalue = v;
  return Expr(detail::intern(s));
}

Expr boolean(bool v) {
  static const Expr t = [] {
    NodeSpec s{Kind::BoolConst, Type::Bool};
    s.value = 1;
    return Expr(detail::intern(s));
  }();
  static const Expr f = [] {
    NodeSpec s{Kind::BoolConst, Type::Bool};
    s.value = 0;
    return Expr(detail::intern(s));
  }();
  return v ? t : f;
}
Expr true_() { return boolean(true); }
Expr false_() { return boolean(false); }

namespace {
/// name -> type of every symbol ever created.  A name has one type for the
/// life of the process (sympy would make two distinct symbols that print
/// alike, a classic source of confusion).
struct SymbolTypes {
  std::mutex mu;
  std::unordered_map<std::string, Type> types;
};
SymbolTypes &symbol_types() {
  static auto *t = new SymbolTypes();
  return *t;
}
} // namespace

Expr symbol(std::string_view name, Type type) {
  if (name.empty()) throw ValueError("a symbol needs a name");
  {
    SymbolTypes &st = symbol_types();
    std::lock_guard<std::mutex> lock(st.mu);
    auto it = st.types.find(std::string(name));
    if (it == st.types.end()) {
      st.types.emplace(std::string(name), type);
    } else if (it->second != type) {
      throw TypeError("symbol '" + std::string(name) + "' already exists with type " +
                      type_name(it->second) + ", not " + type_name(type));
    }
  }
  NodeSpec s{Kind::Symbol, type};
  s.name = name;
  return Expr(detail::intern(s));
}

std::optional<Expr> find_symbol(std::string_view name) {
  Type type;
  {
    SymbolTypes &st = symbol_types();
    std::lock_guard<std::mutex> lock(st.mu);
    auto it = st.types.find(std::string(name));
    if (it == st.types.end()) return std::nullopt;
    type = it->second;
  }
  return symbol(name, type);
}

Expr::Expr(int v) : Expr(integer(Int(v))) {}
Expr::Expr(long v) : Expr(integer(Int(v))) {}
Expr::Expr(long long v) : Expr(integer(Int(v))) {}
Expr::Expr(Int v) : Expr(integer(v)) {}

std::vector<Expr> Expr::args() const {
  std::vector<Expr> out;
  out.reserve(n_->nargs);
  for (uint32_t i = 0; i < n_->nargs; ++i) out.emplace_back(n_->args[i]);
  return out;
}

size_t interned_node_count() { return detail::table().size(); }

// --- Canonical order ---------------------------------------------------------

namespace {
/// Numbers first, then symbols, then function-like terms, then products and
/// sums (as sympy orders the factors of a product).
int rank(Kind k) {
  switch (k) {
  case Kind::Integer:
  case Kind::Float:
  case Kind::BoolConst: return 0;
  case Kind::Symbol: return 1;
  case Kind::Mul: return 3;
  case Kind::Add:
  case Kind::FloatAdd: return 4;
  default: return 2;
  }
}

int cmp_int(Int a, Int b) { return a < b ? -1 : (a > b ? 1 : 0); }
} // namespace

int compare(Expr a, Expr b) {
  if (a == b) return 0;
  const Node *x = a.node(), *y = b.node();
  int rx = rank(x->kind), ry = rank(y->kind);
  if (rx != ry) return rx < ry ? -1 : 1;
  if (rx == 0) {
    if (x->kind == Kind::BoolConst || y->kind == Kind::BoolConst) {
      if (x->kind != y->kind) return x->kind == Kind::BoolConst ? 1 : -1;
      return cmp_int(x->value, y->value);
    }
    double dx = x->kind == Kind::Integer ? x->value.to_double() : x->fvalue();
    double dy = y->kind == Kind::Integer ? y->value.to_double() : y->fvalue();
    if (x->kind == Kind::Integer && y->kind == Kind::Integer)
      return cmp_int(x->value, y->value);
    if (dx != dy) return dx < dy ? -1 : 1;
    return x->kind == Kind::Integer ? -1 : 1;
  }
  if (rx == 1) {
    int c = std::strcmp(x->name(), y->name());
    if (c != 0) return c < 0 ? -1 : 1;
    return static_cast<int>(x->type) < static_cast<int>(y->type) ? -1 : 1;
  }
  // CleanDiv orders like FloorDiv (it prints the same), so printing an
  // expression and reading it back gives the same term order.
  Kind kx = x->kind == Kind::CleanDiv ? Kind::FloorDiv : x->kind;
  Kind ky = y->kind == Kind::CleanDiv ? Kind::FloorDiv : y->kind;
  if (kx != ky) return kx < ky ? -1 : 1;
  uint32_t n = std::min(x->nargs, y->nargs);
  for (uint32_t i = 0; i < n; ++i) {
    int c = compare(Expr(x->args[i]), Expr(y->args[i]));
    if (c != 0) return c;
    if (kx == Kind::Add) {
      int d = cmp_int(x->coeffs()[i], y->coeffs()[i]);
      if (d != 0) return d;
    }
    if (kx == Kind::Mul && x->exps()[i] != y->exps()[i]) return x->exps()[i] < y->exps()[i] ? -1 : 1;
  }
  if (x->nargs != y->nargs) return x->nargs < y->nargs ? -1 : 1;
  int c = cmp_int(x->value, y->value);
  if (c != 0) return c;
  if (x->kind != y->kind) return x->kind < y->kind ? -1 : 1;
  // Distinct nodes that agree on everything above differ only in type.
  return static_cast<int>(x->type) < static_cast<int>(y->type) ? -1 : 1;
}

// --- Traversals --------------------------------------------------------------

namespace {

using Visit = std::pair<const Node *, uint32_t>; // a node and its next child

/// The walk's bookkeeping for trees of <= 32 nodes (guards): a tree that
/// small has <= 32 distinct nodes and depth <= 32, so both fit on the stack
/// (no allocation).
struct SmallSeen {
  const Node *at[32];
  size_t n = 0;
  bool insert(const Node *c) {
    if (std::find(at, at + n, c) != at + n) return false;
    at[n++] = c;
    return true;
  }
};
struct SmallStack {
  Visit at[32];
  size_t n = 0;
  void push_back(Visit v) { at[n++] = v; }
  Visit &back() { return at[n - 1]; }
  void pop_back() { --n; }
  bool empty() const { return n == 0; }
};
/// ... and for larger DAGs.
struct LargeSeen {
  std::unordered_set<const Node *> set;
  bool insert(const Node *c) { return set.insert(c).second; }
};

/// Post-order over the distinct nodes of `e`.
template <class Seen, class Stack>
void post_order(Expr e, const std::function<void(Expr)> &f, Seen &seen, Stack &stack) {
  stack.push_back({e.node(), 0});
  seen.insert(e.node());
  while (!stack.empty()) {
    auto &[n, i] = stack.back();
    if (i < n->nargs) {
      const Node *c = n->args[i++];
      if (seen.insert(c)) stack.push_back({c, 0});
      continue;
    }
    const Node *done = n;
    stack.pop_back();
    f(Expr(done));
  }
}

} // namespace

void for_each_node(Expr e, const std::function<void(Expr)> &f) {
  if (e.size() <= 32) {
    SmallSeen seen;
    SmallStack stack;
    post_order(e, f, seen, stack);
  } else {
    LargeSeen seen;
    std::vector<Visit> stack;
    post_order(e, f, seen, stack);
  }
}

std::vector<Expr> free_symbols(Expr e) {
  std::vector<Expr> out;
  if (!e.has_symbols()) return out;
  if (e.is_symbol()) return {e};
  if (e.size() > 64) {
    // Large DAGs: visit each distinct node once.
    for_each_node(e, [&](Expr n) {
      if (n.is_symbol()) out.push_back(n);
    });
  } else {
    // Small trees (the common case): an explicit stack, no allocation
    // beyond the result; shared sub-terms may be visited twice.
    const Node *stack[64];
    size_t top = 0;
    stack[top++] = e.node();
    while (top) {
      const Node *n = stack[--top];
      if (n->kind == Kind::Symbol) {
        bool seen = false;
        for (Expr s : out) seen = seen || s.node() == n;
        if (!seen) out.emplace_back(n);
        continue;
      }
      for (uint32_t i = 0; i < n->nargs; ++i)
        if (n->args[i]->flags & Node::kHasSymbols) stack[top++] = n->args[i];
    }
  }
  std::sort(out.begin(), out.end(), ExprLess());
  return out;
}

} // namespace symshape
