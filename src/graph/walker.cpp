//===- graph/walker.cpp - Propagating metadata through a graph -------------===//
#include "symshape/graph/walker.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <sstream>
#include <unordered_set>

#include "symshape/expr/parse.h"
#include "symshape/expr/substitute.h"

namespace symshape::graph {

using rules::Value;

namespace {

// --- Binding paths (PyTorch's _free_unbacked_symbols_with_path) ----------

// u when `e` is Eq(u, 1) (in normal form Eq(u - 1, 0) or Eq(1 - u, 0)).
Expr eq_one_symbol(Expr e) {
  if (e.kind() != Kind::Eq) return Expr();
  Expr d = e.arg(0);
  if (d.kind() != Kind::Add || d.nargs() != 1 || !d.arg(0).is_symbol()) return Expr();
  if ((d.coeff(0) == Int(1) && d.constant() == Int(-1)) || (d.coeff(0) == Int(-1) && d.constant() == Int(1)))
    return d.arg(0);
  return Expr();
}

// Visits every int or bool a result holds, with its key path, in PyTorch's
// traversal order (elements in order; per tensor sizes, strides, storage
// offset), until `pending` is empty.
void for_each_scalar(const Value &v, const std::string &path, const std::vector<Expr> &pending,
                     const std::function<void(Expr, const std::string &)> &f) {
  switch (v.kind) {
  case Value::Kind::List: case Value::Kind::Tuple:
    for (size_t i = 0; i < v.items->size() && !pending.empty(); ++i)
      for_each_scalar((*v.items)[i], path + "[" + std::to_string(i) + "]", pending, f);
    break;
  case Value::Kind::Tensor: {
    const rules::TensorMeta &t = *v.tensor;
    for (size_t i = 0; i < t.sizes.size(); ++i) f(t.sizes[i], path + ".size()[" + std::to_string(i) + "]");
    for (size_t i = 0; i < t.strides.size(); ++i) f(t.strides[i], path + ".stride()[" + std::to_string(i) + "]");
    f(t.storage_offset, path + ".storage_offset()");
    break;
  }
  case Value::Kind::Int: case Value::Kind::Bool: f(v.expr, path); break;
  default: break;
  }
}

void find_paths(const Value &v, std::vector<Expr> &pending, std::vector<std::pair<Expr, std::string>> &out) {
  auto take = [&](Expr s, const std::string &p) {
    auto it = std::find(pending.begin(), pending.end(), s);
    if (it == pending.end()) return;
    out.emplace_back(s, p);
    pending.erase(it);
  };
  for_each_scalar(v, "", pending, [&](Expr e, const std::string &p) {
    if (e.is_symbol()) {
      take(e, p);
    } else if (e.kind() == Kind::Add && e.nargs() == 1 && e.constant().is_zero() && e.arg(0).is_symbol()) {
      // c*u: read back as value // c (DivideByKey)
      take(e.arg(0), p + ".__floordiv__(" + e.coeff(0).str() + ")");
    } else if (e.kind() == Kind::Eq) {
      // Eq(u, 1), kept as Eq(u - 1, 0) in normal form: ConvertIntKey
      if (Expr u = eq_one_symbol(e); !u.is_null()) take(u, p + ".cast_symbool_to_symint_guardless()");
    }
  });
}

// Beyond PyTorch: u read back from an affine value c*u + r where r holds no
// symbol still pending (its symbols are inputs or bound earlier):
// u = (v - r) // c, key ".__sub__(r).__floordiv__(c)" (parts omitted when
// r = 0 or c = 1); `checks` gets the exactness condition for c != 1.
void find_affine(const Value &v, std::vector<Expr> &pending, std::vector<std::pair<Expr, std::string>> &out,
                 std::vector<std::string> &checks) {
  for_each_scalar(v, "", pending, [&](Expr e, const std::string &p) {
    if (e.kind() != Kind::Add) return;
    for (size_t i = 0; i < e.nargs(); ++i) {
      Expr u = e.arg(i);
      auto it = std::find(pending.begin(), pending.end(), u);
      if (it == pending.end()) continue;
      Expr rest = e - integer(e.coeff(i)) * u;
      bool clean = true;
      for (Expr s : free_symbols(rest)) clean = clean && std::find(pending.begin(), pending.end(), s) == pending.end();
      if (!clean) continue;
      std::string key = p;
      if (!(rest == Expr(0))) key += ".__sub__(" + rest.str() + ")";
      if (e.coeff(i) != Int(1)) {
        key += ".__floordiv__(" + e.coeff(i).str() + ")";
        checks.push_back("(" + p + (rest == Expr(0) ? "" : " - (" + rest.str() + ")") + ") % " + e.coeff(i).str() +
                         " == 0");
      }
      out.emplace_back(u, key);
      pending.erase(it);
      return;
    }
  });
}

std::string short_dtype(rules::ScalarType t) {
  switch (t) {
  case rules::ScalarType::Float32: return "f32";
  case rules::ScalarType::Float64: return "f64";
  case rules::ScalarType::Float16: return "f16";
  case rules::ScalarType::BFloat16: return "bf16";
  case rules::ScalarType::Int64: return "i64";
  case rules::ScalarType::Int32: return "i32";
  case rules::ScalarType::Int16: return "i16";
  case rules::ScalarType::Int8: return "i8";
  case rules::ScalarType::UInt8: return "u8";
  case rules::ScalarType::Bool: return "b8";
  case rules::ScalarType::Complex64: return "c64";
  case rules::ScalarType::Complex128: return "c128";
  default: return rules::scalar_type_name(t);
  }
}

std::string join(const std::vector<Expr> &v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + v[i].str();
  return s;
}

Value substitute_value(const Value &v, const SubstMap &m) {
  switch (v.kind) {
  case Value::Kind::Int: case Value::Kind::Bool: case Value::Kind::Float: {
    Value r = v;
    r.expr = substitute(v.expr, m);
    return r;
  }
  case Value::Kind::List: case Value::Kind::Tuple: {
    rules::List items;
    for (const Value &x : *v.items) items.push_back(substitute_value(x, m));
    return v.kind == Value::Kind::List ? Value::of_list(std::move(items)) : Value::of_tuple(std::move(items));
  }
  case Value::Kind::Tensor: {
    rules::TensorMeta t = *v.tensor;
    for (Expr &e : t.sizes) e = substitute(e, m);
    for (Expr &e : t.strides) e = substitute(e, m);
    t.storage_offset = substitute(t.storage_offset, m);
    return Value::of_tensor(std::move(t));
  }
  default: return v;
  }
}

struct Walker {
  ShapeEnv &env;
  rules::RuleRegistry &reg;
  const WalkOptions &opt;
  WalkResult result;
  /// invoke_subgraph: (identifier, (operands, result)) walked so far.
  std::vector<std::pair<std::string, std::pair<std::vector<Value>, Value>>> subgraph_memo;

  Value resolve(const Graph &g, const Arg &a) {
    switch (a.kind) {
    case Arg::Kind::Value: return a.value;
    case Arg::Kind::Ref: {
      size_t node = a.ref_node;
      int element = a.ref_element;
      if (node == SIZE_MAX) { // not resolved (a graph built without add_node's linking)
        auto it = g.values.find(a.ref);
        if (it == g.values.end()) throw ValueError("unknown value '" + a.ref + "'");
        node = it->second.first;
        element = it->second.second;
      }
      const Value &m = g.node(node).meta;
      if (element < 0) return m;
      if (!m.is_sequence() || static_cast<size_t>(element) >= m.items->size())
        throw ValueError("value '" + a.ref + "' is element " + std::to_string(element) + " of node " +
                         g.node(node).name + ", whose result is " + m.str());
      return (*m.items)[static_cast<size_t>(element)];
    }
    case Arg::Kind::List: {
      rules::List items;
      for (const Arg &x : a.items) items.push_back(resolve(g, x));
      return Value::of_list(std::move(items));
    }
    case Arg::Kind::Subgraph: return Value();
    }
    return Value();
  }

  void error(size_t node, const std::string &message, const std::string &cause) {
    result.errors.push_back({node, message, cause});
  }

  // higher_order.cond(pred, true_fn, false_fn, operands): both branches on
  // the operands; their results must agree.
  // Walks a subgraph on `inputs` (its placeholders in order); returns its
  // output list.
  Value run_subgraph(Graph &sub, const std::vector<Value> &inputs, const Node &n, const char *what) {
    size_t next = 0;
    for (size_t v = 0; v < sub.size(); ++v) {
      Node &sn = sub.node(v);
      if (sn.kind != Node::Kind::Placeholder) continue;
      if (next >= inputs.size())
        throw ValueError(n.op + " node " + n.name + ": the " + what + " has more inputs than operands");
      sn.meta = inputs[next++];
    }
    size_t before = result.errors.size();
    walk_graph(sub);
    if (result.errors.size() != before) throw ValueError(n.op + " node " + n.name + ": the " + what + " failed");
    for (size_t v = 0; v < sub.size(); ++v)
      if (sub.node(v).kind == Node::Kind::Output) return sub.node(v).meta;
    return Value::of_list({});
  }

  // The subgraph arguments and the flattened value arguments of a
  // higher-order op, in order.
  void hop_args(Graph &g, Node &n, std::vector<int> &graphs, std::vector<std::vector<Value>> &lists) {
    for (auto &[name, a] : n.args) {
      if (a.kind == Arg::Kind::Subgraph) {
        graphs.push_back(a.subgraph);
        continue;
      }
      Value v = resolve(g, a);
      lists.push_back(v.is_sequence() ? *v.items : std::vector<Value>{v});
    }
  }

  Value walk_cond(Graph &g, Node &n) {
    std::vector<int> graphs;
    std::vector<std::vector<Value>> lists;
    hop_args(g, n, graphs, lists);
    if (graphs.size() != 2 || lists.size() < 2) throw ValueError("cond node " + n.name + " lacks its two branches");
    const std::vector<Value> &operands = lists.back();
    Value out[2];
    for (int k = 0; k < 2; ++k)
      out[k] = run_subgraph(g.subgraphs[static_cast<size_t>(graphs[static_cast<size_t>(k)])], operands, n,
                            k == 0 ? "true branch" : "false branch");
    if (rules::same_value(out[0], out[1], false)) return out[0];
    return unify(n, out[0], out[1]);
  }

  // higher_order.invoke_subgraph(subgraph, identifier, operands): a
  // repeated block; each distinct (identifier, operand metadata) is walked
  // once and its result reused (fresh storages) -- beyond PyTorch 2.6.
  Value walk_invoke_subgraph(Graph &g, Node &n) {
    std::vector<int> graphs;
    std::vector<std::vector<Value>> lists;
    hop_args(g, n, graphs, lists);
    if (graphs.size() != 1) throw ValueError("invoke_subgraph node " + n.name + ": expected one subgraph");
    std::string id;
    std::vector<Value> operands;
    for (const auto &l : lists)
      for (const Value &v : l) {
        if (v.kind == Value::Kind::Str && id.empty()) id = *v.text;
        else operands.push_back(v);
      }
    if (id.empty()) id = "graph " + std::to_string(graphs[0]);
    for (const auto &[key_id, entry] : subgraph_memo) {
      if (key_id != id || entry.first.size() != operands.size()) continue;
      bool same = true;
      for (size_t i = 0; same && i < operands.size(); ++i) same = rules::same_value(entry.first[i], operands[i], false);
      if (!same) continue;
      return rules::renew_storages(entry.second);
    }
    Value out = run_subgraph(g.subgraphs[static_cast<size_t>(graphs[0])], operands, n, "subgraph");
    subgraph_memo.emplace_back(id, std::make_pair(operands, out));
    return out;
  }

  // higher_order.map_impl(f, xs, pos_args): f runs on one slice of each xs
  // (dim 0 dropped) and the extra arguments; each output gets the leading
  // dim back as PyTorch 2.6's fake implementation does: the body's result
  // expanded (stride 0 on the new dim).
  Value walk_map(Graph &g, Node &n) {
    std::vector<int> graphs;
    std::vector<std::vector<Value>> lists;
    hop_args(g, n, graphs, lists);
    if (graphs.size() != 1 || lists.empty() || lists[0].empty())
      throw ValueError("map node " + n.name + ": expected a body, the mapped tensors and extra arguments");
    std::vector<Value> inputs;
    Expr length;
    for (const Value &x : lists[0]) {
      if (!x.is_tensor() || x.tensor->dim() == 0) throw ValueError("map node " + n.name + ": mapped values must be tensors of rank >= 1");
      if (length.is_null()) length = x.tensor->sizes[0];
      rules::TensorMeta t = *x.tensor;
      t.sizes.erase(t.sizes.begin());
      t.strides.erase(t.strides.begin());
      t.storage = rules::new_storage_id();
      inputs.push_back(Value::of_tensor(std::move(t)));
    }
    for (size_t k = 1; k < lists.size(); ++k) inputs.insert(inputs.end(), lists[k].begin(), lists[k].end());
    Value body = run_subgraph(g.subgraphs[static_cast<size_t>(graphs[0])], inputs, n, "body");
    rules::List outs;
    for (const Value &o : *body.items) {
      if (!o.is_tensor()) throw ValueError("map node " + n.name + ": the body must return tensors");
      rules::TensorMeta t = *o.tensor;
      t.sizes.insert(t.sizes.begin(), length);
      t.strides.insert(t.strides.begin(), Expr(0));
      t.storage = rules::new_storage_id();
      outs.push_back(Value::of_tensor(std::move(t)));
    }
    return Value::of_list(std::move(outs));
  }

  // higher_order.while_loop(cond_fn, body_fn, carried, additional): the
  // condition must give one boolean; the body's results must have the
  // carried values' metadata (sizes that change become unbacked, as in
  // cond).
  Value walk_while(Graph &g, Node &n) {
    std::vector<int> graphs;
    std::vector<std::vector<Value>> lists;
    hop_args(g, n, graphs, lists);
    if (graphs.size() != 2 || lists.empty())
      throw ValueError("while_loop node " + n.name + ": expected cond_fn, body_fn and the carried values");
    std::vector<Value> inputs = lists[0];
    for (size_t k = 1; k < lists.size(); ++k) inputs.insert(inputs.end(), lists[k].begin(), lists[k].end());
    Value c = run_subgraph(g.subgraphs[static_cast<size_t>(graphs[0])], inputs, n, "condition");
    if (c.items->size() != 1) throw ValueError("while_loop node " + n.name + ": the condition must return one value");
    const Value &pred = (*c.items)[0];
    if (!(pred.is_bool() || (pred.is_tensor() && pred.tensor->dim() == 0 && pred.tensor->dtype == rules::ScalarType::Bool)))
      throw ValueError("while_loop node " + n.name + ": the condition must return a boolean scalar, not " + describe(pred));
    Value body = run_subgraph(g.subgraphs[static_cast<size_t>(graphs[1])], inputs, n, "body");
    Value carried = Value::of_list(lists[0]);
    if (body.items->size() != lists[0].size())
      throw ValueError("while_loop node " + n.name + ": the body returns " + std::to_string(body.items->size()) +
                       " values for " + std::to_string(lists[0].size()) + " carried ones");
    if (rules::same_value(carried, body, false)) return rules::renew_storages(body);
    return unify(n, carried, body);
  }

  // Branch results that disagree (beyond PyTorch 2.6, as later versions
  // do): a size or int that differs becomes a fresh size-like unbacked
  // symbol, bound at the cond's output; strides of a changed tensor become
  // contiguous.  Other differences (rank, dtype, kinds) are errors.
  Value unify(const Node &n, const Value &a, const Value &b) {
    auto fresh = [&]() {
      Expr u = env.create_unbacked_int("cond " + n.name);
      env.constrain_range_for_size(u);
      return u;
    };
    auto same = [&](Expr x, Expr y) { return x == y || env.simplify(x) == env.simplify(y); };
    if (a.kind != b.kind)
      throw ValueError("cond node " + n.name + ": the branches return " + a.type_name() + " and " + b.type_name());
    switch (a.kind) {
    case Value::Kind::List: case Value::Kind::Tuple: {
      if (a.items->size() != b.items->size())
        throw ValueError("cond node " + n.name + ": the branches return " + std::to_string(a.items->size()) + " and " +
                         std::to_string(b.items->size()) + " values");
      rules::List items;
      for (size_t i = 0; i < a.items->size(); ++i) items.push_back(unify(n, (*a.items)[i], (*b.items)[i]));
      return a.kind == Value::Kind::List ? Value::of_list(std::move(items)) : Value::of_tuple(std::move(items));
    }
    case Value::Kind::Int: return same(a.expr, b.expr) ? a : Value::of_int(fresh());
    case Value::Kind::Tensor: {
      const rules::TensorMeta &x = *a.tensor, &y = *b.tensor;
      if (x.dim() != y.dim() || x.dtype != y.dtype)
        throw ValueError("cond node " + n.name + ": the branches return " + describe(a) + " and " + describe(b));
      rules::TensorMeta t = x;
      bool changed = false;
      for (size_t i = 0; i < x.dim(); ++i)
        if (!same(x.sizes[i], y.sizes[i])) t.sizes[i] = fresh(), changed = true;
      bool strides_same = true;
      for (size_t i = 0; i < x.dim(); ++i) strides_same = strides_same && same(x.strides[i], y.strides[i]);
      if (changed || !strides_same) t.strides = rules::product_strides(t.sizes);
      t.storage_offset = Expr(0);
      t.storage = rules::new_storage_id();
      return Value::of_tensor(std::move(t));
    }
    default:
      throw ValueError("cond node " + n.name + ": the branches disagree: " + a.str() + " vs " + b.str());
    }
  }

  void bind_unbacked(Graph &, Node &n, size_t v, const Value &previous) {
    std::vector<Expr> pending = env.take_pending_unbacked();
    if (pending.empty()) return;
    std::vector<Expr> missing = pending;
    std::vector<std::pair<Expr, std::string>> paths;
    find_paths(n.meta, missing, paths);
    // PyTorch's forms first; an affine size only for what they leave.
    if (!missing.empty()) find_affine(n.meta, missing, paths, n.binding_checks);
    if (!missing.empty()) {
      std::string names;
      for (Expr s : missing) names += (names.empty() ? "" : ", ") + s.str();
      const rules::RuleInfo *ri = reg.find(n.op);
      error(v, "node " + n.name + " (" + n.op + "): pending unbacked symbols [" + names +
                   "] are not in its returned outputs " + describe(n.meta) + "; the rule" +
                   (ri ? " at " + ri->where : "") + " must return every symbol it creates (new_unbacked)",
            "unbound_unbacked");
    }
    // Rebinding onto recorded names.
    SubstMap rename;
    for (auto &[sym, path] : paths) {
      std::string name(sym.name());
      std::optional<Expr> rec;
      // The node's result from an earlier walk (re-propagation after a
      // graph pass keeps the names), else the program's recorded metadata.
      if (!previous.is_none()) rec = value_at_path(previous, path);
      if (!rec && opt.recorded && !n.outputs.empty()) {
        // The recorded result of the whole node: a tuple of its named outputs.
        if (n.output_shape == OutputShape::Tuple || n.output_shape == OutputShape::List) {
          rules::List items;
          bool all = true;
          for (const auto &o : n.outputs) {
            auto it = opt.recorded->find(o);
            if (it == opt.recorded->end()) {
              all = false;
              break;
            }
            items.push_back(it->second);
          }
          if (all) rec = value_at_path(Value::of_tuple(std::move(items)), path);
        } else if (auto it = opt.recorded->find(n.outputs[0]); it != opt.recorded->end()) {
          rec = value_at_path(it->second, path);
        }
      }
      if (rec && rec->is_symbol() && *rec != sym && rec->name()[0] == 'u') {
        Expr to = env.rename_unbacked(sym, std::string(rec->name()));
        rename[sym.node()] = to;
        name = std::string(to.name());
      }
      n.unbacked_bindings.emplace_back(name, path);
    }
    if (!rename.empty()) n.meta = substitute_value(n.meta, rename);
  }

  void walk_graph(Graph &g, bool main = false, const std::vector<size_t> *given_order = nullptr) {
    std::vector<size_t> order = given_order ? *given_order : g.walk_order();
    size_t done = 0;
    for (size_t v : order) {
      if (main && opt.progress) opt.progress(++done, order.size());
      Node &n = g.node(v);
      if (n.kind == Node::Kind::Placeholder) continue;
      if (n.kind == Node::Kind::Output) {
        rules::List items;
        for (auto &[name, a] : n.args) items.push_back(resolve(g, a));
        n.meta = Value::of_list(std::move(items)); // a cond branch returns a list
        continue;
      }
      ++result.nodes_walked;
      Value previous = n.meta;
      n.unbacked_bindings.clear();
      n.binding_checks.clear();
      n.asserts.clear();
      try {
        if (n.op == "higher_order.cond") {
          n.meta = walk_cond(g, n);
        } else if (n.op == "higher_order.invoke_subgraph") {
          n.meta = walk_invoke_subgraph(g, n);
        } else if (n.op == "higher_order.map_impl") {
          n.meta = walk_map(g, n);
        } else if (n.op == "higher_order.while_loop") {
          n.meta = walk_while(g, n);
        } else {
          rules::CallArgs args;
          for (auto &[name, a] : n.args) {
            if (name.empty()) args.positional.push_back(resolve(g, a));
            else args.named.emplace_back(name, resolve(g, a));
          }
          env.set_origin("node " + n.name + " (" + n.op + ")");
          n.meta = reg.call(env, n.op, args, rules::CallOptions{n.name, opt.use_cache});
        }
        bind_unbacked(g, n, v, previous);
      } catch (const rules::RuleError &e) {
        std::string msg = e.what();
        if (e.cause() == "unknown_op")
          msg += "; add a rule for it (docs/rules.md) or load a rule file with --rules";
        error(v, msg, e.cause());
        env.take_pending_unbacked();
      } catch (const Error &e) {
        error(v, "node " + n.name + " (" + n.op + "): " + e.what(), e.kind());
        env.take_pending_unbacked();
      }
      if (!result.errors.empty() && !opt.keep_going) return;
    }
  }

  // Every runtime assert goes to the first node after which its symbols
  // are all bound (placeholders bind theirs before the first call).
  void attach_asserts(Graph &g, const std::vector<size_t> &order) {
    std::unordered_map<const void *, size_t> bound_at; // symbol node -> position in walk order
    size_t first_call = order.size();
    for (size_t pos = 0; pos < order.size(); ++pos) {
      const Node &n = g.node(order[pos]);
      if (n.kind == Node::Kind::Call && first_call == order.size()) first_call = pos;
      for (const auto &[name, path] : n.unbacked_bindings) bound_at[symbol(name).node()] = pos;
    }
    if (first_call == order.size()) return;
    for (const RuntimeAssert &ra : env.runtime_asserts()) {
      size_t at = first_call;
      for (Expr s : free_symbols(env.simplify(ra.expr))) {
        auto it = bound_at.find(s.node());
        if (it != bound_at.end()) at = std::max(at, it->second);
      }
      g.node(order[at]).asserts.push_back(ra.expr);
    }
  }
};

} // namespace

std::vector<std::pair<Expr, std::string>> unbacked_binding_paths(const Value &result, const std::vector<Expr> &pending) {
  std::vector<Expr> todo = pending;
  std::vector<std::pair<Expr, std::string>> out;
  find_paths(result, todo, out);
  return out;
}

std::optional<Expr> value_at_path(const Value &v, const std::string &path) {
  const Value *cur = &v;
  Value tmp;
  size_t i = 0;
  std::optional<Expr> scalar;
  auto number = [&](size_t &k) {
    size_t j = k;
    while (j < path.size() && (std::isdigit(static_cast<unsigned char>(path[j])) || path[j] == '-')) ++j;
    long long n = std::stoll(path.substr(k, j - k));
    k = j;
    return n;
  };
  while (i < path.size()) {
    if (path.compare(i, 1, "[") == 0 && !scalar) {
      ++i;
      long long k = number(i);
      if (i >= path.size() || path[i] != ']' || !cur->is_sequence() || k < 0 ||
          static_cast<size_t>(k) >= cur->items->size())
        return std::nullopt;
      ++i;
      tmp = (*cur->items)[static_cast<size_t>(k)];
      cur = &tmp;
    } else if (path.compare(i, 8, ".size()[") == 0 || path.compare(i, 10, ".stride()[") == 0) {
      bool sz = path.compare(i, 8, ".size()[") == 0;
      i += sz ? 8 : 10;
      long long k = number(i);
      if (i >= path.size() || path[i] != ']' || !cur->is_tensor()) return std::nullopt;
      ++i;
      const auto &vec = sz ? cur->tensor->sizes : cur->tensor->strides;
      if (k < 0 || static_cast<size_t>(k) >= vec.size()) return std::nullopt;
      scalar = vec[static_cast<size_t>(k)];
    } else if (path.compare(i, 17, ".storage_offset()") == 0) {
      i += 17;
      if (!cur->is_tensor()) return std::nullopt;
      scalar = cur->tensor->storage_offset;
    } else if (path.compare(i, 9, ".__sub__(") == 0) {
      // up to the matching parenthesis
      i += 9;
      int depth = 1;
      size_t j = i;
      while (j < path.size() && depth > 0) {
        if (path[j] == '(') ++depth;
        else if (path[j] == ')') --depth;
        ++j;
      }
      if (depth != 0) return std::nullopt;
      Expr base = scalar ? *scalar : (cur->is_number() ? cur->expr : Expr());
      if (base.is_null()) return std::nullopt;
      try {
        scalar = base - parse_expr(path.substr(i, j - 1 - i));
      } catch (const Error &) {
        return std::nullopt;
      }
      i = j;
    } else if (path.compare(i, 14, ".__floordiv__(") == 0) {
      i += 14;
      long long c = number(i);
      if (i >= path.size() || path[i] != ')') return std::nullopt;
      ++i;
      Expr base = scalar ? *scalar : (cur->is_number() ? cur->expr : Expr());
      if (base.is_null() || c == 0) return std::nullopt;
      scalar = floordiv(base, Expr(c));
    } else if (path.compare(i, 35, ".cast_symbool_to_symint_guardless()") == 0) {
      i += 35;
      Expr b = scalar ? *scalar : (cur->is_number() ? cur->expr : Expr());
      if (b.is_null() || !b.is_bool()) return std::nullopt;
      // Eq(u, 1) -> u
      if (Expr u = eq_one_symbol(b); !u.is_null()) {
        scalar = u;
      } else {
        scalar = where(b, Expr(1), Expr(0));
      }
    } else {
      return std::nullopt;
    }
  }
  if (scalar) return scalar;
  if (cur->is_number()) return cur->expr;
  return std::nullopt;
}

std::string describe(const Value &v) {
  switch (v.kind) {
  case Value::Kind::Tensor: {
    const rules::TensorMeta &t = *v.tensor;
    std::string s = short_dtype(t.dtype) + "[" + join(t.sizes) + "] stride [" + join(t.strides) + "]";
    if (!(t.storage_offset == Expr(0))) s += " offset " + t.storage_offset.str();
    return s;
  }
  case Value::Kind::List: case Value::Kind::Tuple: {
    std::string s = v.kind == Value::Kind::List ? "[" : "(";
    for (size_t i = 0; i < v.items->size(); ++i) s += (i ? ", " : "") + describe((*v.items)[i]);
    return s + (v.kind == Value::Kind::List ? "]" : ")");
  }
  default: return v.str();
  }
}

WalkResult walk(Graph &g, ShapeEnv &env, rules::RuleRegistry &rules, const WalkOptions &options) {
  Walker w{env, rules, options, {}, {}};
  std::vector<size_t> order = g.walk_order();
  w.walk_graph(g, true, &order);
  w.attach_asserts(g, order);
  env.set_origin("");
  return w.result;
}

} // namespace symshape::graph
