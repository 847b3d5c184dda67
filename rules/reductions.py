# reductions.py -- sum, mean, norms, softmax, cumsum, sort: contiguous
# outputs of the reduced shape.
from typing import List, Optional


def reduction_dtype(self_dtype, dtype, promote_int: bool):
    if dtype is not None:
        return dtype
    if promote_int and is_integral_dtype(self_dtype, True):
        return int64
    return self_dtype


@rule("aten::sum.dim_IntList(Tensor self, int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor")
def sum_dim(self: Tensor, dim: Optional[List[int]], keepdim: bool = False, dtype: Optional[ScalarType] = None) -> Tensor:
    shape = reduction_shape(self.shape, dim, keepdim)
    return empty(shape, dtype=reduction_dtype(self.dtype, dtype, True), device=self.device)


@rule("aten::sum(Tensor self, *, ScalarType? dtype=None) -> Tensor")
def sum_all(self: Tensor, dtype: Optional[ScalarType] = None) -> Tensor:
    return empty([], dtype=reduction_dtype(self.dtype, dtype, True), device=self.device)


@rule("aten::mean.dim(Tensor self, int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor")
def mean_dim(self: Tensor, dim: Optional[List[int]], keepdim: bool = False, dtype: Optional[ScalarType] = None) -> Tensor:
    dt = reduction_dtype(self.dtype, dtype, False)
    check(is_floating_dtype(dt) or is_complex_dtype(dt),
          "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: " +
          str(dt))
    return empty(reduction_shape(self.shape, dim, keepdim), dtype=dt, device=self.device)


@rule("aten::mean(Tensor self, *, ScalarType? dtype=None) -> Tensor")
def mean_all(self: Tensor, dtype: Optional[ScalarType] = None) -> Tensor:
    return mean_dim(self, None, False, dtype)


@rule("aten::amax(Tensor self, int[1] dim=[], bool keepdim=False) -> Tensor")
@rule("aten::amin(Tensor self, int[1] dim=[], bool keepdim=False) -> Tensor")
# torch._refs._reduction for reductions without identity: reducing a
# size-0 dim fails.
def amax(self: Tensor, dim: List[int], keepdim: bool = False) -> Tensor:
    if self.dim() > 0:
        for d in canonicalize_dims(self.dim(), dim if len(dim) > 0 else list(range(self.dim()))):
            if self.size(d) == 0:
                raise RuntimeError("reducing over zero-size dimension for reduction operation without identity")
    return empty(reduction_shape(self.shape, dim, keepdim), dtype=self.dtype, device=self.device)


@rule("aten::linalg_vector_norm(Tensor self, Scalar ord=2, int[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor")
def vector_norm(self: Tensor, ord: Scalar = 2, dim: Optional[List[int]] = None, keepdim: bool = False,
                dtype: Optional[ScalarType] = None) -> Tensor:
    check(is_floating_dtype(self.dtype) or is_complex_dtype(self.dtype),
          "linalg.vector_norm: Expected a floating point or complex tensor as input. Got " + str(self.dtype))
    dt = complex_to_real(self.dtype if dtype is None else dtype)
    return empty(reduction_shape(self.shape, dim, keepdim), dtype=dt, device=self.device)


# torch._decomp.decompositions._softmax / _log_softmax: `x.contiguous()`
# first, so the result is contiguous whatever the input's layout.
@rule("aten::_softmax(Tensor self, int dim, bool half_to_float) -> Tensor")
def softmax_(self: Tensor, dim: int, half_to_float: bool) -> Tensor:
    canonicalize_dim(self.dim(), dim)
    dt = float32 if half_to_float and self.dtype == float16 else self.dtype
    return empty(self.shape, dtype=dt, device=self.device)


@rule("aten::_log_softmax(Tensor self, int dim, bool half_to_float) -> Tensor")
def log_softmax_(self: Tensor, dim: int, half_to_float: bool) -> Tensor:
    return softmax_(self, dim, half_to_float)


@rule("aten::softmax.int(Tensor self, int dim, ScalarType? dtype=None) -> Tensor")
@rule("aten::log_softmax.int(Tensor self, int dim, ScalarType? dtype=None) -> Tensor")
def softmax(self: Tensor, dim: int, dtype: Optional[ScalarType] = None) -> Tensor:
    return softmax_(self, dim, False) if dtype is None else to_dtype_copy(softmax_(self, dim, False), dtype)


def to_dtype_copy(t: Tensor, dtype) -> Tensor:
    return empty(t.shape, t.stride(), dtype=dtype, device=t.device)


@rule("aten::cumsum(Tensor self, int dim, *, ScalarType? dtype=None) -> Tensor")
def cumsum(self: Tensor, dim: int, dtype: Optional[ScalarType] = None) -> Tensor:
    canonicalize_dim(self.dim(), dim)
    return empty(self.shape, dtype=reduction_dtype(self.dtype, dtype, True), device=self.device)


@rule("aten::sort(Tensor self, int dim=-1, bool descending=False) -> (Tensor values, Tensor indices)")
def sort(self: Tensor, dim: int = -1, descending: bool = False):
    canonicalize_dim(self.dim(), dim)
    values = empty_like(self)
    indices = empty(values.shape, values.stride(), dtype=int64, device=self.device)
    return (values, indices)


@rule("aten::argsort(Tensor self, int dim=-1, bool descending=False) -> Tensor")
def argsort(self: Tensor, dim: int = -1, descending: bool = False) -> Tensor:
    values, indices = sort(self, dim, descending)
    return indices


@rule("aten::topk(Tensor self, SymInt k, int dim=-1, bool largest=True, bool sorted=True) -> (Tensor values, Tensor indices)")
def topk(self: Tensor, k: int, dim: int = -1, largest: bool = True, sorted: bool = True):
    d = canonicalize_dim(self.dim(), dim)
    n = self.size(d) if self.dim() > 0 else 1
    check(k >= 0 and k <= n, "selected index k out of range")
    shape = list(self.shape)
    if self.dim() > 0:
        shape[d] = k
    return (empty(shape, dtype=self.dtype, device=self.device), empty(shape, dtype=int64, device=self.device))
