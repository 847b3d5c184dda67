//===- symshape/graph/walker.h - Fake-tensor propagation over a graph ------===//
//
// `walk` is PyTorch's FakeTensorProp: in walk order, every call node runs
// the meta rule of its op on its arguments' metadata against a ShapeEnv,
// and its result becomes the node's metadata.  After each node:
//
//   * the fresh unbacked symbols its rule created must be readable from its
//     result: `unbacked_binding_paths` finds each one's key path exactly as
//     PyTorch's compute_unbacked_bindings does (".size()[0]",
//     "[1].stride()[0]", ".storage_offset()", ".__floordiv__(2)" for 2*u,
//     ".cast_symbool_to_symint_guardless()" for Eq(u, 1)); beyond PyTorch,
//     a symbol only found in an affine value c*u + r (r known at run time)
//     is read back as ".__sub__(r).__floordiv__(c)" with a run-time check
//     that the division is exact (Node::binding_checks); one that is not
//     there at all is an error naming the node and the rule;
//   * rebinding: when the node carries recorded metadata (a torch.export
//     program, an earlier walk), a fresh symbol whose recorded counterpart
//     at the same path is another unbacked symbol is renamed to it
//     (PyTorch's rebind_unbacked), so names are stable across walks.
//
// After the walk every runtime assert of the ShapeEnv is attached to the
// first node after which all its symbols are bound (where PyTorch's
// insert_deferred_runtime_asserts puts its `_assert_scalar`).
//
// `higher_order.cond` walks both branches on the operands' metadata.  Where
// their results disagree in a size (beyond PyTorch 2.6, as later PyTorch
// does) the size becomes a fresh size-like unbacked symbol bound at the
// cond's output; a different rank, dtype or kind is an error.
//
// Cost: one rule call per node (cached by argument metadata, see
// rules/registry.h) plus a scan of each result that created unbacked
// symbols.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "symshape/graph/graph.h"
#include "symshape/rules/registry.h"
#include "symshape/shape_env/shape_env.h"

namespace symshape::graph {

struct WalkOptions {
  bool keep_going = false; ///< report every failing node instead of stopping at the first
  bool use_cache = true;   ///< the registry's result cache
  /// Recorded metadata per value name (from a program), used to rebind fresh
  /// unbacked symbols to their recorded names.  Optional.
  const std::unordered_map<std::string, rules::Value> *recorded = nullptr;
  /// Called after each node of the main graph with (nodes done, nodes in
  /// all) -- a progress bar.  Optional.
  std::function<void(size_t, size_t)> progress;
};

struct WalkError {
  size_t node;
  std::string message; ///< names the node, its op, the rule location and how to fix it
  std::string cause;   ///< RuleError::cause(), or "unbound_unbacked", "walker"
};

struct WalkResult {
  std::vector<WalkError> errors;
  size_t nodes_walked = 0;
  bool ok() const { return errors.empty(); }
};

/// Walks `g` (placeholders must carry their metadata).  Throws nothing for
/// rule failures (they are in `errors`); throws ValueError for a malformed
/// graph (a cycle).
WalkResult walk(Graph &g, ShapeEnv &env, rules::RuleRegistry &rules, const WalkOptions &options = {});

/// The key path of every symbol of `pending` found in `result`, in
/// PyTorch's traversal order (tuple elements, then per tensor sizes,
/// strides, storage offset).  Symbols not found are absent.
std::vector<std::pair<Expr, std::string>> unbacked_binding_paths(const rules::Value &result,
                                                                 const std::vector<Expr> &pending);

/// The value at a key path ("[1].size()[0]"), or null when the path does not
/// lead to an int or bool.  `.__floordiv__(c)` divides, the bool conversion
/// reads an Eq(u, 1) bool's u.
std::optional<Expr> value_at_path(const rules::Value &v, const std::string &path);

/// "f32[s0, 16] stride [16, 1]" / "i64[u0]" / "s0 + 1" / "(f32[2], i64[2])".
std::string describe(const rules::Value &v);

} // namespace symshape::graph
