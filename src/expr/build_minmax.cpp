//===- build_minmax.cpp - Normal form of Min and Max -----------------------===//
//
// Rows Max* / Min* of rewrite_rules.def: nested calls are flattened,
// constants collapse to one, duplicates go, and of two arguments that differ
// only by a constant (x + 1, x + 3) only the winner stays.  PyTorch's
// Max(1, Max(257, u0)) and Max(257, u0) therefore meet in one node.
//
//===----------------------------------------------------------------------===//
#include <algorithm>
#include <unordered_map>

#include "expr_internal.h"

namespace symshape {
namespace detail {
namespace {

Expr minmax(Kind kind, const std::vector<Expr> &in) {
  const bool is_max = kind == Kind::Max;
  const char *op = is_max ? "Max" : "Min";
  if (in.empty()) throw ValueError(std::string(op) + "() needs at least one argument");
  bool any_float = false;
  for (Expr a : in) {
    require_numeric(op, a);
    any_float |= a.is_float();
  }
  // Flatten and promote.
  std::vector<Expr> args;
  args.reserve(in.size());
  for (Expr a : in) {
    if (any_float) a = to_float(a);
    if (a.kind() == kind) {
      fired(is_max ? Rule::MaxFlatten : Rule::MinFlatten);
      for (size_t i = 0; i < a.nargs(); ++i) args.push_back(a.arg(i));
    } else {
      args.push_back(a);
    }
  }
  // Group integer arguments by their non-constant part; keep the best shift.
  // (Float arguments and constants group by themselves.)
  struct Entry {
    Expr key;  // the argument without its constant term
    Int shift; // integer constant term
    Expr arg;  // the original argument (for floats)
  };
  std::vector<Entry> entries;
  entries.reserve(args.size());
  bool have_number = false;
  Expr best_number;
  for (Expr a : args) {
    if (a.is_number()) {
      if (!have_number) {
        best_number = a;
        have_number = true;
      } else {
        fired(is_max ? Rule::MaxDuplicate : Rule::MinDuplicate);
        bool better = compare(a, best_number) > 0;
        if (is_max ? better : !better) best_number = a;
      }
      continue;
    }
    if (a.is_int() && a.kind() == Kind::Add && !a.constant().is_zero()) {
      Linear l = linear_of(a);
      entries.push_back({make_add(Int(0), l.terms), l.constant, a});
    } else {
      entries.push_back({a, Int(0), a});
    }
  }
  std::sort(entries.begin(), entries.end(), [](const Entry &x, const Entry &y) {
    return compare(x.key, y.key) < 0;
  });
  std::vector<Expr> kept;
  if (have_number) kept.push_back(best_number);
  for (size_t i = 0; i < entries.size();) {
    size_t j = i;
    Int best = entries[i].shift;
    for (++j; j < entries.size() && entries[j].key == entries[i].key; ++j) {
      bool same = entries[j].shift == best;
      fired(same ? (is_max ? Rule::MaxDuplicate : Rule::MinDuplicate)
                 : (is_max ? Rule::MaxShifted : Rule::MinShifted));
      if (is_max ? entries[j].shift > best : entries[j].shift < best) best = entries[j].shift;
    }
    kept.push_back(best.is_zero() ? entries[i].key : entries[i].key + integer(best));
    i = j;
  }
  if (kept.size() == 1) {
    fired(is_max ? Rule::MaxSingle : Rule::MinSingle);
    return kept[0];
  }
  std::sort(kept.begin(), kept.end(), ExprLess());
  return make_node(kind, any_float ? Type::Float : Type::Int, kept);
}

} // namespace
} // namespace detail

Expr sym_min(const std::vector<Expr> &args) { return detail::minmax(Kind::Min, args); }
Expr sym_max(const std::vector<Expr> &args) { return detail::minmax(Kind::Max, args); }

} // namespace symshape
