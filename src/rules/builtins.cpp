//===- rules/builtins.cpp - Builtin functions, methods and attributes ------===//
//
// What a rule can call besides its own helpers: Python's builtins that shape
// code uses (len, range, min, max, sum, ...), torch's symbolic helpers
// (sym_max, guard_or_false, check, ...), tensor construction (empty,
// view_of), dtypes, and the methods of tensors, lists and dtypes.  Each is
// documented in docs/rules.md.
//
//===----------------------------------------------------------------------===//
#include <algorithm>

#include "interp.h"

namespace symshape::rules::detail {

namespace {

using K = Question::Kind;

const Value &need(Interp &in, Args &a, size_t i, const char *name, const char *fn, const SourceLoc &at) {
  const Value *v = a.get(i, name);
  if (!v) in.fail(at, std::string(fn) + "() missing argument '" + name + "'", "type");
  return *v;
}
const Value *opt(Args &a, size_t i, const char *name) {
  const Value *v = a.get(i, name);
  return v && !v->is_none() ? v : nullptr;
}

// Arguments of min/max/sum/any/all: one iterable, or several values.
const List &items_of(Interp &in, Args &a, List &storage, const SourceLoc &at, const char *fn) {
  if (a.pos.size() == 1) return in.as_sequence(a.pos[0], at, fn);
  storage = a.pos;
  return storage;
}

Expr message_cond(Interp &in, const Value &v, const SourceLoc &at) { return in.as_bool_expr(v, at, "condition"); }

std::string message_of(Args &a, size_t i) {
  const Value *m = a.get(i, "message");
  if (!m || m->is_none()) return "";
  return m->kind == Value::Kind::Str ? *m->text : m->str();
}

// --- Python builtins -------------------------------------------------------

Value b_len(Interp &in, Args &a, const SourceLoc &at) {
  const Value &v = need(in, a, 0, "obj", "len", at);
  if (v.kind == Value::Kind::Str) return Value::of_int(static_cast<int64_t>(v.text->size()));
  if (v.is_tensor()) return Value::of_int(v.tensor->dim() ? Value::of_int(v.tensor->sizes[0]).expr : Expr(0));
  return Value::of_int(static_cast<int64_t>(in.as_sequence(v, at, "len() argument").size()));
}

Value b_range(Interp &in, Args &a, const SourceLoc &at) {
  int64_t start = 0, stop, step = 1;
  if (a.pos.size() == 1) {
    stop = in.to_index(a.pos[0], at, "range() bound");
  } else if (a.pos.size() == 2 || a.pos.size() == 3) {
    start = in.to_index(a.pos[0], at, "range() start");
    stop = in.to_index(a.pos[1], at, "range() stop");
    if (a.pos.size() == 3) step = in.to_index(a.pos[2], at, "range() step");
  } else {
    in.fail(at, "range() takes 1 to 3 arguments", "type");
  }
  if (step == 0) in.fail(at, "range() step must not be zero", "value");
  List r;
  for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step) {
    r.push_back(Value::of_int(i));
    if (r.size() > (1u << 20)) in.fail(at, "range() longer than 2^20", "limit");
  }
  return Value::of_list(std::move(r));
}

// Python min/max: compares (and so decides) like `a if a < b else b`.
Value minmax(Interp &in, Args &a, const SourceLoc &at, bool is_max) {
  List storage;
  const List &xs = items_of(in, a, storage, at, is_max ? "max" : "min");
  if (xs.empty()) in.fail(at, std::string(is_max ? "max" : "min") + "() of an empty sequence", "value");
  Value best = xs[0];
  for (size_t i = 1; i < xs.size(); ++i) {
    Value c = in.compare(is_max ? ">" : "<", xs[i], best, at);
    if (in.truth(c, at)) best = xs[i];
  }
  return best;
}
Value b_min(Interp &in, Args &a, const SourceLoc &at) { return minmax(in, a, at, false); }
Value b_max(Interp &in, Args &a, const SourceLoc &at) { return minmax(in, a, at, true); }

Value b_sum(Interp &in, Args &a, const SourceLoc &at) {
  const List &xs = in.as_sequence(need(in, a, 0, "iterable", "sum", at), at, "sum() argument");
  Value acc = a.pos.size() > 1 ? a.pos[1] : Value::of_int(0);
  for (const Value &x : xs) acc = in.binary("+", acc, x, at);
  return acc;
}

Value b_prod(Interp &in, Args &a, const SourceLoc &at) {
  const List &xs = in.as_sequence(need(in, a, 0, "iterable", "prod", at), at, "prod() argument");
  Value acc = Value::of_int(1);
  for (const Value &x : xs) acc = in.binary("*", acc, x, at);
  return acc;
}

Value b_abs(Interp &in, Args &a, const SourceLoc &at) {
  Value v = need(in, a, 0, "x", "abs", at);
  Value neg = in.compare("<", v, Value::of_int(0), at);
  return in.truth(neg, at) ? Value::of_expr(-in.as_number(v, at, "abs() argument")) : v;
}

Value b_int(Interp &in, Args &a, const SourceLoc &at) {
  const Value &v = need(in, a, 0, "x", "int", at);
  if (v.kind == Value::Kind::Float) return Value::of_int(trunc_to_int(v.expr));
  return Value::of_int(in.as_int(v, at, "int() argument"));
}
Value b_float(Interp &in, Args &a, const SourceLoc &at) {
  const Value &v = need(in, a, 0, "x", "float", at);
  Expr e = in.as_number(v, at, "float() argument");
  return Value::of_float(e.is_float() ? e : to_float(e));
}
Value b_bool(Interp &in, Args &a, const SourceLoc &at) {
  return Value::of_bool(in.truth(need(in, a, 0, "x", "bool", at), at));
}
Value b_list(Interp &in, Args &a, const SourceLoc &at) {
  if (a.pos.empty()) return Value::of_list({});
  return Value::of_list(in.as_sequence(iterable(a.pos[0]), at, "list() argument"));
}
Value b_tuple(Interp &in, Args &a, const SourceLoc &at) {
  if (a.pos.empty()) return Value::of_tuple({});
  return Value::of_tuple(in.as_sequence(a.pos[0], at, "tuple() argument"));
}
Value b_enumerate(Interp &in, Args &a, const SourceLoc &at) {
  const List &xs = in.as_sequence(need(in, a, 0, "iterable", "enumerate", at), at, "enumerate() argument");
  List r;
  for (size_t i = 0; i < xs.size(); ++i) r.push_back(Value::of_tuple({Value::of_int(static_cast<int64_t>(i)), xs[i]}));
  return Value::of_list(std::move(r));
}
Value b_zip(Interp &in, Args &a, const SourceLoc &at) {
  size_t n = SIZE_MAX;
  for (const Value &v : a.pos) n = std::min(n, in.as_sequence(v, at, "zip() argument").size());
  if (a.pos.empty()) n = 0;
  List r;
  for (size_t i = 0; i < n; ++i) {
    List t;
    for (const Value &v : a.pos) t.push_back((*v.items)[i]);
    r.push_back(Value::of_tuple(std::move(t)));
  }
  return Value::of_list(std::move(r));
}
Value b_reversed(Interp &in, Args &a, const SourceLoc &at) {
  List r = in.as_sequence(need(in, a, 0, "seq", "reversed", at), at, "reversed() argument");
  std::reverse(r.begin(), r.end());
  return Value::of_list(std::move(r));
}
Value b_any(Interp &in, Args &a, const SourceLoc &at) {
  for (const Value &v : in.as_sequence(need(in, a, 0, "iterable", "any", at), at, "any() argument"))
    if (in.truth(v, at)) return Value::of_bool(true);
  return Value::of_bool(false);
}
Value b_all(Interp &in, Args &a, const SourceLoc &at) {
  for (const Value &v : in.as_sequence(need(in, a, 0, "iterable", "all", at), at, "all() argument"))
    if (!in.truth(v, at)) return Value::of_bool(false);
  return Value::of_bool(true);
}
Value b_str(Interp &in, Args &a, const SourceLoc &at) {
  const Value &v = need(in, a, 0, "x", "str", at);
  return Value::of_str(v.kind == Value::Kind::Str ? *v.text : v.str());
}
// bound(x): the (lo, hi) value range of an int from the ShapeEnv's ranges,
// None for an infinite end.  Not a decision: no guard.
Value b_bound(Interp &in, Args &a, const SourceLoc &at) {
  Expr x = in.as_int(need(in, a, 0, "x", "bound", at), at, "argument");
  in.mark_uncacheable(); // ranges narrow over time: the answer is not replayed
  ValueRange r = in.env().bound(x);
  auto end = [](const Bound &b) { return b.is_finite() ? Value::of_int(integer(b.value())) : Value::none(); };
  return Value::of_tuple({end(r.lo), end(r.hi)});
}
Value b_is_constant(Interp &in, Args &a, const SourceLoc &at) {
  const Value &v = need(in, a, 0, "x", "is_constant", at);
  return Value::of_bool(!v.is_number() || v.expr.is_constant());
}
Value b_constrain_range(Interp &in, Args &a, const SourceLoc &at, bool for_size) {
  Expr x = in.as_int(need(in, a, 0, "x", "constrain_range", at), at, "argument");
  auto end = [&](size_t i, const char *name, Bound dflt) {
    const Value *v = opt(a, i, name);
    if (!v) return dflt;
    Expr e = in.as_int(*v, at, name);
    if (!e.is_integer_constant()) in.fail(at, std::string(name) + " must be a constant", "type");
    return Bound(e.value());
  };
  Bound lo = end(1, "min", for_size ? Bound(0) : Bound::neg_inf()), hi = end(2, "max", Bound::pos_inf());
  in.mark_uncacheable(); // changes ranges: must run on every call
  if (for_size) in.env().constrain_range_for_size(x, lo, hi);
  else in.env().constrain_range(x, lo, hi);
  return Value::none();
}
Value b_constrain_range_plain(Interp &in, Args &a, const SourceLoc &at) { return b_constrain_range(in, a, at, false); }
Value b_constrain_range_for_size(Interp &in, Args &a, const SourceLoc &at) { return b_constrain_range(in, a, at, true); }

Value b_isinstance_tensor(Interp &in, Args &a, const SourceLoc &at) {
  return Value::of_bool(need(in, a, 0, "x", "is_tensor", at).is_tensor());
}
Value b_is_int(Interp &in, Args &a, const SourceLoc &at) {
  return Value::of_bool(need(in, a, 0, "x", "is_int", at).kind == Value::Kind::Int);
}
Value b_is_float(Interp &in, Args &a, const SourceLoc &at) {
  return Value::of_bool(need(in, a, 0, "x", "is_float", at).kind == Value::Kind::Float);
}
Value b_is_bool(Interp &in, Args &a, const SourceLoc &at) {
  return Value::of_bool(need(in, a, 0, "x", "is_bool", at).kind == Value::Kind::Bool);
}
Value b_is_list(Interp &in, Args &a, const SourceLoc &at) {
  return Value::of_bool(need(in, a, 0, "x", "is_list", at).is_sequence());
}
// Exceptions: `raise ShapeError("...")` -- the message is the value.
Value b_error(Interp &, Args &a, const SourceLoc &) {
  if (a.pos.empty()) return Value::of_str("error");
  return Value::of_str(a.pos[0].kind == Value::Kind::Str ? *a.pos[0].text : a.pos[0].str());
}

// --- Symbolic helpers ------------------------------------------------------

// torch.sym_max / sym_min: no decision; the ShapeEnv's static knowledge
// picks a side when it can (recorded, so a cached call re-checks it).
Value sym_minmax(Interp &in, Args &a, const SourceLoc &at, bool is_max) {
  Expr x = in.as_number(need(in, a, 0, "a", is_max ? "sym_max" : "sym_min", at), at, "operand");
  Expr y = in.as_number(need(in, a, 1, "b", is_max ? "sym_max" : "sym_min", at), at, "operand");
  if (x.is_float() != y.is_float()) {
    if (!x.is_float()) x = to_float(x);
    if (!y.is_float()) y = to_float(y);
  }
  if (x.is_constant() && y.is_constant()) return Value::of_expr(is_max ? sym_max(x, y) : sym_min(x, y));
  if (in.ask(K::StaticallyKnownTrue, ge(x, y))) return Value::of_expr(is_max ? x : y);
  if (in.ask(K::StaticallyKnownTrue, le(x, y))) return Value::of_expr(is_max ? y : x);
  return Value::of_expr(is_max ? sym_max(x, y) : sym_min(x, y));
}
Value b_sym_max(Interp &in, Args &a, const SourceLoc &at) { return sym_minmax(in, a, at, true); }
Value b_sym_min(Interp &in, Args &a, const SourceLoc &at) { return sym_minmax(in, a, at, false); }
Value b_sym_not(Interp &in, Args &a, const SourceLoc &at) {
  return Value::of_expr(not_(in.as_bool_expr(need(in, a, 0, "a", "sym_not", at), at, "operand")));
}
Value b_sym_and(Interp &in, Args &a, const SourceLoc &at) {
  std::vector<Expr> xs;
  for (const Value &v : a.pos) xs.push_back(in.as_bool_expr(v, at, "operand"));
  return Value::of_expr(and_(xs));
}
Value b_sym_or(Interp &in, Args &a, const SourceLoc &at) {
  std::vector<Expr> xs;
  for (const Value &v : a.pos) xs.push_back(in.as_bool_expr(v, at, "operand"));
  return Value::of_expr(or_(xs));
}
Value b_sym_ite(Interp &in, Args &a, const SourceLoc &at) {
  Expr c = in.as_bool_expr(need(in, a, 0, "cond", "sym_ite", at), at, "condition");
  Expr x = in.as_number(need(in, a, 1, "a", "sym_ite", at), at, "operand");
  Expr y = in.as_number(need(in, a, 2, "b", "sym_ite", at), at, "operand");
  return Value::of_expr(where(c, x, y));
}
Value b_sym_float(Interp &in, Args &a, const SourceLoc &at) { return b_float(in, a, at); }

Value b_check(Interp &in, Args &a, const SourceLoc &at) {
  Expr c = message_cond(in, need(in, a, 0, "cond", "check", at), at);
  if (c.is_true()) return Value::none();
  std::string msg = message_of(a, 1);
  if (c.is_false()) in.fail(at, "check failed: " + (msg.empty() ? std::string("False") : msg), "check_failed");
  in.ask(K::Check, c, msg);
  return Value::none();
}
Value b_check_is_size(Interp &in, Args &a, const SourceLoc &at) {
  Expr x = in.as_int(need(in, a, 0, "x", "check_is_size", at), at, "size");
  if (x.is_integer_constant()) {
    if (x.value().is_negative()) in.fail(at, "check_is_size failed: " + x.str() + " < 0", "check_failed");
    return Value::none();
  }
  in.ask(K::CheckIsSize, x);
  return Value::none();
}
Value decide_with(Interp &in, Args &a, const SourceLoc &at, K kind, const char *fn) {
  Expr c = message_cond(in, need(in, a, 0, "cond", fn, at), at);
  if (c.is_bool_constant()) return Value::of_bool(c.bool_value());
  return Value::of_bool(in.ask(kind, c, message_of(a, 1)));
}
Value b_guard_or_false(Interp &in, Args &a, const SourceLoc &at) { return decide_with(in, a, at, K::GuardOrFalse, "guard_or_false"); }
Value b_guard_or_true(Interp &in, Args &a, const SourceLoc &at) { return decide_with(in, a, at, K::GuardOrTrue, "guard_or_true"); }
Value b_known_true(Interp &in, Args &a, const SourceLoc &at) {
  return decide_with(in, a, at, K::StaticallyKnownTrue, "statically_known_true");
}
Value b_size_oblivious(Interp &in, Args &a, const SourceLoc &at) {
  return decide_with(in, a, at, K::SizeOblivious, "size_oblivious");
}
Value b_expect_true(Interp &in, Args &a, const SourceLoc &at) { return decide_with(in, a, at, K::ExpectTrue, "expect_true"); }
Value b_guard_int(Interp &in, Args &a, const SourceLoc &at) {
  Expr x = in.as_int(need(in, a, 0, "x", "guard_int", at), at, "argument");
  return Value::of_int(x.is_integer_constant() ? x : in.ask_int(x));
}
Value b_has_hint(Interp &in, Args &a, const SourceLoc &at) {
  Expr x = in.as_number(need(in, a, 0, "x", "has_hint", at), at, "argument");
  in.mark_uncacheable();
  return Value::of_bool(in.env().has_hint(x));
}

// new_unbacked(min=0, max=None, size=True): a fresh data-dependent int.
// Size-like by default (range [0, inf] or [min, max]).
Value b_new_unbacked(Interp &in, Args &a, const SourceLoc &at) {
  in.mark_uncacheable();
  const Value *lo = a.get(0, "min"), *hi = a.get(1, "max"), *size = a.get(2, "size");
  bool size_like = !size || in.truth(*size, at);
  Expr u = in.env().create_unbacked_int();
  auto bound_of = [&](const Value *v, Bound dflt) {
    if (!v || v->is_none()) return dflt;
    Expr e = in.as_int(*v, at, "bound");
    if (!e.is_integer_constant()) in.fail(at, "new_unbacked() bounds must be constants", "type");
    return Bound(e.value());
  };
  Bound l = bound_of(lo, size_like ? Bound(0) : Bound::neg_inf()), h = bound_of(hi, Bound::pos_inf());
  if (size_like) in.env().constrain_range_for_size(u, l, h);
  else if (lo || hi) in.env().constrain_range(u, l, h);
  return Value::of_int(u);
}
Value b_new_unbacked_bool(Interp &in, Args &, const SourceLoc &) {
  in.mark_uncacheable();
  return Value::of_expr(in.env().create_unbacked_bool());
}

// --- Tensors -----------------------------------------------------------------

std::vector<Expr> int_list(Interp &in, const Value &v, const SourceLoc &at, const char *what) {
  std::vector<Expr> r;
  for (const Value &x : in.as_sequence(v, at, what)) r.push_back(in.as_int(x, at, what));
  return r;
}

ScalarType dtype_arg(Interp &in, const Value *v, ScalarType dflt, const SourceLoc &at) {
  if (!v || v->is_none()) return dflt;
  if (v->kind != Value::Kind::Dtype) in.fail(at, std::string("dtype must be a ScalarType, not ") + v->type_name(), "type");
  return v->dtype();
}

// empty(sizes, strides=None, dtype=float32, device='cpu'): a fresh tensor.
Value b_empty(Interp &in, Args &a, const SourceLoc &at) {
  TensorMeta t;
  t.sizes = int_list(in, need(in, a, 0, "sizes", "empty", at), at, "size");
  if (const Value *s = opt(a, 1, "strides")) {
    t.strides = int_list(in, *s, at, "stride");
    if (t.strides.size() != t.sizes.size())
      in.fail(at, "empty(): " + std::to_string(t.sizes.size()) + " sizes but " + std::to_string(t.strides.size()) +
                      " strides", "value");
  } else {
    t.strides = contiguous_strides(in, t.sizes);
  }
  t.dtype = dtype_arg(in, a.get(2, "dtype"), ScalarType::Float32, at);
  if (const Value *d = opt(a, 3, "device")) t.device = d->kind == Value::Kind::Device || d->kind == Value::Kind::Str ? *d->text : "cpu";
  t.storage = new_storage_id();
  return Value::of_tensor(std::move(t));
}

// view_of(base, sizes, strides, storage_offset=None, dtype=None): a view
// that shares base's storage.
Value b_view_of(Interp &in, Args &a, const SourceLoc &at) {
  const TensorMeta &base = in.as_tensor(need(in, a, 0, "base", "view_of", at), at, "view_of() base");
  TensorMeta t;
  t.sizes = int_list(in, need(in, a, 1, "sizes", "view_of", at), at, "size");
  t.strides = int_list(in, need(in, a, 2, "strides", "view_of", at), at, "stride");
  if (t.strides.size() != t.sizes.size()) in.fail(at, "view_of(): sizes and strides differ in length", "value");
  const Value *off = opt(a, 3, "storage_offset");
  t.storage_offset = off ? in.as_int(*off, at, "storage_offset") : base.storage_offset;
  t.dtype = dtype_arg(in, a.get(4, "dtype"), base.dtype, at);
  t.device = base.device;
  t.storage = base.storage ? base.storage : new_storage_id();
  return Value::of_tensor(std::move(t));
}

Value b_contiguous_strides(Interp &in, Args &a, const SourceLoc &at) {
  List r;
  for (Expr e : contiguous_strides(in, int_list(in, need(in, a, 0, "sizes", "contiguous_strides", at), at, "size")))
    r.push_back(Value::of_int(e));
  return Value::of_list(std::move(r));
}

// --- Dtypes ----------------------------------------------------------------

Value b_promote_types(Interp &in, Args &a, const SourceLoc &at) {
  ScalarType x = dtype_arg(in, &need(in, a, 0, "a", "promote_types", at), ScalarType::Undefined, at);
  ScalarType y = dtype_arg(in, &need(in, a, 1, "b", "promote_types", at), ScalarType::Undefined, at);
  return Value::of_dtype(promote_types(x, y));
}

// c10's combine_categories (ATen/native/TypeProperties.cpp): a higher
// priority class keeps its type unless a lower one is of a higher category.
ScalarType combine_categories(ScalarType higher, ScalarType lower) {
  if (is_complex(higher)) return higher;
  if (is_complex(lower)) return is_floating(higher) ? real_to_complex(higher) : lower;
  if (is_floating(higher)) return higher;
  if (higher == ScalarType::Bool || is_floating(lower)) {
    if (higher == ScalarType::Undefined) return lower;
    if (lower == ScalarType::Undefined) return higher;
    return promote_types(higher, lower);
  }
  if (higher != ScalarType::Undefined) return higher;
  return lower;
}

// torch.result_type over tensors and Python scalars: dim > 0 tensors, then
// 0-dim tensors, then scalars (int -> int64, float -> float32 default, bool).
Value b_result_type(Interp &in, Args &a, const SourceLoc &at) {
  ScalarType dim = ScalarType::Undefined, zero = ScalarType::Undefined, wrapped = ScalarType::Undefined;
  auto update = [](ScalarType &acc, ScalarType t) {
    acc = acc == ScalarType::Undefined ? t : promote_types(acc, t);
  };
  std::function<void(const Value &)> add = [&](const Value &v) {
    switch (v.kind) {
    case Value::Kind::Tensor: update(v.tensor->dim() ? dim : zero, v.tensor->dtype); break;
    case Value::Kind::Int: update(wrapped, ScalarType::Int64); break;
    case Value::Kind::Bool: update(wrapped, ScalarType::Bool); break;
    case Value::Kind::Float: update(wrapped, ScalarType::Float32); break;
    case Value::Kind::None: break;
    case Value::Kind::List: case Value::Kind::Tuple: for (const Value &x : *v.items) add(x); break;
    default: in.fail(at, std::string("result_type() cannot take a ") + v.type_name(), "type");
    }
  };
  for (const Value &v : a.pos) add(v);
  return Value::of_dtype(combine_categories(dim, combine_categories(zero, wrapped)));
}
Value b_is_floating_dtype(Interp &in, Args &a, const SourceLoc &at) {
  return Value::of_bool(is_floating(dtype_arg(in, &need(in, a, 0, "dtype", "is_floating", at), ScalarType::Undefined, at)));
}
Value b_is_complex_dtype(Interp &in, Args &a, const SourceLoc &at) {
  return Value::of_bool(is_complex(dtype_arg(in, &need(in, a, 0, "dtype", "is_complex", at), ScalarType::Undefined, at)));
}
Value b_is_integral_dtype(Interp &in, Args &a, const SourceLoc &at) {
  const Value *ib = a.get(1, "include_bool");
  return Value::of_bool(is_integral(dtype_arg(in, &need(in, a, 0, "dtype", "is_integral", at), ScalarType::Undefined, at),
                                    ib && in.truth(*ib, at)));
}
Value b_complex_to_real(Interp &in, Args &a, const SourceLoc &at) {
  return Value::of_dtype(complex_to_real(dtype_arg(in, &need(in, a, 0, "dtype", "complex_to_real", at), ScalarType::Undefined, at)));
}
Value b_real_to_complex(Interp &in, Args &a, const SourceLoc &at) {
  return Value::of_dtype(real_to_complex(dtype_arg(in, &need(in, a, 0, "dtype", "real_to_complex", at), ScalarType::Undefined, at)));
}

} // namespace

std::vector<Expr> contiguous_strides(Interp &in, const std::vector<Expr> &sizes) {
  std::vector<Expr> strides(sizes.size());
  Expr acc(1);
  for (size_t i = sizes.size(); i-- > 0;) {
    strides[i] = acc;
    Expr s = sizes[i];
    if (s.is_integer_constant()) {
      acc = acc * (s.value() < Int(1) ? Expr(1) : s);
    } else if (in.ask(K::StaticallyKnownTrue, ge(s, Expr(1)))) {
      acc = acc * s;
    } else {
      acc = acc * sym_max(Expr(1), s);
    }
  }
  return strides;
}

void register_builtins(Program &p) {
  static const std::pair<const char *, BuiltinFn> table[] = {
      {"len", b_len}, {"range", b_range}, {"min", b_min}, {"max", b_max}, {"sum", b_sum}, {"prod", b_prod},
      {"abs", b_abs}, {"int", b_int}, {"float", b_float}, {"bool", b_bool}, {"list", b_list},
      {"tuple", b_tuple}, {"enumerate", b_enumerate}, {"zip", b_zip}, {"reversed", b_reversed},
      {"any", b_any}, {"str", b_str}, {"bound", b_bound}, {"is_constant", b_is_constant},
      {"constrain_range", b_constrain_range_plain}, {"constrain_range_for_size", b_constrain_range_for_size}, {"all", b_all}, {"is_tensor", b_isinstance_tensor}, {"is_int", b_is_int},
      {"is_float", b_is_float}, {"is_bool", b_is_bool}, {"is_list", b_is_list},
      {"ShapeError", b_error}, {"RuntimeError", b_error}, {"ValueError", b_error}, {"IndexError", b_error},
      {"sym_max", b_sym_max}, {"sym_min", b_sym_min}, {"sym_not", b_sym_not}, {"sym_and", b_sym_and},
      {"sym_or", b_sym_or}, {"sym_ite", b_sym_ite}, {"sym_float", b_sym_float},
      {"check", b_check}, {"check_is_size", b_check_is_size}, {"guard_or_false", b_guard_or_false},
      {"guard_or_true", b_guard_or_true}, {"statically_known_true", b_known_true},
      {"size_oblivious", b_size_oblivious}, {"expect_true", b_expect_true}, {"guard_int", b_guard_int},
      {"has_hint", b_has_hint}, {"new_unbacked", b_new_unbacked}, {"new_unbacked_bool", b_new_unbacked_bool},
      {"empty", b_empty}, {"view_of", b_view_of}, {"contiguous_strides", b_contiguous_strides},
      {"promote_types", b_promote_types}, {"result_type", b_result_type},
      {"is_floating_dtype", b_is_floating_dtype}, {"is_complex_dtype", b_is_complex_dtype},
      {"is_integral_dtype", b_is_integral_dtype}, {"complex_to_real", b_complex_to_real},
      {"real_to_complex", b_real_to_complex},
  };
  for (const auto &[name, fn] : table) {
    Value v;
    v.kind = Value::Kind::Function;
    v.small = -static_cast<int64_t>(p.builtins.size()) - 1;
    p.builtins.emplace_back(name, fn);
    p.global_index[name] = static_cast<int>(p.globals.size());
    p.globals.push_back(v);
  }
  p.check_global = p.global_index.at("check");
  auto constant = [&](const std::string &name, Value v) {
    p.global_index[name] = static_cast<int>(p.globals.size());
    p.globals.push_back(std::move(v));
  };
  for (int i = 1; i <= static_cast<int>(ScalarType::BFloat16); ++i) {
    auto t = static_cast<ScalarType>(i);
    if (t != ScalarType::Bool) constant(scalar_type_name(t), Value::of_dtype(t));
  }
  constant("bool_", Value::of_dtype(ScalarType::Bool));
  for (auto m : {MemoryFormat::Contiguous, MemoryFormat::ChannelsLast, MemoryFormat::ChannelsLast3d,
                 MemoryFormat::Preserve})
    constant(memory_format_name(m), Value::of_memory_format(m));
  constant("strided", Value::of_layout(7)); // torch.export numbers layouts; 7 is strided
  Value torch_module;
  torch_module.kind = Value::Kind::Module; // attributes resolve dtypes and formats (methods.cpp)
  constant("torch", torch_module);
  constant("INT64_MAX", Value::of_int(Expr(Int(INT64_MAX))));
  constant("INT64_MIN", Value::of_int(Expr(Int(INT64_MIN))));
}

} // namespace symshape::rules::detail
