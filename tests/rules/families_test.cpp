// Table tests per rule family: each row runs one operator's standard rule on
// given input metadata and compares the rendered output -- sizes, strides,
// storage offset, dtype, " alias" when the output shares an input's storage,
// then the guards and runtime asserts the call recorded -- with the text
// PyTorch 2.6 gives.  Error rows ("error rules/<file>.py: <text>") expect a
// RuleError raised in that rule file whose message contains <text>.
//
// Every expected value was produced by PyTorch 2.6 fake tensors: a
// FakeTensorMode over a fresh ShapeEnv (0/1 specialization on), with the
// Python dispatcher enabled (as torch.export/dynamo trace), inputs made by
// `from_tensor` with DimDynamic.DYNAMIC for each symbolic dim (s0, s1, ... in
// creation order, hints as listed) and STATIC for the constant ones.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "symshape/expr/parse.h"
#include "symshape/rules/registry.h"
#include "support/rule_table.h"

using symshape::Expr;
using symshape::Int;
using symshape::parse_expr;
using symshape::ShapeEnv;
using symshape::rules::CallArgs;
using symshape::rules::CallOptions;
using symshape::rules::new_storage_id;
using symshape::rules::RuleError;
using symshape::rules::TensorMeta;
using symshape::rules::Value;

using namespace rule_table;

// Checked against PyTorch 2.6 fake tensors.
TEST_CASE("pointwise rules match PyTorch 2.6", "[families][pointwise]") {
  std::vector<Row> rows = {
    {"aten.add.Tensor", "", {{T("[4, 3]", "[3, 1]"), T("[4, 3]", "[3, 1]")}, {}},
     "Tensor(sizes=[4, 3], strides=[3, 1], dtype=float32)"},
    {"aten.add.Tensor", "s0=4 s1=4", {{T("[s0, 3]", "[3, 1]"), T("[s1, 3]", "[3, 1]")}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32) guards=[Eq(s0, s1)]"},
    {"aten.add.Tensor", "s0=4 s1=5", {{T("[s0, 3]", "[3, 1]"), T("[s1, 3]", "[3, 1]")}, {}},
     "error rules/prelude.py: The size of tensor a (s0) must match the size of tensor b (s1) at non-singleton dimension 0"},
    {"aten.add.Tensor", "s0=4 s1=5", {{T("[s0, 1]", "[1, 1]"), T("[1, s1]", "[s1, 1]")}, {}},
     "Tensor(sizes=[s0, s1], strides=[s1, 1], dtype=float32)"},
    {"aten.add.Tensor", "s0=4", {{T("[s0, 3]", "[3, 1]"), T("[3]", "[1]")}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32)"},
    {"aten.add.Tensor", "s0=4", {{T("[1, 3]", "[3, 1]"), T("[s0, 3]", "[3, 1]")}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32)"},
    {"aten.add.Tensor", "s0=4", {{T("[1, 3]", "[3, 1]"), T("[s0, 3]", "[3, 1]")}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32)"},
    {"aten.add.Tensor", "s0=4", {{T("[s0, 3]", "[3, 1]"), T("[3, 4]", "[4, 1]")}, {}},
     "error rules/prelude.py: The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1"},
    {"aten.add.Tensor", "", {{T("[0, 3]", "[3, 1]"), T("[3]", "[1]")}, {}},
     "Tensor(sizes=[0, 3], strides=[3, 1], dtype=float32)"},
    {"aten.add.Tensor", "", {{T("[0, 3]", "[3, 1]"), T("[1, 3]", "[3, 1]")}, {}},
     "Tensor(sizes=[0, 3], strides=[3, 1], dtype=float32)"},
    {"aten.add.Tensor", "", {{T("[]", "[]"), T("[]", "[]")}, {}},
     "Tensor(sizes=[], strides=[], dtype=float32)"},
    {"aten.add.Tensor", "", {{T("[]", "[]", "float64"), T("[3]", "[1]")}, {}},
     "Tensor(sizes=[3], strides=[1], dtype=float32)"},
    {"aten.add.Tensor", "", {{T("[3]", "[1]", "int64"), T("[3]", "[1]")}, {}},
     "Tensor(sizes=[3], strides=[1], dtype=float32)"},
    {"aten.add.Tensor", "", {{T("[3]", "[1]", "int32"), T("[3]", "[1]", "int64")}, {}},
     "Tensor(sizes=[3], strides=[1], dtype=int64)"},
    {"aten.add.Tensor", "", {{T("[3]", "[1]", "bool"), T("[3]", "[1]", "bool")}, {}},
     "Tensor(sizes=[3], strides=[1], dtype=bool)"},
    {"aten.add.Tensor", "", {{T("[3]", "[1]", "float16"), T("[]", "[]", "float64")}, {}},
     "Tensor(sizes=[3], strides=[1], dtype=float16)"},
    {"aten.add.Tensor", "", {{T("[3]", "[1]", "int64"), T("[]", "[]", "float64")}, {}},
     "Tensor(sizes=[3], strides=[1], dtype=float64)"},
    {"aten.add.Tensor", "", {{T("[2, 3, 4, 5]", "[60, 1, 15, 3]"), T("[2, 3, 4, 5]", "[60, 1, 15, 3]")}, {}},
     "Tensor(sizes=[2, 3, 4, 5], strides=[60, 1, 15, 3], dtype=float32)"},
    {"aten.add.Tensor", "", {{T("[2, 3, 4, 5]", "[60, 1, 15, 3]"), T("[2, 3, 4, 5]", "[60, 20, 5, 1]")}, {}},
     "Tensor(sizes=[2, 3, 4, 5], strides=[60, 1, 15, 3], dtype=float32)"},
    {"aten.add.Tensor", "", {{T("[2, 3, 4, 5]", "[60, 20, 5, 1]"), T("[2, 3, 4, 5]", "[60, 1, 15, 3]")}, {}},
     "Tensor(sizes=[2, 3, 4, 5], strides=[60, 20, 5, 1], dtype=float32)"},
    {"aten.add.Tensor", "s0=2 s1=3 s2=4 s3=5 s4=2 s5=3 s6=4 s7=5", {{T("[s0, s1, s2, s3]", "[s1*s2*s3, 1, s1*s3, s1]"), T("[s4, s5, s6, s7]", "[s5*s6*s7, 1, s5*s7, s5]")}, {}},
     "Tensor(sizes=[s0, s1, s2, s3], strides=[s1*s2*s3, 1, s1*s3, s1], dtype=float32) guards=[Eq(s3, s7), Eq(s2, s6), Eq(s1, s5), Eq(s0, s4)]"},
    {"aten.add.Tensor", "", {{T("[2, 3, 4, 5]", "[60, 1, 15, 3]"), T("[5]", "[1]")}, {}},
     "Tensor(sizes=[2, 3, 4, 5], strides=[60, 1, 15, 3], dtype=float32)"},
    {"aten.add.Tensor", "", {{T("[2, 3, 4, 5]", "[60, 1, 15, 3]"), T("[3, 1, 1]", "[1, 1, 1]")}, {}},
     "Tensor(sizes=[2, 3, 4, 5], strides=[60, 1, 15, 3], dtype=float32)"},
    {"aten.add.Tensor", "", {{T("[3, 4]", "[1, 3]"), T("[3, 4]", "[1, 3]")}, {}},
     "Tensor(sizes=[3, 4], strides=[1, 3], dtype=float32)"},
    {"aten.add.Tensor", "", {{T("[3, 4]", "[1, 3]"), T("[3, 4]", "[4, 1]")}, {}},
     "Tensor(sizes=[3, 4], strides=[1, 3], dtype=float32)"},
    {"aten.add.Tensor", "s0=3 s1=4 s2=3 s3=4", {{T("[s0, s1]", "[1, s0]"), T("[s2, s3]", "[1, s2]")}, {}},
     "Tensor(sizes=[s0, s1], strides=[1, s0], dtype=float32) guards=[Eq(s1, s3), Eq(s0, s2)]"},
    {"aten.add.Scalar", "", {{T("[3]", "[1]", "int64"), F(2.5)}, {}},
     "Tensor(sizes=[3], strides=[1], dtype=float32)"},
    {"aten.add.Scalar", "", {{T("[3]", "[1]", "int32"), I(2)}, {}},
     "Tensor(sizes=[3], strides=[1], dtype=int32)"},
    {"aten.mul.Tensor", "", {{T("[3]", "[1]", "bool"), T("[3]", "[1]", "uint8")}, {}},
     "Tensor(sizes=[3], strides=[1], dtype=uint8)"},
    {"aten.div.Scalar", "", {{T("[3]", "[1]", "int32"), I(2)}, {}},
     "Tensor(sizes=[3], strides=[1], dtype=float32)"},
    {"aten.eq.Tensor", "s0=4", {{T("[s0, 3]", "[3, 1]"), T("[3]", "[1]", "int64")}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=bool)"},
    {"aten.lt.Scalar", "", {{T("[3]", "[1]", "int64"), F(0.5)}, {}},
     "Tensor(sizes=[3], strides=[1], dtype=bool)"},
    {"aten.abs.default", "", {{T("[3]", "[1]", "complex64")}, {}},
     "Tensor(sizes=[3], strides=[1], dtype=float32)"},
    {"aten.sigmoid.default", "s0=4", {{T("[s0]", "[1]", "int64")}, {}},
     "Tensor(sizes=[s0], strides=[1], dtype=float32)"},
    {"aten.sigmoid.default", "", {{T("[3]", "[1]", "float16")}, {}},
     "Tensor(sizes=[3], strides=[1], dtype=float16)"},
    {"aten.neg.default", "", {{T("[2, 3, 4, 5]", "[60, 1, 15, 3]")}, {}},
     "Tensor(sizes=[2, 3, 4, 5], strides=[60, 1, 15, 3], dtype=float32)"},
    {"aten.relu.default", "", {{T("[3, 4]", "[1, 3]")}, {}},
     "Tensor(sizes=[3, 4], strides=[1, 3], dtype=float32)"},
    {"aten.relu.default", "", {{T("[3, 4]", "[8, 2]")}, {}},
     "Tensor(sizes=[3, 4], strides=[4, 1], dtype=float32)"},
    {"aten.isnan.default", "s0=4", {{T("[s0]", "[1]")}, {}},
     "Tensor(sizes=[s0], strides=[1], dtype=bool)"},
    {"aten.where.self", "s0=4 s1=4", {{T("[s0, 1]", "[1, 1]", "bool"), T("[s1, 3]", "[3, 1]"), T("[]", "[]", "float64")}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32) guards=[Eq(s0, s1)]"},
    {"aten.where.self", "", {{T("[3]", "[1]", "bool"), T("[3]", "[1]", "int64"), T("[3]", "[1]", "float16")}, {}},
     "Tensor(sizes=[3], strides=[1], dtype=float16)"},
    {"aten.masked_fill.Scalar", "s0=4", {{T("[s0, 3]", "[3, 1]"), T("[3]", "[1]", "bool"), F(0.0)}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32)"},
    {"aten.clamp.default", "", {{T("[3]", "[1]", "int64"), F(0.5)}, {}},
     "Tensor(sizes=[3], strides=[1], dtype=float32)"},
    {"aten.gelu.default", "", {{T("[3]", "[1]")}, {{"approximate", Str("foo")}}},
     "error rules/pointwise.py: approximate argument must be either none or tanh."},
    {"aten.pow.Tensor_Scalar", "", {{T("[3]", "[1]", "int64"), F(2.0)}, {}},
     "Tensor(sizes=[3], strides=[1], dtype=float32)"},
    {"aten.pow.Tensor_Scalar", "", {{T("[3]", "[1]", "int64"), I(2)}, {}},
     "Tensor(sizes=[3], strides=[1], dtype=int64)"},
  };
  check_rows(rows);
}

// Checked against PyTorch 2.6 fake tensors.
TEST_CASE("views rules match PyTorch 2.6", "[families][views]") {
  std::vector<Row> rows = {
    {"aten.view.default", "", {{T("[4, 6]", "[6, 1]"), L({I(24)})}, {}},
     "Tensor(sizes=[24], strides=[1], dtype=float32) alias"},
    {"aten.view.default", "s0=4", {{T("[s0, 6]", "[6, 1]"), L({I(-1), I(3)})}, {}},
     "Tensor(sizes=[2*s0, 3], strides=[3, 1], dtype=float32) alias"},
    {"aten.view.default", "s0=4 s1=6", {{T("[s0, s1]", "[s1, 1]"), L({I(-1)})}, {}},
     "Tensor(sizes=[s0*s1], strides=[1], dtype=float32) alias"},
    {"aten.view.default", "s0=4", {{T("[s0, 6]", "[6, 1]"), L({E("s0"), I(2), I(3)})}, {}},
     "Tensor(sizes=[s0, 2, 3], strides=[6, 3, 1], dtype=float32) alias"},
    {"aten.view.default", "", {{T("[4, 6]", "[6, 1]"), L({I(5), I(5)})}, {}},
     "error rules/prelude.py: shape '[5, 5]' is invalid for input of size 24"},
    {"aten.view.default", "", {{T("[4, 6]", "[6, 1]"), L({I(-1), I(-1)})}, {}},
     "error rules/prelude.py: only one dimension can be inferred"},
    {"aten.view.default", "", {{T("[0, 3]", "[3, 1]"), L({I(3), I(-1)})}, {}},
     "Tensor(sizes=[3, 0], strides=[1, 1], dtype=float32) alias"},
    {"aten.view.default", "", {{T("[]", "[]"), L({I(1), I(1)})}, {}},
     "Tensor(sizes=[1, 1], strides=[1, 1], dtype=float32) alias"},
    {"aten.view.default", "", {{T("[1, 1]", "[1, 1]"), L({})}, {}},
     "Tensor(sizes=[], strides=[], dtype=float32) alias"},
    {"aten.reshape.default", "", {{T("[4, 6]", "[6, 1]"), L({I(2), I(-1)})}, {}},
     "Tensor(sizes=[2, 12], strides=[12, 1], dtype=float32) alias"},
    {"aten.reshape.default", "", {{T("[3, 4]", "[1, 3]"), L({I(12)})}, {}},
     "Tensor(sizes=[12], strides=[1], dtype=float32)"},
    {"aten.reshape.default", "", {{T("[3, 4]", "[1, 3]"), L({I(3), I(4)})}, {}},
     "Tensor(sizes=[3, 4], strides=[1, 3], dtype=float32) alias"},
    {"aten.reshape.default", "s0=3 s1=4", {{T("[s0, s1]", "[1, s0]"), L({I(-1)})}, {}},
     "Tensor(sizes=[s0*s1], strides=[1], dtype=float32)"},
    {"aten.reshape.default", "s0=4", {{T("[s0, 6]", "[6, 1]"), L({E("s0"), I(2), I(3)})}, {}},
     "Tensor(sizes=[s0, 2, 3], strides=[6, 3, 1], dtype=float32) alias"},
    {"aten.permute.default", "", {{T("[2, 3, 4]", "[12, 4, 1]"), L({I(2), I(0), I(1)})}, {}},
     "Tensor(sizes=[4, 2, 3], strides=[1, 12, 4], dtype=float32) alias"},
    {"aten.permute.default", "s0=2 s1=4", {{T("[s0, 3, s1]", "[3*s1, s1, 1]"), L({I(-1), I(0), I(1)})}, {}},
     "Tensor(sizes=[s1, s0, 3], strides=[1, 3*s1, s1], dtype=float32) alias"},
    {"aten.transpose.int", "s0=2", {{T("[s0, 3, 4]", "[12, 4, 1]"), I(-1), I(0)}, {}},
     "Tensor(sizes=[4, 3, s0], strides=[1, 4, 12], dtype=float32) alias"},
    {"aten.transpose.int", "", {{T("[]", "[]"), I(0), I(-1)}, {}},
     "Tensor(sizes=[], strides=[], dtype=float32) alias"},
    {"aten.transpose.int", "", {{T("[2, 3]", "[3, 1]"), I(0), I(2)}, {}},
     "error rules/prelude.py: Dimension out of range (expected to be in range of [-2, 1], but got 2)"},
    {"aten.t.default", "", {{T("[2, 3, 4]", "[12, 4, 1]")}, {}},
     "error rules/views.py: t() expects a tensor with <= 2 dimensions, but self is 3D"},
    {"aten.t.default", "", {{T("[5]", "[1]")}, {}},
     "Tensor(sizes=[5], strides=[1], dtype=float32) alias"},
    {"aten.expand.default", "", {{T("[3, 1]", "[1, 1]"), L({I(3), I(4)})}, {}},
     "Tensor(sizes=[3, 4], strides=[1, 0], dtype=float32) alias"},
    {"aten.expand.default", "s0=3", {{T("[s0, 1]", "[1, 1]"), L({I(-1), I(5)})}, {}},
     "Tensor(sizes=[s0, 5], strides=[1, 0], dtype=float32) alias"},
    {"aten.expand.default", "s0=5", {{T("[1, 3]", "[3, 1]"), L({E("s0"), I(3)})}, {}},
     "Tensor(sizes=[s0, 3], strides=[0, 1], dtype=float32) alias"},
    {"aten.expand.default", "", {{T("[3]", "[1]"), L({I(2), I(3)})}, {}},
     "Tensor(sizes=[2, 3], strides=[0, 1], dtype=float32) alias"},
    {"aten.expand.default", "", {{T("[]", "[]"), L({I(2), I(3)})}, {}},
     "Tensor(sizes=[2, 3], strides=[0, 0], dtype=float32) alias"},
    {"aten.slice.Tensor", "", {{T("[10, 4]", "[4, 1]"), I(0), I(-3)}, {}},
     "Tensor(sizes=[3, 4], strides=[4, 1], storage_offset=28, dtype=float32) alias"},
    {"aten.slice.Tensor", "", {{T("[10, 4]", "[4, 1]"), I(0), I(0), N(), I(3)}, {}},
     "Tensor(sizes=[4, 4], strides=[12, 1], dtype=float32) alias"},
    {"aten.slice.Tensor", "", {{T("[10, 4]", "[4, 1]"), I(1), I(1), I(100)}, {}},
     "Tensor(sizes=[10, 3], strides=[4, 1], storage_offset=1, dtype=float32) alias"},
    {"aten.slice.Tensor", "", {{T("[10, 4]", "[4, 1]"), I(-1), I(-100), I(-1)}, {}},
     "Tensor(sizes=[10, 3], strides=[4, 1], dtype=float32) alias"},
    {"aten.slice.Tensor", "", {{T("[10, 4]", "[4, 1]"), I(0), I(5), I(2)}, {}},
     "Tensor(sizes=[0, 4], strides=[4, 1], storage_offset=20, dtype=float32) alias"},
    {"aten.slice.Tensor", "s0=10", {{T("[s0, 4]", "[4, 1]"), I(0), I(1)}, {}},
     "Tensor(sizes=[s0 - 1, 4], strides=[4, 1], storage_offset=4, dtype=float32) alias"},
    {"aten.slice.Tensor", "s0=10", {{T("[s0, 4]", "[4, 1]"), I(0), I(-2)}, {}},
     "Tensor(sizes=[2, 4], strides=[4, 1], storage_offset=4*s0 - 8, dtype=float32) alias guards=[s0 - 2 <= 9223372036854775807]"},
    {"aten.slice.Tensor", "s0=10", {{T("[s0, 4]", "[4, 1]"), I(0), I(0), I(8)}, {}},
     "Tensor(sizes=[8, 4], strides=[4, 1], dtype=float32) alias guards=[s0 >= 8]"},
    {"aten.slice.Tensor", "s0=10", {{T("[s0, 4]", "[4, 1]"), I(0), I(2), I(-1), I(2)}, {}},
     "Tensor(sizes=[((s0//2)) - 1, 4], strides=[8, 1], storage_offset=8, dtype=float32) alias guards=[s0 - 1 >= 2]"},
    {"aten.slice.Tensor", "", {{T("[10, 4]", "[4, 1]"), I(0), I(0), I(5), I(0)}, {}},
     "error rules/views.py: slice step must be positive"},
    {"aten.slice.Tensor", "", {{T("[]", "[]"), I(0), I(0), I(1)}, {}},
     "error rules/views.py: slice() cannot be applied to a 0-dim tensor."},
    {"aten.select.int", "s0=4", {{T("[s0, 3]", "[3, 1]"), I(-1), I(-1)}, {}},
     "Tensor(sizes=[s0], strides=[3], storage_offset=2, dtype=float32) alias"},
    {"aten.select.int", "s0=4", {{T("[s0, 3]", "[3, 1]"), I(0), I(2)}, {}},
     "Tensor(sizes=[3], strides=[1], storage_offset=6, dtype=float32) alias guards=[s0 > 2]"},
    {"aten.select.int", "", {{T("[4, 3]", "[3, 1]"), I(0), I(-4)}, {}},
     "Tensor(sizes=[3], strides=[1], dtype=float32) alias"},
    {"aten.select.int", "", {{T("[4, 3]", "[3, 1]"), I(0), I(5)}, {}},
     "error rules/views.py: select(): index 5 out of range for tensor of size torch.Size([4, 3]) at dimension 0"},
    {"aten.select.int", "", {{T("[4, 3]", "[3, 1]"), I(1), I(-4)}, {}},
     "error rules/views.py: select(): index -4 out of range for tensor of size torch.Size([4, 3]) at dimension 1"},
    {"aten.select.int", "", {{T("[]", "[]"), I(0), I(0)}, {}},
     "error rules/views.py: select() cannot be applied to a 0-dim tensor."},
    {"aten.narrow.default", "", {{T("[4, 6]", "[6, 1]"), I(1), I(-2), I(2)}, {}},
     "Tensor(sizes=[4, 2], strides=[6, 1], storage_offset=4, dtype=float32) alias"},
    {"aten.narrow.default", "s0=4", {{T("[s0, 6]", "[6, 1]"), I(0), I(1), I(2)}, {}},
     "Tensor(sizes=[2, 6], strides=[6, 1], storage_offset=6, dtype=float32) alias guards=[1 <= s0 - 2]"},
    {"aten.narrow.default", "", {{T("[4, 6]", "[6, 1]"), I(0), I(3), I(2)}, {}},
     "error rules/views.py: start (3) + length (2) exceeds dimension size (4)."},
    {"aten.narrow.default", "", {{T("[4, 6]", "[6, 1]"), I(0), I(-5), I(1)}, {}},
     "error rules/views.py: start out of range (expected to be in range of [-4, 4], but got -5)"},
    {"aten.split.Tensor", "", {{T("[10, 3]", "[3, 1]"), I(4)}, {}},
     "[Tensor(sizes=[4, 3], strides=[3, 1], dtype=float32) alias, Tensor(sizes=[4, 3], strides=[3, 1], storage_offset=12, dtype=float32) alias, Tensor(sizes=[2, 3], strides=[3, 1], storage_offset=24, dtype=float32) alias]"},
    {"aten.split.Tensor", "s0=5", {{T("[s0, 3]", "[3, 1]"), I(2)}, {}},
     "[Tensor(sizes=[2, 3], strides=[3, 1], dtype=float32) alias, Tensor(sizes=[2, 3], strides=[3, 1], storage_offset=6, dtype=float32) alias, Tensor(sizes=[s0 - 4, 3], strides=[3, 1], storage_offset=12, dtype=float32) alias] guards=[Eq(((s0 + 1)//2), 3), s0 - 4 >= 0]"},
    {"aten.split.Tensor", "", {{T("[10, 3]", "[3, 1]"), I(5), I(-1)}, {}},
     "[Tensor(sizes=[10, 3], strides=[3, 1], dtype=float32) alias]"},
    {"aten.split.Tensor", "", {{T("[0, 3]", "[3, 1]"), I(0)}, {}},
     "[Tensor(sizes=[0, 3], strides=[3, 1], dtype=float32) alias]"},
    {"aten.split_with_sizes.default", "", {{T("[10, 3]", "[3, 1]"), L({I(2), I(3), I(5)})}, {}},
     "[Tensor(sizes=[2, 3], strides=[3, 1], dtype=float32) alias, Tensor(sizes=[3, 3], strides=[3, 1], storage_offset=6, dtype=float32) alias, Tensor(sizes=[5, 3], strides=[3, 1], storage_offset=15, dtype=float32) alias]"},
    {"aten.split_with_sizes.default", "", {{T("[3, 10]", "[10, 1]"), L({I(4), I(6)}), I(-1)}, {}},
     "[Tensor(sizes=[3, 4], strides=[10, 1], dtype=float32) alias, Tensor(sizes=[3, 6], strides=[10, 1], storage_offset=4, dtype=float32) alias]"},
    {"aten.split_with_sizes.default", "", {{T("[10, 3]", "[3, 1]"), L({I(2), I(3)})}, {}},
     "error rules/views.py: Split sizes add up to 5 but got the tensor's size of 10"},
    {"aten.split_with_sizes.default", "s0=10 s1=8", {{T("[s0, 3]", "[3, 1]"), L({I(2), E("s1")})}, {}},
     "[Tensor(sizes=[2, 3], strides=[3, 1], dtype=float32) alias, Tensor(sizes=[s1, 3], strides=[3, 1], storage_offset=6, dtype=float32) alias] guards=[Eq(s1 + 2, s0)]"},
    {"aten.chunk.default", "", {{T("[10, 3]", "[3, 1]"), I(3)}, {}},
     "[Tensor(sizes=[4, 3], strides=[3, 1], dtype=float32) alias, Tensor(sizes=[4, 3], strides=[3, 1], storage_offset=12, dtype=float32) alias, Tensor(sizes=[2, 3], strides=[3, 1], storage_offset=24, dtype=float32) alias]"},
    {"aten.unbind.int", "s0=4", {{T("[3, s0]", "[s0, 1]"), I(0)}, {}},
     "[Tensor(sizes=[s0], strides=[1], dtype=float32) alias, Tensor(sizes=[s0], strides=[1], storage_offset=s0, dtype=float32) alias, Tensor(sizes=[s0], strides=[1], storage_offset=2*s0, dtype=float32) alias]"},
    {"aten.unsqueeze.default", "s0=4", {{T("[s0, 3]", "[3, 1]"), I(-1)}, {}},
     "Tensor(sizes=[s0, 3, 1], strides=[3, 1, 1], dtype=float32) alias"},
    {"aten.unsqueeze.default", "s0=4", {{T("[s0, 3]", "[3, 1]"), I(1)}, {}},
     "Tensor(sizes=[s0, 1, 3], strides=[3, 3, 1], dtype=float32) alias"},
    {"aten.unsqueeze.default", "", {{T("[]", "[]"), I(0)}, {}},
     "Tensor(sizes=[1], strides=[1], dtype=float32) alias"},
    {"aten.unsqueeze.default", "", {{T("[4, 3]", "[3, 1]"), I(3)}, {}},
     "error rules/prelude.py: Dimension out of range (expected to be in range of [-3, 2], but got 3)"},
    {"aten.squeeze.default", "s0=4", {{T("[1, s0, 1]", "[s0, 1, 1]")}, {}},
     "Tensor(sizes=[s0], strides=[1], dtype=float32) alias"},
    {"aten.squeeze.dim", "s0=4", {{T("[s0, 3]", "[3, 1]"), I(0)}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32) alias"},
    {"aten.squeeze.dims", "", {{T("[1, 3, 1]", "[3, 1, 1]"), L({I(0), I(-1)})}, {}},
     "Tensor(sizes=[3], strides=[1], dtype=float32) alias"},
    {"aten.squeeze.dims", "", {{T("[1, 3, 1]", "[3, 1, 1]"), L({I(3)})}, {}},
     "error rules/prelude.py: Dimension out of range (expected to be in range of [-3, 2], but got 3)"},
    {"aten.flatten.using_ints", "", {{T("[2, 3, 4]", "[12, 4, 1]"), I(1), I(2)}, {}},
     "Tensor(sizes=[2, 12], strides=[12, 1], dtype=float32) alias"},
    {"aten.flatten.using_ints", "s0=2", {{T("[s0, 3, 4]", "[12, 4, 1]"), I(0), I(-1)}, {}},
     "Tensor(sizes=[12*s0], strides=[1], dtype=float32) alias"},
    {"aten.flatten.using_ints", "", {{T("[]", "[]")}, {}},
     "Tensor(sizes=[1], strides=[1], dtype=float32) alias"},
    {"aten.flatten.using_ints", "", {{T("[2, 3, 4]", "[12, 4, 1]"), I(2), I(1)}, {}},
     "error rules/views.py: flatten() has invalid args: start_dim cannot come after end_dim"},
    {"aten.flatten.using_ints", "", {{T("[2, 3, 4]", "[1, 2, 6]"), I(0), I(1)}, {}},
     "Tensor(sizes=[6, 4], strides=[4, 1], dtype=float32)"},
    {"aten.unflatten.int", "", {{T("[4, 6]", "[6, 1]"), I(1), L({I(2), I(-1)})}, {}},
     "Tensor(sizes=[4, 2, 3], strides=[6, 3, 1], dtype=float32) alias"},
    {"aten.view_as_real.default", "s0=3", {{T("[s0]", "[1]", "complex64")}, {}},
     "Tensor(sizes=[s0, 2], strides=[2, 1], dtype=float32) alias"},
    {"aten.view_as_real.default", "", {{T("[3]", "[1]")}, {}},
     "error rules/views.py: view_as_real is only supported for complex tensors"},
    {"aten.view_as_complex.default", "", {{T("[4, 2]", "[2, 1]")}, {}},
     "Tensor(sizes=[4], strides=[1], dtype=complex64) alias"},
    {"aten.view_as_complex.default", "", {{T("[4, 3]", "[3, 1]")}, {}},
     "error rules/views.py: Tensor must have a last dimension of size 2"},
    {"aten.contiguous.default", "", {{T("[3, 4]", "[1, 3]")}, {}},
     "Tensor(sizes=[3, 4], strides=[4, 1], dtype=float32)"},
    {"aten.contiguous.default", "", {{T("[3, 4]", "[4, 1]")}, {}},
     "Tensor(sizes=[3, 4], strides=[4, 1], dtype=float32) alias"},
    {"aten.to.dtype", "", {{T("[3]", "[1]"), DT("float32")}, {}},
     "Tensor(sizes=[3], strides=[1], dtype=float32) alias"},
    {"aten.to.dtype", "", {{T("[3, 4]", "[1, 3]"), DT("float64")}, {}},
     "Tensor(sizes=[3, 4], strides=[1, 3], dtype=float64)"},
    {"aten.alias.default", "s0=3", {{T("[s0]", "[1]")}, {}},
     "Tensor(sizes=[s0], strides=[1], dtype=float32) alias"},
    {"aten.expand_as.default", "s0=2", {{T("[3, 1]", "[1, 1]"), T("[s0, 3, 4]", "[12, 4, 1]")}, {}},
     "Tensor(sizes=[s0, 3, 4], strides=[0, 1, 0], dtype=float32) alias"},
  };
  check_rows(rows);
}

// Checked against PyTorch 2.6 fake tensors.
TEST_CASE("reductions rules match PyTorch 2.6", "[families][reductions]") {
  std::vector<Row> rows = {
    {"aten.sum.dim_IntList", "s0=4", {{T("[s0, 3]", "[3, 1]"), L({I(1)})}, {}},
     "Tensor(sizes=[s0], strides=[1], dtype=float32)"},
    {"aten.sum.dim_IntList", "s0=4", {{T("[s0, 3]", "[3, 1]"), L({I(1)}), B(true)}, {}},
     "Tensor(sizes=[s0, 1], strides=[1, 1], dtype=float32)"},
    {"aten.sum.dim_IntList", "", {{T("[2, 3, 4]", "[12, 4, 1]"), L({I(-1), I(0)})}, {}},
     "Tensor(sizes=[3], strides=[1], dtype=float32)"},
    {"aten.sum.dim_IntList", "", {{T("[2, 3, 4]", "[12, 4, 1]"), N(), B(true)}, {}},
     "Tensor(sizes=[1, 1, 1], strides=[1, 1, 1], dtype=float32)"},
    {"aten.sum.dim_IntList", "", {{T("[2, 3]", "[3, 1]", "int32"), L({I(0)})}, {}},
     "Tensor(sizes=[3], strides=[1], dtype=int64)"},
    {"aten.sum.dim_IntList", "", {{T("[2, 3]", "[3, 1]", "bool"), L({I(0)})}, {}},
     "Tensor(sizes=[3], strides=[1], dtype=int64)"},
    {"aten.sum.dim_IntList", "", {{T("[2, 3]", "[3, 1]"), L({I(0)})}, {{"dtype", DT("float64")}}},
     "Tensor(sizes=[3], strides=[1], dtype=float64)"},
    {"aten.sum.dim_IntList", "", {{T("[]", "[]"), L({I(0)})}, {}},
     "Tensor(sizes=[], strides=[], dtype=float32)"},
    {"aten.sum.dim_IntList", "", {{T("[0, 3]", "[3, 1]"), L({I(0)})}, {}},
     "Tensor(sizes=[3], strides=[1], dtype=float32)"},
    {"aten.sum.dim_IntList", "", {{T("[2, 3]", "[3, 1]"), L({I(2)})}, {}},
     "error rules/prelude.py: Dimension out of range (expected to be in range of [-2, 1], but got 2)"},
    {"aten.sum.dim_IntList", "", {{T("[2, 3, 4]", "[1, 2, 6]"), L({I(1)})}, {}},
     "Tensor(sizes=[2, 4], strides=[4, 1], dtype=float32)"},
    {"aten.sum.default", "s0=4", {{T("[s0, 3]", "[3, 1]", "int64")}, {}},
     "Tensor(sizes=[], strides=[], dtype=int64)"},
    {"aten.mean.dim", "s0=4", {{T("[s0, 3]", "[3, 1]"), L({I(0)}), B(true)}, {}},
     "Tensor(sizes=[1, 3], strides=[3, 1], dtype=float32)"},
    {"aten.mean.default", "", {{T("[4, 3]", "[3, 1]", "float16")}, {}},
     "Tensor(sizes=[], strides=[], dtype=float16)"},
    {"aten.amax.default", "s0=4", {{T("[s0, 3]", "[3, 1]"), L({I(0)})}, {}},
     "Tensor(sizes=[3], strides=[1], dtype=float32)"},
    {"aten.amax.default", "", {{T("[0, 3]", "[3, 1]"), L({I(0)})}, {}},
     "error rules/reductions.py: reducing over zero-size dimension for reduction operation without identity"},
    {"aten.amax.default", "", {{T("[0, 3]", "[3, 1]"), L({I(1)})}, {}},
     "Tensor(sizes=[0], strides=[1], dtype=float32)"},
    {"aten.amax.default", "", {{T("[2, 3]", "[3, 1]"), L({})}, {}},
     "Tensor(sizes=[], strides=[], dtype=float32)"},
    {"aten.linalg_vector_norm.default", "s0=4", {{T("[s0, 3]", "[3, 1]"), I(2), L({I(1)})}, {}},
     "Tensor(sizes=[s0], strides=[1], dtype=float32)"},
    {"aten.linalg_vector_norm.default", "", {{T("[4, 3]", "[3, 1]", "complex64")}, {}},
     "Tensor(sizes=[], strides=[], dtype=float32)"},
    {"aten._softmax.default", "s0=4", {{T("[s0, 3]", "[3, 1]"), I(-1), B(false)}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32)"},
    {"aten._softmax.default", "", {{T("[2, 3, 4, 5]", "[60, 1, 15, 3]"), I(1), B(false)}, {}},
     "Tensor(sizes=[2, 3, 4, 5], strides=[60, 20, 5, 1], dtype=float32)"},
    {"aten._softmax.default", "", {{T("[3, 4]", "[1, 3]"), I(1), B(false)}, {}},
     "Tensor(sizes=[3, 4], strides=[4, 1], dtype=float32)"},
    {"aten._softmax.default", "", {{T("[4, 3]", "[3, 1]"), I(2), B(false)}, {}},
     "error rules/prelude.py: Dimension out of range (expected to be in range of [-2, 1], but got 2)"},
    {"aten._softmax.default", "", {{T("[4, 3]", "[3, 1]", "float16"), I(1), B(true)}, {}},
     "Tensor(sizes=[4, 3], strides=[3, 1], dtype=float32)"},
    {"aten.softmax.int", "", {{T("[4, 3]", "[3, 1]"), I(1), DT("float64")}, {}},
     "Tensor(sizes=[4, 3], strides=[3, 1], dtype=float64)"},
    {"aten.cumsum.default", "s0=4", {{T("[s0, 3]", "[3, 1]", "int32"), I(0)}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=int64)"},
    {"aten.cumsum.default", "", {{T("[3, 4]", "[1, 3]"), I(0)}, {}},
     "Tensor(sizes=[3, 4], strides=[4, 1], dtype=float32)"},
    {"aten.sort.default", "s0=4", {{T("[s0, 3]", "[3, 1]"), I(0)}, {}},
     "(Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32), Tensor(sizes=[s0, 3], strides=[3, 1], dtype=int64))"},
    {"aten.sort.default", "", {{T("[3, 4]", "[1, 3]")}, {}},
     "(Tensor(sizes=[3, 4], strides=[1, 3], dtype=float32), Tensor(sizes=[3, 4], strides=[1, 3], dtype=int64))"},
    {"aten.argsort.default", "", {{T("[4, 3]", "[3, 1]"), I(-1), B(true)}, {}},
     "Tensor(sizes=[4, 3], strides=[3, 1], dtype=int64)"},
    {"aten.topk.default", "s0=4", {{T("[s0, 6]", "[6, 1]"), I(2)}, {}},
     "(Tensor(sizes=[s0, 2], strides=[2, 1], dtype=float32), Tensor(sizes=[s0, 2], strides=[2, 1], dtype=int64))"},
    {"aten.topk.default", "", {{T("[4, 6]", "[6, 1]"), I(2), I(0)}, {}},
     "(Tensor(sizes=[2, 6], strides=[6, 1], dtype=float32), Tensor(sizes=[2, 6], strides=[6, 1], dtype=int64))"},
  };
  check_rows(rows);
}

// Checked against PyTorch 2.6 fake tensors.
TEST_CASE("linalg rules match PyTorch 2.6", "[families][linalg]") {
  std::vector<Row> rows = {
    {"aten.mm.default", "s0=4 s1=5", {{T("[s0, 3]", "[3, 1]"), T("[3, s1]", "[s1, 1]")}, {}},
     "Tensor(sizes=[s0, s1], strides=[s1, 1], dtype=float32)"},
    {"aten.mm.default", "s0=4 s1=3 s2=3", {{T("[s0, s1]", "[s1, 1]"), T("[s2, 5]", "[5, 1]")}, {}},
     "Tensor(sizes=[s0, 5], strides=[5, 1], dtype=float32) guards=[Eq(s1, s2)]"},
    {"aten.mm.default", "", {{T("[4, 3]", "[3, 1]"), T("[4, 5]", "[5, 1]")}, {}},
     "error rules/linalg.py: a and b must have same reduction dim, but got [4, 3] X [4, 5]."},
    {"aten.mm.default", "", {{T("[4, 3]", "[3, 1]"), T("[3, 5]", "[5, 1]", "float64")}, {}},
     "Tensor(sizes=[4, 5], strides=[5, 1], dtype=float32)"},
    {"aten.mm.default", "", {{T("[4]", "[1]"), T("[4, 5]", "[5, 1]")}, {}},
     "error rules/linalg.py: a must be 2D"},
    {"aten.mm.default", "", {{T("[0, 3]", "[3, 1]"), T("[3, 5]", "[5, 1]")}, {}},
     "Tensor(sizes=[0, 5], strides=[5, 1], dtype=float32)"},
    {"aten.mm.default", "", {{T("[4, 3]", "[1, 4]"), T("[3, 5]", "[5, 1]")}, {}},
     "Tensor(sizes=[4, 5], strides=[5, 1], dtype=float32)"},
    {"aten.bmm.default", "s0=2 s1=2", {{T("[s0, 4, 3]", "[12, 3, 1]"), T("[s1, 3, 5]", "[15, 5, 1]")}, {}},
     "Tensor(sizes=[s0, 4, 5], strides=[20, 5, 1], dtype=float32) guards=[Eq(s1, s0)]"},
    {"aten.bmm.default", "", {{T("[2, 4, 3]", "[12, 3, 1]"), T("[2, 4, 5]", "[20, 5, 1]")}, {}},
     "error rules/linalg.py: Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [2, 4]."},
    {"aten.addmm.default", "s0=4", {{T("[5]", "[1]"), T("[s0, 3]", "[3, 1]"), T("[3, 5]", "[5, 1]")}, {}},
     "Tensor(sizes=[s0, 5], strides=[5, 1], dtype=float32)"},
    {"aten.matmul.default", "", {{T("[3]", "[1]"), T("[3]", "[1]")}, {}},
     "Tensor(sizes=[], strides=[], dtype=float32)"},
    {"aten.matmul.default", "s0=4", {{T("[s0, 3]", "[3, 1]"), T("[3]", "[1]")}, {}},
     "Tensor(sizes=[s0], strides=[1], dtype=float32)"},
    {"aten.matmul.default", "s0=5", {{T("[3]", "[1]"), T("[3, s0]", "[s0, 1]")}, {}},
     "Tensor(sizes=[s0], strides=[1], dtype=float32)"},
    {"aten.matmul.default", "s0=2", {{T("[s0, 4, 3]", "[12, 3, 1]"), T("[3, 5]", "[5, 1]")}, {}},
     "Tensor(sizes=[s0, 4, 5], strides=[20, 5, 1], dtype=float32)"},
    {"aten.matmul.default", "s0=2", {{T("[s0, 1, 4, 3]", "[12, 12, 3, 1]"), T("[6, 3, 5]", "[15, 5, 1]")}, {}},
     "Tensor(sizes=[s0, 6, 4, 5], strides=[120, 20, 5, 1], dtype=float32)"},
    {"aten.matmul.default", "", {{T("[2, 4, 3]", "[12, 3, 1]"), T("[3]", "[1]")}, {}},
     "Tensor(sizes=[2, 4], strides=[4, 1], dtype=float32)"},
    {"aten.matmul.default", "", {{T("[3]", "[1]"), T("[2, 3, 5]", "[15, 5, 1]")}, {}},
     "Tensor(sizes=[2, 5], strides=[5, 1], dtype=float32)"},
    {"aten.matmul.default", "", {{T("[]", "[]"), T("[3]", "[1]")}, {}},
     "error rules/linalg.py: "},
    {"aten.matmul.default", "", {{T("[4, 3]", "[3, 1]"), T("[4, 5]", "[5, 1]")}, {}},
     "error rules/linalg.py: a and b must have same reduction dim, but got [4, 3] X [4, 5]."},
    {"aten.linear.default", "s0=4", {{T("[s0, 3]", "[3, 1]"), T("[5, 3]", "[3, 1]"), T("[5]", "[1]")}, {}},
     "Tensor(sizes=[s0, 5], strides=[5, 1], dtype=float32)"},
    {"aten.linear.default", "s0=4", {{T("[2, s0, 3]", "[3*s0, 3, 1]"), T("[5, 3]", "[3, 1]")}, {}},
     "Tensor(sizes=[2, s0, 5], strides=[5*s0, 5, 1], dtype=float32)"},
    {"aten.linear.default", "", {{T("[4, 3]", "[3, 1]"), T("[5, 4]", "[4, 1]")}, {}},
     "error rules/linalg.py: a and b must have same reduction dim, but got [4, 3] X [4, 5]."},
    {"aten.einsum.default", "s0=4", {{Str("ij,jk->ik"), L({T("[s0, 3]", "[3, 1]"), T("[3, 5]", "[5, 1]")})}, {}},
     "Tensor(sizes=[s0, 5], strides=[5, 1], dtype=float32)"},
    {"aten.einsum.default", "", {{Str("bij,bjk"), L({T("[2, 4, 3]", "[12, 3, 1]"), T("[2, 3, 5]", "[15, 5, 1]")})}, {}},
     "Tensor(sizes=[4, 5], strides=[5, 1], dtype=float32)"},
  };
  check_rows(rows);
}

// Checked against PyTorch 2.6 fake tensors.
TEST_CASE("nn rules match PyTorch 2.6", "[families][nn]") {
  std::vector<Row> rows = {
    {"aten.convolution.default", "", {{T("[2, 3, 8, 8]", "[192, 64, 8, 1]"), T("[4, 3, 3, 3]", "[27, 9, 3, 1]"), N(), L({I(1), I(1)}), L({I(0), I(0)}), L({I(1), I(1)}), B(false), L({I(0), I(0)}), I(1)}, {}},
     "Tensor(sizes=[2, 4, 6, 6], strides=[144, 36, 6, 1], dtype=float32)"},
    {"aten.conv2d.default", "", {{T("[2, 3, 8, 8]", "[192, 1, 24, 3]"), T("[4, 3, 3, 3]", "[27, 9, 3, 1]")}, {}},
     "Tensor(sizes=[2, 4, 6, 6], strides=[144, 1, 24, 4], dtype=float32)"},
    {"aten.conv2d.default", "", {{T("[2, 3, 8, 8]", "[192, 64, 8, 1]"), T("[4, 3, 3, 3]", "[27, 1, 9, 3]")}, {}},
     "Tensor(sizes=[2, 4, 6, 6], strides=[144, 1, 24, 4], dtype=float32)"},
    {"aten.conv2d.default", "", {{T("[2, 4, 8, 8]", "[256, 64, 8, 1]"), T("[6, 2, 3, 3]", "[18, 9, 3, 1]"), N(), L({I(1), I(1)}), L({I(0), I(0)}), L({I(1), I(1)}), I(2)}, {}},
     "Tensor(sizes=[2, 6, 6, 6], strides=[216, 36, 6, 1], dtype=float32)"},
    {"aten.conv2d.default", "", {{T("[2, 4, 8, 8]", "[256, 64, 8, 1]"), T("[6, 3, 3, 3]", "[27, 9, 3, 1]")}, {}},
     "error rules/nn.py: Given groups=1, weight of size [6, 3, 3, 3], expected input[2, 4, 8, 8] to have 3 channels, but got 4 channels instead"},
    {"aten.convolution.default", "", {{T("[2, 4, 5, 5]", "[100, 25, 5, 1]"), T("[4, 3, 3, 3]", "[27, 9, 3, 1]"), N(), L({I(2), I(2)}), L({I(1), I(1)}), L({I(1), I(1)}), B(true), L({I(1), I(1)}), I(1)}, {}},
     "Tensor(sizes=[2, 3, 10, 10], strides=[300, 100, 10, 1], dtype=float32)"},
    {"aten.max_pool2d.default", "", {{T("[2, 3, 8, 8]", "[192, 64, 8, 1]"), L({I(2), I(2)})}, {}},
     "Tensor(sizes=[2, 3, 4, 4], strides=[48, 16, 4, 1], dtype=float32)"},
    {"aten.max_pool2d.default", "", {{T("[2, 3, 8, 8]", "[192, 1, 24, 3]"), L({I(2), I(2)})}, {}},
     "Tensor(sizes=[2, 3, 4, 4], strides=[48, 1, 12, 3], dtype=float32)"},
    {"aten.max_pool2d.default", "s0=2 s1=9 s2=9", {{T("[s0, 3, s1, s2]", "[3*s1*s2, s1*s2, s2, 1]"), L({I(2), I(2)})}, {}},
     "Tensor(sizes=[s0, 3, (s1//2), (s2//2)], strides=[3*((s1//2))*((s2//2)), ((s1//2))*((s2//2)), (s2//2), 1], dtype=float32) guards=[Ne(Mod(s1 - 2, 2), 0), Ne(Mod(s2 - 2, 2), 0)]"},
    {"aten.max_pool2d.default", "", {{T("[2, 3, 9, 9]", "[243, 81, 9, 1]"), L({I(2), I(2)}), L({}), L({I(0), I(0)}), L({I(1), I(1)}), B(true)}, {}},
     "Tensor(sizes=[2, 3, 5, 5], strides=[75, 25, 5, 1], dtype=float32)"},
    {"aten.max_pool2d.default", "s0=2 s1=9 s2=9", {{T("[s0, 3, s1, s2]", "[3*s1*s2, s1*s2, s2, 1]"), L({I(3), I(3)}), L({I(2), I(2)}), L({I(1), I(1)}), L({I(1), I(1)}), B(true)}, {}},
     "Tensor(sizes=[s0, 3, ((s1//2)) + 1, ((s2//2)) + 1], strides=[3*(((s1//2)) + 1)*(((s2//2)) + 1), (((s1//2)) + 1)*(((s2//2)) + 1), ((s2//2)) + 1, 1], dtype=float32) guards=[Ne(Mod(s1, 2), 0), 2*((s1//2)) < s1 + 1, Ne(Mod(s2, 2), 0), 2*((s2//2)) < s2 + 1]"},
    {"aten.max_pool2d.default", "", {{T("[3, 8, 8]", "[64, 8, 1]"), L({I(2)})}, {}},
     "Tensor(sizes=[3, 4, 4], strides=[16, 4, 1], dtype=float32)"},
    {"aten.max_pool2d.default", "", {{T("[2, 3, 8, 8]", "[192, 64, 8, 1]"), L({I(2), I(2)}), L({I(2), I(2)}), L({I(2), I(2)})}, {}},
     "error rules/prelude.py: pad should be at most half of effective kernel size, but got pad=2, kernel_size=2 and dilation=1"},
    {"aten.max_pool2d.default", "", {{T("[2, 3, 1, 1]", "[3, 1, 1, 1]"), L({I(2), I(2)})}, {}},
     "error rules/nn.py: Given input size: (3x1x1). Calculated output size: (3x0x0). Output size is too small"},
    {"aten.max_pool2d_with_indices.default", "", {{T("[2, 3, 8, 8]", "[192, 1, 24, 3]"), L({I(3), I(3)}), L({I(2), I(2)}), L({I(1), I(1)})}, {}},
     "(Tensor(sizes=[2, 3, 4, 4], strides=[48, 1, 12, 3], dtype=float32), Tensor(sizes=[2, 3, 4, 4], strides=[48, 1, 12, 3], dtype=int64))"},
    {"aten.avg_pool2d.default", "", {{T("[2, 3, 8, 8]", "[192, 64, 8, 1]"), L({I(3), I(3)}), L({I(2), I(2)}), L({I(1), I(1)}), B(true)}, {}},
     "Tensor(sizes=[2, 3, 5, 5], strides=[75, 25, 5, 1], dtype=float32)"},
    {"aten._adaptive_avg_pool2d.default", "", {{T("[2, 3, 8, 8]", "[192, 1, 24, 3]"), L({I(1), I(1)})}, {}},
     "Tensor(sizes=[2, 3, 1, 1], strides=[3, 1, 3, 3], dtype=float32)"},
    {"aten.native_layer_norm.default", "s0=2", {{T("[s0, 4, 6]", "[24, 6, 1]"), L({I(6)}), N(), N(), F(1e-05)}, {}},
     "(Tensor(sizes=[s0, 4, 6], strides=[24, 6, 1], dtype=float32), Tensor(sizes=[s0, 4, 1], strides=[4, 1, 1], dtype=float32), Tensor(sizes=[s0, 4, 1], strides=[4, 1, 1], dtype=float32))"},
    {"aten.layer_norm.default", "", {{T("[2, 4, 6]", "[1, 2, 8]"), L({I(4), I(6)})}, {}},
     "Tensor(sizes=[2, 4, 6], strides=[24, 6, 1], dtype=float32)"},
    {"aten.native_group_norm.default", "", {{T("[2, 6, 4, 4]", "[96, 1, 24, 6]"), N(), N(), I(2), I(6), I(16), I(3), F(1e-05)}, {}},
     "(Tensor(sizes=[2, 6, 4, 4], strides=[96, 1, 24, 6], dtype=float32), Tensor(sizes=[2, 3], strides=[3, 1], dtype=float32), Tensor(sizes=[2, 3], strides=[3, 1], dtype=float32))"},
    {"aten.group_norm.default", "", {{T("[2, 6, 4, 4]", "[96, 16, 4, 1]"), I(4)}, {}},
     "error rules/nn.py: Expected number of channels in input to be divisible by num_groups, but got input of shape [2, 6, 4, 4] and num_groups=4"},
    {"aten._native_batch_norm_legit_no_training.default", "", {{T("[2, 3, 4, 4]", "[48, 1, 12, 3]"), N(), N(), T("[3]", "[1]"), T("[3]", "[1]"), F(0.1), F(1e-05)}, {}},
     "(Tensor(sizes=[2, 3, 4, 4], strides=[48, 1, 12, 3], dtype=float32), Tensor(sizes=[0], strides=[1], dtype=float32), Tensor(sizes=[0], strides=[1], dtype=float32))"},
    {"aten.embedding.default", "s0=2", {{T("[10, 4]", "[4, 1]"), T("[s0, 5]", "[5, 1]", "int64")}, {}},
     "Tensor(sizes=[s0, 5, 4], strides=[20, 4, 1], dtype=float32)"},
    {"aten.pixel_shuffle.default", "", {{T("[2, 8, 3, 3]", "[72, 9, 3, 1]"), I(2)}, {}},
     "Tensor(sizes=[2, 2, 6, 6], strides=[72, 36, 6, 1], dtype=float32)"},
    {"aten.pixel_unshuffle.default", "", {{T("[2, 2, 4, 4]", "[32, 1, 8, 2]"), I(2)}, {}},
     "Tensor(sizes=[2, 8, 2, 2], strides=[32, 1, 16, 8], dtype=float32)"},
    {"aten.dropout.default", "", {{T("[3, 4]", "[1, 3]"), F(0.5), B(true)}, {}},
     "Tensor(sizes=[3, 4], strides=[1, 3], dtype=float32)"},
    {"aten.upsample_nearest2d.vec", "s0=4", {{T("[2, 3, s0, 5]", "[15*s0, 5*s0, 5, 1]"), N(), L({F(2.0), F(1.5)})}, {}},
     "Tensor(sizes=[2, 3, 2*s0, 7], strides=[42*s0, 14*s0, 7, 1], dtype=float32)"},
  };
  check_rows(rows);
}

// Checked against PyTorch 2.6 fake tensors.
TEST_CASE("factories rules match PyTorch 2.6", "[families][factories]") {
  std::vector<Row> rows = {
    {"aten.arange.default", "", {{I(10)}, {}},
     "Tensor(sizes=[10], strides=[1], dtype=int64)"},
    {"aten.arange.default", "s0=7", {{E("s0")}, {}},
     "Tensor(sizes=[s0], strides=[1], dtype=int64)"},
    {"aten.arange.default", "", {{F(2.5)}, {}},
     "Tensor(sizes=[3], strides=[1], dtype=float32)"},
    {"aten.arange.start", "", {{I(2), I(10)}, {}},
     "Tensor(sizes=[8], strides=[1], dtype=int64)"},
    {"aten.arange.start_step", "", {{I(0), I(10), I(3)}, {}},
     "Tensor(sizes=[4], strides=[1], dtype=int64)"},
    {"aten.arange.start_step", "", {{I(10), I(0), I(-3)}, {}},
     "Tensor(sizes=[4], strides=[1], dtype=int64)"},
    {"aten.arange.start_step", "", {{F(0.0), F(1.0), F(0.3)}, {}},
     "Tensor(sizes=[4], strides=[1], dtype=float32)"},
    {"aten.arange.start_step", "s0=7", {{I(1), E("s0"), I(2)}, {}},
     "Tensor(sizes=[(s0//2)], strides=[1], dtype=int64)"},
    {"aten.arange.start_step", "", {{I(0), I(10), I(0)}, {}},
     "error rules/factories.py: step must be nonzero"},
    {"aten.arange.start", "", {{I(0), I(5)}, {{"dtype", DT("float32")}}},
     "Tensor(sizes=[5], strides=[1], dtype=float32)"},
    {"aten.full.default", "s0=4", {{L({E("s0"), I(3)}), F(1.5)}, {}},
     "Tensor(sizes=[s0, 3], strides=[3, 1], dtype=float32)"},
    {"aten.full.default", "", {{L({I(2), I(3)}), I(7)}, {}},
     "Tensor(sizes=[2, 3], strides=[3, 1], dtype=int64)"},
    {"aten.full.default", "", {{L({I(2), I(3)}), B(true)}, {}},
     "Tensor(sizes=[2, 3], strides=[3, 1], dtype=bool)"},
    {"aten.full.default", "", {{L({I(2), I(-3)}), F(1.0)}, {}},
     "error rules/factories.py: Trying to create tensor with negative dimension -3: [2, -3]"},
    {"aten.zeros.default", "", {{L({I(2), I(3)})}, {{"dtype", DT("int32")}}},
     "Tensor(sizes=[2, 3], strides=[3, 1], dtype=int32)"},
    {"aten.empty.memory_format", "", {{L({I(2), I(3), I(4), I(5)})}, {{"memory_format", MF("channels_last")}}},
     "Tensor(sizes=[2, 3, 4, 5], strides=[60, 1, 15, 3], dtype=float32)"},
    {"aten.ones.default", "", {{L({})}, {}},
     "Tensor(sizes=[], strides=[], dtype=float32)"},
    {"aten.scalar_tensor.default", "", {{I(2)}, {{"dtype", DT("int64")}}},
     "Tensor(sizes=[], strides=[], dtype=int64)"},
    {"aten.empty_like.default", "", {{T("[2, 3, 4, 5]", "[60, 1, 15, 3]")}, {}},
     "Tensor(sizes=[2, 3, 4, 5], strides=[60, 1, 15, 3], dtype=float32)"},
    {"aten.empty_like.default", "s0=2 s1=3 s2=4 s3=5", {{T("[s0, s1, s2, s3]", "[s1*s2*s3, 1, s1*s3, s1]")}, {}},
     "Tensor(sizes=[s0, s1, s2, s3], strides=[s1*s2*s3, 1, s1*s3, s1], dtype=float32)"},
    {"aten.empty_like.default", "", {{T("[3, 4]", "[1, 3]")}, {}},
     "Tensor(sizes=[3, 4], strides=[1, 3], dtype=float32)"},
    {"aten.empty_like.default", "", {{T("[3, 4]", "[8, 2]")}, {}},
     "Tensor(sizes=[3, 4], strides=[4, 1], dtype=float32)"},
    {"aten.zeros_like.default", "", {{T("[2, 3, 4, 5]", "[60, 1, 15, 3]")}, {{"memory_format", MF("contiguous_format")}}},
     "Tensor(sizes=[2, 3, 4, 5], strides=[60, 20, 5, 1], dtype=float32)"},
    {"aten.ones_like.default", "", {{T("[2, 3]", "[3, 1]")}, {{"dtype", DT("int64")}}},
     "Tensor(sizes=[2, 3], strides=[3, 1], dtype=int64)"},
    {"aten.full_like.default", "", {{T("[2, 3, 4, 5]", "[60, 1, 15, 3]"), F(1.0)}, {}},
     "Tensor(sizes=[2, 3, 4, 5], strides=[60, 1, 15, 3], dtype=float32)"},
    {"aten.clone.default", "", {{T("[2, 3, 4, 5]", "[60, 1, 15, 3]")}, {}},
     "Tensor(sizes=[2, 3, 4, 5], strides=[60, 1, 15, 3], dtype=float32)"},
    {"aten.clone.default", "", {{T("[2, 3, 4, 5]", "[60, 1, 15, 3]")}, {{"memory_format", MF("contiguous_format")}}},
     "Tensor(sizes=[2, 3, 4, 5], strides=[60, 20, 5, 1], dtype=float32)"},
    {"aten.clone.default", "", {{T("[2, 3, 4, 5]", "[60, 20, 5, 1]")}, {{"memory_format", MF("channels_last")}}},
     "Tensor(sizes=[2, 3, 4, 5], strides=[60, 1, 15, 3], dtype=float32)"},
    {"aten.clone.default", "", {{T("[3, 4]", "[0, 1]")}, {}},
     "Tensor(sizes=[3, 4], strides=[4, 1], dtype=float32)"},
    {"aten.clone.default", "s0=3 s1=4", {{T("[s0, s1]", "[1, s0]")}, {}},
     "Tensor(sizes=[s0, s1], strides=[1, s0], dtype=float32)"},
    {"aten._to_copy.default", "", {{T("[2, 3, 4, 5]", "[60, 1, 15, 3]")}, {{"dtype", DT("float16")}}},
     "Tensor(sizes=[2, 3, 4, 5], strides=[60, 1, 15, 3], dtype=float16)"},
  };
  check_rows(rows);
}

// Checked against PyTorch 2.6 fake tensors.
TEST_CASE("shape_ops rules match PyTorch 2.6", "[families][shape_ops]") {
  std::vector<Row> rows = {
    {"aten.cat.default", "s0=2 s1=4", {{L({T("[s0, 3]", "[3, 1]"), T("[s1, 3]", "[3, 1]")})}, {}},
     "Tensor(sizes=[s0 + s1, 3], strides=[3, 1], dtype=float32)"},
    {"aten.cat.default", "s0=3 s1=5", {{L({T("[2, s0]", "[s0, 1]"), T("[2, s1]", "[s1, 1]")}), I(-1)}, {}},
     "Tensor(sizes=[2, s0 + s1], strides=[s0 + s1, 1], dtype=float32)"},
    {"aten.cat.default", "", {{L({T("[2, 3]", "[3, 1]"), T("[0]", "[1]")})}, {}},
     "Tensor(sizes=[2, 3], strides=[3, 1], dtype=float32)"},
    {"aten.cat.default", "", {{L({T("[0]", "[1]"), T("[0]", "[1]")})}, {}},
     "Tensor(sizes=[0], strides=[1], dtype=float32)"},
    {"aten.cat.default", "", {{L({T("[2, 3]", "[3, 1]", "int64"), T("[2, 3]", "[3, 1]", "float16")})}, {}},
     "Tensor(sizes=[4, 3], strides=[3, 1], dtype=float16)"},
    {"aten.cat.default", "", {{L({T("[2, 3, 4, 5]", "[60, 1, 15, 3]"), T("[2, 3, 4, 5]", "[60, 1, 15, 3]")}), I(1)}, {}},
     "Tensor(sizes=[2, 6, 4, 5], strides=[120, 1, 30, 6], dtype=float32)"},
    {"aten.cat.default", "", {{L({T("[2, 3, 4, 5]", "[60, 1, 15, 3]"), T("[2, 3, 4, 5]", "[60, 20, 5, 1]")}), I(1)}, {}},
     "Tensor(sizes=[2, 6, 4, 5], strides=[120, 20, 5, 1], dtype=float32)"},
    {"aten.stack.default", "s0=2 s1=2", {{L({T("[s0, 3]", "[3, 1]"), T("[s1, 3]", "[3, 1]")}), I(-1)}, {}},
     "Tensor(sizes=[s0, 3, 2], strides=[6, 2, 1], dtype=float32) guards=[Eq(s1, s0)]"},
    {"aten.stack.default", "", {{L({T("[]", "[]"), T("[]", "[]")})}, {}},
     "Tensor(sizes=[2], strides=[1], dtype=float32)"},
    {"aten.repeat.default", "s0=2", {{T("[s0, 3]", "[3, 1]"), L({I(2), I(1), I(3)})}, {}},
     "Tensor(sizes=[2, s0, 9], strides=[9*s0, 9, 1], dtype=float32)"},
    {"aten.repeat.default", "", {{T("[2, 3]", "[3, 1]"), L({I(2)})}, {}},
     "error rules/shape_ops.py: Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor"},
    {"aten.constant_pad_nd.default", "s0=4", {{T("[s0, 5]", "[5, 1]"), L({I(1), I(2), I(-1), I(0)})}, {}},
     "Tensor(sizes=[s0 - 1, 8], strides=[8, 1], dtype=float32)"},
    {"aten.constant_pad_nd.default", "", {{T("[2, 3, 4, 5]", "[60, 1, 15, 3]"), L({I(1), I(1)})}, {}},
     "Tensor(sizes=[2, 3, 4, 7], strides=[84, 1, 21, 3], dtype=float32)"},
    {"aten.constant_pad_nd.default", "", {{T("[4, 5]", "[5, 1]"), L({I(1), I(1), I(1)})}, {}},
     "error rules/shape_ops.py: Length of pad must be even but instead it equals 3"},
    {"aten.tril.default", "s0=3", {{T("[s0, 4]", "[4, 1]")}, {}},
     "Tensor(sizes=[s0, 4], strides=[4, 1], dtype=float32)"},
    {"aten.index_select.default", "s0=5 s1=4", {{T("[s0, 3]", "[3, 1]"), I(0), T("[s1]", "[1]", "int64")}, {}},
     "Tensor(sizes=[s1, 3], strides=[3, 1], dtype=float32)"},
    {"aten.scatter_add.default", "", {{T("[5, 3]", "[3, 1]"), I(0), T("[2, 3]", "[3, 1]", "int64"), T("[2, 3]", "[3, 1]")}, {}},
     "Tensor(sizes=[5, 3], strides=[3, 1], dtype=float32)"},
    {"aten.index.Tensor", "s0=5", {{T("[s0, 6, 7]", "[42, 7, 1]"), L({N(), T("[2, 3]", "[3, 1]", "int64")})}, {}},
     "Tensor(sizes=[s0, 2, 3, 7], strides=[42, 21, 7, 1], dtype=float32)"},
    {"aten.index.Tensor", "", {{T("[5, 6, 7]", "[42, 7, 1]"), L({T("[4]", "[1]", "int64"), N(), T("[4]", "[1]", "int64")})}, {}},
     "Tensor(sizes=[4, 6], strides=[6, 1], dtype=float32)"},
    {"aten.index.Tensor", "", {{T("[5, 6]", "[6, 1]"), L({N(), N(), T("[3]", "[1]", "int64")})}, {}},
     "error rules/shape_ops.py: too many indices for tensor of dimension 2 (got 3)"},
    {"aten.index.Tensor", "", {{T("[5, 6]", "[6, 1]"), L({T("[3]", "[1]")})}, {}},
     "error rules/shape_ops.py: tensors used as indices must be long, int, byte or bool tensors"},
    {"aten.index_put.default", "", {{T("[5, 3]", "[3, 1]"), L({T("[2]", "[1]", "int64")}), T("[3]", "[1]")}, {}},
     "Tensor(sizes=[5, 3], strides=[3, 1], dtype=float32)"},
  };
  check_rows(rows);
}

// Checked against PyTorch 2.6 fake tensors.
TEST_CASE("sym rules match PyTorch 2.6", "[families][sym]") {
  std::vector<Row> rows = {
    {"aten.sym_size.int", "s0=4", {{T("[s0, 3]", "[3, 1]"), I(0)}, {}},
     "s0"},
    {"aten.sym_size.int", "s0=4", {{T("[s0, 3]", "[3, 1]"), I(-1)}, {}},
     "3"},
    {"aten.sym_size.int", "s0=4", {{T("[s0, 3]", "[3, 1]"), I(2)}, {}},
     "error rules/sym.py: Dimension out of range (expected to be in range of [-2, 1], but got 2)"},
    {"aten.sym_stride.int", "s0=4 s1=3", {{T("[s0, s1]", "[s1, 1]"), I(0)}, {}},
     "s1"},
    {"aten.sym_numel.default", "s0=4 s1=3", {{T("[s0, s1]", "[s1, 1]")}, {}},
     "s0*s1"},
    {"aten.sym_storage_offset.default", "s0=4", {{T("[s0]", "[1]")}, {}},
     "0"},
    {"operator.add", "s0=4 s1=3", {{E("s0"), E("s1")}, {}},
     "s0 + s1"},
    {"operator.mul", "s0=4", {{E("s0"), I(2)}, {}},
     "2*s0"},
    {"operator.floordiv", "s0=9", {{E("s0"), I(2)}, {}},
     "(s0//2)"},
    {"operator.mod", "s0=9", {{E("s0"), I(4)}, {}},
     "Mod(s0, 4)"},
    {"operator.truediv", "s0=9", {{E("s0"), I(2)}, {}},
     "IntTrueDiv(s0, 2)"},
    {"operator.eq", "s0=9 s1=9", {{E("s0"), E("s1")}, {}},
     "Eq(s0, s1)"},
    {"operator.ge", "s0=9", {{E("s0"), I(4)}, {}},
     "s0 >= 4"},
    {"torch.sym_float", "s0=9", {{E("s0")}, {}},
     "ToFloat(s0)"},
  };
  check_rows(rows);
}

// Checked against PyTorch 2.6 fake tensors: nonzero / masked_select /
// _unique2 make a fresh size-like unbacked u0 in [0, numel] (numel when
// static, sys.maxsize - 1 when symbolic); item() of an int64 tensor is an
// unbacked u0 in (-int_oo, int_oo) (printed [-inf, inf]), not size-like; an `if` on unbacked data
// (split of a nonzero result: guard_int((u0 + 1)//2)) is a data-dependent
// error, named by the rule's file:line.
TEST_CASE("data-dependent rules make fresh unbacked sizes", "[families][data_dependent]") {
  struct DD {
    const char *op;
    const char *symbols;
    CallArgs args;
    std::string want;      // the output
    const char *range;     // env.bound(u0)
    bool size_like;
  };
  std::vector<DD> rows = {
      {"aten.nonzero.default", "", {{T("[4, 5]", "[5, 1]")}, {}},
       "Tensor(sizes=[u0, 2], strides=[2, 1], dtype=int64)", "[0, 20]", true},
      {"aten.nonzero.default", "s0=4", {{T("[s0, 5]", "[5, 1]")}, {}},
       "Tensor(sizes=[u0, 2], strides=[2, 1], dtype=int64)", "[0, 9223372036854775806]", true},
      {"aten.masked_select.default", "", {{T("[4, 5]", "[5, 1]"), T("[4, 5]", "[5, 1]", "bool")}, {}},
       "Tensor(sizes=[u0], strides=[1], dtype=float32)", "[0, 20]", true},
      {"aten._unique2.default", "", {{T("[4, 5]", "[5, 1]"), B(true), B(true), B(true)}, {}},
       "(Tensor(sizes=[u0], strides=[1], dtype=float32), Tensor(sizes=[4, 5], strides=[5, 1], dtype=int64), "
       "Tensor(sizes=[u0], strides=[1], dtype=int64))",
       "[0, 20]", true},
      {"aten.item.default", "", {{T("[]", "[]", "int64")}, {}}, "u0", "[-inf, inf]", false},
  };
  for (const DD &r : rows) {
    ShapeEnv env;
    declare(env, r.symbols);
    INFO(r.op);
    CHECK(run(env, r.op, r.args) == r.want);
    Expr u0 = parse_expr("u0");
    REQUIRE(env.info(u0) != nullptr);
    CHECK_FALSE(env.info(u0)->backed);
    CHECK(env.info(u0)->size_like == r.size_like);
    CHECK(env.bound(u0).str() == r.range);
  }

  // split.Tensor of a nonzero result: the number of pieces is data-dependent.
  ShapeEnv env;
  Value nz = registry().call(env, "aten.nonzero.default", {{T("[4, 5]", "[5, 1]")}, {}});
  try {
    registry().call(env, "aten.split.Tensor", {{nz, I(2)}, {}});
    FAIL("expected a data-dependent error");
  } catch (const RuleError &e) {
    CHECK(e.cause() == "data_dependent");
    CHECK(e.where().rfind("rules/views.py:", 0) == 0);
    CHECK_THAT(e.what(), Catch::Contains("rules/views.py:"));
    CHECK_THAT(e.detail(), Catch::Contains("u0"));
  }
}

// A failing rule names its place ("rules/<file>.py:LINE:COL"), the operator
// and the node.  The message is PyTorch 2.6's (meta_mm).
TEST_CASE("a rule error carries where() and node()", "[families][linalg]") {
  ShapeEnv env;
  CallOptions options;
  options.node = "mm_3";
  try {
    registry().call(env, "aten.mm.default", {{T("[4, 3]", "[3, 1]"), T("[4, 5]", "[5, 1]")}, {}}, options);
    FAIL("expected a RuleError");
  } catch (const RuleError &e) {
    CHECK(e.op() == "aten.mm.default");
    CHECK(e.node() == "mm_3");
    std::string where = e.where();
    REQUIRE(where.rfind("rules/linalg.py:", 0) == 0);
    // LINE:COL after the file name, both positive numbers.
    std::string rest = where.substr(std::string("rules/linalg.py:").size());
    size_t colon = rest.find(':');
    REQUIRE(colon != std::string::npos);
    CHECK(std::stoi(rest.substr(0, colon)) > 0);
    CHECK(std::stoi(rest.substr(colon + 1)) > 0);
    CHECK_THAT(e.detail(), Catch::Contains("a and b must have same reduction dim, but got [4, 3] X [4, 5]."));
    CHECK_THAT(e.what(), Catch::Contains(where));
    CHECK_THAT(e.what(), Catch::Contains("mm_3"));
  }
}

// Broadcasting traps, checked against PyTorch 2.6 fake tensors: a dynamic
// dim whose example value is 1 is specialized to the constant 1 (0/1
// specialization), so it broadcasts exactly like an explicit 1, with no
// guard; two symbols with equal hints are unified by a guard.
TEST_CASE("pointwise broadcasting: size-1 hints and equal hints", "[families][pointwise]") {
  ShapeEnv env;
  symshape::TensorSymbols x = env.create_tensor("x", {Int(1), Int(3)}, {symshape::DimPolicy::Dynamic, symshape::DimPolicy::Static});
  CHECK(x.sizes[0].str() == "1");
  declare(env, "s5=4");
  TensorMeta a;
  a.sizes = x.sizes;
  a.strides = x.strides;
  a.storage = new_storage_id();
  std::string got = run(env, "aten.add.Tensor", {{Value::of_tensor(a), T("[s5, 3]", "[3, 1]")}, {}});
  CHECK(got == "Tensor(sizes=[s5, 3], strides=[3, 1], dtype=float32)");
}
