//===- snapshot_test.cpp - Save, load, save again: identical ---------------===//
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "symshape/frontend/shapes_script.h"
#include "symshape/shape_env/snapshot.h"

using namespace symshape;
namespace fs = std::filesystem;

TEST_CASE("snapshot: save -> load -> save is identical, and the state works", "[shape_env][snapshot]") {
  ShapeEnv env;
  TensorSymbols x = env.create_tensor("x", {Int(16), Int(4)});
  Expr n = env.create_unspecified_symbol(Int(-3), "n");
  Expr u0 = env.create_unbacked_int("item");
  env.check_is_size(u0);
  env.set_origin("model.py:3");
  env.evaluate(eq(mod(x.sizes[0], 8), 0));
  env.evaluate(eq(x.sizes[1] * 4, x.sizes[0]));
  env.evaluate(lt(n, 0));
  env.check(lt(u0, x.sizes[0]));
  std::string a = save_snapshot(env);
  auto loaded = load_snapshot(a);
  std::string b = save_snapshot(*loaded);
  CHECK(a == b);
  // The loaded env reasons like the original.
  CHECK(loaded->statically_known_true(lt(u0, x.sizes[0])));
  CHECK(loaded->statically_known_true(ne(u0, x.sizes[0])));
  CHECK(loaded->simplify(x.sizes[0]) == env.simplify(x.sizes[0]));
  CHECK(produce_guards(*loaded).texts() == produce_guards(env).texts());
  CHECK(loaded->guards()[0].origin == "model.py:3");
  // And keeps naming symbols where the original left off.
  CHECK(loaded->create_unbacked_int().name() == "u1");
}

TEST_CASE("snapshot: every scenario round-trips", "[shape_env][snapshot]") {
  fs::path dir = fs::path(SYMSHAPE_TEST_DATA_DIR) / "scenarios";
  int n = 0;
  for (const auto &e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".shapes") continue;
    std::ifstream in(e.path());
    std::stringstream s;
    s << in.rdbuf();
    ScriptOptions o;
    o.snapshot = true;
    ScriptResult r = run_shapes_script(s.str(), e.path().filename().string(), o);
    INFO(e.path().filename().string());
    CHECK(save_snapshot(*load_snapshot(r.snapshot)) == r.snapshot);
    ++n;
  }
  CHECK(n >= 83);
}

TEST_CASE("snapshot: malformed input names the field", "[shape_env][snapshot]") {
  CHECK_THROWS_WITH(load_snapshot("{"), Catch::StartsWith("snapshot: not valid JSON"));
  CHECK_THROWS_WITH(load_snapshot(R"({"format": "other"})"), "snapshot: format: not a symshape.shape_env snapshot");
  ShapeEnv env;
  env.create_tensor("x", {Int(5)});
  std::string good = save_snapshot(env);
  std::string bad = good;
  size_t at = bad.find("2", bad.find("\"range\": [")); // the lower bound 2 of s0
  bad.replace(at, 1, "\"x\"");
  CHECK_THROWS_WITH(load_snapshot(bad), Catch::StartsWith("snapshot: symbols[0].range[0]: expected an integer"));
  std::string wrong_version = good;
  wrong_version.replace(wrong_version.find("\"schema_version\": 1"), 19, "\"schema_version\": 7");
  CHECK_THROWS_WITH(load_snapshot(wrong_version), "snapshot: schema_version: this symshape reads version 1");
}

TEST_CASE("guard set JSON: kinds, provenance, drops and their reasons", "[shape_env][snapshot]") {
  ShapeEnv env;
  TensorSymbols x = env.create_tensor("x", {Int(16), Int(4)}, {DimSpec{DimPolicy::Dynamic}, DimSpec{DimPolicy::Dynamic}});
  env.set_origin("t.py:6");
  env.evaluate(eq(mod(x.sizes[0], 8), 0));
  env.set_origin("t.py:7");
  env.evaluate(gt(x.sizes[1], 2));
  env.set_origin("t.py:8");
  env.evaluate(gt(x.sizes[0] * x.sizes[1], 20)); // x0 >= 8 by divisibility, x1 >= 3
  // Minimization, latest first: the product goes by Z3 (x0 % 8 == 0 makes
  // x0 >= 8); x0 % 8 == 0 stays, refuted by the search near the hints.
  std::string text = guard_set_json(produce_guards(env));
  const char *expected = R"json({
  "format": "symshape.guards",
  "schema_version": 1,
  "guards": [
    {
      "text": "x.stride()[0] == x.size()[1]",
      "kind": "source_equality",
      "expr": "Eq(x.size()[1], x.stride()[0])",
      "provenance": "duck sizing: same example value as x.size()[1]"
    },
    {
      "text": "(x.size()[0] % 8) == 0",
      "kind": "guard",
      "expr": "Eq(PythonMod(x.size()[0], 8), 0)",
      "provenance": "t.py:6"
    },
    {
      "text": "2 <= x.size()[0]",
      "kind": "range",
      "expr": "Le(2, x.size()[0])",
      "provenance": "range of s0"
    },
    {
      "text": "3 <= x.size()[1]",
      "kind": "range",
      "expr": "Le(3, x.size()[1])",
      "provenance": "range of s1"
    }
  ],
  "static_guards": [
    {
      "text": "x.stride()[1] == 1",
      "kind": "static",
      "expr": "Eq(x.stride()[1], 1)",
      "provenance": "constant size, stride or offset"
    },
    {
      "text": "x.storage_offset() == 0",
      "kind": "static",
      "expr": "Eq(x.storage_offset(), 0)",
      "provenance": "constant size, stride or offset"
    }
  ],
  "dropped": [
    {
      "text": "20 < x.size()[0]*x.size()[1]",
      "kind": "guard",
      "expr": "Lt(20, x.size()[0]*x.size()[1])",
      "provenance": "t.py:8",
      "dropped_because": "z3: implied by (x.size()[0] % 8) == 0"
    }
  ],
  "validation": "proved",
  "constraint_violations": [],
  "stats": {
    "z3_queries": 1,
    "refuted_by_search": 1
  }
}
)json";
  CHECK(text == expected);
}
