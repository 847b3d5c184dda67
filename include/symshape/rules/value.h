//===- symshape/rules/value.h - Values that rules compute with -------------===//
//
// A meta rule runs on *metadata*, never on data.  Its values are:
//
//   None, bool, int, float   -- symbolic: an `Expr` (a constant is just a
//                               constant expression), so `x.size(0) * 2` is
//                               the expression `2*s0`;
//   str, ScalarType, Device, Layout, MemoryFormat;
//   list (mutable, shared like a Python list), tuple;
//   Tensor                   -- a fake tensor: sizes, strides and storage
//                               offset as expressions, dtype, device, and a
//                               storage identity (a view shares its base's).
//
// The same values are the inputs and outputs of a rule call (RuleRegistry)
// and, later, the per-node metadata of the graph walker.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "symshape/expr/expr.h"

namespace symshape::rules {

/// c10::ScalarType, numbered as torch.export serializes it (schema 8.2):
/// 1 uint8 ... 13 bfloat16.  0 means "unknown".
enum class ScalarType : uint8_t {
  Undefined = 0, UInt8 = 1, Int8, Int16, Int32, Int64, Float16, Float32, Float64, Complex32, Complex64,
  Complex128, Bool, BFloat16,
};
/// "float32", "int64", ... (torch's names without the "torch." prefix).
const char *scalar_type_name(ScalarType t);
/// Accepts "float32", "torch.float32", and the aliases "float", "long",
/// "int", "double", "half", "bool".  Undefined when unknown.
ScalarType parse_scalar_type(std::string_view name);
bool is_floating(ScalarType t);
bool is_complex(ScalarType t);
bool is_integral(ScalarType t, bool include_bool);
/// Bytes per element.
int element_size(ScalarType t);
/// The float type of the same width as a complex type (complex64 -> float32)
/// and back (float32 -> complex64).
ScalarType complex_to_real(ScalarType t);
ScalarType real_to_complex(ScalarType t);
/// torch.promote_types (c10::promoteTypes).
ScalarType promote_types(ScalarType a, ScalarType b);

/// torch.memory_format, numbered as torch.export serializes it.
enum class MemoryFormat : uint8_t { Unknown = 0, Contiguous = 1, ChannelsLast = 2, ChannelsLast3d = 3, Preserve = 4 };
const char *memory_format_name(MemoryFormat m);
MemoryFormat parse_memory_format(std::string_view name);

/// The metadata of a fake tensor.
struct TensorMeta {
  std::vector<Expr> sizes;
  std::vector<Expr> strides;
  Expr storage_offset = Expr(0);
  ScalarType dtype = ScalarType::Float32;
  std::string device = "cpu";
  /// Storage identity: tensors with equal ids alias.  0 = not yet assigned.
  uint64_t storage = 0;
  size_t dim() const { return sizes.size(); }
};

/// Returns a fresh storage identity (process-wide counter).
uint64_t new_storage_id();

/// Row-major strides as plain products of the inner sizes (no max(size, 1):
/// for sizes known to be >= 1, or where PyTorch multiplies too).
std::vector<Expr> product_strides(const std::vector<Expr> &sizes);

struct Value;
using List = std::vector<Value>;

/// A rule value.  Cheap to copy: lists, tuples and tensors are shared.
struct Value {
  enum class Kind : uint8_t {
    None, Bool, Int, Float, Str, List, Tuple, Tensor, Dtype, Device, Layout, MemoryFormat,
    Function, ///< a rule-file function or builtin, by index (`small`)
    Module,   ///< the global `torch` (attributes: dtypes, formats; calls: builtins)
    Slice,    ///< `a:b:c` inside a subscript (`items`: lower, upper, step)
  };
  Kind kind = Kind::None;
  int64_t small = 0;                   ///< Dtype / Layout / MemoryFormat / Function index
  Expr expr;                           ///< Bool / Int / Float
  std::shared_ptr<std::string> text;   ///< Str / Device
  std::shared_ptr<List> items;         ///< List / Tuple
  std::shared_ptr<TensorMeta> tensor;  ///< Tensor

  static Value none() { return Value(); }
  static Value of_bool(bool b);
  static Value of_int(Expr e);
  static Value of_int(int64_t v) { return of_int(Expr(static_cast<long long>(v))); }
  static Value of_float(Expr e);
  static Value of_float(double v);
  /// Bool/Int/Float by the expression's type.
  static Value of_expr(Expr e);
  static Value of_str(std::string s);
  static Value of_device(std::string s);
  static Value of_list(List items);
  static Value of_tuple(List items);
  static Value of_tensor(TensorMeta t);
  static Value of_tensor(std::shared_ptr<TensorMeta> t);
  static Value of_dtype(ScalarType t);
  static Value of_memory_format(MemoryFormat m);
  static Value of_layout(int layout);

  bool is_none() const { return kind == Kind::None; }
  bool is_int() const { return kind == Kind::Int; }
  bool is_bool() const { return kind == Kind::Bool; }
  bool is_float() const { return kind == Kind::Float; }
  bool is_number() const { return kind == Kind::Int || kind == Kind::Float || kind == Kind::Bool; }
  bool is_sequence() const { return kind == Kind::List || kind == Kind::Tuple; }
  bool is_tensor() const { return kind == Kind::Tensor; }
  const List &list() const { return *items; }
  const TensorMeta &meta() const { return *tensor; }
  ScalarType dtype() const { return static_cast<ScalarType>(small); }

  /// Python's name of the kind: "int", "list", "Tensor", ...
  const char *type_name() const;
  /// A short printable form for messages: `[s0, 3]`, `Tensor(sizes=[s0, 3],
  /// dtype=float32)`, `float32`.
  std::string str() const;
};

/// Structural equality (expressions by identity, tensors by metadata and,
/// when `with_storage`, storage identity); for caches and tests, not a
/// symbolic decision.
bool same_value(const Value &a, const Value &b, bool with_storage = true);
/// A hash consistent with same_value (storage identities never hashed).
uint64_t hash_value(const Value &v);

/// A copy of `v` whose tensors have new storage identities: each old id
/// maps to one new id through `ids` (prefilled entries are kept), so tensors
/// that aliased each other still do.
Value renew_storages(const Value &v, std::map<uint64_t, uint64_t> &ids);
Value renew_storages(const Value &v);

} // namespace symshape::rules
