// See rule_table.h.
#include "support/rule_table.h"

#include <catch2/catch.hpp>

#include "symshape/expr/parse.h"

namespace rule_table {

using symshape::Bound;
using symshape::Int;
using symshape::parse_expr;
using symshape::ValueRange;
using symshape::rules::List;
using symshape::rules::new_storage_id;
using symshape::rules::parse_memory_format;
using symshape::rules::parse_scalar_type;
using symshape::rules::RuleError;
using symshape::rules::RuleRegistry;
using symshape::rules::TensorMeta;


symshape::rules::RuleRegistry &registry() {
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
Value T(const char *sizes, const char *strides, const char *dtype, const char *offset) {
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
Value MF(const char *s) { return Value::of_memory_format(parse_memory_format(s)); }
Value L(std::vector<Value> items) { return Value::of_list(std::move(items)); }


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

static void storages_of(const Value &v, std::set<uint64_t> &out) {
  if (v.is_tensor()) out.insert(v.meta().storage);
  if (v.is_sequence())
    for (const Value &x : v.list()) storages_of(x, out);
}

static std::string render(const Value &v, const std::set<uint64_t> &inputs) {
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
static std::string recorded(const ShapeEnv &env) {
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

static std::string error_text(const RuleError &e) {
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
static std::string canon_expr(const std::string &text) { return parse_expr(text).str(); }

static std::string canon_list(const std::string &text) {
  std::vector<Expr> es = exprs(text);
  std::string s = "[";
  for (size_t i = 0; i < es.size(); ++i) s += (i ? ", " : "") + es[i].str();
  return s + "]";
}

// The expected text with every expression in symshape's printed form.
static std::string canon(const std::string &want) {
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


} // namespace rule_table
