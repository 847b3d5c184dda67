//===- symshape/reason/linear_facts.h - Bounds on linear forms -------------===//
//
// A cheap implication tier: every fact `0 <= e`, `0 < e`, `e == 0`, `e != 0`
// over an integer e = g*L + k (L the primitive form: the non-constant part
// divided by the content g of its coefficients, its first coefficient made
// positive) narrows what is known of L: an interval [lo, hi] and a few
// excluded values.  A goal over the same form, in either sign and at any
// multiple, is then decided by comparing constants:
//   `s0 < 25` decides `s0 <= 30` (true) and `s0 > 40` (false);
//   `a + b < c + 9` decides `2*c + 30 > 2*a + 2*b` (true);
//   `s0 == 2*s1 + 1` decides `2*s1 + 1 <= s0` (true);
//   `s0 != 3` decides `s0 == 3` (false), and with `s0 >= 3`, `s0 > 3` (true).
// Terms other than plain symbols (products, Mod, FloorDiv, ...) are atoms of
// the form, so `s0*s1 > 100` decides `s0*s1 >= 50`.
//
// Exact for what it answers (a proof by comparing integer constants); says
// nothing about implications between different forms.  Cost: adding and
// asking are O(size of the form) and build no expression nodes (the table
// keeps its own copy of each form), so this tier is safe on hot paths.
//
// Used by the ShapeEnv's axioms tier (the implications of earlier guards and
// runtime asserts) and, before Z3, by guard minimization and translation
// validation.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "symshape/expr/expr.h"
#include "symshape/expr/node_map.h"

namespace symshape {

class LinearFacts {
public:
  /// Records a fact known to hold: a relation over integers (And is split;
  /// other facts are ignored).  Facts that contradict each other leave an
  /// empty interval; goals over that form are then answered nullopt (no
  /// answer is better founded than the other).
  void add(Expr fact);
  /// True / false when the recorded facts decide `goal` (a relation over
  /// integers, or And / Or / Not of such); nullopt otherwise.
  std::optional<bool> truth(Expr goal) const;
  /// True when a recorded fact implies `goal` by constant comparison.
  bool implies(Expr goal) const { return truth(goal) == std::optional<bool>(true); }
  /// Rewrites every recorded form that has the symbol `atom` as a term by
  /// atom := `value` (known to hold), so goals stated without `atom` find
  /// them; the old forms stay.  `value`'s terms become atoms of the new
  /// forms.  Cost: O(forms holding `atom` * their size); the first call
  /// indexes the table by symbol (O(table)).
  void substitute(Expr atom, Expr value);
  /// Number of distinct forms with a recorded bound.
  size_t size() const { return n_entries_; }
  bool empty() const { return n_entries_ == 0; }

private:
  struct Term {
    const Node *atom;
    Int coeff;
  };
  static constexpr uint32_t kNone = UINT32_MAX;
  /// 64 bytes and trivially destructible: entries live in raw chunks and are
  /// written once, when made (constructing a whole chunk up front wrote
  /// 57 KB at once, evicting what the caller was using).
  struct Entry {
    const Term *terms; ///< L: primitive (content 1, first coefficient positive)
    uint32_t n;
    uint32_t next; ///< the next entry with the same hash, or kNone
    Int lo, hi;    ///< bounds on L, where has_lo / has_hi
    /// Values of L known not to occur, inside (lo, hi): an index into
    /// excluded_, or kNone (most forms have none).
    uint32_t excluded;
    bool has_lo, has_hi;
    /// Rewritten by substitute(): its replaced symbol no longer occurs in
    /// queries, so later substitutions skip it (it still answers goals).
    bool rewritten;
  };
  struct Form; // a view of g*L + k over an expression's nodes (no copy)
  uint32_t find(const Form &f) const; // kNone when absent
  uint32_t find_in_chain(uint32_t first, const Form &f) const;
  uint32_t find_or_add(const Form &f);
  /// Narrows f's form by what is known of e - k (f's non-constant part).
  void narrow(const Form &f, std::optional<Int> lo, std::optional<Int> hi, const Int *excluded = nullptr,
              size_t n_excluded = 0);
  /// Moves e's ends past its excluded values, drops exclusions outside.
  void tighten(Entry &e);
  bool excludes(const Entry &e, const Int &v) const;
  void index_symbols(uint32_t id);
  std::pair<uint64_t, uint32_t> *probe(uint64_t hash) const; // the hash's slot, or an empty one
  Term *new_terms(size_t n);
  // Chunked entries and terms: growing moves nothing, touches each page once
  // (a doubling vector of ~10k entries re-faulted megabytes) and allocates
  // once per chunk (a deque's blocks hold four entries).
  static constexpr uint32_t kEntryChunk = 512;
  Entry &entry(uint32_t id) { return reinterpret_cast<Entry *>(entry_chunks_[id / kEntryChunk].get())[id % kEntryChunk]; }
  const Entry &entry(uint32_t id) const {
    return reinterpret_cast<const Entry *>(entry_chunks_[id / kEntryChunk].get())[id % kEntryChunk];
  }
  std::vector<std::unique_ptr<unsigned char[]>> entry_chunks_; // raw storage (see Entry)
  uint32_t n_entries_ = 0;
  std::vector<std::unique_ptr<unsigned char[]>> term_chunks_; // raw storage
  size_t chunk_used_ = 0;
  std::vector<std::vector<Int>> excluded_;
  /// Open addressing: (hash, first entry of that hash), load <= 1/2.
  mutable std::vector<std::pair<uint64_t, uint32_t>> slots_;
  NodeMap<std::vector<uint32_t>> by_symbol_; // built by the first substitute
  bool indexed_ = false;
};

} // namespace symshape
