// The rule registry: binding by schema, load-time checking, the language's
// semantics (via call_function on a test module), errors that name the
// place, native rules, and caching that keeps the guards of a cached call.
#include <catch2/catch.hpp>

#include "symshape/expr/parse.h"
#include "symshape/rules/registry.h"
#include "symshape/rules/syntax.h"

using symshape::Error;
using symshape::Expr;
using symshape::Int;
using symshape::ShapeEnv;
using symshape::ValueRange;
using symshape::Bound;
using symshape::rules::CallArgs;
using symshape::rules::CallOptions;
using symshape::rules::List;
using symshape::rules::RuleError;
using symshape::rules::RuleRegistry;
using symshape::rules::RuleSyntaxError;
using symshape::rules::TensorMeta;
using symshape::rules::Value;

namespace {

Value tensor_of(ShapeEnv &env, const std::string &name, const std::vector<Int> &sizes) {
  auto ts = env.create_tensor(name, sizes);
  TensorMeta t;
  t.sizes = ts.sizes;
  t.strides = ts.strides;
  t.storage_offset = ts.storage_offset;
  t.storage = symshape::rules::new_storage_id();
  return Value::of_tensor(std::move(t));
}

// A contiguous tensor of static sizes, with its own storage.
Value static_tensor(std::vector<long long> sizes) {
  TensorMeta m;
  for (long long v : sizes) m.sizes.push_back(Expr(v));
  m.strides = symshape::rules::product_strides(m.sizes);
  m.storage = symshape::rules::new_storage_id();
  return Value::of_tensor(std::move(m));
}

Value ints(std::initializer_list<long long> v) {
  List l;
  for (long long x : v) l.push_back(Value::of_int(Expr(x)));
  return Value::of_list(std::move(l));
}

std::string guards_of(const ShapeEnv &env) {
  std::string s;
  for (const auto &g : env.guards()) s += (s.empty() ? "" : "; ") + g.expr.str();
  return s;
}

// A module of small functions exercising the language.
const char *kLanguage = R"(
def arith(a: int, b: int):
    return [a + b, a - b, a * b, a // b, a % b, -a, a ** 2]

def floats(a: int):
    return [a / 2, float(a) * 1.5, int(7 / 2)]

def lists():
    xs = [1, 2, 3, 4, 5]
    ys = [x * 10 for x in xs if x % 2 == 1]
    xs.append(6)
    xs.insert(0, 0)
    last = xs.pop()
    return [xs[1:4], xs[::-2], xs[-1], ys, last, len(xs), sum(xs), xs.index(3), 3 in xs, 9 not in xs]

def control(n: int):
    total = 0
    i = 0
    while True:
        i += 1
        if i > n:
            break
        if i % 2 == 0:
            continue
        total += i
    return total

def unpack():
    a, (b, c) = 1, (2, 3)
    pairs = [(i, x) for i, x in enumerate([7, 8])]
    return [a, b, c, pairs, list(zip([1, 2], [3, 4])), list(reversed([1, 2, 3]))]

def strings(eq: str):
    lhs, rhs = eq.split("->")
    return [lhs.split(","), rhs, len(lhs), eq.replace(" ", ""), eq.find("->"), "ab" + "c", eq[0]]

def symbolic(a: int, b: int):
    return [a * 2 + b, sym_max(a, b), sym_min(a, 1), a == b, a < b]

def decide(a: int, b: int):
    if a < b:
        return "less"
    return "not less"

def chained(a: int):
    return 0 < a < 10

def recurse(n: int) -> int:
    return recurse(n + 1)

def bad_index():
    return [1, 2][5]

def defaults(a: int, b: int = 10, c: int = 20):
    return a + b + c

def booleq(a: int, b: int):
    return [(a < 0) != (b < 0), (a < 0) == (b < 0), (b < 0) == (b < 5), torch.sym_max(a, b), is_tensor(a)]
)";

} // namespace

TEST_CASE("rule language: values and control flow", "[rules][registry]") {
  RuleRegistry reg;
  reg.load(kLanguage, "lang.py");
  ShapeEnv env;
  Expr s0 = env.create_symbol(5, "a"), s1 = env.create_symbol(7, "b");
  struct Row {
    const char *fn;
    std::vector<Value> args;
    const char *expected;
  };
  const std::vector<Row> rows = {
      {"arith", {Value::of_int(7), Value::of_int(-2)}, "[5, 9, -14, -4, -1, -7, 49]"},
      {"arith", {Value::of_int(s0), Value::of_int(3)}, "[s0 + 3, s0 - 3, 3*s0, (s0//3), Mod(s0, 3), -s0, s0**2]"},
      {"floats", {Value::of_int(3)}, "[1.5, 4.5, 3]"},
      {"lists", {}, "[[1, 2, 3], [5, 3, 1], 5, [10, 30, 50], 6, 6, 15, 3, True, True]"},
      {"control", {Value::of_int(6)}, "9"},
      {"unpack", {}, "[1, 2, 3, [(0, 7), (1, 8)], [(1, 3), (2, 4)], [3, 2, 1]]"},
      {"strings", {Value::of_str("ij,jk -> ik")},
       "[['ij', 'jk '], ' ik', 6, 'ij,jk->ik', 6, 'abc', 'i']"},
      {"symbolic", {Value::of_int(s0), Value::of_int(s1)}, "[2*s0 + s1, Max(s0, s1), 1, Eq(s0, s1), s0 < s1]"},
      {"defaults", {Value::of_int(1)}, "31"},
      // bools compare by value, also when one side is symbolic
      {"booleq", {Value::of_int(s0), Value::of_int(-3)}, "[0 <= s0, s0 < 0, True, s0, False]"},
  };
  for (const Row &r : rows) {
    CAPTURE(r.fn);
    CHECK(reg.call_function(env, r.fn, r.args).str() == r.expected);
  }
  // No decision so far: values stayed symbolic.
  CHECK(env.guards().empty());
}

TEST_CASE("rule language: an `if` on a backed condition is a guard", "[rules][registry]") {
  RuleRegistry reg;
  reg.load(kLanguage, "lang.py");
  ShapeEnv env;
  Expr s0 = env.create_symbol(5, "a"), s1 = env.create_symbol(7, "b");
  CHECK(reg.call_function(env, "decide", {Value::of_int(s0), Value::of_int(s1)}).str() == "'less'");
  CHECK(guards_of(env) == "s0 < s1");
  // Chained comparisons decide each link.
  CHECK(reg.call_function(env, "chained", {Value::of_int(s0)}).str() == "True");
  CHECK(guards_of(env) == "s0 < s1; s0 < 10");
}

TEST_CASE("rule language: errors name file:line:column", "[rules][registry]") {
  RuleRegistry reg;
  reg.load(kLanguage, "lang.py");
  ShapeEnv env;
  struct Row {
    const char *fn;
    std::vector<Value> args;
    const char *where;
    const char *cause;
    const char *message;
  };
  Expr u0 = env.create_unbacked_int();
  const std::vector<Row> rows = {
      {"bad_index", {}, "lang.py:52:18", "index", "index 5 out of range for [1, 2]"},
      {"recurse", {Value::of_int(1)}, "lang.py:49:19", "limit", "recursion deeper than 200 calls in recurse()"},
      {"decide", {Value::of_int(u0), Value::of_int(3)}, "lang.py:41:5", "data_dependent",
       "Could not guard on data-dependent expression u0 < 3"},
      {"arith", {Value::of_int(1), Value::of_int(0)}, "lang.py:3:36", "zero_division", "division by zero"},
  };
  for (const Row &r : rows) {
    CAPTURE(r.fn);
    try {
      reg.call_function(env, r.fn, r.args);
      FAIL("no error");
    } catch (const RuleError &e) {
      CHECK(e.where() == r.where);
      CHECK(e.cause() == r.cause);
      CHECK_THAT(e.detail(), Catch::Contains(r.message));
    }
  }
}

TEST_CASE("rule files: mistakes are rejected at load with file:line:column", "[rules][registry]") {
  struct Row {
    const char *text;
    const char *message;
  };
  const std::vector<Row> rows = {
      {"def f(x):\n    return y\n", "bad.py:2:12: unknown name 'y'"},
      {"@rule(\"aten::mm(Tensor self, Tensor mat2) -> Tensor\")\ndef mm(self: Tensor, other: Tensor):\n    return self\n",
       "bad.py:2:1: rule mm() has no parameter 'mat2' for argument 2 of aten::mm"},
      {"@rule(\"aten::mm(Tensor self, Tensor mat2) -> Tensor\")\ndef mm(self: int, mat2: Tensor):\n    return self\n",
       "bad.py:2:8: parameter 'self' is annotated int but the schema says Tensor"},
      {"@rule(\"aten::mm(Tensor self, Tensor mat2) -> Tensor\")\ndef mm(self: Tensor, mat2: Tensor, k: int):\n    return self\n",
       "bad.py:2:36: parameter 'k' of mm() is not in aten::mm and has no default"},
      {"@rule(\"aten::mm(Tensor self Tensor mat2) -> Tensor\")\ndef mm(self, mat2):\n    return self\n",
       "bad.py:1:29: bad schema: expected ',' or ')' in the arguments, found 'Tensor'"},
      {"@cached\ndef f():\n    return 1\n", "bad.py:1:1: unknown decorator '@cached'"},
      {"def len(x):\n    return 0\n", "bad.py:1:1: 'len' is already defined"},
      {"def f(x, y=x):\n    return y\n", "bad.py:1:12: the default value of a parameter of f() cannot use 'x'"},
  };
  for (const Row &r : rows) {
    CAPTURE(r.text);
    RuleRegistry reg;
    size_t before = reg.rules().size();
    try {
      reg.load(r.text, "bad.py");
      FAIL("no error");
    } catch (const RuleSyntaxError &e) {
      CHECK(std::string(e.what()) == r.message);
    }
    CHECK(reg.rules().size() == before); // unchanged
  }
  // A failed load leaves earlier definitions usable and names reusable.
  RuleRegistry reg;
  CHECK_THROWS_AS(reg.load("def f():\n    return g()\n", "a.py"), RuleSyntaxError);
  reg.load("def f():\n    return 1\n", "b.py");
  ShapeEnv env;
  CHECK(reg.call_function(env, "f", {}).str() == "1");
}

TEST_CASE("binding follows the schema: positions, names, defaults", "[rules][registry]") {
  auto reg = RuleRegistry::standard();
  ShapeEnv env;
  Value x = tensor_of(env, "x", {4, 6});
  CHECK(reg->call(env, "aten.sum.dim_IntList", {{x, ints({1})}, {}}).str() ==
        "Tensor(sizes=[s0], strides=[1], dtype=float32)");
  CHECK(reg->call(env, "aten.sum.dim_IntList", {{x, ints({-1})}, {{"keepdim", Value::of_bool(true)}}}).str() ==
        "Tensor(sizes=[s0, 1], strides=[1, 1], dtype=float32)");
  // int[2] given one int repeats it (max_pool2d's kernel_size=2).
  Value img = tensor_of(env, "img", {2, 3, 8, 8});
  CHECK(reg->call(env, "aten.max_pool2d.default", {{img, Value::of_int(2)}, {}}).str() ==
        "Tensor(sizes=[s2, s3, (s4//2), (s4//2)], strides=[s3*((s4//2))**2, ((s4//2))**2, (s4//2), 1], dtype=float32)");
  struct Row {
    const char *op;
    CallArgs args;
    const char *cause;
    const char *message;
  };
  const std::vector<Row> rows = {
      {"aten.mm.default", {{x}, {}}, "binding", "aten.mm.default: missing argument 'mat2'"},
      {"aten.mm.default", {{x, x, x}, {}}, "binding", "aten.mm.default: takes 2 arguments but 3 were given"},
      {"aten.mm.default", {{x}, {{"other", x}}}, "binding", "aten.mm.default: unexpected argument 'other'"},
      {"aten.mm.default", {{x}, {{"self", x}}}, "binding", "aten.mm.default: argument 'self' given twice"},
      {"aten.add.Tensor", {{x, x, Value::of_int(2)}, {}}, "binding", "aten.add.Tensor: argument 'alpha' is keyword-only"},
      {"aten.frobnicate.default", {{x}, {}}, "unknown_op", "no rule for aten.frobnicate.default"},
  };
  for (const Row &r : rows) {
    CAPTURE(r.op);
    try {
      reg->call(env, r.op, r.args);
      FAIL("no error");
    } catch (const RuleError &e) {
      CHECK(e.cause() == r.cause);
      CHECK(std::string(e.what()) == r.message);
    }
  }
}

TEST_CASE("a failing rule names its file:line:column, the node and the arguments", "[rules][registry]") {
  auto reg = RuleRegistry::standard();
  ShapeEnv env;
  Value a = tensor_of(env, "a", {4, 6}), b = tensor_of(env, "b", {5, 7});
  try {
    reg->call(env, "aten.mm.default", {{a, b}, {}}, CallOptions{"mm_3", true});
    FAIL("no error");
  } catch (const RuleError &e) {
    CHECK(e.cause() == "check_failed");
    CHECK(e.node() == "mm_3");
    CHECK_THAT(e.where(), Catch::StartsWith("rules/linalg.py:"));
    CHECK_THAT(e.what(), Catch::Contains("aten.mm.default (node mm_3): "));
    CHECK_THAT(e.what(), Catch::Contains("a and b must have same reduction dim, but got [s0, s1] X [s2, s3]."));
    CHECK_THAT(e.what(), Catch::Contains("arguments: self=Tensor(sizes=[s0, s1]"));
  }
}

TEST_CASE("user rules and native rules; outputs are checked against the schema", "[rules][registry]") {
  auto reg = RuleRegistry::standard();
  reg->load("@rule(\"myns::double_rows(Tensor self) -> Tensor\")\n"
            "def double_rows(self: Tensor) -> Tensor:\n"
            "    return empty([self.size(0) * 2, self.size(1)], dtype=self.dtype)\n"
            "@rule(\"myns::leaky(Tensor self) -> Tensor\")\n"
            "def leaky(self: Tensor) -> Tensor:\n"
            "    return view_of(self, self.shape, self.stride())\n"
            "@rule(\"myns::pair(Tensor self) -> (Tensor, Tensor)\")\n"
            "def pair(self: Tensor):\n"
            "    return self\n",
            "user.py");
  reg->add_native("myns::rows(Tensor self) -> SymInt",
                  [](ShapeEnv &, const std::vector<Value> &args) { return Value::of_int(args[0].meta().sizes[0]); },
                  "registry_test.cpp");
  ShapeEnv env;
  Value x = tensor_of(env, "x", {4, 6});
  CHECK(reg->call(env, "myns.double_rows.default", {{x}, {}}).str() ==
        "Tensor(sizes=[2*s0, s1], strides=[s1, 1], dtype=float32)");
  CHECK(reg->call(env, "myns.rows.default", {{x}, {}}).str() == "s0");
  CHECK(reg->find("myns.rows.default")->where == "registry_test.cpp");
  CHECK(reg->find("myns.double_rows.default")->where == "user.py:2");
  CHECK_THROWS_WITH(reg->call(env, "myns.leaky.default", {{x}, {}}),
                    Catch::Contains("output 0 shares storage with 'self' but the schema does not let it alias"));
  CHECK_THROWS_WITH(reg->call(env, "myns.pair.default", {{x}, {}}),
                    Catch::Contains("but the schema returns 2 values"));
}

TEST_CASE("views share their input's storage; fresh outputs do not", "[rules][registry]") {
  auto reg = RuleRegistry::standard();
  ShapeEnv env;
  Value x = tensor_of(env, "x", {4, 6});
  Value t = reg->call(env, "aten.t.default", {{x}, {}});
  Value c = reg->call(env, "aten.clone.default", {{t}, {}});
  CHECK(t.meta().storage == x.meta().storage);
  CHECK(c.meta().storage != x.meta().storage);
  // clone preserves the transposed layout (non-overlapping and dense).
  CHECK(c.str() == "Tensor(sizes=[s1, s0], strides=[1, s1], dtype=float32)");
}

TEST_CASE("cache: hits replay the decisions, so a new ShapeEnv gets the same guards", "[rules][registry]") {
  auto reg = RuleRegistry::standard();
  auto run = [&](ShapeEnv &env, long long h0, long long h1) {
    Expr s0 = env.declare_symbol("s0", Int(h0), ValueRange::ints(Bound(2), Bound::pos_inf()));
    Expr s1 = env.declare_symbol("s1", Int(h1), ValueRange::ints(Bound(2), Bound::pos_inf()));
    TensorMeta a, b;
    a.sizes = {s0, Expr(3)};
    a.strides = {Expr(3), Expr(1)};
    b.sizes = {s1, Expr(3)};
    b.strides = {Expr(3), Expr(1)};
    a.storage = symshape::rules::new_storage_id();
    b.storage = symshape::rules::new_storage_id();
    return reg->call(env, "aten.add.Tensor", {{Value::of_tensor(a), Value::of_tensor(b)}, {}});
  };
  ShapeEnv e1;
  Value r1 = run(e1, 5, 5);
  CHECK(r1.str() == "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32)");
  CHECK(guards_of(e1) == "Eq(s0, s1)");
  CHECK(reg->cache_stats().misses == 1);
  CHECK(reg->cache_stats().hits == 0);

  ShapeEnv e2;
  Value r2 = run(e2, 5, 5);
  CHECK(r2.str() == r1.str());
  CHECK(reg->cache_stats().hits == 1);
  CHECK(guards_of(e2) == "Eq(s0, s1)"); // the cached call kept its guard
  CHECK(r2.meta().storage != r1.meta().storage); // fresh output, fresh storage

  // Different hints: the replayed check fails, the rule runs afresh and
  // reports the broadcast error with its place.
  ShapeEnv e3;
  CHECK_THROWS_WITH(run(e3, 5, 6), Catch::Contains("The size of tensor a (s0) must match the size of tensor b (s1)"));
  CHECK(reg->cache_stats().replays_failed == 1);
}

TEST_CASE("repeat_interleave and getitem", "[rules][registry]") {
  // Checked against PyTorch 2.6 fake tensors: repeat_interleave.Tensor gives
  // [u0] with u0 in [0, inf]; self_int multiplies (or flattens for dim=None).
  auto reg = RuleRegistry::standard();
  ShapeEnv env;
  TensorMeta r;
  r.sizes = {Expr(5)};
  r.strides = {Expr(1)};
  r.dtype = symshape::rules::ScalarType::Int64;
  r.storage = symshape::rules::new_storage_id();
  Value out = reg->call(env, "aten.repeat_interleave.Tensor", {{Value::of_tensor(r)}, {}});
  CHECK(out.str() == "Tensor(sizes=[u0], strides=[1], dtype=int64)");
  CHECK(env.bound(out.meta().sizes[0]).str() == "[0, inf]");
  CHECK(reg->call(env, "aten.repeat_interleave.Tensor", {{Value::of_tensor(r)}, {{"output_size", Value::of_int(7)}}}).str() ==
        "Tensor(sizes=[7], strides=[1], dtype=int64)");
  TensorMeta x;
  x.sizes = {Expr(4), Expr(3)};
  x.strides = {Expr(3), Expr(1)};
  x.storage = symshape::rules::new_storage_id();
  CHECK(reg->call(env, "aten.repeat_interleave.self_int", {{Value::of_tensor(x), Value::of_int(2), Value::of_int(0)}, {}}).str() ==
        "Tensor(sizes=[8, 3], strides=[3, 1], dtype=float32)");
  CHECK(reg->call(env, "aten.repeat_interleave.self_int", {{Value::of_tensor(x), Value::of_int(2)}, {}}).str() ==
        "Tensor(sizes=[24], strides=[1], dtype=float32)");
  CHECK(reg->call(env, "operator.getitem", {{Value::of_tuple({Value::of_int(3), Value::of_int(4)}), Value::of_int(1)}, {}})
            .str() == "4");
}

TEST_CASE("attention, lstm and batch-norm variants", "[rules][registry]") {
  // Expected values from PyTorch 2.6 fake tensors (static sizes).
  auto reg = RuleRegistry::standard();
  ShapeEnv env;
  auto t = static_tensor;
  Value q = t({2, 4, 5, 8}), k = t({2, 4, 7, 8}), v = t({2, 4, 7, 6});
  CHECK(reg->call(env, "aten.scaled_dot_product_attention.default", {{q, k, v}, {}}).str() ==
        "Tensor(sizes=[2, 4, 5, 6], strides=[120, 30, 6, 1], dtype=float32)");
  CHECK(reg->call(env, "aten._scaled_dot_product_flash_attention_for_cpu.default", {{q, k, v}, {}}).str() ==
        "(Tensor(sizes=[2, 4, 5, 8], strides=[160, 40, 8, 1], dtype=float32), "
        "Tensor(sizes=[2, 4, 5], strides=[20, 1, 4], dtype=float32))");
  List params;
  for (int i = 0; i < 8; ++i) params.push_back(t({80}));
  Value hx = Value::of_list({t({2, 4, 20}), t({2, 4, 20})});
  CHECK(reg->call(env, "aten.lstm.input",
                  {{t({4, 3, 5}), hx, Value::of_list(params), Value::of_bool(true), Value::of_int(2),
                    Value::of_float(0.0), Value::of_bool(false), Value::of_bool(false), Value::of_bool(true)},
                   {}})
            .str() == "(Tensor(sizes=[4, 3, 20], strides=[20, 80, 1], dtype=float32), "
                      "Tensor(sizes=[2, 4, 20], strides=[80, 20, 1], dtype=float32), "
                      "Tensor(sizes=[2, 4, 20], strides=[80, 20, 1], dtype=float32))");
  Value x = t({4, 3, 6, 6}), c = t({3});
  CHECK(reg->call(env, "aten.native_batch_norm.default",
                  {{x, c, c, c, c, Value::of_bool(false), Value::of_float(0.1), Value::of_float(1e-5)}, {}})
            .str() == "(Tensor(sizes=[4, 3, 6, 6], strides=[108, 36, 6, 1], dtype=float32), "
                      "Tensor(sizes=[0], strides=[1], dtype=float32), Tensor(sizes=[0], strides=[1], dtype=float32))");
  CHECK(reg->call(env, "aten._native_batch_norm_legit_functional.default",
                  {{x, c, c, c, c, Value::of_bool(true), Value::of_float(0.1), Value::of_float(1e-5)}, {}})
            .str() == "(Tensor(sizes=[4, 3, 6, 6], strides=[108, 36, 6, 1], dtype=float32), "
                      "Tensor(sizes=[3], strides=[1], dtype=float32), Tensor(sizes=[3], strides=[1], dtype=float32), "
                      "Tensor(sizes=[3], strides=[1], dtype=float32), Tensor(sizes=[3], strides=[1], dtype=float32))");
}

TEST_CASE("einsum with ellipsis, pad in every mode", "[rules][registry]") {
  // Expected shapes from PyTorch 2.6 (meta tensors).
  auto reg = RuleRegistry::standard();
  ShapeEnv env;
  auto t = static_tensor;
  struct Row {
    const char *eq;
    std::vector<std::vector<long long>> shapes;
    const char *sizes;
  };
  const std::vector<Row> rows = {
      {"...ij,...jk->...ik", {{3, 2, 4}, {3, 4, 5}}, "[3, 2, 5]"},
      {"bij,bjk", {{3, 2, 4}, {3, 4, 5}}, "[2, 5]"},
      {"...i,...i", {{2, 3}, {1, 3}}, "[2]"},
      {"i...->...", {{4, 2, 3}}, "[2, 3]"},
      {"ij...", {{2, 3, 4, 5}}, "[4, 5, 2, 3]"},
  };
  for (const Row &r : rows) {
    CAPTURE(r.eq);
    List ts;
    for (const auto &s : r.shapes) ts.push_back(t(s));
    Value out = reg->call(env, "aten.einsum.default", {{Value::of_str(r.eq), Value::of_list(ts)}, {}});
    std::string sizes = "[";
    for (size_t i = 0; i < out.meta().sizes.size(); ++i) sizes += (i ? ", " : "") + out.meta().sizes[i].str();
    CHECK(sizes + "]" == r.sizes);
  }
  for (const char *mode : {"reflect", "replicate", "circular"}) {
    CAPTURE(mode);
    CHECK(reg->call(env, "aten.pad.default", {{t({2, 3, 8, 8}), ints({1, 2, 3, 1}), Value::of_str(mode)}, {}}).str() ==
          "Tensor(sizes=[2, 3, 12, 11], strides=[396, 132, 11, 1], dtype=float32)");
  }
  CHECK_THROWS_WITH(reg->call(env, "aten.pad.default", {{t({2, 3, 2, 2}), ints({3, 0}), Value::of_str("reflect")}, {}}),
                    Catch::Contains("Padding size should be less than the corresponding input dimension"));
}

TEST_CASE("cache: no replay where nothing changed since the questions were asked", "[rules][registry]") {
  auto reg = RuleRegistry::standard();
  ShapeEnv env;
  Value x = tensor_of(env, "x", {4, 6});
  Value y = tensor_of(env, "y", {4, 6});
  CallArgs args{{x, y}, {}};
  reg->call(env, "aten.add.Tensor", args);
  reg->call(env, "aten.add.Tensor", args);
  CHECK(reg->cache_stats().hits == 1);
  CHECK(reg->cache_stats().replays_skipped == 1);
  // A new guard changes the ShapeEnv: the next hit asks again.
  env.evaluate(symshape::parse_expr("s0 > 3"));
  reg->call(env, "aten.add.Tensor", args);
  CHECK(reg->cache_stats().hits == 2);
  CHECK(reg->cache_stats().replays_skipped == 1);
}

TEST_CASE("data-dependent rules are never cached and make fresh unbacked sizes", "[rules][registry]") {
  auto reg = RuleRegistry::standard();
  ShapeEnv env;
  Value x = tensor_of(env, "x", {4, 6});
  Value n1 = reg->call(env, "aten.nonzero.default", {{x}, {}});
  Value n2 = reg->call(env, "aten.nonzero.default", {{x}, {}});
  CHECK(n1.str() == "Tensor(sizes=[u0, 2], strides=[2, 1], dtype=int64)");
  CHECK(n2.str() == "Tensor(sizes=[u1, 2], strides=[2, 1], dtype=int64)");
  CHECK(env.take_pending_unbacked().size() == 2);
  CHECK(env.bound(n1.meta().sizes[0]).str() == "[0, 9223372036854775806]");
}
