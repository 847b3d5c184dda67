//===- symshape/rules/ast.h - Syntax trees of rule files -------------------===//
//
// Rule files are written in a typed subset of Python (docs/rules.md): `def`s
// with annotated parameters, decorated with the ATen schema they implement,
// and helper functions.  This header is the tree the parser produces and the
// interpreter runs; every node keeps its file:line:column for errors.
//
// Names are resolved once, after parsing (`Function::num_slots`, `ExprNode::slot`):
// the interpreter indexes a flat frame instead of looking names up.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "symshape/expr/integer.h"

namespace symshape::rules {

/// A place in a rule file.
struct SourceLoc {
  std::shared_ptr<const std::string> file; ///< shared by every node of a file
  int line = 0, column = 0;
  /// "file:line:column".
  std::string str() const;
};

/// A parameter or return type: `int`, `List[int]`, `Optional[Tensor]`,
/// `Tuple[Tensor, Tensor]`, `Tuple[int, ...]`, or unannotated (Any).
struct TypeRef {
  enum class Kind { Any, Int, Bool, Float, Str, Tensor, ScalarType, Device, Layout, MemoryFormat, Scalar,
                    None, List, Optional, Tuple };
  Kind kind = Kind::Any;
  std::vector<TypeRef> args; ///< element types (List: 1, Optional: 1, Tuple: n)
  bool variadic = false;     ///< Tuple[int, ...]
  std::string str() const;
};

struct ExprNode;
struct Stmt;
using ExprPtr = std::unique_ptr<ExprNode>;
using StmtPtr = std::unique_ptr<Stmt>;
using Block = std::vector<StmtPtr>;

/// An expression node.
struct ExprNode {
  enum class Kind {
    Int, Float, Str, Bool, None, ///< literals (`int_value`, `float_value`, `text`)
    Name,                        ///< `text`; `slot` >= 0 for a local, else a global or builtin
    Tuple, List,                 ///< `args`
    ListComp,                    ///< `args[0]` element; `comp_target` over `args[1]`; `args[2]` optional filter
    Subscript,                   ///< `args[0]`[`args[1]`]
    Slice,                       ///< `args` = lower, upper, step (null when absent)
    Attribute,                   ///< `args[0]`.`text`
    Call,                        ///< `args[0]`(args[1..]); `keywords` name the last ones
    Unary,                       ///< `op` in "-", "+", "not"; `args[0]`
    Binary,                      ///< `op` in + - * / // % **; `args[0]`, `args[1]`
    Compare,                     ///< chained: args[0] ops[0] args[1] ops[1] args[2] ...
    BoolOp,                      ///< `op` "and" / "or" over `args` (short-circuit)
    IfExp,                       ///< args[1] if args[0] else args[2]
  };
  Kind kind;
  SourceLoc loc;
  std::string text;              ///< name, string literal, attribute
  std::string op;                ///< operator
  std::vector<std::string> ops;  ///< Compare operators ("<", "in", "not in", "is", "is not", ...)
  Int int_value;
  double float_value = 0.0;
  bool bool_value = false;
  std::vector<ExprPtr> args;
  std::vector<std::string> keywords; ///< Call: names of the trailing keyword arguments
  std::vector<ExprPtr> comp_target;  ///< ListComp: the loop target (a Name, or a Tuple of Names)
  int slot = -1;                     ///< Name: local slot, resolved after parsing
  int global = -1;                   ///< Name without a slot: index into the linked globals
};

/// A statement.
struct Stmt {
  enum class Kind {
    Expr,     ///< `value`
    Assign,   ///< `targets` = `value` (targets: Name, Tuple of Names, Subscript)
    AugAssign,///< `targets[0]` `op`= `value`
    If,       ///< if `value`: body else orelse (elif is a nested If in orelse)
    For,      ///< for `targets[0]` in `value`: body
    While,    ///< while `value`: body
    Return,   ///< return [`value`]
    Pass, Break, Continue,
    Assert,   ///< assert `value`[, `message`]
    Raise,    ///< raise `value` (a call such as ShapeError("..."))
  };
  Kind kind;
  SourceLoc loc;
  std::vector<ExprPtr> targets;
  ExprPtr value;
  ExprPtr message;
  std::string op;
  Block body, orelse;
};

struct Param {
  std::string name;
  TypeRef type;
  ExprPtr default_value; ///< null when required
  SourceLoc loc;
};

/// A decorator: `@rule("aten::mm(Tensor self, Tensor mat2) -> Tensor")`.
struct Decorator {
  std::string name;
  std::vector<std::string> args; ///< string literal arguments
  SourceLoc loc;
};

struct Function {
  std::string name;
  std::vector<Param> params;
  TypeRef returns;
  Block body;
  std::vector<Decorator> decorators;
  SourceLoc loc;
  int num_slots = 0;                  ///< locals, parameters first
  std::vector<std::string> slot_names; ///< for messages
};

/// A parsed rule file.
struct Module {
  std::shared_ptr<const std::string> file;
  std::vector<std::unique_ptr<Function>> functions;
};

/// The tree as fully parenthesized text, one statement per line (for tests
/// and `symshape rules check --dump`): `(call empty (list (call (attr self
/// size) 0)) dtype=(attr self dtype))`; names show their slot as `x#2`.
std::string dump(const ExprNode &e);
std::string dump(const Function &f);

} // namespace symshape::rules
