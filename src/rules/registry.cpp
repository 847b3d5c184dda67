//===- rules/registry.cpp - Binding, checking and caching rule calls -------===//
#include "symshape/rules/registry.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>

#include "interp.h"
#include "symshape/rules/syntax.h"

namespace symshape::rules {

using detail::Interp;
using detail::Program;
using detail::Question;
using detail::RuleFailure;
using detail::Trace;

namespace {

struct Rule {
  RuleInfo info;
  const Function *function = nullptr; ///< rule-file rules
  size_t global = 0;                  ///< the function's entry in Program::globals
  NativeRule native;                  ///< native rules
};

struct CacheEntry {
  std::vector<Value> args;
  std::vector<Question> questions;
  Value result;
  /// Per output storage id: the index of the argument whose storage it is,
  /// or -1 for a fresh storage.
  std::map<uint64_t, int> storage_source;
  /// The ShapeEnv (id, version) at which the questions were last asked:
  /// asking them again there would give the same answers and add nothing.
  uint64_t env_id = 0, env_version = 0;
};

// Schema type <-> annotation compatibility, checked when a file loads.
bool annotation_fits(const TypeRef &t, const SchemaType &s, bool element = false) {
  using B = SchemaType::Base;
  if (t.kind == TypeRef::Kind::Any) return true;
  if (!element && s.optional) {
    if (t.kind != TypeRef::Kind::Optional) return false;
    SchemaType inner = s;
    inner.optional = false;
    return annotation_fits(t.args[0], inner);
  }
  if (!element && s.list) {
    if (t.kind != TypeRef::Kind::List && !(t.kind == TypeRef::Kind::Tuple && t.variadic)) return false;
    SchemaType inner = s;
    inner.list = false;
    inner.optional = s.element_optional;
    return annotation_fits(t.args[0], inner, !s.element_optional);
  }
  switch (s.base) {
  case B::Tensor: return t.kind == TypeRef::Kind::Tensor;
  case B::Int: case B::SymInt: return t.kind == TypeRef::Kind::Int;
  case B::Bool: return t.kind == TypeRef::Kind::Bool;
  case B::Float: return t.kind == TypeRef::Kind::Float;
  case B::Str: return t.kind == TypeRef::Kind::Str;
  case B::Scalar: return t.kind == TypeRef::Kind::Scalar || t.kind == TypeRef::Kind::Float;
  case B::ScalarType: return t.kind == TypeRef::Kind::ScalarType;
  case B::Layout: return t.kind == TypeRef::Kind::Layout;
  case B::Device: return t.kind == TypeRef::Kind::Device;
  case B::MemoryFormat: return t.kind == TypeRef::Kind::MemoryFormat;
  default: return false; // Generator, Dimname, ...: annotate as Any
  }
}

Value default_value(const SchemaArg &a) {
  const SchemaDefault &d = *a.default_value;
  using DK = SchemaDefault::Kind;
  using B = SchemaType::Base;
  switch (d.kind) {
  case DK::None: return Value::none();
  case DK::Bool: return Value::of_bool(d.bool_value);
  case DK::Float: return Value::of_float(d.float_value);
  case DK::Str: return Value::of_str(d.string_value);
  case DK::Int:
    if (a.type.list) { // `int[2] padding=0` repeats
      List r(static_cast<size_t>(a.type.list_size.value_or(1)), Value::of_int(integer(d.int_value)));
      return Value::of_list(std::move(r));
    }
    if (a.type.base == B::Float) return Value::of_float(d.int_value.to_double());
    if (a.type.base == B::MemoryFormat) { // c10 numbering: Contiguous=0, Preserve=1, ChannelsLast=2, 3d=3
      static const MemoryFormat c10_formats[] = {MemoryFormat::Contiguous, MemoryFormat::Preserve,
                                                 MemoryFormat::ChannelsLast, MemoryFormat::ChannelsLast3d};
      int64_t c = d.int_value.to_int64();
      return Value::of_memory_format(c >= 0 && c < 4 ? c10_formats[c] : MemoryFormat::Unknown);
    }
    if (a.type.base == B::ScalarType) { // c10 numbering: Byte=0 ... Bool=11, BFloat16=15
      int64_t c = d.int_value.to_int64();
      return Value::of_dtype(c == 15 ? ScalarType::BFloat16 : static_cast<ScalarType>(c + 1));
    }
    return Value::of_int(integer(d.int_value));
  case DK::IntList: {
    List r;
    for (const Int &i : d.ints) r.push_back(Value::of_int(integer(i)));
    return Value::of_list(std::move(r));
  }
  case DK::FloatList: {
    List r;
    for (double f : d.floats) r.push_back(Value::of_float(f));
    return Value::of_list(std::move(r));
  }
  case DK::BoolList: {
    List r;
    for (bool b : d.bools) r.push_back(Value::of_bool(b));
    return Value::of_list(std::move(r));
  }
  case DK::Ident: {
    ScalarType t = parse_scalar_type(d.string_value);
    if (t != ScalarType::Undefined) return Value::of_dtype(t);
    MemoryFormat m = parse_memory_format(d.string_value);
    if (m != MemoryFormat::Unknown) return Value::of_memory_format(m);
    if (d.string_value == "Mean") return Value::of_int(1); // at::Reduction
    if (d.string_value == "Sum") return Value::of_int(2);
    if (d.string_value == "None") return Value::of_int(0);
    return Value::of_str(d.string_value);
  }
  }
  return Value::none();
}

// Converts an argument to what the schema type says: a single int for
// `int[2]` repeats, an int for a float becomes a float.
Value coerce(const Value &v, const SchemaType &t) {
  using B = SchemaType::Base;
  if (v.is_none()) return v;
  if (t.list && t.list_size && v.kind == Value::Kind::Int)
    return Value::of_list(List(static_cast<size_t>(*t.list_size), v));
  if (t.list && v.kind == Value::Kind::Tuple) return Value::of_list(*v.items);
  if (!t.list && t.base == B::Float && v.kind == Value::Kind::Int && v.expr.is_integer_constant())
    return Value::of_float(v.expr.value().to_double());
  if (!t.list && t.base == B::Float && v.kind == Value::Kind::Int) return Value::of_float(to_float(v.expr));
  return v;
}

std::string arguments_text(const Schema &s, const std::vector<Value> &args) {
  std::string r;
  for (size_t i = 0; i < args.size() && i < s.args.size(); ++i) {
    std::string v = args[i].str();
    if (v.size() > 200) v = v.substr(0, 200) + "...";
    r += (i ? ", " : "") + s.args[i].name + "=" + v;
  }
  return r;
}

} // namespace

struct RuleRegistry::Impl {
  Program program;
  std::vector<Rule> rules;
  std::unordered_map<std::string, size_t> by_op;
  std::unordered_multimap<uint64_t, CacheEntry> cache;
  CacheStats stats;

  void add_rule(Rule r) {
    auto it = by_op.find(r.info.op);
    if (it != by_op.end()) {
      rules[it->second] = std::move(r);
      return;
    }
    by_op[r.info.op] = rules.size();
    rules.push_back(std::move(r));
  }

  // Reads the @rule decorators of a linked module.
  std::vector<Rule> rules_of(const Module &m) {
    std::vector<Rule> out;
    for (const auto &f : m.functions) {
      for (const Decorator &d : f->decorators) {
        if (d.name != "rule") throw RuleSyntaxError(d.loc, "unknown decorator '@" + d.name + "'");
        if (d.args.size() != 1) throw RuleSyntaxError(d.loc, "@rule takes one schema string");
        Schema s;
        try {
          s = parse_schema(d.args[0]);
        } catch (const SchemaError &e) {
          // Point into the string literal: `@rule("` is 7 characters.
          SourceLoc at = d.loc;
          at.column += 7 + e.column() - 1;
          throw RuleSyntaxError(at, "bad schema: " + e.detail());
        }
        // Every schema argument is a parameter of the same name (in any
        // order, so that one def can serve overloads that differ in
        // trailing arguments); other parameters need defaults.
        std::vector<bool> used(f->params.size(), false);
        for (size_t i = 0; i < s.args.size(); ++i) {
          size_t k = 0;
          while (k < f->params.size() && f->params[k].name != s.args[i].name) ++k;
          if (k == f->params.size())
            throw RuleSyntaxError(f->loc, "rule " + f->name + "() has no parameter '" + s.args[i].name +
                                              "' for argument " + std::to_string(i + 1) + " of " +
                                              s.qualified_name());
          const Param &p = f->params[k];
          used[k] = true;
          if (!annotation_fits(p.type, s.args[i].type))
            throw RuleSyntaxError(p.loc, "parameter '" + p.name + "' is annotated " + p.type.str() +
                                             " but the schema says " + s.args[i].type.str());
        }
        for (size_t k = 0; k < f->params.size(); ++k)
          if (!used[k] && !f->params[k].default_value)
            throw RuleSyntaxError(f->params[k].loc, "parameter '" + f->params[k].name + "' of " + f->name +
                                                        "() is not in " + s.qualified_name() + " and has no default");
        Rule r;
        r.info.op = s.op_name();
        r.info.function = f->name;
        r.info.where = (f->loc.file ? *f->loc.file : std::string("<rules>")) + ":" + std::to_string(f->loc.line);
        r.info.schema = std::move(s);
        r.function = f.get();
        r.global = static_cast<size_t>(program.global_index.at(f->name));
        out.push_back(std::move(r));
      }
    }
    return out;
  }

  std::vector<Value> bind(const Rule &r, const CallArgs &args, const std::string &op) {
    const Schema &s = r.info.schema;
    std::vector<Value> bound(s.args.size());
    std::vector<bool> set(s.args.size(), false);
    auto err = [&](const std::string &m) -> RuleError {
      return RuleError("binding", op + ": " + m, op, "", "", m);
    };
    if (args.positional.size() > s.args.size())
      throw err("takes " + std::to_string(s.args.size()) + " arguments but " +
                std::to_string(args.positional.size()) + " were given");
    for (size_t i = 0; i < args.positional.size(); ++i) {
      if (s.args[i].kwarg_only) throw err("argument '" + s.args[i].name + "' is keyword-only");
      bound[i] = args.positional[i], set[i] = true;
    }
    for (const auto &[name, v] : args.named) {
      int i = s.find_arg(name);
      if (i < 0) throw err("unexpected argument '" + name + "'");
      if (set[static_cast<size_t>(i)]) throw err("argument '" + name + "' given twice");
      bound[static_cast<size_t>(i)] = v, set[static_cast<size_t>(i)] = true;
    }
    for (size_t i = 0; i < s.args.size(); ++i) {
      if (!set[i]) {
        if (!s.args[i].default_value) throw err("missing argument '" + s.args[i].name + "'");
        bound[i] = default_value(s.args[i]);
      } else {
        bound[i] = coerce(bound[i], s.args[i].type);
      }
    }
    return bound;
  }

  // The result must have the shape of the schema's returns, and aliasing
  // outputs must share storage with the argument they alias.
  void check_result(const Rule &r, const std::vector<Value> &args, const Value &result, const std::string &op) {
    const Schema &s = r.info.schema;
    auto bad = [&](const std::string &m) {
      throw RuleError("bad_output", r.info.where + ": " + op + ": " + m, op, "", r.info.where, m);
    };
    std::vector<const Value *> outs;
    if (s.returns.size() == 1) outs.push_back(&result);
    else if (s.returns.size() > 1) {
      if (result.kind != Value::Kind::Tuple || result.items->size() != s.returns.size())
        bad("returns " + result.str() + " but the schema returns " + std::to_string(s.returns.size()) + " values");
      for (const Value &v : *result.items) outs.push_back(&v);
    }
    for (size_t i = 0; i < outs.size(); ++i) {
      const SchemaType &t = s.returns[i].type;
      const Value &v = *outs[i];
      using B = SchemaType::Base;
      bool ok = true;
      if (t.list) ok = v.is_sequence();
      else if (t.base == B::Tensor) ok = v.is_tensor() || v.is_none(); // an undefined tensor (backward ops' masked outputs)
      else if (t.base == B::Int || t.base == B::SymInt) ok = v.kind == Value::Kind::Int;
      else if (t.base == B::Bool) ok = v.kind == Value::Kind::Bool;
      else if (t.base == B::Float) ok = v.kind == Value::Kind::Float || v.kind == Value::Kind::Int;
      if (!ok) bad("output " + std::to_string(i) + " is " + v.type_name() + " but the schema says " + t.str());
      // `Tensor(a)` may alias its argument (reshape returns a view or a
      // copy); an output without an alias annotation must be fresh.
      if (t.base == B::Tensor && t.alias.empty() && v.is_tensor()) {
        for (size_t k = 0; k < s.args.size(); ++k)
          if (args[k].is_tensor() && args[k].tensor->storage == v.tensor->storage)
            bad("output " + std::to_string(i) + " shares storage with '" + s.args[k].name +
                "' but the schema does not let it alias; build it with empty()");
      }
    }
  }

  Value run(ShapeEnv &env, const Rule &r, const std::vector<Value> &args, Trace *trace, const std::string &op,
            const std::string &node) {
    if (r.native) return r.native(env, args);
    Interp in(program, env, trace);
    try {
      detail::Args a;
      for (size_t i = 0; i < args.size(); ++i) a.kw.emplace_back(r.info.schema.args[i].name, args[i]);
      return in.call_value(program.globals[r.global], a,
                           r.function->loc);
    } catch (const RuleFailure &f) {
      std::string where = f.loc.str();
      std::string msg = where + ": " + op + (node.empty() ? "" : " (node " + node + ")") + ": " + f.message +
                        "\n  arguments: " + arguments_text(r.info.schema, args);
      throw RuleError(f.cause, msg, op, node, where, f.message);
    }
  }
};

RuleRegistry::RuleRegistry() : impl_(std::make_unique<Impl>()) {}
RuleRegistry::~RuleRegistry() = default;

std::unique_ptr<RuleRegistry> RuleRegistry::standard() {
  auto r = std::make_unique<RuleRegistry>();
  r->load(standard_files());
  return r;
}

void RuleRegistry::load(const std::vector<std::pair<std::string, std::string>> &files) {
  // Parse and link on a copy of the name table, so that a bad file leaves
  // the registry as it was.
  Impl &m = *impl_;
  size_t old_functions = m.program.functions.size(), old_globals = m.program.globals.size();
  size_t old_modules = m.program.modules.size();
  auto old_index = m.program.global_index;
  try {
    for (const auto &[name, text] : files)
      m.program.add(std::make_unique<Module>(parse_rule_file(text, name)));
    std::vector<Rule> found;
    for (size_t i = old_modules; i < m.program.modules.size(); ++i) {
      m.program.link(*m.program.modules[i]);
      for (Rule &r : m.rules_of(*m.program.modules[i])) found.push_back(std::move(r));
    }
    for (Rule &r : found) m.add_rule(std::move(r));
  } catch (...) {
    m.program.functions.resize(old_functions);
    m.program.globals.resize(old_globals);
    m.program.modules.resize(old_modules);
    m.program.global_index = std::move(old_index);
    throw;
  }
  m.cache.clear();
}

void RuleRegistry::load(std::string_view text, const std::string &file_name) {
  load({{file_name, std::string(text)}});
}

void RuleRegistry::load_file(const std::string &path) {
  std::ifstream in(path);
  if (!in) throw ValueError("cannot read rule file " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  load(ss.str(), path);
}

void RuleRegistry::add_native(const std::string &schema, NativeRule rule, const std::string &origin) {
  Rule r;
  r.info.schema = parse_schema(schema);
  r.info.op = r.info.schema.op_name();
  r.info.function = "<native>";
  r.info.where = origin;
  r.info.native = true;
  r.native = std::move(rule);
  impl_->add_rule(std::move(r));
  impl_->cache.clear();
}

const RuleInfo *RuleRegistry::find(std::string_view op) const {
  auto it = impl_->by_op.find(std::string(op));
  return it == impl_->by_op.end() ? nullptr : &impl_->rules[it->second].info;
}

std::vector<const RuleInfo *> RuleRegistry::rules() const {
  std::vector<const RuleInfo *> r;
  for (const Rule &x : impl_->rules) r.push_back(&x.info);
  std::sort(r.begin(), r.end(), [](const RuleInfo *a, const RuleInfo *b) { return a->op < b->op; });
  return r;
}

const RuleRegistry::CacheStats &RuleRegistry::cache_stats() const { return impl_->stats; }
void RuleRegistry::clear_cache() { impl_->cache.clear(); }

namespace {

void collect_storages(const Value &v, std::vector<uint64_t> &out) {
  if (v.is_tensor()) out.push_back(v.tensor->storage);
  else if (v.is_sequence())
    for (const Value &x : *v.items) collect_storages(x, out);
}

// Asks a recorded question again; false when the answer changed.
bool replay(ShapeEnv &env, const Question &q) {
  using K = Question::Kind;
  switch (q.kind) {
  case K::Evaluate: return env.evaluate(q.cond) == q.answer.is_true();
  case K::EvaluateInt: return integer(env.evaluate_int(q.cond)) == q.answer;
  case K::StaticallyKnownTrue: return env.statically_known_true(q.cond) == q.answer.is_true();
  case K::GuardOrFalse: return env.guard_or_false(q.cond) == q.answer.is_true();
  case K::GuardOrTrue: return env.guard_or_true(q.cond) == q.answer.is_true();
  case K::SizeOblivious: return env.guard_size_oblivious(q.cond) == q.answer.is_true();
  case K::Check: env.check(q.cond, q.message); return true;
  case K::CheckIsSize: env.check_is_size(q.cond); return true;
  case K::ExpectTrue: return env.expect_true(q.cond, q.message) == q.answer.is_true();
  }
  return false;
}

} // namespace

Value RuleRegistry::call(ShapeEnv &env, std::string_view op_view, const CallArgs &args, const CallOptions &options) {
  Impl &m = *impl_;
  std::string op(op_view);
  auto it = m.by_op.find(op);
  if (it == m.by_op.end())
    throw RuleError("unknown_op",
                    "no rule for " + op + (options.node.empty() ? "" : " (node " + options.node + ")"), op,
                    options.node, "", "no rule for " + op);
  const Rule &r = m.rules[it->second];
  std::vector<Value> bound;
  try {
    bound = m.bind(r, args, op);
  } catch (RuleError &e) {
    if (options.node.empty()) throw;
    throw RuleError(e.cause(), std::string(e.what()) + " (node " + options.node + ")", op, options.node, "",
                    e.detail());
  }

  bool cacheable = options.use_cache && !r.info.native;
  uint64_t key = 0;
  if (cacheable) {
    key = it->second * 0x9e3779b97f4a7c15ULL;
    for (const Value &v : bound) key = (key ^ hash_value(v)) * 0x100000001b3ULL;
    auto range = m.cache.equal_range(key);
    for (auto c = range.first; c != range.second; ++c) {
      const CacheEntry &e = c->second;
      if (e.args.size() != bound.size()) continue;
      bool same = true;
      for (size_t i = 0; same && i < bound.size(); ++i) same = same_value(e.args[i], bound[i], false);
      if (!same) continue;
      bool ok = true;
      if (e.env_id == env.id() && e.env_version == env.version()) {
        ++m.stats.replays_skipped;
      } else {
        try {
          for (const Question &q : e.questions)
            if (!(ok = replay(env, q))) break;
        } catch (const Error &) {
          ok = false; // the fresh run below reports it with its place
        }
        if (ok) {
          c->second.env_id = env.id();
          c->second.env_version = env.version();
        }
      }
      if (!ok) {
        ++m.stats.replays_failed;
        break;
      }
      ++m.stats.hits;
      std::map<uint64_t, uint64_t> ids;
      for (const auto &[old_id, src] : e.storage_source)
        if (src >= 0) ids[old_id] = bound[static_cast<size_t>(src)].tensor->storage;
      return renew_storages(e.result, ids);
    }
  }

  Trace trace;
  Value result = m.run(env, r, bound, cacheable ? &trace : nullptr, op, options.node);
  m.check_result(r, bound, result, op);
  if (!cacheable) {
    ++m.stats.bypasses;
    return result;
  }
  ++m.stats.misses;
  if (trace.cacheable) {
    CacheEntry e;
    e.args = bound;
    e.questions = std::move(trace.questions);
    e.result = result;
    e.env_id = env.id();
    e.env_version = env.version();
    std::vector<uint64_t> out_ids;
    collect_storages(result, out_ids);
    for (uint64_t id : out_ids) {
      int src = -1;
      for (size_t i = 0; i < bound.size() && src < 0; ++i)
        if (bound[i].is_tensor() && bound[i].tensor->storage == id) src = static_cast<int>(i);
      e.storage_source[id] = src;
    }
    m.cache.emplace(key, std::move(e));
  }
  return result;
}

Value RuleRegistry::call_function(ShapeEnv &env, const std::string &name, std::vector<Value> args) {
  Impl &m = *impl_;
  auto it = m.program.global_index.find(name);
  const Function *f = it == m.program.global_index.end() ? nullptr : m.program.function_of(m.program.globals[static_cast<size_t>(it->second)]);
  if (!f) throw RuleError("unknown_function", "no rule-file function named " + name, name, "", "", "unknown function");
  Interp in(m.program, env, nullptr);
  try {
    detail::Args a;
    a.pos = std::move(args);
    Value callee = m.program.globals[static_cast<size_t>(it->second)];
    return in.call_value(callee, a, f->loc);
  } catch (const RuleFailure &fl) {
    throw RuleError(fl.cause, fl.loc.str() + ": " + name + ": " + fl.message, name, "", fl.loc.str(), fl.message);
  }
}

} // namespace symshape::rules
