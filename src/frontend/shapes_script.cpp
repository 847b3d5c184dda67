//===- shapes_script.cpp - Running `.shapes` ShapeEnv scripts --------------===//
#include "symshape/frontend/shapes_script.h"

#include <cctype>
#include <functional>
#include <map>
#include <sstream>

#include "symshape/expr/parse.h"
#include "symshape/expr/print.h"
#include "symshape/shape_env/guards.h"
#include "symshape/shape_env/snapshot.h"

namespace symshape {

namespace {

std::string trim(std::string_view s) {
  size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
  return std::string(s.substr(a, b - a));
}

std::string first_line(const std::string &m) {
  size_t nl = m.find('\n');
  return nl == std::string::npos ? m : m.substr(0, nl);
}

} // namespace

std::vector<std::string> script_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::string cur;
  for (char c : text) {
    if (c == '\n') {
      lines.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) lines.push_back(cur);
  return lines;
}

namespace detail {

class ScriptRunner {
public:
  ScriptRunner(std::string file, const ScriptOptions &o) : file_(std::move(file)), opts_(o) {}

  ScriptResult run(std::string_view text) {
    std::vector<std::string> lines = script_lines(text);
    for (size_t i = 0; i < lines.size(); ++i) line(static_cast<int>(i + 1), lines[i]);
    if (pending_expect_) {
      fail(pending_line_, "expect_error", "missing_expected_error", "expect_error is not followed by a command", false);
      pending_expect_ = false;
    }
    finish();
    return std::move(res_);
  }

  [[noreturn]] void malformed(int line, int col, const std::string &msg) { throw ScriptError(file_, line, col, msg); }

  ShapeEnv &env() {
    if (!env_) env_ = std::make_unique<ShapeEnv>(settings_);
    return *env_;
  }

  const ScriptResult &partial() const { return res_; }

  void fail(int line, const std::string &command, const std::string &kind, const std::string &message,
            bool expected) {
    res_.errors.push_back({line, command, kind, expected, first_line(message)});
    if (!expected) res_.exit_code = 1;
  }

  // --- expressions ---------------------------------------------------------

  Expr resolve(const std::string &name, int line, int col) {
    auto it = names_.find(name);
    if (it != names_.end()) return it->second;
    if (auto s = env().lookup_source(name)) return *s;
    // x.shape[i] is x.size()[i]
    size_t p = name.find(".shape[");
    if (p != std::string::npos) {
      std::string alt = name.substr(0, p) + ".size()[" + name.substr(p + 7);
      if (auto s = env().lookup_source(alt)) return *s;
    }
    for (Expr s : env().symbols())
      if (s.name() == name) return s;
    malformed(line, col, "unknown name '" + name + "' (not an input source, a script name or a symbol)");
  }

  Expr expr(const std::string &text, int line, int col) {
    SyntaxNode tree;
    try {
      tree = parse_syntax(text, line, col);
    } catch (const ParseError &e) {
      malformed(e.line(), e.column(), e.detail());
    }
    ParseOptions po;
    po.resolve = [&](const std::string &n) { return resolve(n, line, col); };
    return build_expr(tree, po);
  }

  // --- one line --------------------------------------------------------------

  void line(int n, const std::string &raw) {
    std::string text = raw;
    size_t hash = text.find('#');
    if (hash != std::string::npos) text = text.substr(0, hash);
    std::string t = trim(text);
    if (t.empty()) return;
    int col0 = static_cast<int>(text.find_first_not_of(" \t")) + 1;
    size_t sp = t.find_first_of(" \t");
    std::string cmd = t.substr(0, sp);
    std::string rest = sp == std::string::npos ? "" : trim(t.substr(sp));
    int rest_col = col0 + static_cast<int>(sp == std::string::npos ? t.size() : t.find(rest, sp));

    if (cmd == "expect_error") {
      if (pending_expect_) fail(pending_line_, "expect_error", "missing_expected_error", "expect_error followed by expect_error", false);
      pending_expect_ = true;
      pending_line_ = n;
      return;
    }
    if (cmd == "env") {
      if (env_) malformed(n, col0, "env must come before any other command");
      for (std::istringstream in(rest); in;) {
        std::string kv;
        in >> kv;
        if (kv.empty()) break;
        size_t eq = kv.find('=');
        if (eq == std::string::npos) malformed(n, col0, "expected KEY=VALUE, got '" + kv + "'");
        std::string k = kv.substr(0, eq), v = kv.substr(eq + 1);
        bool b = v == "true" || v == "True" || v == "1";
        if (v != "true" && v != "True" && v != "1" && v != "false" && v != "False" && v != "0")
          malformed(n, col0, "expected true or false for " + k + ", got '" + v + "'");
        if (k == "specialize_zero_one") settings_.specialize_zero_one = b;
        else if (k == "duck_shape") settings_.duck_shape = b;
        else if (k == "prefer_deferred_runtime_asserts_over_guards") settings_.prefer_deferred_runtime_asserts_over_guards = b;
        else malformed(n, col0, "unknown setting '" + k + "'");
      }
      return;
    }
    static const std::vector<std::string> known = {
        "input", "scalar", "unbacked", "unbacked_bool", "size_like", "range", "guard", "guard_int", "known",
        "guard_or_false", "guard_or_true", "oblivious", "check", "hint", "simplify", "bound"};
    if (std::find(known.begin(), known.end(), cmd) == known.end())
      malformed(n, col0, "unknown command '" + cmd + "'");

    bool expected = pending_expect_;
    pending_expect_ = false;
    env().set_origin(file_ + ":" + std::to_string(n) + " (" + cmd + ")");
    size_t before = res_.results.size();
    try {
      command(n, cmd, rest, rest_col);
    } catch (const ScriptError &) {
      throw;
    } catch (const Error &e) {
      fail(n, cmd, e.kind() == "parse" ? "value" : e.kind(), e.what(), expected);
      return;
    }
    if (expected) {
      // The contract lets an engine decide where PyTorch raised a
      // data-dependent error; that counts as met.
      bool stronger = res_.results.size() > before && res_.results.back().stronger;
      if (!stronger)
        fail(n, cmd, "missing_expected_error", "expected an error, but '" + cmd + "' succeeded", false);
    }
  }

private:
  static std::string boolstr(bool b) { return b ? "true" : "false"; }

  void result(int n, const std::string &cmd, const std::string &text, const std::string &value,
              const Decision *d = nullptr) {
    ScriptResult::Entry e{n, cmd, text, value, false, ""};
    if (d && d->decided()) {
      e.tier = tier_name(d->tier);
      e.stronger = d->tier == Tier::Z3 || d->tier == Tier::Facts || d->tier == Tier::Divisibility;
    }
    res_.results.push_back(e);
  }

  /// The decision the cascade reaches for `c` (memoized; never guards),
  /// with Z3 where evaluate() would use it: only for unbacked conditions.
  Decision peek(Expr c, bool size_oblivious = false) {
    DecideOptions o;
    o.size_oblivious = size_oblivious;
    o.use_z3 = env().has_unbacked(c);
    return env().decide(c, o);
  }

  void command(int n, const std::string &cmd, const std::string &rest, int col) {
    ShapeEnv &E = env();
    if (cmd == "input") return input(n, rest, col);
    if (cmd == "scalar") {
      auto [name, value] = assignment(n, rest, col);
      auto v = Int::parse(value);
      if (!v) malformed(n, col, "expected an integer value, got '" + value + "'");
      names_[name] = E.create_unspecified_symbol(*v, name);
      symbols_.emplace_back(name, names_[name]);
      return;
    }
    if (cmd == "unbacked" || cmd == "unbacked_bool") {
      std::string name = rest;
      if (name.empty()) malformed(n, col, "expected a name");
      Expr e = cmd == "unbacked" ? E.create_unbacked_int(name) : E.create_unbacked_bool(name);
      E.take_pending_unbacked();
      Expr u = cmd == "unbacked" ? e : free_symbols(e)[0];
      if (name.size() > 1 && name[0] == 'u' && std::all_of(name.begin() + 1, name.end(), ::isdigit) && name != u.name())
        malformed(n, col, "unbacked values are u0, u1, ... in creation order: this one is " + std::string(u.name()) +
                              ", not " + name);
      names_[name] = e;
      symbols_.emplace_back(name, e);
      return;
    }
    if (rest.empty()) malformed(n, col, "expected an expression after '" + cmd + "'");
    if (cmd == "range") {
      size_t sp = rest.find_last_of(" \t");
      if (sp == std::string::npos) malformed(n, col, "expected: range EXPR LO..HI");
      std::string r = rest.substr(sp + 1);
      size_t dots = r.find("..");
      if (dots == std::string::npos) malformed(n, col + static_cast<int>(sp) + 1, "expected LO..HI, got '" + r + "'");
      Bound lo = bound_of(r.substr(0, dots), n, col), hi = bound_of(r.substr(dots + 2), n, col);
      Expr e = E.replace(expr(rest.substr(0, sp), n, col));
      if (!e.is_symbol() && !e.is_integer_constant())
        throw ValueError("range: " + print(e, Dialect::Python) + " is not a symbol or a constant");
      E.constrain_range(e, lo, hi);
      return;
    }
    Expr e = expr(rest, n, col);
    if (cmd == "size_like") return E.check_is_size(e);
    // bool(SymInt) is `!= 0`, as in Python.
    bool wants_bool = cmd == "guard" || cmd == "known" || cmd == "guard_or_false" || cmd == "guard_or_true" ||
                      cmd == "oblivious" || cmd == "check";
    if (wants_bool && !e.is_bool()) e = ne(e, e.is_float() ? floating(0.0) : integer(0));
    if (cmd == "check") return E.check(e);
    if (cmd == "guard") {
      Decision d = peek(e);
      bool v = E.evaluate(e);
      return result(n, cmd, rest, boolstr(v), &d);
    }
    if (cmd == "guard_int") return result(n, cmd, rest, E.evaluate_int(e).str());
    if (cmd == "known") {
      Decision d = env().decide(e, {});
      return result(n, cmd, rest, boolstr(d.is_true()), &d);
    }
    if (cmd == "guard_or_false" || cmd == "guard_or_true") {
      Decision d = peek(e);
      bool v = cmd == "guard_or_false" ? E.guard_or_false(e) : E.guard_or_true(e);
      return result(n, cmd, rest, boolstr(v), &d);
    }
    if (cmd == "oblivious") {
      Decision d = peek(e, true);
      bool v = E.guard_size_oblivious(e);
      return result(n, cmd, rest, boolstr(v), &d);
    }
    if (cmd == "hint") return result(n, cmd, rest, E.size_hint(e).str());
    if (cmd == "simplify") return result(n, cmd, rest, print(E.simplify(e), Dialect::Python));
    if (cmd == "bound") return result(n, cmd, rest, E.bound(e).str());
  }

  Bound bound_of(const std::string &t, int n, int col) {
    if (t == "inf" || t == "oo") return Bound::pos_inf();
    if (t == "-inf" || t == "-oo") return Bound::neg_inf();
    auto v = Int::parse(t);
    if (!v) malformed(n, col, "bad range end '" + t + "' (an integer, inf or -inf)");
    return Bound(*v);
  }

  std::pair<std::string, std::string> assignment(int n, const std::string &rest, int col) {
    size_t eq = rest.find('=');
    if (eq == std::string::npos) malformed(n, col, "expected NAME = VALUE");
    std::string name = trim(rest.substr(0, eq)), value = trim(rest.substr(eq + 1));
    if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_'))
      malformed(n, col, "expected a name before '='");
    return {name, value};
  }

  std::vector<int> index_list(const std::string &s, int n, int col) {
    std::vector<int> out;
    std::stringstream ss(s);
    for (std::string item; std::getline(ss, item, ',');) {
      auto v = Int::parse(trim(item));
      if (!v || v->is_negative()) malformed(n, col, "bad dimension index '" + item + "'");
      out.push_back(static_cast<int>(v->to_int64()));
    }
    return out;
  }

  void input(int n, const std::string &rest, int col) {
    auto [name, value] = assignment(n, rest, col);
    size_t lb = value.find('['), rb = value.find(']');
    if (lb == std::string::npos || rb == std::string::npos || rb < lb) malformed(n, col, "expected sizes [h0, h1, ...]");
    std::vector<Int> sizes;
    std::string inner = value.substr(lb + 1, rb - lb - 1);
    std::stringstream ss(inner);
    for (std::string item; std::getline(ss, item, ',');) {
      if (trim(item).empty()) continue;
      auto v = Int::parse(trim(item));
      if (!v || v->is_negative()) malformed(n, col, "bad size '" + trim(item) + "'");
      sizes.push_back(*v);
    }
    std::vector<DimSpec> dims(sizes.size());
    std::stringstream opts(value.substr(rb + 1));
    for (std::string opt; opts >> opt;) {
      size_t eq = opt.find('=');
      if (eq == std::string::npos) malformed(n, col, "bad option '" + opt + "'");
      std::string k = opt.substr(0, eq), v = opt.substr(eq + 1);
      auto dim_ok = [&](int i) {
        if (i >= static_cast<int>(dims.size())) malformed(n, col, "dimension " + std::to_string(i) + " out of range in '" + opt + "'");
      };
      if (k == "dynamic" || k == "static") {
        for (int i : index_list(v, n, col)) {
          dim_ok(i);
          dims[i].policy = k == "dynamic" ? DimPolicy::Dynamic : DimPolicy::Static;
          dims[i].range.reset();
        }
      } else if (k == "range") {
        std::stringstream rs(v);
        for (std::string item; std::getline(rs, item, ',');) {
          size_t colon = item.find(':'), dots = item.find("..");
          if (colon == std::string::npos || dots == std::string::npos) malformed(n, col, "expected range=i:LO..HI, got '" + item + "'");
          int i = index_list(item.substr(0, colon), n, col)[0];
          dim_ok(i);
          Bound lo = bound_of(item.substr(colon + 1, dots - colon - 1), n, col);
          Bound hi = bound_of(item.substr(dots + 2), n, col);
          dims[i].range = ValueRange::ints(lo, hi);
          dims[i].policy = DimPolicy::Dynamic;
        }
      } else {
        malformed(n, col, "unknown input option '" + k + "'");
      }
    }
    TensorSymbols t = env().create_tensor(name, sizes, dims);
    for (size_t i = 0; i < t.sizes.size(); ++i) symbols_.emplace_back(name + ".size()[" + std::to_string(i) + "]", t.sizes[i]);
    for (size_t i = 0; i < t.strides.size(); ++i) symbols_.emplace_back(name + ".stride()[" + std::to_string(i) + "]", t.strides[i]);
    symbols_.emplace_back(name + ".storage_offset()", t.storage_offset);
  }

  // --- the end of the script ---------------------------------------------------

  void finish() {
    ShapeEnv &E = env();
    GuardOptions go;
    go.minimize = opts_.minimize_guards;
    GuardSet gs = produce_guards(E, go);
    for (const auto &v : gs.constraint_violations)
      res_.errors.push_back({std::nullopt, "produce_guards", "constraint_violation", false,
                             "Constraints violated! " + v});
    res_.guards = gs.texts();
    for (const auto &g : gs.static_guards) res_.static_guards.push_back(g.text);
    for (const auto &g : gs.dropped) res_.dropped_guards.push_back(g.text + "  # " + g.dropped_because);
    res_.guard_validation = gs.validation;
    for (const RuntimeAssert &a : E.runtime_asserts()) res_.runtime_asserts.push_back(print(a.expr, Dialect::Python));
    for (auto &[s, t] : E.replacements()) res_.replacements.emplace_back(std::string(s.name()), print(t, Dialect::Python));
    for (Expr s : E.symbols()) res_.ranges.emplace_back(std::string(s.name()), E.info(s)->range);
    for (auto &[name, e] : symbols_) res_.symbols.emplace_back(name, print(e, Dialect::Python));
    if (opts_.snapshot) {
      res_.snapshot = save_snapshot(E);
      res_.guards_json = guard_set_json(gs);
    }
  }

  std::string file_;
  ScriptOptions opts_;
  ShapeEnvSettings settings_ = opts_.settings;
  std::unique_ptr<ShapeEnv> env_;
  std::map<std::string, Expr> names_;
  std::vector<std::pair<std::string, Expr>> symbols_;
  bool pending_expect_ = false;
  int pending_line_ = 0;
  ScriptResult res_;
};

} // namespace detail

ScriptResult run_shapes_script(std::string_view text, const std::string &filename, const ScriptOptions &options) {
  detail::ScriptRunner r(filename, options);
  return r.run(text);
}

ScriptSession::ScriptSession(std::string filename, const ScriptOptions &options)
    : runner_(std::make_unique<detail::ScriptRunner>(std::move(filename), options)) {}
ScriptSession::~ScriptSession() = default;
void ScriptSession::run_line(int line, const std::string &text) { runner_->line(line, text); }
ShapeEnv &ScriptSession::env() { return runner_->env(); }
Expr ScriptSession::expr(const std::string &text, int line, int column) { return runner_->expr(text, line, column); }
const ScriptResult &ScriptSession::partial() const { return runner_->partial(); }

} // namespace symshape
