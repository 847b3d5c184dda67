# data_dependent.py -- operators whose output size depends on data: each
# makes a fresh unbacked size (new_unbacked) that the graph walker binds to
# the output (`.size()[0]`).  Bounds follow torch/_subclasses/fake_impls.py.
from typing import List, Optional


# The largest size an unbacked count can take: numel when it is a constant,
# else the upper bound of numel's range, else sys.maxsize - 1.
def count_bound(numel: int) -> int:
    if is_constant(numel):
        return numel
    lo, hi = bound(numel)
    if hi is None:
        return INT64_MAX - 1
    return hi


@rule("aten::nonzero(Tensor self) -> Tensor")
def nonzero(self: Tensor) -> Tensor:
    nnz = new_unbacked(0, count_bound(self.numel()))
    return empty([nnz, self.dim()], dtype=int64, device=self.device)


@rule("aten::masked_select(Tensor self, Tensor mask) -> Tensor")
def masked_select(self: Tensor, mask: Tensor) -> Tensor:
    check(mask.dtype == bool_, "masked_select: expected BoolTensor for mask")
    shape = broadcast_shapes(self.shape, mask.shape)
    n = new_unbacked(0, count_bound(prod(shape)))
    return empty([n], dtype=self.dtype, device=self.device)


@rule("aten::_unique2(Tensor self, bool sorted=True, bool return_inverse=False, bool return_counts=False) -> (Tensor, Tensor, Tensor)")
def unique2(self: Tensor, sorted: bool = True, return_inverse: bool = False, return_counts: bool = False):
    numel = self.numel()
    if is_constant(numel) and numel == 0:
        n = 0
    else:
        n = new_unbacked(0, numel if is_constant(numel) else INT64_MAX - 1)
    values = empty([n], dtype=self.dtype, device=self.device)
    inverse = empty(self.shape if return_inverse else [0], dtype=int64, device=self.device)
    counts = empty([n] if return_counts else [0], dtype=int64, device=self.device)
    return (values, inverse, counts)


# item / _local_scalar_dense: an unbacked scalar of the tensor's kind.
# Narrow integer dtypes bound it by their range (a fact PyTorch does not
# record; int64 stays unbounded, as in PyTorch).
@rule("aten::_local_scalar_dense(Tensor self) -> Scalar")
@rule("aten::item(Tensor self) -> Scalar")
def local_scalar_dense(self: Tensor) -> Scalar:
    check(self.numel() == 1, "a Tensor with " + str(self.numel()) + " elements cannot be converted to Scalar")
    dt = self.dtype
    if dt == bool_:
        return new_unbacked_bool()
    check(is_integral_dtype(dt, False), "item(): unbacked floats are not supported yet (dtype " + str(dt) + ")")
    if dt == uint8:
        return new_unbacked(0, 255, False)
    if dt == int8:
        return new_unbacked(-128, 127, False)
    if dt == int16:
        return new_unbacked(-32768, 32767, False)
    if dt == int32:
        return new_unbacked(-2147483648, 2147483647, False)
    return new_unbacked(None, None, False)


# fake_impls.repeat_interleave_tensor: without output_size the length is
# data (a fresh unbacked size, range [0, inf] as in PyTorch).
@rule("aten::repeat_interleave.Tensor(Tensor repeats, *, SymInt? output_size=None) -> Tensor")
def repeat_interleave_tensor(repeats: Tensor, output_size: Optional[int] = None) -> Tensor:
    check(repeats.dim() <= 1, "repeat_interleave only accept 1D vector as repeat")
    n = output_size if output_size is not None else new_unbacked()
    return empty([n], dtype=repeats.dtype, device=repeats.device)


@rule("aten::repeat_interleave.self_int(Tensor self, SymInt repeats, int? dim=None, *, SymInt? output_size=None) -> Tensor")
def repeat_interleave_int(self: Tensor, repeats: int, dim: Optional[int] = None,
                          output_size: Optional[int] = None) -> Tensor:
    check(repeats >= 0, "repeats can not be negative")
    if dim is None:
        return empty([self.numel() * repeats], dtype=self.dtype, device=self.device)
    d = canonicalize_dim(self.dim(), dim)
    shape = list(self.shape)
    if self.dim() > 0:
        shape[d] = shape[d] * repeats
    return empty(shape, dtype=self.dtype, device=self.device)
