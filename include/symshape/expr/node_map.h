//===- symshape/expr/node_map.h - A flat map keyed by interned nodes -------===//
//
// The maps that the hot paths consult per symbol -- value ranges, hints --
// are small (one entry per symbol) and read far more often than written.
// std::unordered_map costs a 64-bit division (prime bucket count) and a
// pointer chase per lookup; NodeMap costs one multiplicative hash and, in the
// common case, one probe of a small array.
//
//   * Open addressing with linear probing over (key, index) slots, load
//     factor <= 1/2; the values live in a dense vector in insertion order,
//     so iteration is in insertion order (deterministic for a given sequence
//     of insertions).
//   * No erase (none of its users forgets a key).
//   * Unlike std::unordered_map, inserting a new key may move the values: a
//     pointer from find() is valid until the next insertion of a new key.
//     (Assigning to an existing key moves nothing.)
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "symshape/expr/expr.h"

namespace symshape {

template <class V> class NodeMap {
public:
  /// The value of `k`, or null.  Cost: O(1) expected (one probe).
  const V *find(const Node *k) const {
    if (slots_.empty()) return nullptr;
    for (size_t i = slot_of(k);; i = (i + 1) & mask_) {
      const Slot &s = slots_[i];
      if (s.key == k) return &values_[s.index];
      if (!s.key) return nullptr;
    }
  }
  V *find(const Node *k) { return const_cast<V *>(static_cast<const NodeMap *>(this)->find(k)); }
  bool contains(const Node *k) const { return find(k) != nullptr; }

  /// The value of `k`, inserted default-constructed when absent.
  V &operator[](const Node *k) {
    if (V *v = find(k)) return *v;
    return insert_new(k, V());
  }
  /// Inserts (k, v) when k is absent; returns the value now stored and
  /// whether it was inserted (like std::unordered_map::emplace).
  std::pair<V *, bool> emplace(const Node *k, V v) {
    if (V *old = find(k)) return {old, false};
    return {&insert_new(k, std::move(v)), true};
  }

  size_t size() const { return keys_.size(); }
  bool empty() const { return keys_.empty(); }
  void clear() {
    slots_.clear();
    keys_.clear();
    values_.clear();
    mask_ = 0;
  }
  /// Keys and values in insertion order: key(i) holds value(i).
  const Node *key(size_t i) const { return keys_[i]; }
  const V &value(size_t i) const { return values_[i]; }

private:
  struct Slot {
    const Node *key = nullptr;
    uint32_t index = 0;
  };
  size_t slot_of(const Node *k) const {
    // Nodes are 16-byte aligned: drop the low bits, then Fibonacci hashing.
    uint64_t h = (reinterpret_cast<uintptr_t>(k) >> 4) * 0x9E3779B97F4A7C15ULL;
    return static_cast<size_t>(h >> 32) & mask_;
  }
  V &insert_new(const Node *k, V v) {
    if (2 * (keys_.size() + 1) > slots_.size()) grow();
    size_t i = slot_of(k);
    while (slots_[i].key) i = (i + 1) & mask_;
    slots_[i] = Slot{k, static_cast<uint32_t>(keys_.size())};
    keys_.push_back(k);
    values_.push_back(std::move(v));
    return values_.back();
  }
  void grow() {
    slots_.assign(slots_.empty() ? 16 : 2 * slots_.size(), Slot{});
    mask_ = slots_.size() - 1;
    for (size_t j = 0; j < keys_.size(); ++j) {
      size_t i = slot_of(keys_[j]);
      while (slots_[i].key) i = (i + 1) & mask_;
      slots_[i] = Slot{keys_[j], static_cast<uint32_t>(j)};
    }
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  std::vector<const Node *> keys_;
  std::vector<V> values_;
};

} // namespace symshape
