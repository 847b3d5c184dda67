# sym.py -- the symbolic-int operators of export graphs: sizes read from
# tensors, Python arithmetic on SymInts (operator.*), torch.sym_*, and the
# runtime-assert nodes.
from typing import List, Optional


@rule("aten::sym_size.int(Tensor self, int dim) -> SymInt")
def sym_size(self: Tensor, dim: int) -> int:
    return self.size(dim)


@rule("aten::sym_stride.int(Tensor self, int dim) -> SymInt")
def sym_stride(self: Tensor, dim: int) -> int:
    return self.stride(dim)


@rule("aten::sym_numel(Tensor self) -> SymInt")
def sym_numel(self: Tensor) -> int:
    return self.numel()


@rule("aten::sym_storage_offset(Tensor self) -> SymInt")
def sym_storage_offset(self: Tensor) -> int:
    return self.storage_offset()


# torch._check on the graph's SymBool: a guard when backed, a runtime assert
# when unbacked.
@rule("aten::_assert_scalar(Scalar self, str assert_msg) -> ()")
def assert_scalar(self: Scalar, assert_msg: str):
    check(self, assert_msg)


@rule("aten::sym_constrain_range_for_size(Scalar size, *, int? min=None, int? max=None) -> ()")
def sym_constrain_range_for_size(size: Scalar, min: Optional[int] = None, max: Optional[int] = None):
    constrain_range_for_size(size, min, max)


@rule("aten::sym_constrain_range(Scalar size, *, int? min=None, int? max=None) -> ()")
def sym_constrain_range(size: Scalar, min: Optional[int] = None, max: Optional[int] = None):
    constrain_range(size, min, max)


@rule("operator::add(Scalar a, Scalar b) -> Scalar")
def op_add(a: Scalar, b: Scalar) -> Scalar:
    return a + b


@rule("operator::sub(Scalar a, Scalar b) -> Scalar")
def op_sub(a: Scalar, b: Scalar) -> Scalar:
    return a - b


@rule("operator::mul(Scalar a, Scalar b) -> Scalar")
def op_mul(a: Scalar, b: Scalar) -> Scalar:
    return a * b


@rule("operator::floordiv(Scalar a, Scalar b) -> Scalar")
def op_floordiv(a: Scalar, b: Scalar) -> Scalar:
    return a // b


@rule("operator::mod(Scalar a, Scalar b) -> Scalar")
def op_mod(a: Scalar, b: Scalar) -> Scalar:
    return a % b


@rule("operator::truediv(Scalar a, Scalar b) -> Scalar")
def op_truediv(a: Scalar, b: Scalar) -> Scalar:
    return a / b


@rule("operator::pow(Scalar a, Scalar b) -> Scalar")
def op_pow(a: Scalar, b: Scalar) -> Scalar:
    return a ** b


@rule("operator::neg(Scalar a) -> Scalar")
def op_neg(a: Scalar) -> Scalar:
    return -a


@rule("operator::eq(Scalar a, Scalar b) -> Scalar")
def op_eq(a: Scalar, b: Scalar) -> Scalar:
    return a == b


@rule("operator::ne(Scalar a, Scalar b) -> Scalar")
def op_ne(a: Scalar, b: Scalar) -> Scalar:
    return a != b


@rule("operator::lt(Scalar a, Scalar b) -> Scalar")
def op_lt(a: Scalar, b: Scalar) -> Scalar:
    return a < b


@rule("operator::le(Scalar a, Scalar b) -> Scalar")
def op_le(a: Scalar, b: Scalar) -> Scalar:
    return a <= b


@rule("operator::gt(Scalar a, Scalar b) -> Scalar")
def op_gt(a: Scalar, b: Scalar) -> Scalar:
    return a > b


@rule("operator::ge(Scalar a, Scalar b) -> Scalar")
def op_ge(a: Scalar, b: Scalar) -> Scalar:
    return a >= b


@rule("operator::and_(Scalar a, Scalar b) -> Scalar")
def op_and(a: Scalar, b: Scalar) -> Scalar:
    return sym_and(a, b)


@rule("operator::or_(Scalar a, Scalar b) -> Scalar")
def op_or(a: Scalar, b: Scalar) -> Scalar:
    return sym_or(a, b)


@rule("torch::sym_float(Scalar a) -> Scalar")
def torch_sym_float(a: Scalar) -> Scalar:
    return sym_float(a)


@rule("torch::sym_int(Scalar a) -> Scalar")
def torch_sym_int(a: Scalar) -> Scalar:
    return int(a)


@rule("torch::sym_max(Scalar a, Scalar b) -> Scalar")
def torch_sym_max(a: Scalar, b: Scalar) -> Scalar:
    return sym_max(a, b)


@rule("torch::sym_min(Scalar a, Scalar b) -> Scalar")
def torch_sym_min(a: Scalar, b: Scalar) -> Scalar:
    return sym_min(a, b)


@rule("torch::sym_not(Scalar a) -> Scalar")
def torch_sym_not(a: Scalar) -> Scalar:
    return sym_not(a)


# Python's operator.getitem on a node's tuple or list result (FX graphs; a
# torch.export program names tuple elements instead).
@rule("operator::getitem(Any a, int b) -> Any")
def op_getitem(a, b: int):
    return a[b]
