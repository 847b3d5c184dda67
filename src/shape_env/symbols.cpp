//===- symbols.cpp - Creating symbols, inputs and ranges -------------------===//
//
// PyTorch's create_symbol / create_symbolic_sizes_strides_storage_offset /
// create_unbacked_symint, with the same naming (s<n> in creation order,
// scalars included; u<n> for unbacked), duck sizing, 0/1 specialization and
// stride inference.
//
//===----------------------------------------------------------------------===//
#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>

#include "shape_env_internal.h"

namespace symshape {

const char *tier_name(Tier t) {
  switch (t) {
  case Tier::NormalForm: return "normal form";
  case Tier::Replacements: return "replacements";
  case Tier::Ranges: return "value ranges";
  case Tier::Axioms: return "axioms";
  case Tier::Divisibility: return "divisibility";
  case Tier::Facts: return "facts";
  case Tier::Z3: return "z3";
  case Tier::None: return "none";
  }
  return "?";
}

const char *truth_name(Truth t) {
  switch (t) {
  case Truth::True: return "true";
  case Truth::False: return "false";
  case Truth::Unknown: return "unknown";
  }
  return "?";
}

int unbacked_index(Expr sym) {
  std::string_view n = sym.name();
  if (n.size() < 2 || n[0] != 'u') return -1;
  int v = 0;
  for (size_t i = 1; i < n.size(); ++i) {
    if (n[i] < '0' || n[i] > '9') return -1;
    v = v * 10 + (n[i] - '0');
  }
  return v;
}

ShapeEnv::ShapeEnv(ShapeEnvSettings settings) : impl_(std::make_unique<Impl>(*this, std::move(settings))) {
  static std::atomic<uint64_t> next_id{1};
  impl_->id = next_id++;
  if (impl_->settings.specialize_zero_one) {
    impl_->val_to_var[Int(0)] = integer(0);
    impl_->val_to_var[Int(1)] = integer(1);
  }
}
ShapeEnv::~ShapeEnv() = default;

const ShapeEnvSettings &ShapeEnv::settings() const { return impl_->settings; }
void ShapeEnv::set_origin(std::string origin) { impl_->origin = std::move(origin); }
const std::string &ShapeEnv::origin() const { return impl_->origin; }
void ShapeEnv::set_question_observer(QuestionObserver observer) { impl_->observer = std::move(observer); }
const std::vector<Expr> &ShapeEnv::symbols() const { return impl_->symbol_order; }
const std::vector<std::pair<std::string, Expr>> &ShapeEnv::source_table() const { return impl_->sources; }
const std::vector<ShapeEnv::Input> &ShapeEnv::inputs() const { return impl_->inputs; }
const std::vector<Expr> &ShapeEnv::pending_unbacked() const { return impl_->pending_unbacked; }
const std::vector<Guard> &ShapeEnv::guards() const { return impl_->guards; }
const std::vector<RuntimeAssert> &ShapeEnv::runtime_asserts() const { return impl_->asserts; }
const std::vector<Expr> &ShapeEnv::divisibility() const { return impl_->divisible; }
const std::vector<std::string> &ShapeEnv::assumptions() const { return impl_->assumptions; }
uint64_t ShapeEnv::version() const { return impl_->version; }
uint64_t ShapeEnv::id() const { return impl_->id; }
const std::map<Tier, uint64_t> &ShapeEnv::tier_counts() const { return impl_->tier_counts; }
ShapeEnv::SuppressGuards::SuppressGuards(ShapeEnv &env) : env_(env) { ++env_.impl_->suppress_depth; }
ShapeEnv::SuppressGuards::~SuppressGuards() { --env_.impl_->suppress_depth; }
void ShapeEnv::freeze() { impl_->frozen = true; }
size_t ShapeEnv::frozen_guards() const { return impl_->frozen_guards; }

const SymbolInfo *ShapeEnv::info(Expr symbol) const { return impl_->find_info(symbol); }
bool ShapeEnv::is_unbacked(Expr symbol) const { return impl_->is_unbacked(symbol); }
bool ShapeEnv::has_unbacked(Expr e) { return impl_->has_unbacked(impl_->replace(e)); }

std::optional<Expr> ShapeEnv::lookup_source(const std::string &source) const {
  auto it = impl_->source_map.find(source);
  if (it == impl_->source_map.end()) return std::nullopt;
  return it->second;
}

std::vector<std::pair<Expr, Expr>> ShapeEnv::replacements() {
  std::vector<std::pair<Expr, Expr>> out;
  for (Expr s : impl_->replacement_order) out.emplace_back(s, impl_->find(s));
  return out;
}

std::vector<Expr> ShapeEnv::take_pending_unbacked() {
  std::vector<Expr> out;
  out.swap(impl_->pending_unbacked);
  return out;
}

// --- Impl helpers ------------------------------------------------------------

SymbolInfo &ShapeEnv::Impl::info_of(Expr sym) {
  auto it = info.find(sym.node());
  if (it == info.end()) throw ValueError("symbol " + std::string(sym.name()) + " does not belong to this ShapeEnv");
  return it->second;
}

const SymbolInfo *ShapeEnv::Impl::find_info(Expr sym) const {
  auto it = info.find(sym.node());
  return it == info.end() ? nullptr : &it->second;
}

bool ShapeEnv::Impl::is_unbacked(Expr sym) const {
  const SymbolInfo *i = find_info(sym);
  return i && !i->backed;
}

bool ShapeEnv::Impl::has_unbacked(Expr e) const {
  if (unbacked_symbols == 0) return false;
  for (Expr s : free_symbols(e))
    if (is_unbacked(s)) return true;
  return false;
}

void ShapeEnv::Impl::add_source(const std::string &source, Expr e) {
  if (source.empty()) return;
  sources.emplace_back(source, e);
  source_map[source] = e;
  if (e.is_symbol()) {
    if (auto *i = const_cast<SymbolInfo *>(find_info(e))) i->sources.push_back(source);
  }
}

Expr ShapeEnv::Impl::new_backed(Int hint, const std::string &source, bool positive,
                                std::optional<ValueRange> user_range) {
  Expr s = symbol("s" + std::to_string(next_backed++), Type::Int);
  SymbolInfo si;
  si.symbol = s;
  si.backed = true;
  si.hint = hint;
  si.origin = origin.empty() ? source : origin;
  si.scalar = !positive;
  si.user_range = user_range;
  if (positive) {
    si.range = ValueRange::ints(Bound(settings.specialize_zero_one ? 2 : 0), Bound::pos_inf());
  } else {
    si.range = ValueRange::unknown(Type::Int);
  }
  add_info(si);
  symbol_order.push_back(s);
  ranges.set(s, si.range);
  bump();
  if (user_range) update_range(s, *user_range, /*is_constraint=*/true);
  ValueRange r = ranges.get(s);
  info_of(s).declared_range = r;
  if (!r.contains(Value::of_int(hint)))
    throw ConstraintViolation(hint.str() + " not in range [" + r.lo.str() + ", " + r.hi.str() + "]");
  return s;
}

Expr ShapeEnv::Impl::new_unbacked(const std::string &source) {
  Expr u = symbol("u" + std::to_string(next_unbacked++), Type::Int);
  SymbolInfo si;
  si.symbol = u;
  si.backed = false;
  si.range = ValueRange::unknown(Type::Int);
  si.declared_range = si.range;
  si.origin = origin.empty() ? (source.empty() ? "unbacked" : source) : origin;
  if (!source.empty()) si.sources.push_back(source);
  add_info(si);
  symbol_order.push_back(u);
  ranges.set(u, si.range);
  pending_unbacked.push_back(u);
  bump();
  return u;
}

void ShapeEnv::Impl::update_range(Expr sym, const ValueRange &vr_in, bool is_constraint) {
  SymbolInfo &si = info_of(sym);
  ValueRange vr = vr_in;
  // A size-like unbacked symbol never learns that it is below 2: size-
  // oblivious reasoning intersects with [2, inf] (PyTorch widens the same way).
  if (si.size_like && vr.hi < Bound(2)) vr = ValueRange::ints(vr.lo, Bound(2));
  ValueRange old = ranges.get(sym);
  ValueRange nr = old.intersect(vr);
  if (nr.is_empty())
    throw ValueRangeError("Invalid ranges [" + nr.lo.str() + ":" + nr.hi.str() + "]");
  if (nr != old) {
    ranges.set(sym, nr);
    si.range = nr;
    bump();
  }
  if (si.hint && !nr.contains(Value::of_int(*si.hint)) && !is_constraint)
    throw Error("assertion", "internal: hint " + si.hint->str() + " of " + std::string(sym.name()) +
                                 " outside its range " + nr.str());
}

ValueRange ShapeEnv::Impl::range_of(Expr sym, bool size_oblivious, bool clamp) const {
  ValueRange r = ranges.get(sym);
  if (size_oblivious) {
    const SymbolInfo *i = find_info(sym);
    if (i && i->size_like) {
      // [max(2, lo), min(2**48, hi)] (PyTorch's size-oblivious clamp)
      Bound lo = max(Bound(2), r.lo);
      Bound hi = clamp ? min(Bound(pow(Int(2), 48)), r.hi) : r.hi;
      if (lo <= hi) r = ValueRange::ints(lo, hi);
    }
  }
  return r;
}

// --- Public creation API -------------------------------------------------------

Expr ShapeEnv::create_symbol(Int hint, const std::string &source, DimPolicy policy,
                             std::optional<ValueRange> range) {
  Impl &m = *impl_;
  if (range) {
    if (range->type != Type::Int) throw TypeError("a size range must be an integer range");
    if (range->lo == range->hi && range->lo.is_finite()) {
      // Dim(min=v, max=v): static, and it must match the example.
      if (range->lo.value() != hint)
        throw ConstraintViolation("Static shape constraint of " + range->lo.str() +
                                  " does not match input size of " + hint.str() + ", for " + source);
      policy = DimPolicy::Static;
      range.reset();
    } else {
      policy = DimPolicy::Dynamic; // a constraint forces DYNAMIC
    }
  }
  if (hint.is_negative()) throw ValueError("a size cannot be negative: " + hint.str() + " for " + source);
  Expr out;
  if (policy == DimPolicy::Static) {
    out = integer(hint);
  } else if ((hint == Int(0) || hint == Int(1)) && m.settings.specialize_zero_one) {
    out = integer(hint);
  } else {
    bool duck = policy == DimPolicy::Duck && m.settings.duck_shape;
    auto it = m.val_to_var.find(hint);
    if (duck && it != m.val_to_var.end()) {
      out = it->second;
    } else {
      out = m.new_backed(hint, source, /*positive=*/true, range);
      if (duck) m.val_to_var[hint] = out;
    }
  }
  m.add_source(source, out);
  return out;
}

Expr ShapeEnv::create_unspecified_symbol(Int hint, const std::string &source) {
  Impl &m = *impl_;
  Expr s = m.new_backed(hint, source, /*positive=*/false, std::nullopt);
  m.add_source(source, s);
  m.inputs.push_back(Input{false, {}, source, s});
  return s;
}

TensorSymbols ShapeEnv::create_tensor(const std::string &name, const std::vector<Int> &sizes,
                                      const std::vector<DimSpec> &dims) {
  Impl &m = *impl_;
  size_t n = sizes.size();
  if (!dims.empty() && dims.size() != n)
    throw ValueError("create_tensor: " + std::to_string(dims.size()) + " dim specs for " + std::to_string(n) + " dims");
  TensorSymbols t;
  t.name = name;
  bool all_static = true;
  for (size_t i = 0; i < n; ++i) {
    const DimSpec spec = dims.empty() ? DimSpec{} : dims[i];
    bool st = spec.policy == DimPolicy::Static && !spec.range;
    if (spec.range && spec.range->lo == spec.range->hi) st = true;
    all_static = all_static && st;
    t.sizes.push_back(create_symbol(sizes[i], name + ".size()[" + std::to_string(i) + "]", spec.policy, spec.range));
  }
  // Contiguous example strides, then PyTorch's stride inference: strides
  // whose example is 0 or 1 are constants; the others reuse the product of a
  // size and a known stride with the same example value (so (3, 6) gives
  // (s1, 1)); failing that, a fresh symbol for the smallest remaining.
  std::vector<Int> ex_stride(n);
  Int acc(1);
  for (size_t i = n; i-- > 0;) {
    ex_stride[i] = acc;
    if (mul_overflows(acc, sizes[i] == Int(0) ? Int(1) : sizes[i], &acc))
      throw OverflowError("tensor " + name + ": its number of elements exceeds 128 bits");
  }
  std::vector<Expr> stride(n);
  for (size_t i = 0; i < n; ++i)
    if (ex_stride[i] == Int(0) || ex_stride[i] == Int(1)) stride[i] = integer(ex_stride[i]);
  auto missing = [&] {
    return std::any_of(stride.begin(), stride.end(), [](Expr e) { return e.is_null(); });
  };
  while (missing()) {
    std::map<Int, Expr> candidates;
    for (size_t i = 0; i < n; ++i)
      if (!stride[i].is_null()) candidates.emplace(sizes[i] * ex_stride[i], t.sizes[i] * stride[i]);
    std::vector<std::pair<Int, size_t>> order;
    for (size_t i = 0; i < n; ++i)
      if (stride[i].is_null()) order.emplace_back(ex_stride[i], i);
    std::sort(order.begin(), order.end());
    for (auto &[v, i] : order) {
      auto it = candidates.find(v);
      if (stride[i].is_null() && it != candidates.end()) {
        stride[i] = it->second;
        candidates.emplace(sizes[i] * ex_stride[i], t.sizes[i] * stride[i]);
      }
    }
    if (missing()) {
      auto [v, i] = *std::min_element(order.begin(), order.end());
      stride[i] = create_symbol(v, name + ".stride()[" + std::to_string(i) + "]",
                                all_static ? DimPolicy::Static : DimPolicy::Duck);
    }
  }
  for (size_t i = 0; i < n; ++i) {
    std::string src = name + ".stride()[" + std::to_string(i) + "]";
    if (!m.source_map.count(src)) m.add_source(src, stride[i]);
  }
  t.strides = stride;
  t.storage_offset = create_symbol(Int(0), name + ".storage_offset()",
                                   all_static ? DimPolicy::Static : DimPolicy::Duck);
  m.inputs.push_back(Input{true, t, name, Expr()});
  return t;
}

Expr ShapeEnv::create_unbacked_int(const std::string &source) { return impl_->new_unbacked(source); }

Expr ShapeEnv::create_unbacked_bool(const std::string &source) {
  Expr u = impl_->new_unbacked(source);
  impl_->info_of(u).unbacked_bool = true;
  impl_->update_range(u, ValueRange::ints(Bound(0), Bound(1)));
  return eq(u, 1);
}

void ShapeEnv::constrain_range(Expr e, Bound lo, Bound hi) {
  Impl &m = *impl_;
  if (hi < lo) throw ValueError("Maximum value to constrain_as_size can't be less than the specified min value, received min=" + lo.str() + " and max=" + hi.str());
  if (e.is_integer_constant()) {
    if (!ValueRange::ints(lo, hi).contains(Value::of_int(e.value())))
      throw ValueRangeError("Invalid value " + e.value().str() + " for range [" + lo.str() + ":" + hi.str() + "]");
    return;
  }
  if (!e.is_symbol()) throw ValueError("constrain_range: " + e.str() + " is not a symbol or a constant");
  const SymbolInfo &si = m.info_of(e);
  if (si.hint && !ValueRange::ints(lo, hi).contains(Value::of_int(*si.hint)))
    throw ValueRangeError("Invalid value " + si.hint->str() + " for range [" + lo.str() + ":" + hi.str() + "]");
  m.update_range(e, ValueRange::ints(lo, hi));
  SymbolInfo &info = m.info_of(e);
  info.declared_range = info.declared_range.intersect(ValueRange::ints(lo, hi));
  ValueRange r = m.ranges.get(e);
  if (r.is_singleton()) m.set_replacement(e, integer(r.lo.value()), "range_refined_to_singleton");
}

void ShapeEnv::constrain_range_for_size(Expr e, Bound lo, Bound hi) {
  Impl &m = *impl_;
  if (!e.is_symbol()) throw ValueError("constrain_range_for_size: " + e.str() + " is not a symbol");
  m.info_of(e).size_like = true;
  m.update_range(e, ValueRange::ints(lo, hi));
  SymbolInfo &info = m.info_of(e);
  info.declared_range = info.declared_range.intersect(ValueRange::ints(lo, hi));
  m.bump();
}

} // namespace symshape

namespace symshape {

Expr ShapeEnv::declare_symbol(const std::string &name, std::optional<Int> hint, const ValueRange &range,
                              const std::string &source) {
  Impl &m = *impl_;
  Expr s = symbol(name, Type::Int);
  if (m.info.count(s.node())) throw ValueError("symbol " + name + " already exists");
  if (range.type != Type::Int) throw TypeError("the range of " + name + " must be an integer range");
  if (range.is_empty()) throw ValueRangeError("empty range for " + name);
  if (hint && !range.contains(Value::of_int(*hint)))
    throw ConstraintViolation("hint " + hint->str() + " of " + name + " not in range " + range.str());
  SymbolInfo si;
  si.symbol = s;
  si.backed = hint.has_value();
  si.hint = hint;
  si.range = range;
  si.declared_range = range;
  si.origin = m.origin.empty() ? (source.empty() ? "declared" : source) : m.origin;
  if (!source.empty()) si.sources.push_back(source);
  m.add_info(si);
  m.symbol_order.push_back(s);
  m.ranges.set(s, range);
  // Fresh symbols are numbered past declared ones (s3 declared -> next is s4).
  auto number = [&](char prefix) -> int {
    if (name.size() < 2 || name[0] != prefix) return -1;
    for (size_t i = 1; i < name.size(); ++i)
      if (!std::isdigit(static_cast<unsigned char>(name[i]))) return -1;
    return std::atoi(name.c_str() + 1);
  };
  if (int k = number('s'); k >= 0) m.next_backed = std::max(m.next_backed, k + 1);
  if (int k = number('u'); k >= 0) m.next_unbacked = std::max(m.next_unbacked, k + 1);
  m.bump();
  return s;
}

} // namespace symshape

namespace symshape {

Expr ShapeEnv::rename_unbacked(Expr from, const std::string &to_name) {
  Impl &m = *impl_;
  if (!from.is_symbol() || !m.is_unbacked(from)) throw ValueError(from.str() + " is not an unbacked symbol");
  Expr to = symbol(to_name, Type::Int);
  if (to == from) return to;
  const SymbolInfo &fi = m.info_of(from);
  if (!m.info.count(to.node())) {
    ValueRange r = m.ranges.get(from);
    SymbolInfo si;
    si.symbol = to;
    si.backed = false;
    si.range = r;
    si.declared_range = r;
    si.size_like = fi.size_like;
    si.unbacked_bool = fi.unbacked_bool;
    si.origin = fi.origin;
    si.sources = fi.sources;
    m.add_info(si);
    m.symbol_order.push_back(to);
    m.ranges.set(to, r);
  } else if (!m.is_unbacked(to)) {
    throw ValueError("cannot rename " + from.str() + " to the backed symbol " + to_name);
  } else {
    // Both exist: the target learns the source's range.
    m.update_range(to, m.ranges.get(from));
    if (fi.size_like) m.info_of(to).size_like = true;
  }
  m.set_replacement(from, to, "rename_unbacked");
  m.bump();
  return to;
}

} // namespace symshape
