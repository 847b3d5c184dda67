//===- rules/interp.h - The rule interpreter (internal) --------------------===//
//
// A tree-walking interpreter over the resolved syntax tree: locals live in a
// flat frame (slots assigned by the parser), globals (functions of every
// loaded file, builtins, constants such as `float32`) are linked once into
// one table (`Program`).  Every question a rule asks the ShapeEnv goes
// through `Interp::ask` so that it can be recorded (`Trace`) and replayed
// when the registry serves a call from its cache.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "symshape/rules/ast.h"
#include "symshape/rules/value.h"
#include "symshape/shape_env/shape_env.h"

namespace symshape::rules::detail {

class Interp;

/// `s == lit` without strlen (operator and method names are compared on
/// every evaluation).
template <size_t N> inline bool is(const std::string &s, const char (&lit)[N]) {
  return s.size() == N - 1 && std::memcmp(s.data(), lit, N - 1) == 0;
}

/// Arguments of a builtin call.
struct Args {
  std::vector<Value> pos;
  std::vector<std::pair<std::string, Value>> kw;
  const Value *get(size_t i, const char *name) const;
};
using BuiltinFn = Value (*)(Interp &, Args &, const SourceLoc &);

/// One question asked of the ShapeEnv, with its answer.
struct Question {
  enum class Kind : uint8_t {
    Evaluate, EvaluateInt, StaticallyKnownTrue, GuardOrFalse, GuardOrTrue, SizeOblivious, Check,
    CheckIsSize, ExpectTrue,
  };
  Kind kind;
  Expr cond;
  Expr answer; ///< a Bool constant, or the Int of EvaluateInt
  std::string message;
};
/// Every question of one rule run, in order.
struct Trace {
  std::vector<Question> questions;
  bool cacheable = true; ///< false once a fresh unbacked symbol was made
};

/// Every loaded function and builtin, linked by name.
struct Program {
  std::vector<std::unique_ptr<Module>> modules;
  std::vector<const Function *> functions;
  std::vector<Value> globals;                    ///< by Expr::global
  std::unordered_map<std::string, int> global_index;
  std::vector<std::pair<std::string, BuiltinFn>> builtins;
  int check_global = -1; ///< the global index of the builtin `check`

  Program();
  /// Adds a module; its functions become globals.  Throws RuleSyntaxError
  /// on a duplicate function name.
  void add(std::unique_ptr<Module> m);
  /// Resolves every non-local name of `m`; throws RuleSyntaxError naming
  /// the first unknown one.
  void link(Module &m);
  const Function *function_of(const Value &v) const;
};

/// The reason a rule stopped: carries the place.
struct RuleFailure {
  SourceLoc loc;
  std::string message;
  std::string cause; ///< Error::kind() of the underlying error
};

class Interp {
public:
  Interp(const Program &p, ShapeEnv &env, Trace *trace) : prog_(p), env_(env), trace_(trace) {}

  /// Calls a rule-file function with already-bound arguments (one per
  /// parameter, defaults filled in).
  Value call_function(const Function &f, std::vector<Value> args, const SourceLoc &at);
  /// Calls any callable value with Python argument binding.
  Value call_value(const Value &callee, Args &args, const SourceLoc &at);

  // --- Questions (recorded) ----------------------------------------------
  bool ask(Question::Kind k, Expr cond, const std::string &message = "");
  Expr ask_int(Expr e);
  /// Python truthiness; a symbolic bool is decided by `evaluate`.
  bool truth(const Value &v, const SourceLoc &at);
  /// A constant int (symbolic: specialized through evaluate_int).
  int64_t to_index(const Value &v, const SourceLoc &at, const char *what);

  ShapeEnv &env() { return env_; }
  const Program &program() const { return prog_; }
  Trace *trace() { return trace_; }
  void mark_uncacheable() {
    if (trace_) trace_->cacheable = false;
  }
  [[noreturn]] void fail(const SourceLoc &at, const std::string &message, const std::string &cause = "rule");

  // Value operations shared by the evaluator and builtins.
  Value binary(const std::string &op, const Value &a, const Value &b, const SourceLoc &at);
  Value compare(const std::string &op, const Value &a, const Value &b, const SourceLoc &at);
  Expr as_int(const Value &v, const SourceLoc &at, const char *what);
  Expr as_number(const Value &v, const SourceLoc &at, const char *what);
  Expr as_bool_expr(const Value &v, const SourceLoc &at, const char *what);
  const List &as_sequence(const Value &v, const SourceLoc &at, const char *what);
  const TensorMeta &as_tensor(const Value &v, const SourceLoc &at, const char *what);

private:
  enum class Flow { Normal, Return, Break, Continue };
  Flow exec_block(const Block &b, std::vector<Value> &frame, Value &ret);
  Flow exec(const Stmt &s, std::vector<Value> &frame, Value &ret);
  Flow exec_unchecked(const Stmt &s, std::vector<Value> &frame, Value &ret);
  Value eval(const ExprNode &e, std::vector<Value> &frame);
  void assign(const ExprNode &target, const Value &v, std::vector<Value> &frame);
  Value call(const ExprNode &e, std::vector<Value> &frame);
  Value method(const Value &obj, const std::string &name, Args &args, const SourceLoc &at);
  Value attribute(const Value &obj, const std::string &name, const SourceLoc &at);
  Value subscript(const Value &obj, const Value &index, const SourceLoc &at);

  const Program &prog_;
  ShapeEnv &env_;
  Trace *trace_;
  int depth_ = 0;
};

/// A str as the list of its characters; other values unchanged.
Value iterable(const Value &v);

/// Builtins and methods (builtins.cpp).
void register_builtins(Program &p);
Value tensor_method(Interp &in, const TensorMeta &t, const std::string &name, Args &args, const SourceLoc &at,
                    bool *found);

/// Contiguous strides as PyTorch computes them: stride[i] =
/// stride[i+1] * max(size[i+1], 1), the max dropped when the ShapeEnv knows
/// the size is >= 1.
std::vector<Expr> contiguous_strides(Interp &in, const std::vector<Expr> &sizes);

} // namespace symshape::rules::detail
