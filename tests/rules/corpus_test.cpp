// Every node of the PyTorch 2.6 corpus (tests/data/rules/corpus_nodes.json,
// made by scripts/extract_rule_cases.py): the standard rule of its op, run
// on the node's recorded input metadata, must give exactly the output
// metadata PyTorch recorded (sizes, strides, storage offset, dtype; SymInt
// and SymBool values), with the program's own symbols, hints and ranges.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "symshape/expr/parse.h"
#include "symshape/expr/substitute.h"
#include "symshape/rules/registry.h"

using symshape::Bound;
using symshape::Error;
using symshape::Expr;
using symshape::Int;
using symshape::parse_expr;
using symshape::ShapeEnv;
using symshape::SubstMap;
using symshape::substitute;
using symshape::ValueRange;
using symshape::rules::CallArgs;
using symshape::rules::List;
using symshape::rules::new_storage_id;
using symshape::rules::parse_memory_format;
using symshape::rules::parse_scalar_type;
using symshape::rules::RuleRegistry;
using symshape::rules::scalar_type_name;
using symshape::rules::TensorMeta;
using symshape::rules::Value;
using json = nlohmann::json;

namespace {

json load_cases() {
  std::ifstream in(std::string(SYMSHAPE_TEST_DATA_DIR) + "/rules/corpus_nodes.json");
  REQUIRE(in.good());
  return json::parse(in);
}

Bound bound_of(const json &j) {
  if (j.is_string()) return j.get<std::string>() == "int_oo" ? Bound::pos_inf() : Bound::neg_inf();
  return Bound(Int(j.get<long long>()));
}

Expr expr_of(const std::string &s) { return parse_expr(s); }

struct CaseRunner {
  RuleRegistry &reg;
  std::string failure; // empty on success

  Value value_of(const json &v, std::map<std::string, uint64_t> &storages) {
    auto key = v.begin().key();
    const json &x = v.begin().value();
    if (key == "tensor") {
      TensorMeta t;
      for (const auto &s : x["sizes"]) t.sizes.push_back(expr_of(s));
      for (const auto &s : x["strides"]) t.strides.push_back(expr_of(s));
      t.storage_offset = expr_of(x["storage_offset"]);
      t.dtype = parse_scalar_type(x["dtype"].get<std::string>());
      t.device = x["device"].get<std::string>();
      auto name = x["name"].get<std::string>();
      if (!storages.count(name)) storages[name] = new_storage_id();
      t.storage = storages[name];
      return Value::of_tensor(std::move(t));
    }
    if (key == "tensors" || key == "optional_tensors") {
      List l;
      for (const auto &e : x) l.push_back(e.is_null() ? Value::none() : value_of(json{{"tensor", e}}, storages));
      return Value::of_list(std::move(l));
    }
    if (key == "int") return Value::of_int(Expr(Int(x.get<long long>())));
    if (key == "ints") {
      List l;
      for (const auto &e : x) l.push_back(Value::of_int(Expr(Int(e.get<long long>()))));
      return Value::of_list(std::move(l));
    }
    if (key == "symint") return Value::of_int(expr_of(x));
    if (key == "symints") {
      List l;
      for (const auto &e : x) l.push_back(Value::of_int(expr_of(e)));
      return Value::of_list(std::move(l));
    }
    if (key == "symbool") return Value::of_expr(expr_of(x));
    if (key == "symfloat") return Value::of_expr(expr_of(x));
    if (key == "float") {
      if (x.is_string()) return Value::of_float(x == "-inf" ? -HUGE_VAL : x == "inf" ? HUGE_VAL : NAN);
      return Value::of_float(x.get<double>());
    }
    if (key == "floats") {
      List l;
      for (const auto &e : x) l.push_back(Value::of_float(e.get<double>()));
      return Value::of_list(std::move(l));
    }
    if (key == "bool") return Value::of_bool(x.get<bool>());
    if (key == "bools") {
      List l;
      for (const auto &e : x) l.push_back(Value::of_bool(e.get<bool>()));
      return Value::of_list(std::move(l));
    }
    if (key == "str") return Value::of_str(x.get<std::string>());
    if (key == "none") return Value::none();
    if (key == "dtype") return Value::of_dtype(parse_scalar_type(x.get<std::string>()));
    if (key == "memory_format") return Value::of_memory_format(parse_memory_format(x.get<std::string>()));
    if (key == "layout") return Value::of_layout(7);
    if (key == "device") return Value::of_device(x.get<std::string>());
    throw std::runtime_error("unknown value kind " + key);
  }

  void flatten(const Value &v, std::vector<Value> &out) {
    if (v.is_sequence()) {
      for (const Value &x : *v.items) out.push_back(x);
    } else {
      out.push_back(v);
    }
  }

  bool same_expr(ShapeEnv &env, Expr got, Expr want, const SubstMap &rename) {
    got = substitute(got, rename);
    if (got == want) return true;
    return env.simplify(got) == env.simplify(want);
  }

  std::string str_list(const std::vector<Expr> &v) {
    std::string s = "[";
    for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + v[i].str();
    return s + "]";
  }

  bool run(const json &program, const json &c) {
    failure.clear();
    ShapeEnv env;
    const json &bindings = c.contains("unbacked_bindings_resolved") ? c["unbacked_bindings_resolved"]
                                                                     : c.value("unbacked_bindings", json::object());
    std::vector<std::string> bound_here; // symbols this node creates, in binding order
    for (auto it = bindings.begin(); it != bindings.end(); ++it)
      bound_here.push_back(c.contains("unbacked_bindings_resolved") ? it.value().get<std::string>() : it.key());
    for (auto it = program["symbols"].begin(); it != program["symbols"].end(); ++it) {
      if (std::find(bound_here.begin(), bound_here.end(), it.key()) != bound_here.end()) continue;
      const json &s = it.value();
      std::optional<Int> hint;
      if (!s["hint"].is_null()) hint = Int(s["hint"].get<long long>());
      Expr sym = env.declare_symbol(it.key(), hint, ValueRange::ints(bound_of(s["range"][0]), bound_of(s["range"][1])));
      if (s.value("size_like", false)) env.constrain_range_for_size(sym, bound_of(s["range"][0]), bound_of(s["range"][1]));
    }
    // The program's torch._check facts hold at run time: apply them first.
    for (const auto &a : program.value("runtime_asserts", json::array())) {
      Expr cond = expr_of(a.get<std::string>());
      bool skip = false; // an assert about a symbol this node creates
      for (Expr s : symshape::free_symbols(cond))
        if (std::find(bound_here.begin(), bound_here.end(), std::string(s.name())) != bound_here.end()) skip = true;
      if (!skip) env.check(cond, "program assert");
    }
    std::map<std::string, uint64_t> storages;
    CallArgs args;
    for (const auto &in : c["inputs"]) args.named.emplace_back(in["name"].get<std::string>(), value_of(in["value"], storages));
    Value result;
    try {
      result = reg.call(env, c["op"].get<std::string>(), args, {c["node"].get<std::string>(), true});
    } catch (const Error &e) {
      failure = e.what();
      return false;
    }
    SubstMap rename;
    std::vector<Expr> fresh = env.take_pending_unbacked();
    for (size_t i = 0; i < fresh.size() && i < bound_here.size(); ++i) rename[fresh[i].node()] = expr_of(bound_here[i]);
    std::vector<Value> outs;
    if (c["outputs"].size() == 1 && !(result.is_sequence() && c["outputs"][0]["kind"] != "list")) outs.push_back(result);
    else flatten(result, outs);
    if (outs.size() != c["outputs"].size()) {
      failure = "got " + std::to_string(outs.size()) + " outputs: " + result.str();
      return false;
    }
    for (size_t i = 0; i < outs.size(); ++i) {
      const json &w = c["outputs"][i];
      const Value &g = outs[i];
      std::string kind = w["kind"];
      std::string where = "output " + std::to_string(i) + ": ";
      if (kind == "tensor") {
        if (!g.is_tensor()) return failure = where + "expected a tensor, got " + g.str(), false;
        const TensorMeta &t = *g.tensor;
        std::vector<Expr> ws, wst;
        for (const auto &s : w["sizes"]) ws.push_back(expr_of(s));
        for (const auto &s : w["strides"]) wst.push_back(expr_of(s));
        bool ok = ws.size() == t.sizes.size() && wst.size() == t.strides.size();
        for (size_t k = 0; ok && k < ws.size(); ++k) ok = same_expr(env, t.sizes[k], ws[k], rename);
        if (!ok) return failure = where + "sizes " + str_list(t.sizes) + ", expected " + str_list(ws), false;
        for (size_t k = 0; ok && k < wst.size(); ++k) ok = same_expr(env, t.strides[k], wst[k], rename);
        if (!ok) return failure = where + "strides " + str_list(t.strides) + ", expected " + str_list(wst), false;
        if (!same_expr(env, t.storage_offset, expr_of(w["storage_offset"]), rename))
          return failure = where + "storage_offset " + t.storage_offset.str() + ", expected " +
                           w["storage_offset"].get<std::string>(), false;
        if (parse_scalar_type(w["dtype"].get<std::string>()) != t.dtype)
          return failure = where + "dtype " + scalar_type_name(t.dtype) + ", expected " + w["dtype"].get<std::string>(),
                 false;
      } else if (kind == "symint" || kind == "symbool" || kind == "symfloat") {
        if (!g.is_number()) return failure = where + "expected a " + kind + ", got " + g.str(), false;
        if (!same_expr(env, g.expr, expr_of(w["expr"]), rename))
          return failure = where + g.expr.str() + ", expected " + w["expr"].get<std::string>(), false;
      } else if (kind == "int" || kind == "bool" || kind == "float") {
        if (!g.is_number()) return failure = where + "expected a " + kind + ", got " + g.str(), false;
        std::string want = w["value"].dump();
        if (kind == "bool") want = w["value"].get<bool>() ? "True" : "False";
        if (g.expr.str() != want) return failure = where + g.expr.str() + ", expected " + want, false;
      } else if (kind == "none") {
        if (!g.is_none()) return failure = where + "expected None, got " + g.str(), false;
      } else {
        return failure = where + "unsupported expected kind " + kind, false;
      }
    }
    return true;
  }
};

} // namespace

TEST_CASE("every corpus node: the standard rule gives PyTorch 2.6's metadata", "[rules][corpus]") {
  json data = load_cases();
  auto reg = RuleRegistry::standard();
  CaseRunner runner{*reg, ""};
  std::map<std::string, std::pair<int, int>> per_op; // op -> (passed, total)
  std::vector<std::string> failures;
  for (const auto &c : data["cases"]) {
    const json &program = data["programs"][c["program"].get<std::string>()];
    auto &count = per_op[c["op"].get<std::string>()];
    ++count.second;
    if (runner.run(program, c)) ++count.first;
    else failures.push_back(c["program"].get<std::string>() + "/" + c["node"].get<std::string>() + " (" +
                            c["op"].get<std::string>() + "): " + runner.failure);
  }
  std::ostringstream report;
  for (const auto &f : failures) report << f << "\n";
  INFO(report.str());
  CHECK(failures.size() == 0);
  CHECK(data["cases"].size() == 535);
}
