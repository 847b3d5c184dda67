//===- rules/check.cpp - Running rules on generated argument tables -------===//
#include "symshape/rules/check.h"

#include <algorithm>
#include <set>

#include "symshape/reason/smt.h"
#include <sstream>

namespace symshape::rules {

namespace {

using B = SchemaType::Base;

// How a case's tensors look: all tensor arguments of one case share rank
// and kind, so that most shape checks between them can pass.
enum class TensorKind { Distinct, Shared, Static, Unbacked };
constexpr TensorKind kKinds[] = {TensorKind::Distinct, TensorKind::Shared, TensorKind::Static, TensorKind::Unbacked};

struct Gen {
  ShapeEnv &env;
  int rank;
  TensorKind kind;
  std::vector<Expr> dims; // shared by every tensor of the case

  void make_dims() {
    static const long long hints[] = {3, 4, 5, 6};
    for (int i = 0; i < rank; ++i) {
      switch (kind) {
      case TensorKind::Distinct:
        dims.push_back(env.create_symbol(Int(hints[i]), "d" + std::to_string(i), DimPolicy::Dynamic));
        break;
      case TensorKind::Shared:
        dims.push_back(i == 0 ? env.create_symbol(Int(4), "d", DimPolicy::Dynamic) : dims[0]);
        break;
      case TensorKind::Static: dims.push_back(Expr(static_cast<long long>(hints[i]))); break;
      case TensorKind::Unbacked: {
        Expr u = env.create_unbacked_int("u" + std::to_string(i));
        env.constrain_range_for_size(u);
        dims.push_back(u);
        break;
      }
      }
    }
    env.take_pending_unbacked();
  }

  Value tensor(ScalarType dtype) const {
    TensorMeta t;
    t.sizes = dims;
    t.strides = product_strides(dims);
    t.dtype = dtype;
    t.storage = new_storage_id();
    return Value::of_tensor(std::move(t));
  }
};

bool has(const std::string &name, const char *part) { return name.find(part) != std::string::npos; }

Value ints(std::initializer_list<long long> v) {
  List l;
  for (long long x : v) l.push_back(Value::of_int(Expr(x)));
  return Value::of_list(std::move(l));
}

// Candidate values of one non-tensor argument.  An empty result means
// "leave it to the schema default".
std::vector<Value> candidates(const SchemaArg &a) {
  const SchemaType &t = a.type;
  const std::string &n = a.name;
  std::vector<Value> out;
  bool has_default = a.default_value.has_value();
  if (t.optional && !has_default) out.push_back(Value());
  if (t.list) {
    if (t.base == B::Int || t.base == B::SymInt) {
      if (has(n, "dim")) out.insert(out.end(), {ints({-1}), ints({0, 1})});
      else if (has(n, "kernel")) out.push_back(ints({2, 2}));
      else if (has(n, "stride")) out.insert(out.end(), {ints({1, 1}), ints({2, 2})});
      else if (has(n, "padding") && !has(n, "output")) out.insert(out.end(), {ints({0, 0}), ints({1, 1})});
      else if (has(n, "dilation")) out.push_back(ints({1, 1}));
      else if (has(n, "output_padding")) out.push_back(ints({0, 0}));
      else if (has(n, "output_size")) out.push_back(ints({2, 2}));
      else if (n == "size" || n == "shape") out.insert(out.end(), {ints({-1}), ints({2, -1})});
      else if (has(n, "split")) out.push_back(ints({1, 1}));
      else if (!has_default) out.push_back(ints({1}));
    } else if (t.base == B::Float) {
      if (!has_default) out.push_back(Value::of_list({Value::of_float(2.0), Value::of_float(2.0)}));
    } else if (t.base == B::Bool) {
      if (!has_default) out.push_back(Value::of_list({Value::of_bool(true), Value::of_bool(true), Value::of_bool(true)}));
    }
    return out;
  }
  switch (t.base) {
  case B::Bool:
    out.push_back(Value::of_bool(false));
    out.push_back(Value::of_bool(true));
    break;
  case B::Int: case B::SymInt:
    if (has(n, "dim")) out.insert(out.end(), {Value::of_int(-1), Value::of_int(0), Value::of_int(1)});
    else if (has_default) break;
    else out.insert(out.end(), {Value::of_int(1), Value::of_int(2)});
    break;
  case B::Float:
    if (!has_default) out.push_back(Value::of_float(0.5));
    break;
  case B::Scalar:
    if (!has_default) out.insert(out.end(), {Value::of_int(1), Value::of_float(2.0)});
    break;
  case B::ScalarType:
    if (!has_default && !t.optional) out.push_back(Value::of_dtype(ScalarType::Float32));
    break;
  case B::Str:
    if (!has_default) out.push_back(Value::of_str(has(n, "equation") ? "ij->ji" : "none"));
    break;
  default: break;
  }
  return out;
}

ScalarType dtype_for(const std::string &name) {
  if (has(name, "index") || has(name, "indices") || has(name, "repeats")) return ScalarType::Int64;
  if (has(name, "mask") || name == "condition") return ScalarType::Bool;
  return ScalarType::Float32;
}

// Rule errors that an input explains (the generator does not know each
// op's preconditions).
bool rejection(const std::string &cause) {
  static const std::set<std::string> ok = {"check_failed", "shape",       "index",          "value",
                                           "data_dependent", "value_range", "constraint_violation", "rule",
                                           "binding",      "zero_division", "limit"};
  return ok.count(cause) > 0;
}

std::string case_text(const Schema &s, const CallArgs &args) {
  std::string r;
  for (size_t i = 0; i < args.positional.size() && i < s.args.size(); ++i)
    r += (r.empty() ? "" : ", ") + s.args[i].name + "=" + args.positional[i].str();
  return r;
}

void collect_sizes(const Value &v, std::vector<Expr> &out) {
  if (v.is_tensor()) out.insert(out.end(), v.tensor->sizes.begin(), v.tensor->sizes.end());
  else if (v.is_sequence())
    for (const Value &x : *v.items) collect_sizes(x, out);
}

} // namespace

std::string RuleCheckReport::summary() const {
  return "rules " + std::to_string(rules) + ", cases " + std::to_string(cases) + ": ran " + std::to_string(ran) +
         ", rejected " + std::to_string(rejected) + ", issues " + std::to_string(issues.size());
}

RuleCheckReport check_rules(RuleRegistry &reg, const std::vector<std::string> &ops, const RuleCheckOptions &opt) {
  RuleCheckReport rep;
  std::set<std::string> allowed_seen;
  for (const RuleInfo *info : reg.rules()) {
    if (info->native) continue;
    if (!ops.empty() && std::find(ops.begin(), ops.end(), info->op) == ops.end()) continue;
    const Schema &s = info->schema;
    ++rep.rules;
    bool takes_tensor = false;
    std::vector<std::vector<Value>> choices(s.args.size());
    for (size_t i = 0; i < s.args.size(); ++i) {
      const SchemaType &t = s.args[i].type;
      if (t.base == B::Tensor) takes_tensor = true;
      else choices[i] = candidates(s.args[i]);
    }
    // Mixed radix: tensor configuration (rank x kind) fastest, then each
    // argument's candidates.
    size_t tensor_configs = takes_tensor ? 5 * 4 : 1;
    size_t total = tensor_configs;
    for (const auto &c : choices) total *= std::max<size_t>(1, c.size());
    size_t n = std::min(total, opt.max_cases);
    // Spread the cases over the whole space when it is larger than max_cases.
    size_t step = total > n ? total / n : 1;
    std::set<std::string> reported; // issue kinds already reported for this rule
    for (size_t k = 0; k < n; ++k) {
      size_t code = k * step;
      ShapeEnvSettings settings;
      settings.smt.timeout_ms = opt.smt_timeout_ms;
      settings.use_z3 = opt.env_z3;
      ShapeEnv env(settings);
      int rank = static_cast<int>(code % 5);
      TensorKind kind = kKinds[(code / 5) % 4];
      size_t rest = code / tensor_configs;
      Gen gen{env, rank, kind, {}};
      CallArgs args;
      bool skip = false;
      try {
        gen.make_dims();
      } catch (const Error &) {
        skip = true;
      }
      if (skip) continue;
      for (size_t i = 0; i < s.args.size() && !skip; ++i) {
        const SchemaArg &a = s.args[i];
        Value v;
        if (a.type.base == B::Tensor) {
          if (a.type.list) v = Value::of_list({gen.tensor(dtype_for(a.name)), gen.tensor(dtype_for(a.name))});
          else v = gen.tensor(dtype_for(a.name));
          if (a.type.list && a.type.element_optional) v = Value::of_list({gen.tensor(ScalarType::Int64)});
        } else if (!choices[i].empty()) {
          v = choices[i][rest % choices[i].size()];
          rest /= choices[i].size();
        } else if (a.default_value) {
          // Leave it to the schema default: stop at the first such argument
          // if later ones are given positionally -- pass by name instead.
          continue;
        } else if (a.type.optional) {
          v = Value();
        } else {
          skip = true; // Generator, Dimname, ...: not generated
          break;
        }
        args.named.emplace_back(a.name, v);
      }
      if (skip) continue;
      ++rep.cases;
      Value out;
      try {
        out = reg.call(env, info->op, args, CallOptions{"check", false});
      } catch (const RuleError &e) {
        // A float for a Scalar argument of an int-only op is rejected the
        // way PyTorch rejects it (a type error), not a rule bug.
        bool float_scalar = false;
        for (const auto &[name, v] : args.named) float_scalar = float_scalar || v.kind == Value::Kind::Float;
        if (rejection(e.cause()) || (e.cause() == "type" && float_scalar)) {
          ++rep.rejected;
        } else if (reported.insert("crash").second) {
          rep.issues.push_back({info->op, info->where, "crash", e.what(), case_text(s, args)});
        }
        continue;
      } catch (const std::exception &e) {
        rep.issues.push_back({info->op, info->where, "crash", std::string("internal error: ") + e.what(), ""});
        continue;
      }
      ++rep.ran;
      // A rule contradicts itself when its runtime asserts (with its guards)
      // cannot hold together: nothing would ever pass.
      if (!env.runtime_asserts().empty() && !reported.count("contradiction")) {
        std::vector<Expr> facts;
        for (const auto &g : env.guards()) facts.push_back(g.expr);
        for (const auto &a : env.runtime_asserts()) facts.push_back(a.expr);
        RangeMap ranges;
        for (Expr f : facts)
          for (Expr sym : free_symbols(f)) ranges.set(sym, env.bound(sym));
        SmtResult sat = smt_satisfiable(facts, ranges, SmtLimits{opt.smt_timeout_ms, 2'000'000});
        if (sat.verdict == Verdict::Refuted) {
          reported.insert("contradiction");
          std::string list;
          for (Expr f : facts) list += (list.empty() ? "" : ", ") + f.str();
          rep.issues.push_back({info->op, info->where, "contradiction",
                                "its guards and runtime asserts cannot all hold: " + list, case_text(s, args)});
        }
      }
      std::vector<Expr> sizes;
      collect_sizes(out, sizes);
      for (Expr size : sizes) {
        if (size.is_integer_constant()) {
          if (size.value().is_negative() && reported.insert("negative_size").second) {
            rep.issues.push_back({info->op, info->where, "negative_size", "output size " + size.str(), ""});
          }
          continue;
        }
        Decision d = env.decide(ge(size, Expr(0)));
        if (d.is_true()) continue;
        std::string kindname = d.is_false() ? "negative_size" : "unknown_size";
        if (kindname == "unknown_size" && opt.allowlist.count(info->op)) {
          allowed_seen.insert(info->op + ": " + opt.allowlist.at(info->op));
          continue;
        }
        if (!reported.insert(kindname).second) continue;
        std::string args_text;
        for (const auto &[name, v] : args.named) args_text += (args_text.empty() ? "" : ", ") + name + "=" + v.str();
        rep.issues.push_back({info->op, info->where, kindname,
                              "output size " + size.str() + (d.is_false() ? " can be negative" : " >= 0 is undecided") +
                                  (d.reason.empty() ? "" : " (" + d.reason + ")"),
                              args_text});
      }
    }
  }
  rep.allowed.assign(allowed_seen.begin(), allowed_seen.end());
  return rep;
}

std::map<std::string, std::string> parse_allowlist(const std::string &text, const std::string &file_name) {
  std::map<std::string, std::string> out;
  std::istringstream in(text);
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    size_t hash = line.find('#');
    if (hash != std::string::npos) line = line.substr(0, hash);
    size_t b = line.find_first_not_of(" \t");
    if (b == std::string::npos) continue;
    size_t e = line.find_first_of(" \t", b);
    std::string op = line.substr(b, e == std::string::npos ? std::string::npos : e - b);
    size_t r = e == std::string::npos ? std::string::npos : line.find_first_not_of(" \t", e);
    if (r == std::string::npos)
      throw ValueError(file_name + ":" + std::to_string(lineno) + ": " + op + " needs a written reason");
    out[op] = line.substr(r);
  }
  return out;
}

} // namespace symshape::rules
