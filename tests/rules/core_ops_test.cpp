// Core ATen rules (rules/core_math.py, core_nn.py, core_misc.py): table
// tests in the format of families_test.cpp -- each row runs one operator's
// standard rule on given input metadata and compares the rendered output
// (sizes, strides, storage offset, dtype, " alias" when the output shares an
// input's storage, then the recorded guards and runtime asserts) with the
// text PyTorch 2.6 gives.  Error rows ("error rules/<file>.py: <text>")
// expect a RuleError raised in that rule file whose message contains <text>.
//
// Every expected value was produced by PyTorch 2.6 fake tensors: a
// FakeTensorMode over a fresh ShapeEnv, the Python dispatcher enabled, inputs
// made by `from_tensor` with DimDynamic.DYNAMIC for each symbolic dim (s0, s1,
// ... in creation order) -- or DUCK where two inputs share a size symbol --
// and STATIC for the constant ones.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "symshape/expr/parse.h"
#include "symshape/rules/registry.h"

using symshape::Bound;
using symshape::Expr;
using symshape::Int;
using symshape::parse_expr;
using symshape::ShapeEnv;
using symshape::ShapeEnvSettings;
using symshape::ValueRange;
using symshape::rules::CallArgs;
using symshape::rules::CallOptions;
using symshape::rules::List;
using symshape::rules::new_storage_id;
using symshape::rules::parse_memory_format;
using symshape::rules::parse_scalar_type;
using symshape::rules::RuleError;
using symshape::rules::RuleRegistry;
using symshape::rules::TensorMeta;
using symshape::rules::Value;

namespace {

RuleRegistry &registry() {
  static std::unique_ptr<RuleRegistry> reg = RuleRegistry::standard();
  return *reg;
}

// "[s0, 3]" -> {s0, 3}; commas inside parentheses belong to the element.
std::vector<Expr> exprs(const std::string &text) {
  std::vector<Expr> out;
  std::string inner = text.substr(1, text.size() - 2), cur;
  int depth = 0;
  for (char c : inner) {
    if (c == ',' && depth == 0) {
      out.push_back(parse_expr(cur));
      cur.clear();
      continue;
    }
    depth += (c == '(') - (c == ')');
    cur += c;
  }
  if (!cur.empty()) out.push_back(parse_expr(cur));
  return out;
}

// A tensor input with its own storage.
Value T(const char *sizes, const char *strides, const char *dtype = "float32", const char *offset = "0") {
  TensorMeta t;
  t.sizes = exprs(sizes);
  t.strides = exprs(strides);
  t.storage_offset = parse_expr(offset);
  t.dtype = parse_scalar_type(dtype);
  t.storage = new_storage_id();
  return Value::of_tensor(std::move(t));
}
Value I(int64_t v) { return Value::of_int(v); }
Value E(const char *e) { return Value::of_expr(parse_expr(e)); }
Value F(double v) { return Value::of_float(v); }
Value B(bool v) { return Value::of_bool(v); }
Value N() { return Value::none(); }
Value Str(const char *s) { return Value::of_str(s); }
Value DT(const char *s) { return Value::of_dtype(parse_scalar_type(s)); }
Value L(std::vector<Value> items) { return Value::of_list(std::move(items)); }

struct Row {
  const char *op;
  const char *symbols; // "s0=4 s1=3": backed sizes (range [2, int_oo]) with hints
  CallArgs args;
  std::string want;
};

void declare(ShapeEnv &env, const std::string &symbols) {
  size_t i = 0;
  while (i < symbols.size()) {
    size_t end = symbols.find(' ', i);
    if (end == std::string::npos) end = symbols.size();
    std::string item = symbols.substr(i, end - i);
    size_t eq = item.find('=');
    env.declare_symbol(item.substr(0, eq), Int(std::stoll(item.substr(eq + 1))),
                       ValueRange::ints(Bound(Int(2)), Bound::pos_inf()));
    i = end + 1;
  }
}

void storages_of(const Value &v, std::set<uint64_t> &out) {
  if (v.is_tensor()) out.insert(v.meta().storage);
  if (v.is_sequence())
    for (const Value &x : v.list()) storages_of(x, out);
}

std::string render(const Value &v, const std::set<uint64_t> &inputs) {
  if (v.is_tensor()) return v.str() + (inputs.count(v.meta().storage) ? " alias" : "");
  if (v.is_sequence()) {
    std::string s = v.kind == Value::Kind::List ? "[" : "(";
    for (size_t i = 0; i < v.list().size(); ++i) s += (i ? ", " : "") + render(v.list()[i], inputs);
    return s + (v.kind == Value::Kind::List ? "]" : ")");
  }
  return v.str();
}

// The guards and runtime asserts recorded so far, as " guards=[...]" and
// " asserts=[...]" (nothing when there are none).
std::string recorded(const ShapeEnv &env) {
  std::string s;
  if (!env.guards().empty()) {
    s += " guards=[";
    for (size_t i = 0; i < env.guards().size(); ++i) s += (i ? ", " : "") + env.guards()[i].expr.str();
    s += "]";
  }
  if (!env.runtime_asserts().empty()) {
    s += " asserts=[";
    for (size_t i = 0; i < env.runtime_asserts().size(); ++i)
      s += (i ? ", " : "") + env.runtime_asserts()[i].expr.str();
    s += "]";
  }
  return s;
}

std::string error_text(const RuleError &e) {
  return "error " + e.where().substr(0, e.where().find(':')) + ": " + e.detail();
}

// Runs the row's op against `env` and renders the result (or the error).
std::string run(ShapeEnv &env, const char *op, const CallArgs &args) {
  std::set<uint64_t> inputs;
  for (const Value &v : args.positional) storages_of(v, inputs);
  for (const auto &kv : args.named) storages_of(kv.second, inputs);
  try {
    Value out = registry().call(env, op, args);
    return render(out, inputs) + recorded(env);
  } catch (const RuleError &e) {
    return error_text(e);
  }
}

// PyTorch's text of an expression, re-read and printed by symshape: equal
// expressions PyTorch prints in another (unsimplified) form compare equal;
// different expressions still differ.
std::string canon_expr(const std::string &text) { return parse_expr(text).str(); }

std::string canon_list(const std::string &text) {
  std::vector<Expr> es = exprs(text);
  std::string s = "[";
  for (size_t i = 0; i < es.size(); ++i) s += (i ? ", " : "") + es[i].str();
  return s + "]";
}

// The expected text with every expression in symshape's printed form.
std::string canon(const std::string &want) {
  if (want.rfind("error ", 0) == 0) return want;
  std::string out;
  size_t i = 0;
  if (want[0] != 'T' && want[0] != '(' && want[0] != '[') { // a scalar: expr [guards=...]
    i = std::min(want.find(" guards="), want.size());
    out = canon_expr(want.substr(0, i));
  }
  while (i < want.size()) {
    size_t best = std::string::npos, len = 0;
    for (const char *key : {"sizes=[", "strides=[", "guards=[", "asserts=[", "storage_offset="}) {
      size_t at = want.find(key, i);
      if (at < best) best = at, len = std::string(key).size();
    }
    if (best == std::string::npos) {
      out += want.substr(i);
      break;
    }
    out += want.substr(i, best + len - i);
    size_t start = best + len;
    if (want[start - 1] == '[') { // a bracketed list up to its matching ']'
      int depth = 1;
      size_t end = start;
      while (depth > 0) depth += (want[end] == '[') - (want[end] == ']'), ++end;
      out.pop_back();
      out += canon_list(want.substr(start - 1, end - start + 1));
      i = end;
    } else {
      size_t end = want.find(", dtype=", start);
      out += canon_expr(want.substr(start, end - start));
      i = end;
    }
  }
  return out;
}

// "error rules/x.py: text" matches an error raised in rules/x.py whose
// message contains `text`; anything else must match exactly.
void check_rows(const std::vector<Row> &rows) {
  for (const Row &r : rows) {
    ShapeEnv env;
    declare(env, r.symbols);
    std::string got = run(env, r.op, r.args);
    INFO(r.op << " with " << (r.args.positional.empty() ? std::string() : r.args.positional[0].str()));
    if (r.want.rfind("error ", 0) == 0) {
      size_t colon = r.want.find(": ");
      CHECK(got.rfind(r.want.substr(0, colon) + ":", 0) == 0);
      CHECK_THAT(got, Catch::Contains(r.want.substr(colon + 2)));
    } else {
      CHECK(got == canon(r.want));
    }
  }
}

} // namespace

// Checked against PyTorch 2.6 fake tensors.
TEST_CASE("core_math rules match PyTorch 2.6", "[core_ops][core_math]") {
  std::vector<Row> rows = {
    {"aten.acos.default", "s0=4", {{T("[s0, 3]", "[3, 1]")}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32)"},
    {"aten.acosh.default", "s0=4", {{T("[s0, 3]", "[3, 1]")}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32)"},
    {"aten.asin.default", "s0=4", {{T("[s0, 3]", "[3, 1]")}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32)"},
    {"aten.asinh.default", "s0=4", {{T("[s0, 3]", "[3, 1]")}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32)"},
    {"aten.atan.default", "s0=4", {{T("[s0, 3]", "[3, 1]")}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32)"},
    {"aten.atanh.default", "s0=4", {{T("[s0, 3]", "[3, 1]")}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32)"},
    {"aten.cosh.default", "s0=4", {{T("[s0, 3]", "[3, 1]")}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32)"},
    {"aten.sinh.default", "s0=4", {{T("[s0, 3]", "[3, 1]")}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32)"},
    {"aten.tan.default", "s0=4", {{T("[s0, 3]", "[3, 1]")}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32)"},
    {"aten.expm1.default", "s0=4", {{T("[s0, 3]", "[3, 1]")}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32)"},
    {"aten.log10.default", "s0=4", {{T("[s0, 3]", "[3, 1]")}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32)"},
    {"aten.log1p.default", "s0=4", {{T("[s0, 3]", "[3, 1]")}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32)"},
    {"aten.log2.default", "s0=4", {{T("[s0, 3]", "[3, 1]")}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32)"},
    {"aten.acos.default", "", {{T("[3, 4]", "[1, 3]", "int64")}, {}},
     "Tensor(sizes=[3, 4], strides=[1, 3], dtype=float32)"},
    {"aten.log1p.default", "", {{T("[2, 3]", "[3, 1]", "float16")}, {}},
     "Tensor(sizes=[2, 3], strides=[3, 1], dtype=float16)"},
    {"aten.tan.default", "", {{T("[2, 3, 4, 5]", "[60, 1, 15, 3]")}, {}},
     "Tensor(sizes=[2, 3, 4, 5], strides=[60, 1, 15, 3], dtype=float32)"},
    {"aten.atan2.default", "s0=4", {{T("[s0, 3]", "[3, 1]"), T("[3]", "[1]", "int64")}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32)"},
    {"aten.atan2.default", "", {{T("[4, 3]", "[3, 1]", "int32"), T("[4, 3]", "[3, 1]", "int64")}, {}},
     "Tensor(sizes=[4, 3], strides=[3, 1], dtype=float32)"},
    {"aten.atan2.default", "", {{T("[4, 3]", "[3, 1]"), T("[5, 3]", "[3, 1]")}, {}},
     "error rules/core_math.py: Attempting to broadcast a dimension of length 5 at -2! Mismatching argument at index 1 had torch.Size([5, 3]); but expected shape should be broadcastable to [4, 3]"},
    {"aten.atan2.out", "s0=4", {{T("[s0, 3]", "[3, 1]"), T("[3]", "[1]")}, {{"out", T("[s0, 3]", "[3, 1]")}}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32) alias"},
    {"aten.atan2.out", "", {{T("[4, 3]", "[3, 1]"), T("[3]", "[1]")}, {{"out", T("[0]", "[1]")}}},
     "Tensor(sizes=[4, 3], strides=[3, 1], dtype=float32) alias"},
    {"aten.atan2.out", "", {{T("[4, 3]", "[3, 1]"), T("[3]", "[1]")}, {{"out", T("[4, 3]", "[3, 1]", "int64")}}},
     "error rules/core_math.py: Attempting to cast from torch.float32 to out tensor with dtype torch.int64, but this can't be cast because it is not safe!"},
    {"aten.bitwise_and.Tensor", "s0=4", {{T("[s0, 3]", "[3, 1]", "int32"), T("[3]", "[1]", "int64")}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=int64)"},
    {"aten.bitwise_and.Scalar", "s0=4", {{T("[s0, 3]", "[3, 1]", "bool"), I(3)}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=int64)"},
    {"aten.bitwise_or.Tensor", "s0=4", {{T("[s0, 3]", "[3, 1]", "int32"), T("[3]", "[1]", "int64")}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=int64)"},
    {"aten.bitwise_or.Scalar", "s0=4", {{T("[s0, 3]", "[3, 1]", "bool"), I(3)}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=int64)"},
    {"aten.bitwise_xor.Tensor", "s0=4", {{T("[s0, 3]", "[3, 1]", "int32"), T("[3]", "[1]", "int64")}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=int64)"},
    {"aten.bitwise_xor.Scalar", "s0=4", {{T("[s0, 3]", "[3, 1]", "bool"), I(3)}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=int64)"},
    {"aten.bitwise_and.Tensor", "", {{T("[4, 3]", "[3, 1]", "bool"), T("[4, 3]", "[3, 1]", "bool")}, {}},
     "Tensor(sizes=[4, 3], strides=[3, 1], dtype=bool)"},
    {"aten.bitwise_and.Tensor", "", {{T("[4, 3]", "[3, 1]"), T("[4, 3]", "[3, 1]")}, {}},
     "Tensor(sizes=[4, 3], strides=[3, 1], dtype=float32)"},
    {"aten.bitwise_or.Scalar", "", {{T("[4, 3]", "[3, 1]", "int32"), B(true)}, {}},
     "Tensor(sizes=[4, 3], strides=[3, 1], dtype=int32)"},
    {"aten.bitwise_xor.Tensor", "", {{T("[4, 3]", "[3, 1]", "int64"), T("[5, 3]", "[3, 1]", "int64")}, {}},
     "error rules/core_math.py: Attempting to broadcast a dimension of length 5 at -2! Mismatching argument at index 1 had torch.Size([5, 3]); but expected shape should be broadcastable to [4, 3]"},
    {"aten.clamp.Tensor", "s0=4", {{T("[s0, 3]", "[3, 1]"), T("[3]", "[1]", "float64"), N()}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float64)"},
    {"aten.clamp.Tensor", "s0=4 s1=5", {{T("[s0, 1]", "[1, 1]", "int32"), N(), T("[1, s1]", "[s1, 1]", "int64")}, {}},
     "Tensor(sizes=[s0, s1], strides=[s1, 1], dtype=int64)"},
    {"aten.clamp.Tensor", "", {{T("[4, 3]", "[3, 1]"), T("[3]", "[1]"), T("[4, 1]", "[1, 1]")}, {}},
     "Tensor(sizes=[4, 3], strides=[3, 1], dtype=float32)"},
    {"aten.clamp.Tensor", "", {{T("[4, 3]", "[3, 1]"), N(), N()}, {}},
     "error rules/core_math.py: clamp called but both min and max are none!"},
    {"aten.div.Tensor_mode", "s0=4", {{T("[s0, 3]", "[3, 1]", "int32"), T("[3]", "[1]", "int64")}, {{"rounding_mode", Str("floor")}}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=int64)"},
    {"aten.div.Tensor_mode", "s0=4", {{T("[s0, 3]", "[3, 1]", "int32"), T("[3]", "[1]", "int64")}, {{"rounding_mode", N()}}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32)"},
    {"aten.div.Tensor_mode", "", {{T("[4, 3]", "[3, 1]"), T("[3]", "[1]")}, {{"rounding_mode", Str("trunc")}}},
     "Tensor(sizes=[4, 3], strides=[3, 1], dtype=float32)"},
    {"aten.div.Tensor_mode", "", {{T("[4, 3]", "[3, 1]"), T("[3]", "[1]")}, {{"rounding_mode", Str("round")}}},
     "error rules/core_math.py: div expected rounding_mode to be one of None, 'trunc', or 'floor' but found round."},
    {"aten.div.Scalar_mode", "s0=4", {{T("[s0, 3]", "[3, 1]", "int64"), I(2)}, {{"rounding_mode", Str("trunc")}}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=int64)"},
    {"aten.div.Scalar_mode", "", {{T("[4, 3]", "[3, 1]", "int64"), F(2.5)}, {{"rounding_mode", Str("floor")}}},
     "Tensor(sizes=[4, 3], strides=[3, 1], dtype=float32)"},
    {"aten.div.Scalar_mode", "", {{T("[4, 3]", "[3, 1]", "int64"), I(2)}, {{"rounding_mode", N()}}},
     "Tensor(sizes=[4, 3], strides=[3, 1], dtype=float32)"},
    {"aten.hardtanh.default", "s0=4", {{T("[s0, 3]", "[3, 1]")}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32)"},
    {"aten.hardtanh.default", "", {{T("[4, 3]", "[3, 1]", "int64"), I(-2), I(2)}, {}},
     "Tensor(sizes=[4, 3], strides=[3, 1], dtype=int64)"},
    {"aten.hardtanh.default", "", {{T("[2, 3, 4, 5]", "[60, 1, 15, 3]"), F(0.0), F(6.0)}, {}},
     "Tensor(sizes=[2, 3, 4, 5], strides=[60, 1, 15, 3], dtype=float32)"},
    {"aten.leaky_relu.default", "s0=4", {{T("[s0, 3]", "[3, 1]")}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32)"},
    {"aten.leaky_relu.default", "", {{T("[3, 4]", "[1, 3]"), F(0.2)}, {}},
     "Tensor(sizes=[3, 4], strides=[1, 3], dtype=float32)"},
    {"aten.logical_xor.default", "s0=4", {{T("[s0, 3]", "[3, 1]"), T("[3]", "[1]", "int64")}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=bool)"},
    {"aten.logical_xor.default", "", {{T("[4, 3]", "[3, 1]"), T("[2, 3]", "[3, 1]")}, {}},
     "error rules/core_math.py: Attempting to broadcast a dimension of length 2 at -2! Mismatching argument at index 1 had torch.Size([2, 3]); but expected shape should be broadcastable to [4, 3]"},
    {"aten.pow.Scalar", "s0=4", {{I(2), T("[s0, 3]", "[3, 1]", "int64")}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=int64)"},
    {"aten.pow.Scalar", "s0=4", {{F(2.5), T("[s0, 3]", "[3, 1]", "int64")}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32)"},
    {"aten.pow.Scalar", "", {{I(2), T("[3, 4]", "[1, 3]", "float16")}, {}},
     "Tensor(sizes=[3, 4], strides=[1, 3], dtype=float16)"},
  };
  check_rows(rows);
}

// Checked against PyTorch 2.6 fake tensors.
TEST_CASE("core_misc rules match PyTorch 2.6", "[core_ops][core_misc]") {
  std::vector<Row> rows = {
    {"aten.any.default", "s0=4", {{T("[s0, 3]", "[3, 1]")}, {}},
     "Tensor(sizes=[], strides=[], dtype=bool)"},
    {"aten.any.default", "", {{T("[4, 3]", "[3, 1]", "uint8")}, {}},
     "Tensor(sizes=[], strides=[], dtype=uint8)"},
    {"aten.any.dim", "s0=4", {{T("[s0, 3]", "[3, 1]"), I(1)}, {}},
     "Tensor(sizes=[s0], strides=[1], dtype=bool)"},
    {"aten.any.dim", "s0=4", {{T("[s0, 3]", "[3, 1]", "uint8"), I(0), B(true)}, {}},
     "Tensor(sizes=[1, 3], strides=[3, 1], dtype=uint8)"},
    {"aten.any.dim", "", {{T("[4, 3]", "[3, 1]"), I(2)}, {}},
     "error rules/prelude.py: Dimension out of range (expected to be in range of [-2, 1], but got 2)"},
    {"aten.any.dims", "s0=4", {{T("[s0, 3, 5]", "[15, 5, 1]"), L({I(0), I(2)})}, {}},
     "Tensor(sizes=[3], strides=[1], dtype=bool)"},
    {"aten.any.dims", "", {{T("[4, 3, 5]", "[15, 5, 1]"), N(), B(true)}, {}},
     "Tensor(sizes=[1, 1, 1], strides=[1, 1, 1], dtype=bool)"},
    {"aten.any.dims", "", {{T("[4, 3, 5]", "[15, 5, 1]"), L({}), B(false)}, {}},
     "Tensor(sizes=[4, 3, 5], strides=[15, 5, 1], dtype=bool)"},
    {"aten.argmax.default", "s0=4", {{T("[s0, 3]", "[3, 1]")}, {}},
     "Tensor(sizes=[], strides=[], dtype=int64)"},
    {"aten.argmax.default", "s0=4", {{T("[s0, 3]", "[3, 1]"), I(1), B(true)}, {}},
     "Tensor(sizes=[s0, 1], strides=[1, 1], dtype=int64)"},
    {"aten.argmax.default", "", {{T("[0, 3]", "[3, 1]")}, {}},
     "error rules/core_misc.py: argmax: Expected reduction dim to be specified for input.numel() == 0."},
    {"aten.argmax.default", "", {{T("[0, 3]", "[3, 1]"), I(1)}, {}},
     "Tensor(sizes=[0], strides=[1], dtype=int64)"},
    {"aten.argmax.default", "", {{T("[0, 3]", "[3, 1]"), I(0)}, {}},
     "error rules/core_misc.py: argmax: Expected reduction dim 0 to have non-zero size."},
    {"aten.argmin.default", "s0=4", {{T("[s0, 3]", "[3, 1]"), I(0)}, {}},
     "Tensor(sizes=[3], strides=[1], dtype=int64)"},
    {"aten.argmin.default", "", {{T("[4, 3]", "[3, 1]"), N(), B(true)}, {}},
     "Tensor(sizes=[1, 1], strides=[1, 1], dtype=int64)"},
    {"aten.argmin.default", "", {{T("[]", "[]"), I(0)}, {}},
     "Tensor(sizes=[], strides=[], dtype=int64)"},
    {"aten.max.dim", "s0=4", {{T("[s0, 3]", "[3, 1]"), I(1)}, {}},
     "(Tensor(sizes=[s0], strides=[1], dtype=float32), Tensor(sizes=[s0], strides=[1], dtype=int64))"},
    {"aten.max.dim", "s0=4", {{T("[s0, 3]", "[3, 1]", "int32"), I(0), B(true)}, {}},
     "(Tensor(sizes=[1, 3], strides=[3, 1], dtype=int32), Tensor(sizes=[1, 3], strides=[3, 1], dtype=int64))"},
    {"aten.max.dim", "", {{T("[0, 3]", "[3, 1]"), I(0)}, {}},
     "(Tensor(sizes=[3], strides=[1], dtype=float32), Tensor(sizes=[3], strides=[1], dtype=int64))"},
    {"aten.max.dim", "", {{T("[0, 3]", "[3, 1]"), I(1)}, {}},
     "(Tensor(sizes=[0], strides=[1], dtype=float32), Tensor(sizes=[0], strides=[1], dtype=int64))"},
    {"aten.max.dim", "", {{T("[]", "[]"), I(0)}, {}},
     "(Tensor(sizes=[], strides=[], dtype=float32), Tensor(sizes=[], strides=[], dtype=int64))"},
    {"aten.min.dim", "s0=4", {{T("[s0, 3]", "[3, 1]"), I(-1)}, {}},
     "(Tensor(sizes=[s0], strides=[1], dtype=float32), Tensor(sizes=[s0], strides=[1], dtype=int64))"},
    {"aten.min.dim", "", {{T("[3, 4]", "[1, 3]"), I(0), B(true)}, {}},
     "(Tensor(sizes=[1, 4], strides=[4, 1], dtype=float32), Tensor(sizes=[1, 4], strides=[4, 1], dtype=int64))"},
    {"aten.prod.default", "s0=4", {{T("[s0, 3]", "[3, 1]", "int32")}, {}},
     "Tensor(sizes=[], strides=[], dtype=int64)"},
    {"aten.prod.default", "", {{T("[4, 3]", "[3, 1]", "bool")}, {}},
     "Tensor(sizes=[], strides=[], dtype=int64)"},
    {"aten.prod.default", "", {{T("[4, 3]", "[3, 1]")}, {{"dtype", DT("float64")}}},
     "Tensor(sizes=[], strides=[], dtype=float64)"},
    {"aten.prod.dim_int", "s0=4", {{T("[s0, 3]", "[3, 1]"), I(0)}, {}},
     "Tensor(sizes=[3], strides=[1], dtype=float32)"},
    {"aten.prod.dim_int", "s0=4", {{T("[s0, 3]", "[3, 1]", "uint8"), I(1), B(true)}, {}},
     "Tensor(sizes=[s0, 1], strides=[1, 1], dtype=int64)"},
    {"aten.prod.dim_int", "", {{T("[4, 3]", "[3, 1]"), I(2)}, {}},
     "error rules/prelude.py: Dimension out of range (expected to be in range of [-2, 1], but got 2)"},
    {"aten.prod.dim_int", "", {{T("[4, 3]", "[3, 1]"), I(1)}, {{"dtype", DT("int32")}}},
     "Tensor(sizes=[4], strides=[1], dtype=int32)"},
    {"aten.var.dim", "s0=4", {{T("[s0, 3]", "[3, 1]"), L({I(1)})}, {}},
     "Tensor(sizes=[s0], strides=[1], dtype=float32)"},
    {"aten.var.dim", "s0=4", {{T("[s0, 3]", "[3, 1]"), N(), B(true), B(true)}, {}},
     "Tensor(sizes=[1, 1], strides=[1, 1], dtype=float32)"},
    {"aten.var.dim", "", {{T("[4, 3]", "[3, 1]", "complex64"), L({I(0)})}, {}},
     "Tensor(sizes=[3], strides=[1], dtype=float32)"},
    {"aten.var.dim", "", {{T("[4, 3]", "[3, 1]", "int64"), L({I(0)})}, {}},
     "Tensor(sizes=[3], strides=[1], dtype=int64)"},
    {"aten.var.dim", "", {{T("[4, 3]", "[3, 1]"), L({})}, {}},
     "Tensor(sizes=[], strides=[], dtype=float32)"},
    {"aten.var.correction", "s0=4", {{T("[s0, 3]", "[3, 1]")}, {}},
     "Tensor(sizes=[], strides=[], dtype=float32)"},
    {"aten.var.correction", "s0=4", {{T("[s0, 3, 5]", "[15, 5, 1]"), L({I(0), I(2)})}, {{"correction", I(0)}, {"keepdim", B(true)}}},
     "Tensor(sizes=[1, 3, 1], strides=[3, 1, 1], dtype=float32)"},
    {"aten.var.correction", "", {{T("[3, 4]", "[1, 3]"), L({I(1)})}, {}},
     "Tensor(sizes=[3], strides=[1], dtype=float32)"},
    {"aten.as_strided.default", "s0=4", {{T("[s0, 3]", "[3, 1]"), L({I(2), I(2)}), L({I(1), I(2)})}, {}},
     "Tensor(sizes=[2, 2], strides=[1, 2], dtype=float32) alias"},
    {"aten.as_strided.default", "s0=4", {{T("[s0, 3]", "[3, 1]"), L({E("s0"), I(2)}), L({I(1), E("s0")}), I(1)}, {}},
     "Tensor(sizes=[s0, 2], strides=[1, s0], storage_offset=1, dtype=float32) alias"},
    {"aten.as_strided.default", "", {{T("[4, 3]", "[3, 1]"), L({I(2), I(2)}), L({I(1)})}, {}},
     "error rules/core_misc.py: dimensionality of sizes (2) must match dimensionality of strides (1)"},
    {"aten.as_strided.default", "", {{T("[4, 3]", "[3, 1]"), L({I(2), I(2)}), L({I(1), I(1)}), I(-1)}, {}},
     "error rules/core_misc.py: Tensor: invalid storage offset -1"},
    {"aten.as_strided.default", "", {{T("[4, 3]", "[3, 1]"), L({I(20), I(2)}), L({I(1), I(1)})}, {}},
     "Tensor(sizes=[20, 2], strides=[1, 1], dtype=float32) alias"},
    {"aten.copy.default", "", {{T("[3, 4]", "[1, 3]"), T("[3, 4]", "[4, 1]")}, {}},
     "Tensor(sizes=[3, 4], strides=[1, 3], dtype=float32)"},
    {"aten.copy.default", "", {{T("[4, 3]", "[3, 1]"), T("[2, 3]", "[3, 1]")}, {}},
     "error rules/core_misc.py: expand: attempting to expand a dimension of length 2!"},
    {"aten.copy.default", "s0=4 s1=4", {{T("[s0, 3]", "[3, 1]"), T("[s1, 3]", "[3, 1]")}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32) guards=[Eq(s0, s1)]"},
    {"aten.fill.Scalar", "s0=4", {{T("[s0, 3]", "[3, 1]"), F(1.5)}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32)"},
    {"aten.fill.Scalar", "", {{T("[3, 4]", "[1, 3]", "int64"), I(2)}, {}},
     "Tensor(sizes=[3, 4], strides=[1, 3], dtype=int64)"},
    {"aten.fill.Scalar", "", {{T("[2, 3, 4, 5]", "[60, 1, 15, 3]"), I(0)}, {}},
     "Tensor(sizes=[2, 3, 4, 5], strides=[60, 1, 15, 3], dtype=float32)"},
    {"aten.flip.default", "s0=4", {{T("[s0, 3]", "[3, 1]"), L({I(0)})}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32)"},
    {"aten.flip.default", "", {{T("[3, 4]", "[1, 3]"), L({I(0), I(-1)})}, {}},
     "Tensor(sizes=[3, 4], strides=[1, 3], dtype=float32)"},
    {"aten.flip.default", "", {{T("[4, 3]", "[3, 1]"), L({I(0), I(0)})}, {}},
     "error rules/core_misc.py: duplicate value in the list of dims"},
    {"aten.flip.default", "", {{T("[4, 3]", "[3, 1]"), L({I(2)})}, {}},
     "error rules/prelude.py: Dimension out of range (expected to be in range of [-2, 1], but got 2)"},
    {"aten.diagonal.default", "s0=4 s1=3", {{T("[s0, s1]", "[s1, 1]")}, {}},
     "Tensor(sizes=[s1], strides=[s1 + 1], dtype=float32) alias guards=[s1 < s0]"},
    {"aten.diagonal.default", "s0=4 s1=3", {{T("[s0, s1]", "[s1, 1]"), I(1)}, {}},
     "Tensor(sizes=[s1 - 1], strides=[s1 + 1], storage_offset=1, dtype=float32) alias guards=[s1 - 1 < s0]"},
    {"aten.diagonal.default", "s0=4 s1=3", {{T("[s0, s1]", "[s1, 1]"), I(-1)}, {}},
     "Tensor(sizes=[s0 - 1], strides=[s1 + 1], storage_offset=s1, dtype=float32) alias guards=[s1 >= s0 - 1]"},
    {"aten.diagonal.default", "", {{T("[2, 3, 4]", "[12, 4, 1]"), I(0), I(-1), I(0)}, {}},
     "Tensor(sizes=[3, 2], strides=[4, 13], dtype=float32) alias"},
    {"aten.diagonal.default", "", {{T("[4, 3]", "[3, 1]"), I(5)}, {}},
     "Tensor(sizes=[0], strides=[4], dtype=float32) alias"},
    {"aten.diagonal.default", "", {{T("[4, 3]", "[3, 1]"), I(0), I(1), I(1)}, {}},
     "error rules/core_misc.py: diagonal dimensions cannot be identical 1, 1"},
    {"aten.select_scatter.default", "s0=4", {{T("[s0, 3]", "[3, 1]"), T("[3]", "[1]"), I(0), I(1)}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32)"},
    {"aten.select_scatter.default", "", {{T("[3, 4]", "[1, 3]"), T("[3]", "[1]"), I(1), I(0)}, {}},
     "Tensor(sizes=[3, 4], strides=[1, 3], dtype=float32)"},
    {"aten.slice_scatter.default", "s0=4", {{T("[s0, 3]", "[3, 1]"), T("[2, 3]", "[3, 1]"), I(0), I(0), I(2)}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32)"},
    {"aten.slice_scatter.default", "", {{T("[3, 4]", "[1, 3]"), T("[3, 2]", "[2, 1]"), I(1), I(0), I(4), I(2)}, {}},
     "Tensor(sizes=[3, 4], strides=[1, 3], dtype=float32)"},
    {"aten.masked_scatter.default", "s0=4", {{T("[s0, 3]", "[3, 1]"), T("[3]", "[1]", "bool"), T("[12]", "[1]")}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32)"},
    {"aten.masked_scatter.default", "", {{T("[3, 4]", "[1, 3]"), T("[3, 4]", "[4, 1]", "bool"), T("[12]", "[1]")}, {}},
     "Tensor(sizes=[3, 4], strides=[4, 1], dtype=float32)"},
    {"aten.masked_scatter.default", "", {{T("[3]", "[1]"), T("[4, 3]", "[3, 1]", "bool"), T("[12]", "[1]")}, {}},
     "Tensor(sizes=[4, 3], strides=[3, 1], dtype=float32)"},
    {"aten.masked_scatter.default", "", {{T("[4, 3]", "[3, 1]"), T("[4, 3]", "[3, 1]"), T("[12]", "[1]")}, {}},
     "error rules/core_misc.py: Mask must be bool or uint8"},
    {"aten.masked_scatter.default", "", {{T("[4, 3]", "[3, 1]"), T("[4, 3]", "[3, 1]", "bool"), T("[12]", "[1]", "float64")}, {}},
     "error rules/core_misc.py: masked_scatter: expected self and source to have same dtypes but got torch.float32 and torch.float64"},
    {"aten.scatter_reduce.two", "s0=4", {{T("[s0, 3]", "[3, 1]"), I(0), T("[2, 3]", "[3, 1]", "int64"), T("[2, 3]", "[3, 1]"), Str("sum")}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32)"},
    {"aten.scatter_reduce.two", "", {{T("[3, 4]", "[1, 3]"), I(1), T("[2, 3]", "[3, 1]", "int64"), T("[2, 3]", "[3, 1]"), Str("amax")}, {{"include_self", B(false)}}},
     "Tensor(sizes=[3, 4], strides=[4, 1], dtype=float32)"},
    {"aten.scatter_reduce.two", "", {{T("[4, 3]", "[3, 1]"), I(0), T("[2, 3]", "[3, 1]", "int64"), T("[2, 3]", "[3, 1]"), Str("foo")}, {}},
     "error rules/core_misc.py: reduce argument must be either sum, prod, mean, amax or amin."},
    {"aten.scatter_reduce.two", "", {{T("[4, 3]", "[3, 1]"), I(0), T("[2, 3]", "[3, 1]", "int32"), T("[2, 3]", "[3, 1]"), Str("sum")}, {}},
     "error rules/core_misc.py: scatter(): Expected dtype int64 for index"},
    {"aten.scatter_reduce.two", "", {{T("[4, 3]", "[3, 1]"), I(0), T("[2, 3]", "[3, 1]", "int64"), T("[2, 3]", "[3, 1]", "float64"), Str("sum")}, {}},
     "error rules/core_misc.py: scatter(): Expected self.dtype to be equal to src.dtype"},
    {"aten.empty_strided.default", "s0=4 s1=4", {{L({E("s0"), I(3)}), L({I(1), E("s1")})}, {}},
     "Tensor(sizes=[s0, 3], strides=[1, s1], dtype=float32)"},
    {"aten.empty_strided.default", "", {{L({I(4), I(3)}), L({I(1), I(4)})}, {{"dtype", DT("int64")}}},
     "Tensor(sizes=[4, 3], strides=[1, 4], dtype=int64)"},
    {"aten.rand.default", "s0=4", {{L({E("s0"), I(3)})}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32)"},
    {"aten.rand.default", "", {{L({I(4), I(3)})}, {{"dtype", DT("float64")}}},
     "Tensor(sizes=[4, 3], strides=[3, 1], dtype=float64)"},
    {"aten.randn.default", "s0=4", {{L({E("s0"), I(3)})}, {{"dtype", DT("float16")}}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float16)"},
    {"aten.randperm.default", "s0=5", {{E("s0")}, {}},
     "Tensor(sizes=[s0], strides=[1], dtype=int64)"},
    {"aten.randperm.default", "", {{I(5)}, {{"dtype", DT("int32")}}},
     "Tensor(sizes=[5], strides=[1], dtype=int32)"},
  };
  check_rows(rows);
}

// Checked against PyTorch 2.6 fake tensors.
TEST_CASE("core_nn rules match PyTorch 2.6", "[core_ops][core_nn]") {
  std::vector<Row> rows = {
    {"aten._adaptive_avg_pool2d_backward.default", "s0=2 s1=8 s2=8", {{T("[s0, 3, 2, 2]", "[12, 4, 2, 1]"), T("[s0, 3, s1, s2]", "[3*s1*s2, s1*s2, s2, 1]")}, {}},
     "Tensor(sizes=[s0, 3, s1, s2], strides=[3*s1*s2, s1*s2, s2, 1], dtype=float32)"},
    {"aten._adaptive_avg_pool2d_backward.default", "", {{T("[2, 3, 2, 2]", "[12, 1, 6, 3]"), T("[2, 3, 8, 8]", "[192, 1, 24, 3]")}, {}},
     "Tensor(sizes=[2, 3, 8, 8], strides=[192, 1, 24, 3], dtype=float32)"},
    {"aten._adaptive_avg_pool2d_backward.default", "", {{T("[3, 2, 2]", "[4, 2, 1]"), T("[3, 8, 8]", "[64, 8, 1]")}, {}},
     "Tensor(sizes=[3, 8, 8], strides=[64, 8, 1], dtype=float32)"},
    {"aten._adaptive_avg_pool2d_backward.default", "", {{T("[3, 2, 2]", "[4, 2, 1]", "float64"), T("[3, 8, 8]", "[64, 8, 1]")}, {}},
     "error rules/core_nn.py: expected dtype torch.float32 for `grad_output` but got dtype torch.float64"},
    {"aten._adaptive_avg_pool3d.default", "s0=2 s1=8", {{T("[s0, 3, s1, 8, 8]", "[192*s1, 64*s1, 64, 8, 1]"), L({I(2), I(2), I(2)})}, {}},
     "Tensor(sizes=[s0, 3, 2, 2, 2], strides=[24, 8, 4, 2, 1], dtype=float32)"},
    {"aten._adaptive_avg_pool3d.default", "", {{T("[3, 8, 8, 8]", "[512, 64, 8, 1]"), L({I(1), I(2), I(3)})}, {}},
     "Tensor(sizes=[3, 1, 2, 3], strides=[6, 6, 3, 1], dtype=float32)"},
    {"aten._adaptive_avg_pool3d.default", "", {{T("[8, 8, 8]", "[64, 8, 1]"), L({I(1), I(2), I(3)})}, {}},
     "error rules/core_nn.py: Expected 4D or 5D tensor, but got torch.Size([8, 8, 8])"},
    {"aten._cdist_forward.default", "s0=2 s1=5 s2=7", {{T("[s0, s1, 3]", "[3*s1, 3, 1]"), T("[s2, 3]", "[3, 1]"), F(2.0), N()}, {}},
     "Tensor(sizes=[s0, s1, s2], strides=[s1*s2, s2, 1], dtype=float32)"},
    {"aten._cdist_forward.default", "", {{T("[5, 3]", "[3, 1]"), T("[7, 4]", "[4, 1]"), F(2.0), N()}, {}},
     "error rules/core_nn.py: X1 and X2 must have the same number of columns. X1: 3 X2: 4"},
    {"aten._cdist_forward.default", "", {{T("[5, 3]", "[3, 1]", "int64"), T("[7, 3]", "[3, 1]", "int64"), F(2.0), N()}, {}},
     "error rules/core_nn.py: cdist only supports floating-point dtypes, X1 got: {x1.dtype}"},
    {"aten._pdist_forward.default", "s0=5", {{T("[s0, 3]", "[3, 1]")}, {}},
     "Tensor(sizes=[((s0*(s0 - 1))//2)], strides=[1], dtype=float32)"},
    {"aten._pdist_forward.default", "", {{T("[1, 3]", "[3, 1]")}, {}},
     "Tensor(sizes=[0], strides=[1], dtype=float32)"},
    {"aten._pdist_forward.default", "", {{T("[3, 5]", "[1, 3]")}, {}},
     "error rules/core_nn.py: _pdist_forward requires contiguous input"},
    {"aten._embedding_bag.default", "s0=10 s1=8 s2=4", {{T("[s0, 3]", "[3, 1]"), T("[s1]", "[1]", "int64"), T("[s2]", "[1]", "int64")}, {}},
     "(Tensor(sizes=[s2, 3], strides=[3, 1], dtype=float32), Tensor(sizes=[0], strides=[1], dtype=int64), Tensor(sizes=[s2], strides=[1], dtype=int64), Tensor(sizes=[s2], strides=[1], dtype=int64))"},
    {"aten._embedding_bag.default", "", {{T("[10, 3]", "[3, 1]"), T("[8]", "[1]", "int64"), T("[4]", "[1]", "int64"), B(false), I(1)}, {}},
     "(Tensor(sizes=[4, 3], strides=[3, 1], dtype=float32), Tensor(sizes=[8], strides=[1], dtype=int64), Tensor(sizes=[4], strides=[1], dtype=int64), Tensor(sizes=[4], strides=[1], dtype=int64))"},
    {"aten._embedding_bag.default", "", {{T("[10, 3]", "[3, 1]"), T("[8]", "[1]", "int64"), T("[4]", "[1]", "int32"), B(false), I(2), B(false), N(), B(true)}, {}},
     "(Tensor(sizes=[3, 3], strides=[3, 1], dtype=float32), Tensor(sizes=[8], strides=[1], dtype=int32), Tensor(sizes=[3], strides=[1], dtype=int32), Tensor(sizes=[3, 3], strides=[3, 1], dtype=int32))"},
    {"aten._embedding_bag.default", "", {{T("[10, 3]", "[3, 1]", "float64"), T("[8]", "[1]", "int64"), T("[4]", "[1]", "int64"), B(false), I(0), B(false), T("[8]", "[1]", "float64")}, {}},
     "(Tensor(sizes=[4, 3], strides=[3, 1], dtype=float64), Tensor(sizes=[8], strides=[1], dtype=int64), Tensor(sizes=[4], strides=[1], dtype=int64), Tensor(sizes=[4], strides=[1], dtype=int64))"},
    {"aten._embedding_bag.default", "", {{T("[10, 3]", "[3, 1]"), T("[8]", "[1]"), T("[4]", "[1]", "int64")}, {}},
     "error rules/core_nn.py: expected indices to be long or int, got torch.float32"},
    {"aten._native_batch_norm_legit.default", "s0=2 s1=5", {{T("[s0, 3, s1]", "[3*s1, s1, 1]"), T("[3]", "[1]"), T("[3]", "[1]"), T("[3]", "[1]"), T("[3]", "[1]"), B(true), F(0.1), F(1e-05)}, {}},
     "(Tensor(sizes=[s0, 3, s1], strides=[3*s1, s1, 1], dtype=float32), Tensor(sizes=[3], strides=[1], dtype=float32), Tensor(sizes=[3], strides=[1], dtype=float32))"},
    {"aten._native_batch_norm_legit.default", "", {{T("[2, 3, 4, 5]", "[60, 1, 15, 3]"), N(), N(), T("[3]", "[1]"), T("[3]", "[1]"), B(false), F(0.1), F(1e-05)}, {}},
     "(Tensor(sizes=[2, 3, 4, 5], strides=[60, 1, 15, 3], dtype=float32), Tensor(sizes=[0], strides=[1], dtype=float32), Tensor(sizes=[0], strides=[1], dtype=float32))"},
    {"aten._native_batch_norm_legit.default", "", {{T("[2, 3, 4, 5]", "[60, 20, 5, 1]", "float16"), N(), N(), T("[3]", "[1]"), T("[3]", "[1]"), B(true), F(0.1), F(1e-05)}, {}},
     "(Tensor(sizes=[2, 3, 4, 5], strides=[60, 20, 5, 1], dtype=float16), Tensor(sizes=[3], strides=[1], dtype=float16), Tensor(sizes=[3], strides=[1], dtype=float16))"},
    {"aten._native_batch_norm_legit.no_stats", "s0=2 s1=5", {{T("[s0, 3, s1]", "[3*s1, s1, 1]"), N(), N(), B(true), F(0.1), F(1e-05)}, {}},
     "(Tensor(sizes=[s0, 3, s1], strides=[3*s1, s1, 1], dtype=float32), Tensor(sizes=[3], strides=[1], dtype=float32), Tensor(sizes=[3], strides=[1], dtype=float32))"},
    {"aten._native_batch_norm_legit.no_stats", "", {{T("[2, 3, 4, 5]", "[60, 1, 15, 3]"), T("[3]", "[1]"), T("[3]", "[1]"), B(true), F(0.1), F(1e-05)}, {}},
     "(Tensor(sizes=[2, 3, 4, 5], strides=[60, 1, 15, 3], dtype=float32), Tensor(sizes=[3], strides=[1], dtype=float32), Tensor(sizes=[3], strides=[1], dtype=float32))"},
    {"aten.avg_pool2d_backward.default", "s0=2", {{T("[s0, 3, 4, 4]", "[48, 16, 4, 1]"), T("[s0, 3, 8, 8]", "[192, 64, 8, 1]"), L({I(2), I(2)}), L({I(2), I(2)}), L({I(0), I(0)}), B(false), B(true), N()}, {}},
     "Tensor(sizes=[s0, 3, 8, 8], strides=[192, 64, 8, 1], dtype=float32)"},
    {"aten.avg_pool2d_backward.default", "", {{T("[2, 3, 4, 4]", "[48, 1, 12, 3]"), T("[2, 3, 8, 8]", "[192, 1, 24, 3]"), L({I(2), I(2)}), L({}), L({I(0), I(0)}), B(false), B(true), N()}, {}},
     "Tensor(sizes=[2, 3, 8, 8], strides=[192, 1, 24, 3], dtype=float32)"},
    {"aten.avg_pool2d_backward.default", "", {{T("[2, 3, 5, 4]", "[60, 20, 4, 1]"), T("[2, 3, 8, 8]", "[192, 64, 8, 1]"), L({I(2), I(2)}), L({I(2), I(2)}), L({I(0), I(0)}), B(false), B(true), N()}, {}},
     "error rules/core_nn.py: Expected a tensor of dimension 4 and tensor.size[2] == 4, but got : dimension 4 and tensor.size[2] = 5"},
    {"aten.avg_pool3d.default", "s0=2 s1=8", {{T("[s0, 3, s1, 8, 8]", "[192*s1, 64*s1, 64, 8, 1]"), L({I(2), I(2), I(2)})}, {}},
     "Tensor(sizes=[s0, 3, (s1//2), 4, 4], strides=[48*((s1//2)), 16*((s1//2)), 16, 4, 1], dtype=float32) guards=[Eq(Mod(s1 - 2, 2), 0)]"},
    {"aten.avg_pool3d.default", "", {{T("[3, 8, 8, 8]", "[512, 64, 8, 1]"), L({I(3)}), L({I(2)}), L({I(1)}), B(true)}, {}},
     "Tensor(sizes=[3, 5, 5, 5], strides=[125, 25, 5, 1], dtype=float32)"},
    {"aten.avg_pool3d.default", "", {{T("[2, 3, 8, 8, 8]", "[1536, 512, 64, 8, 1]"), L({I(2), I(2)})}, {}},
     "error rules/core_nn.py: avg_pool3d: kernel_size must be a single int, or a tuple of three ints"},
    {"aten.avg_pool3d.default", "", {{T("[2, 3, 1, 8, 8]", "[192, 64, 64, 8, 1]"), L({I(2), I(2), I(2)})}, {}},
     "error rules/core_nn.py: input image (T: 1 H: 8 W: 8) smaller than kernel size (kT: 2 kH: 2 kW: 2)"},
    {"aten.max_pool3d_with_indices.default", "s0=2 s1=8", {{T("[s0, 3, s1, 8, 8]", "[192*s1, 64*s1, 64, 8, 1]"), L({I(2), I(2), I(2)})}, {}},
     "(Tensor(sizes=[s0, 3, (s1//2), 4, 4], strides=[48*((s1//2)), 16*((s1//2)), 16, 4, 1], dtype=float32), Tensor(sizes=[s0, 3, (s1//2), 4, 4], strides=[48*((s1//2)), 16*((s1//2)), 16, 4, 1], dtype=int64)) guards=[Eq(Mod(s1 - 2, 2), 0)]"},
    {"aten.max_pool3d_with_indices.default", "", {{T("[3, 9, 9, 9]", "[729, 81, 9, 1]"), L({I(3)}), L({I(2)}), L({I(1)}), L({I(2)}), B(true)}, {}},
     "(Tensor(sizes=[3, 4, 4, 4], strides=[64, 16, 4, 1], dtype=float32), Tensor(sizes=[3, 4, 4, 4], strides=[64, 16, 4, 1], dtype=int64))"},
    {"aten.max_pool3d_with_indices.default", "", {{T("[2, 3, 4, 5, 6]", "[360, 1, 90, 18, 3]"), L({I(2)})}, {}},
     "(Tensor(sizes=[2, 3, 2, 2, 3], strides=[36, 1, 18, 9, 3], dtype=float32), Tensor(sizes=[2, 3, 2, 2, 3], strides=[36, 1, 18, 9, 3], dtype=int64))"},
    {"aten.max_pool3d_with_indices.default", "", {{T("[2, 3, 8, 8, 8]", "[1536, 512, 64, 8, 1]"), L({I(2)}), L({}), L({I(2)})}, {}},
     "error rules/prelude.py: pad should be at most half of effective kernel size, but got pad=2, kernel_size=2 and dilation=1"},
    {"aten.max_pool2d_with_indices_backward.default", "s0=2", {{T("[s0, 3, 4, 4]", "[48, 16, 4, 1]"), T("[s0, 3, 8, 8]", "[192, 64, 8, 1]"), L({I(2), I(2)}), L({I(2), I(2)}), L({I(0), I(0)}), L({I(1), I(1)}), B(false), T("[s0, 3, 4, 4]", "[48, 16, 4, 1]", "int64")}, {}},
     "Tensor(sizes=[s0, 3, 8, 8], strides=[192, 64, 8, 1], dtype=float32)"},
    {"aten.max_pool2d_with_indices_backward.default", "", {{T("[2, 3, 4, 4]", "[48, 1, 12, 3]"), T("[2, 3, 8, 8]", "[192, 1, 24, 3]"), L({I(2), I(2)}), L({I(2), I(2)}), L({I(0), I(0)}), L({I(1), I(1)}), B(false), T("[2, 3, 4, 4]", "[48, 1, 12, 3]", "int64")}, {}},
     "Tensor(sizes=[2, 3, 8, 8], strides=[192, 1, 24, 3], dtype=float32)"},
    {"aten.max_pool2d_with_indices_backward.default", "", {{T("[2, 3, 4, 4]", "[48, 16, 4, 1]", "float64"), T("[2, 3, 8, 8]", "[192, 64, 8, 1]"), L({I(2), I(2)}), L({I(2), I(2)}), L({I(0), I(0)}), L({I(1), I(1)}), B(false), T("[2, 3, 4, 4]", "[48, 16, 4, 1]", "int64")}, {}},
     "error rules/core_nn.py: Expected dtype torch.float32 for `gradOutput` but got dtype torch.float64"},
    {"aten.col2im.default", "s0=2", {{T("[s0, 12, 9]", "[108, 9, 1]"), L({I(4), I(4)}), L({I(2), I(2)}), L({I(1), I(1)}), L({I(0), I(0)}), L({I(1), I(1)})}, {}},
     "Tensor(sizes=[s0, 3, 4, 4], strides=[48, 16, 4, 1], dtype=float32)"},
    {"aten.col2im.default", "", {{T("[12, 4]", "[4, 1]"), L({I(4), I(4)}), L({I(2), I(2)}), L({I(1), I(1)}), L({I(0), I(0)}), L({I(2), I(2)})}, {}},
     "Tensor(sizes=[3, 4, 4], strides=[16, 4, 1], dtype=float32)"},
    {"aten.col2im.default", "", {{T("[12, 5]", "[5, 1]"), L({I(4), I(4)}), L({I(2), I(2)}), L({I(1), I(1)}), L({I(0), I(0)}), L({I(2), I(2)})}, {}},
     "error rules/core_nn.py: Given output_size=[4, 4], kernel_size=[2, 2], dilation=[1, 1], padding=[0, 0], stride=[2, 2], expected input.size(-1) to be 4 but got 5."},
    {"aten.convolution_backward.default", "s0=2", {{T("[s0, 8, 6, 6]", "[288, 36, 6, 1]"), T("[s0, 3, 8, 8]", "[192, 64, 8, 1]"), T("[8, 3, 3, 3]", "[27, 9, 3, 1]"), L({I(8)}), L({I(1), I(1)}), L({I(0), I(0)}), L({I(1), I(1)}), B(false), L({I(0), I(0)}), I(1), L({B(true), B(true), B(true)})}, {}},
     "(Tensor(sizes=[s0, 3, 8, 8], strides=[192, 64, 8, 1], dtype=float32), Tensor(sizes=[8, 3, 3, 3], strides=[27, 9, 3, 1], dtype=float32), Tensor(sizes=[8], strides=[1], dtype=float32)) guards=[s0 < 16]"},
    {"aten.convolution_backward.default", "", {{T("[2, 8, 6, 6]", "[288, 1, 48, 8]"), T("[2, 3, 8, 8]", "[192, 1, 24, 3]"), T("[8, 3, 3, 3]", "[27, 1, 9, 3]"), L({I(8)}), L({I(1), I(1)}), L({I(0), I(0)}), L({I(1), I(1)}), B(false), L({I(0), I(0)}), I(1), L({B(true), B(true), B(true)})}, {}},
     "(Tensor(sizes=[2, 3, 8, 8], strides=[192, 1, 24, 3], dtype=float32), Tensor(sizes=[8, 3, 3, 3], strides=[27, 1, 9, 3], dtype=float32), Tensor(sizes=[8], strides=[1], dtype=float32))"},
    {"aten.convolution_backward.default", "", {{T("[2, 8, 6]", "[48, 6, 1]"), T("[2, 3, 8]", "[24, 8, 1]"), T("[8, 3, 3]", "[9, 3, 1]"), L({I(8)}), L({I(1)}), L({I(0)}), L({I(1)}), B(false), L({I(0)}), I(1), L({B(true), B(true), B(true)})}, {}},
     "(Tensor(sizes=[2, 3, 8], strides=[24, 8, 1], dtype=float32), Tensor(sizes=[8, 3, 3], strides=[9, 3, 1], dtype=float32), Tensor(sizes=[8], strides=[1], dtype=float32))"},
    {"aten.embedding_dense_backward.default", "s0=4", {{T("[s0, 5, 3]", "[15, 3, 1]"), T("[s0, 5]", "[5, 1]", "int64"), I(10), I(-1), B(false)}, {}},
     "Tensor(sizes=[10, 3], strides=[3, 1], dtype=float32)"},
    {"aten.embedding_dense_backward.default", "", {{T("[4, 5, 3]", "[15, 3, 1]"), T("[3, 5]", "[5, 1]", "int64"), I(10), I(-1), B(false)}, {}},
     "error rules/core_math.py: Attempting to broadcast a dimension of length 4 at -3! Mismatching argument at index 1 had torch.Size([4, 5, 3]); but expected shape should be broadcastable to [3, 5, 3]"},
    {"aten.embedding_dense_backward.default", "s0=10", {{T("[4, 3]", "[3, 1]", "float16"), T("[4]", "[1]", "int64"), E("s0"), I(0), B(true)}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float16)"},
    {"aten.grid_sampler_2d.default", "s0=2 s1=5", {{T("[s0, 3, 8, 8]", "[192, 64, 8, 1]"), T("[s0, s1, 6, 2]", "[12*s1, 12, 2, 1]"), I(0), I(0), B(false)}, {}},
     "Tensor(sizes=[s0, 3, s1, 6], strides=[18*s1, 6*s1, 6, 1], dtype=float32)"},
    {"aten.grid_sampler_2d.default", "", {{T("[2, 3, 8, 8]", "[192, 1, 24, 3]"), T("[2, 5, 6, 2]", "[60, 12, 2, 1]"), I(1), I(1), B(true)}, {}},
     "Tensor(sizes=[2, 3, 5, 6], strides=[90, 30, 6, 1], dtype=float32)"},
    {"aten.grid_sampler_2d.default", "", {{T("[2, 3, 8, 8]", "[192, 64, 8, 1]", "float64"), T("[2, 5, 6, 2]", "[60, 12, 2, 1]", "float64"), I(2), I(2), B(true)}, {}},
     "Tensor(sizes=[2, 3, 5, 6], strides=[90, 30, 6, 1], dtype=float64)"},
    {"aten.native_dropout.default", "s0=4", {{T("[s0, 3]", "[3, 1]"), F(0.5), B(true)}, {}},
     "(Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32), Tensor(sizes=[s0, 3], strides=[3, 1], dtype=bool))"},
    {"aten.native_dropout.default", "", {{T("[3, 4]", "[1, 3]"), F(0.5), B(true)}, {}},
     "(Tensor(sizes=[3, 4], strides=[1, 3], dtype=float32), Tensor(sizes=[3, 4], strides=[1, 3], dtype=bool))"},
    {"aten.native_dropout.default", "", {{T("[4, 3]", "[3, 1]"), F(1.0), B(true)}, {}},
     "(Tensor(sizes=[4, 3], strides=[3, 1], dtype=float32), Tensor(sizes=[4, 3], strides=[3, 1], dtype=bool))"},
    {"aten.native_dropout.default", "", {{T("[4, 3]", "[3, 1]", "int64"), F(0.5), B(true)}, {}},
     "error rules/core_nn.py: result type Float can't be cast to the desired output type Long"},
    {"aten.native_group_norm_backward.default", "s0=2", {{T("[s0, 6, 5]", "[30, 5, 1]"), T("[s0, 6, 5]", "[30, 5, 1]"), T("[s0, 3]", "[3, 1]"), T("[s0, 3]", "[3, 1]"), T("[6]", "[1]"), E("s0"), I(6), I(5), I(3), L({B(true), B(true), B(true)})}, {}},
     "(Tensor(sizes=[s0, 6, 5], strides=[30, 5, 1], dtype=float32), Tensor(sizes=[6], strides=[1], dtype=float32), Tensor(sizes=[6], strides=[1], dtype=float32))"},
    {"aten.native_group_norm_backward.default", "", {{T("[2, 6, 4, 4]", "[96, 1, 24, 6]"), T("[2, 6, 4, 4]", "[96, 1, 24, 6]"), T("[2, 3]", "[3, 1]"), T("[2, 3]", "[3, 1]"), N(), I(2), I(6), I(16), I(3), L({B(true), B(true), B(true)})}, {}},
     "(Tensor(sizes=[2, 6, 4, 4], strides=[96, 1, 24, 6], dtype=float32), Tensor(sizes=[6], strides=[1], dtype=float32), Tensor(sizes=[6], strides=[1], dtype=float32))"},
    {"aten.native_layer_norm_backward.default", "s0=2", {{T("[s0, 5, 6]", "[30, 6, 1]"), T("[s0, 5, 6]", "[30, 6, 1]"), L({I(6)}), T("[s0, 5, 1]", "[5, 1, 1]"), T("[s0, 5, 1]", "[5, 1, 1]"), T("[6]", "[1]"), T("[6]", "[1]"), L({B(true), B(true), B(true)})}, {}},
     "(Tensor(sizes=[s0, 5, 6], strides=[30, 6, 1], dtype=float32), Tensor(sizes=[6], strides=[1], dtype=float32), Tensor(sizes=[6], strides=[1], dtype=float32))"},
    {"aten.native_layer_norm_backward.default", "", {{T("[3, 4]", "[1, 3]"), T("[3, 4]", "[1, 3]"), L({I(4)}), T("[3, 1]", "[1, 1]"), T("[3, 1]", "[1, 1]"), T("[4]", "[1]"), T("[4]", "[1]"), L({B(true), B(true), B(true)})}, {}},
     "(Tensor(sizes=[3, 4], strides=[4, 1], dtype=float32), Tensor(sizes=[4], strides=[1], dtype=float32), Tensor(sizes=[4], strides=[1], dtype=float32))"},
    {"aten.reflection_pad1d.default", "s0=2 s1=8", {{T("[s0, 3, s1]", "[3*s1, s1, 1]"), L({I(2), I(3)})}, {}},
     "Tensor(sizes=[s0, 3, s1 + 5], strides=[3*s1 + 15, s1 + 5, 1], dtype=float32) guards=[s1 > 2, s1 > 3]"},
    {"aten.reflection_pad1d.default", "", {{T("[3, 8]", "[8, 1]"), L({I(2), I(3)})}, {}},
     "Tensor(sizes=[3, 13], strides=[13, 1], dtype=float32)"},
    {"aten.reflection_pad1d.default", "", {{T("[3, 4]", "[4, 1]"), L({I(4), I(1)})}, {}},
     "error rules/core_nn.py: Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (4, 1) at dimension 1 of input torch.Size([3, 4])"},
    {"aten.reflection_pad2d.default", "s0=2 s1=8", {{T("[s0, 3, s1, 8]", "[24*s1, 8*s1, 8, 1]"), L({I(1), I(2), I(3), I(4)})}, {}},
     "Tensor(sizes=[s0, 3, s1 + 7, 11], strides=[33*s1 + 231, 11*s1 + 77, 11, 1], dtype=float32) guards=[s1 > 3, s1 > 4]"},
    {"aten.reflection_pad2d.default", "", {{T("[2, 3, 8, 8]", "[192, 1, 24, 3]"), L({I(1), I(1), I(1), I(1)})}, {}},
     "Tensor(sizes=[2, 3, 10, 10], strides=[300, 100, 10, 1], dtype=float32)"},
    {"aten.reflection_pad2d.default", "", {{T("[3, 8, 8]", "[64, 8, 1]"), L({I(1), I(1), I(8), I(1)})}, {}},
     "error rules/core_nn.py: Argument #6: Padding size should be less than the corresponding input dimension, but got: padding (8, 1) at dimension 1 of input torch.Size([3, 8, 8])"},
    {"aten.reflection_pad3d.default", "s0=2 s1=8", {{T("[s0, 3, 4, s1, 8]", "[96*s1, 32*s1, 8*s1, 8, 1]"), L({I(1), I(2), I(1), I(2), I(1), I(2)})}, {}},
     "Tensor(sizes=[s0, 3, 7, s1 + 3, 11], strides=[231*s1 + 693, 77*s1 + 231, 11*s1 + 33, 11, 1], dtype=float32) guards=[s1 > 2]"},
    {"aten.reflection_pad3d.default", "", {{T("[3, 4, 8, 8]", "[256, 64, 8, 1]"), L({I(1), I(1), I(1), I(1), I(1), I(1)})}, {}},
     "Tensor(sizes=[3, 6, 10, 10], strides=[600, 100, 10, 1], dtype=float32)"},
    {"aten.replication_pad2d.default", "s0=2 s1=8", {{T("[s0, 3, s1, 8]", "[24*s1, 8*s1, 8, 1]"), L({I(1), I(2), I(3), I(4)})}, {}},
     "Tensor(sizes=[s0, 3, s1 + 7, 11], strides=[33*s1 + 231, 11*s1 + 77, 11, 1], dtype=float32)"},
    {"aten.replication_pad2d.default", "", {{T("[3, 2, 2]", "[4, 2, 1]"), L({I(5), I(5), I(5), I(5)})}, {}},
     "Tensor(sizes=[3, 12, 12], strides=[144, 12, 1], dtype=float32)"},
    {"aten.replication_pad2d.default", "", {{T("[2, 3, 8, 8]", "[192, 1, 24, 3]"), L({I(1), I(1), I(1), I(1)})}, {}},
     "Tensor(sizes=[2, 3, 10, 10], strides=[300, 100, 10, 1], dtype=float32)"},
    {"aten.replication_pad3d.default", "s0=2 s1=8", {{T("[s0, 3, 4, s1, 8]", "[96*s1, 32*s1, 8*s1, 8, 1]"), L({I(1), I(2), I(1), I(2), I(1), I(2)})}, {}},
     "Tensor(sizes=[s0, 3, 7, s1 + 3, 11], strides=[231*s1 + 693, 77*s1 + 231, 11*s1 + 33, 11, 1], dtype=float32)"},
    {"aten.replication_pad3d.default", "", {{T("[3, 4, 8, 8]", "[256, 64, 8, 1]"), L({I(-1), I(0), I(0), I(0), I(0), I(0)})}, {}},
     "Tensor(sizes=[3, 4, 8, 7], strides=[224, 56, 7, 1], dtype=float32)"},
    {"aten.upsample_bilinear2d.vec", "s0=2 s1=8", {{T("[s0, 3, s1, 8]", "[24*s1, 8*s1, 8, 1]"), L({I(16), I(12)}), B(false), N()}, {}},
     "Tensor(sizes=[s0, 3, 16, 12], strides=[576, 192, 12, 1], dtype=float32)"},
    {"aten.upsample_bilinear2d.vec", "", {{T("[2, 3, 8, 8]", "[192, 1, 24, 3]"), N(), B(true), L({F(2.0), F(1.5)})}, {}},
     "Tensor(sizes=[2, 3, 16, 12], strides=[576, 1, 36, 3], dtype=float32)"},
    {"aten.upsample_bilinear2d.vec", "s0=2 s1=8", {{T("[s0, 3, s1, 8]", "[24*s1, 8*s1, 8, 1]"), N(), B(false), L({F(2.0), F(2.0)})}, {}},
     "Tensor(sizes=[s0, 3, 2*s1, 16], strides=[96*s1, 32*s1, 16, 1], dtype=float32)"},
    {"aten.upsample_bilinear2d.vec", "", {{T("[2, 3, 8, 8]", "[192, 64, 8, 1]"), N(), B(false), N()}, {}},
     "error rules/core_nn.py: Must specify exactly one of output_size and scale_factors"},
    {"aten.upsample_nearest1d.vec", "s0=2 s1=8", {{T("[s0, 3, s1]", "[3*s1, s1, 1]"), N(), L({F(2.0)})}, {}},
     "Tensor(sizes=[s0, 3, 2*s1], strides=[6*s1, 2*s1, 1], dtype=float32)"},
    {"aten.upsample_nearest1d.vec", "", {{T("[2, 3, 8]", "[24, 8, 1]"), L({I(5)}), N()}, {}},
     "Tensor(sizes=[2, 3, 5], strides=[15, 5, 1], dtype=float32)"},
    {"aten.upsample_nearest3d.vec", "s0=2 s1=8", {{T("[s0, 3, 4, s1, 8]", "[96*s1, 32*s1, 8*s1, 8, 1]"), N(), L({F(2.0), F(2.0), F(1.5)})}, {}},
     "Tensor(sizes=[s0, 3, 8, 2*s1, 12], strides=[576*s1, 192*s1, 24*s1, 12, 1], dtype=float32)"},
    {"aten.upsample_nearest3d.vec", "", {{T("[2, 3, 4, 4, 4]", "[192, 1, 48, 12, 3]"), L({I(5), I(6), I(7)}), N()}, {}},
     "Tensor(sizes=[2, 3, 5, 6, 7], strides=[630, 210, 42, 7, 1], dtype=float32)"},
    {"aten.upsample_linear1d.vec", "s0=2 s1=8", {{T("[s0, 3, s1]", "[3*s1, s1, 1]"), L({I(16)}), B(false), N()}, {}},
     "Tensor(sizes=[s0, 3, 16], strides=[48, 16, 1], dtype=float32)"},
    {"aten.upsample_trilinear3d.vec", "s0=2 s1=8", {{T("[s0, 3, 4, s1, 8]", "[96*s1, 32*s1, 8*s1, 8, 1]"), N(), B(true), L({F(2.0), F(2.0), F(2.0)})}, {}},
     "Tensor(sizes=[s0, 3, 8, 2*s1, 16], strides=[768*s1, 256*s1, 32*s1, 16, 1], dtype=float32)"},
    {"aten.upsample_trilinear3d.vec", "", {{T("[2, 3, 4, 4, 4]", "[192, 1, 48, 12, 3]"), L({I(5), I(6), I(7)}), B(false), N()}, {}},
     "Tensor(sizes=[2, 3, 5, 6, 7], strides=[630, 1, 126, 21, 3], dtype=float32)"},
    {"aten.upsample_bicubic2d.vec", "s0=2 s1=8", {{T("[s0, 3, s1, 8]", "[24*s1, 8*s1, 8, 1]"), L({I(16), I(12)}), B(false), N()}, {}},
     "Tensor(sizes=[s0, 3, 16, 12], strides=[576, 192, 12, 1], dtype=float32)"},
    {"aten.upsample_bicubic2d.vec", "", {{T("[2, 3, 8, 8]", "[192, 1, 24, 3]"), N(), B(true), L({F(2.0), F(1.5)})}, {}},
     "Tensor(sizes=[2, 3, 16, 12], strides=[576, 1, 36, 3], dtype=float32)"},
    {"aten.upsample_bicubic2d.vec", "", {{T("[2, 3, 8, 8]", "[192, 64, 8, 1]"), L({I(0), I(4)}), B(true), N()}, {}},
     "Tensor(sizes=[2, 3, 0, 4], strides=[12, 4, 4, 1], dtype=float32)"},
    {"aten.unfold.default", "s0=10", {{T("[s0, 3]", "[3, 1]"), I(0), I(4), I(2)}, {}},
     "Tensor(sizes=[((s0//2)) - 1, 3, 4], strides=[6, 1, 3], dtype=float32) alias guards=[s0 >= 4]"},
    {"aten.unfold.default", "", {{T("[4, 10]", "[1, 4]"), I(1), I(3), I(3)}, {}},
     "Tensor(sizes=[4, 3, 3], strides=[1, 12, 4], dtype=float32) alias"},
    {"aten.unfold.default", "", {{T("[]", "[]"), I(0), I(1), I(1)}, {}},
     "Tensor(sizes=[1], strides=[1], dtype=float32) alias"},
    {"aten.unfold.default", "", {{T("[4, 3]", "[3, 1]"), I(1), I(4), I(1)}, {}},
     "error rules/core_nn.py: Maximum size for tensor at dimension 1 is 3 but size is 4"},
    {"aten.unfold.default", "", {{T("[4, 3]", "[3, 1]"), I(1), I(2), I(0)}, {}},
     "error rules/core_nn.py: Step is 0 but must be > 0"},
  };
  check_rows(rows);
}
