//===- symshape/rules/schema.h - ATen operator schemas ---------------------===//
//
// `parse_schema` reads an operator schema in the spelling PyTorch prints for
// `torch.ops.aten.<op>.<overload>._schema`, e.g.
//
//   aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor
//   aten::split.Tensor(Tensor(a -> *) self, SymInt split_size, int dim=0) -> Tensor(a)[]
//   aten::sort(Tensor self, int dim=-1, bool descending=False) -> (Tensor values, Tensor indices)
//
// Rules name the operator they model by its schema, and the schema tells a
// rule which arguments are lists, optional, keyword-only or written in place,
// so the parser keeps every one of those facts.  The accepted language is the
// one every ATen overload of PyTorch 2.6 uses (tests/data/aten/all_ops.tsv):
//
//   schema   := ns '::' name ('.' overload)? '(' args? ')' '->' returns
//   args     := arg (',' arg)*          where one arg may be the marker '*'
//   arg      := type name ('=' default)?
//   returns  := type | '(' (type name? (',' type name?)*)? ')'
//   type     := base alias? '?'? ('[' N? ']' alias?)? '?'?
//   base     := Tensor | int | SymInt | bool | float | complex | str | Scalar
//             | ScalarType | Layout | Device | MemoryFormat | Generator
//             | Dimname | Storage | Stream | Any | AnyEnumType | NoneType
//             | 'Dict(' type ', ' type ')' | t | t1 | t2 ...  (type variables)
//             | __torch__.dotted.ClassName                  (TorchScript class)
//   alias    := '(' set ('|' set)* '!'? ('->' set ('|' set)*)? ')'   set := name | '*'
//
// Blanks between tokens are optional; `Schema::str()` re-prints in
// PyTorch's own spacing, so for every schema PyTorch prints,
// `parse_schema(s).str() == s`.  Defaults are kept as written (`1.` stays
// `1.`, not `1.0`) because PyTorch's float spelling cannot be recomputed from
// a double.
//
// Defaults are checked against their type the way PyTorch checks them: `None`
// only for optional types, `True`/`False` for bool, numbers for the numeric
// types, lists (or one value to repeat, for sized lists such as `int[2]`) for
// int, float and bool lists, bare identifiers (`long`, `Mean`,
// `contiguous_format`) for int, ScalarType, Layout and MemoryFormat.
//
// Malformed text throws SchemaError; the parser never reads out of bounds and
// never throws anything else.  Cost: linear in the text.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "symshape/expr/errors.h"
#include "symshape/expr/integer.h"

namespace symshape::rules {

/// The type of an argument or return: a base type with list, optional and
/// alias decorations.  Only one level of list is representable, which is all
/// ATen uses (`int[][]` is rejected).
struct SchemaType {
  enum class Base {
    Tensor, Int, SymInt, Bool, Float, Complex, Str, Scalar, ScalarType, Layout, Device,
    MemoryFormat, Generator, Dimname, Storage, Stream, Any,
    TypeVar,  ///< `t`, `t1`, ...: `name` holds the variable
    Tuple,    ///< never produced: a tuple of returns is `Schema::returns`
    None,     ///< `NoneType`
    AnyEnum,  ///< `AnyEnumType` (aten::eq.enum)
    Dict,     ///< `Dict(K, V)`: `contained` holds {K, V}
    Class,    ///< `__torch__.torch.classes.rnn.CellParamsBase`: `name` holds it
  };
  Base base = Base::Tensor;
  bool list = false;              ///< `int[]`, `Tensor[]`, `int[2]`
  std::optional<int> list_size;   ///< `int[2]` -> 2
  bool optional = false;          ///< the outer `?`: `int[]?`, `Tensor?`
  bool element_optional = false;  ///< `Tensor?[]`
  /// The alias annotation without its parentheses, in PyTorch's spacing:
  /// "a", "a!", "a -> *", "b|a", "*"; empty when there is none.
  std::string alias;
  /// True when the annotation follows the list brackets (`Tensor[](a!)`, the
  /// list itself is written) rather than the element (`Tensor(a!)[]`).
  bool alias_on_list = false;
  /// The variable of a TypeVar, the dotted name of a Class.
  std::string name;
  /// The key and value types of a Dict.
  std::vector<SchemaType> contained;

  /// The annotation marks a write (`a!`): the operator mutates this value.
  bool is_write() const { return alias.find('!') != std::string::npos; }
  /// The spelling of the base alone: "Tensor", "int", "Dict(str, t)", "t".
  std::string base_str() const;
  /// As PyTorch writes it: "Tensor(a!)", "int[2]", "Tensor?[]", "SymInt[]?".
  std::string str() const;
};

/// A default value, parsed and checked against the argument's type.
struct SchemaDefault {
  enum class Kind {
    None,      ///< `None`
    Int,       ///< `1`, `-1`, `9223372036854775807`; also `int[2] padding=0`,
               ///< which PyTorch repeats to the list size
    Float,     ///< `0.5`, `1.`, `1e-05`, `inf`, `-inf`, `nan`
    Bool,      ///< `True`, `False`
    Str,       ///< `"none"`, `'mean'`
    IntList,   ///< `[]`, `[0, 0]`, `[-2, -1]` for int lists
    FloatList, ///< `[]`, `[1.5, 2]` for float lists
    BoolList,  ///< `[]`, `[True, False]` for bool lists
    Ident,     ///< `contiguous_format`, `long`, `Mean`, ...
  };
  Kind kind = Kind::None;
  Int int_value;              ///< Kind::Int
  double float_value = 0;     ///< Kind::Float (an int written for a float
                              ///< argument, `float p=2`, is Kind::Float too)
  bool bool_value = false;    ///< Kind::Bool
  std::string string_value;   ///< Kind::Str (unescaped contents), Kind::Ident
  std::vector<Int> ints;      ///< Kind::IntList
  std::vector<double> floats; ///< Kind::FloatList
  std::vector<bool> bools;    ///< Kind::BoolList
  /// The default exactly as written in the schema: "[0, 0]", "'mean'", "1.".
  std::string text;
};

/// One argument, or one return (whose name may be empty).
struct SchemaArg {
  std::string name;
  SchemaType type;
  std::optional<SchemaDefault> default_value;
  bool kwarg_only = false;  ///< declared after `*`

  /// "int[2] stride=[]", "Tensor(a!) out", "Tensor".
  std::string str() const;
};

/// A parsed operator schema.
struct Schema {
  std::string ns;        ///< "aten"
  std::string name;      ///< "add"
  std::string overload;  ///< "Tensor", or "" for the default overload
  std::vector<SchemaArg> args;
  /// The returns; `-> ()` gives none, `-> (Tensor, Tensor)` two.
  std::vector<SchemaArg> returns;
  std::string text;      ///< the schema as given to parse_schema

  /// "aten.add.Tensor", "aten.mm.default": the name torch.export programs
  /// (and symshape) use for an overload; "operator.mul" and
  /// "torch.sym_float" for the `operator` and `torch` namespaces.
  std::string op_name() const;
  /// "aten::add.Tensor", "aten::mm".
  std::string qualified_name() const;
  /// The index of the argument called `name`, or -1.
  int find_arg(std::string_view name) const;
  /// Re-printed in PyTorch's spelling (`*, ` before the first keyword-only
  /// argument, `(...)` around returns unless there is exactly one unnamed).
  std::string str() const;
};

/// Malformed schema text: `schema:COLUMN: message in "the schema"`, where
/// COLUMN counts bytes of the given text from 1.
class SchemaError : public Error {
public:
  SchemaError(int column, const std::string &message, std::string_view schema)
      : Error("schema", "schema:" + std::to_string(column) + ": " + message + " in \"" +
                            std::string(schema) + "\""),
        column_(column), detail_(message), schema_(schema) {}
  /// 1-based column of the offending text.
  int column() const { return column_; }
  /// The message without the location and the schema.
  const std::string &detail() const { return detail_; }
  const std::string &schema() const { return schema_; }

private:
  int column_;
  std::string detail_;
  std::string schema_;
};

/// Parses one schema.  Throws SchemaError.
Schema parse_schema(std::string_view text);

} // namespace symshape::rules
