//===- symshape/rules/registry.h - Meta rules bound to ATen operators ------===//
//
// A RuleRegistry maps operators ("aten.add.Tensor") to meta rules: functions
// of rule files (docs/rules.md) decorated with the ATen schema they model,
// or native C++ functions.  `call` binds a graph node's arguments to the
// schema (by position, by name, defaults), runs the rule on symbolic values
// against a ShapeEnv, checks the result against the schema's returns and
// alias annotations, and returns the output metadata.
//
//   auto reg = RuleRegistry::standard();       // rules/*.py, compiled in
//   ShapeEnv env;
//   TensorSymbols x = env.create_tensor("x", {8, 3});
//   Value out = reg->call(env, "aten.mm.default", {{tensor(x), tensor(w)}, {}});
//
// Caching.  Like FakeTensorMode's dispatch cache, results are cached by
// (rule, bound argument metadata).  A cache entry also holds every question
// the rule asked the ShapeEnv (decisions, checks) with its answer; a hit
// asks them again -- which costs a lookup, since the ShapeEnv now knows
// them -- so a cached call adds exactly the guards and runtime asserts a
// fresh call would, to whatever ShapeEnv it runs against.  If any answer
// differs, the rule runs afresh.  In the very ShapeEnv and version where
// the questions were last asked, the answers cannot differ and nothing
// would be added: the replay is skipped.  Rules that create unbacked symbols are
// never cached (each call must make fresh symbols).
//
// Errors.  Every failure is a RuleError naming the rule's file:line:column,
// the operator, the node (when given) and the arguments.  Rule files with
// syntax or binding mistakes are rejected at load time with RuleSyntaxError
// (file:line:column).
//
// Thread safety: one registry per thread, or external locking.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "symshape/expr/errors.h"
#include "symshape/rules/schema.h"
#include "symshape/rules/value.h"
#include "symshape/shape_env/shape_env.h"

namespace symshape::rules {

/// A rule failed on its inputs: a shape error (failed check, impossible
/// shape), a data-dependent decision, or a misuse of the rule.
///   "rules/linalg.py:9:5: aten.mm.default (node mm): check failed: ...
///    arguments: self=Tensor(sizes=[s0, 3], ...), mat2=..."
class RuleError : public Error {
public:
  RuleError(std::string cause, const std::string &message, std::string op, std::string node, std::string where,
            std::string detail)
      : Error("rule", message), cause_(std::move(cause)), op_(std::move(op)), node_(std::move(node)),
        where_(std::move(where)), detail_(std::move(detail)) {}
  /// What went wrong: "check_failed", "data_dependent", "type", "index",
  /// "unknown_op", "binding", "bad_output", "shape", ... (the kind of the
  /// underlying error when there is one).
  const std::string &cause() const { return cause_; }
  const std::string &op() const { return op_; }
  const std::string &node() const { return node_; }
  /// "file:line:column" in the rule file, or "" (binding errors).
  const std::string &where() const { return where_; }
  /// The message alone, without place and arguments.
  const std::string &detail() const { return detail_; }

private:
  std::string cause_, op_, node_, where_, detail_;
};

/// The arguments of one call, as a graph gives them.
struct CallArgs {
  std::vector<Value> positional;
  std::vector<std::pair<std::string, Value>> named;
};

/// A rule written in C++: receives one value per schema argument (defaults
/// filled in, in schema order) and returns the outputs.
using NativeRule = std::function<Value(ShapeEnv &, const std::vector<Value> &)>;

struct RuleInfo {
  std::string op;       ///< "aten.add.Tensor"
  Schema schema;
  std::string function; ///< the rule-file function, or "<native>"
  std::string where;    ///< "rules/pointwise.py:14" or the native rule's origin
  bool native = false;
};

struct CallOptions {
  std::string node;       ///< named in errors
  bool use_cache = true;
};

class RuleRegistry {
public:
  /// An empty registry (builtins only).
  RuleRegistry();
  ~RuleRegistry();
  RuleRegistry(const RuleRegistry &) = delete;
  RuleRegistry &operator=(const RuleRegistry &) = delete;

  /// A registry holding the standard rules of `rules/`, compiled into the
  /// library at build time (no file is read).
  static std::unique_ptr<RuleRegistry> standard();
  /// The standard rule files: (file name, text).
  static const std::vector<std::pair<std::string, std::string>> &standard_files();

  /// Loads rule files; functions of all files loaded so far (and of these)
  /// are visible to each other.  A later rule for an op replaces an earlier
  /// one.  Throws RuleSyntaxError (file:line:column) and leaves the registry
  /// unchanged.
  void load(const std::vector<std::pair<std::string, std::string>> &files);
  void load(std::string_view text, const std::string &file_name);
  void load_file(const std::string &path);
  /// A native rule for `schema` ("aten::foo(Tensor self) -> Tensor").
  void add_native(const std::string &schema, NativeRule rule, const std::string &origin);

  const RuleInfo *find(std::string_view op) const;
  /// Every rule, sorted by op.
  std::vector<const RuleInfo *> rules() const;

  /// Runs the rule of `op`.  Throws RuleError.
  Value call(ShapeEnv &env, std::string_view op, const CallArgs &args, const CallOptions &options = {});
  /// Runs a function of the loaded files by name with positional values
  /// (for tests and helpers).  Throws RuleError.
  Value call_function(ShapeEnv &env, const std::string &name, std::vector<Value> args);

  struct CacheStats {
    uint64_t hits = 0, misses = 0, bypasses = 0, replays_failed = 0;
    /// Hits in the ShapeEnv (same id and version) where the questions were
    /// last asked: nothing to replay.
    uint64_t replays_skipped = 0;
  };
  const CacheStats &cache_stats() const;
  void clear_cache();

  struct Impl;

private:
  std::unique_ptr<Impl> impl_;
};

} // namespace symshape::rules
