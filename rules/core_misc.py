# core_misc.py -- Core ATen views, copies, scatters, random factories and
# reductions (any, argmax, max.dim, prod, var) without a rule elsewhere.
from typing import List, Optional


# ---- views ------------------------------------------------------------

# at::native::as_strided_tensorimpl (setStrided): sizes and strides of the
# same length and a non-negative storage offset.  The storage bounds are
# not checked (symshape does not track storage sizes).
@rule("aten::as_strided(Tensor(a) self, SymInt[] size, SymInt[] stride, SymInt? storage_offset=None) -> Tensor(a)")
def core_as_strided(self: Tensor, size: List[int], stride: List[int], storage_offset: Optional[int] = None) -> Tensor:
    check(len(size) == len(stride), "dimensionality of sizes (" + str(len(size)) +
          ") must match dimensionality of strides (" + str(len(stride)) + ")")
    for s in size:
        check(s >= 0, "Trying to create tensor with negative dimension " + str(s) + ": " + str(size))
    offset = self.storage_offset() if storage_offset is None else storage_offset
    check(offset >= 0, "Tensor: invalid storage offset " + str(offset))
    return view_of(self, list(size), list(stride), offset)


# at::native::diagonal: std::min / std::max on SymInts decide with guards
# (std::min(a, b) asks b < a; std::max(a, b) asks a < b).
@rule("aten::diagonal(Tensor(a) self, int offset=0, int dim1=0, int dim2=1) -> Tensor(a)")
def core_diagonal(self: Tensor, offset: int = 0, dim1: int = 0, dim2: int = 1) -> Tensor:
    n = self.dim()
    d1 = canonicalize_dim(n, dim1)
    d2 = canonicalize_dim(n, dim2)
    check(d1 != d2, "diagonal dimensions cannot be identical " + str(dim1) + ", " + str(dim2))
    if offset >= 0:
        a = self.size(d1)
        b = self.size(d2) - offset
    else:
        a = self.size(d1) + offset
        b = self.size(d2)
    m = b if b < a else a
    diag_size = 0 if m < 0 else m
    storage_offset = self.storage_offset()
    if diag_size == 0:
        pass
    elif offset >= 0:
        storage_offset = storage_offset + offset * self.stride(d2)
    else:
        storage_offset = storage_offset - offset * self.stride(d1)
    sizes = []
    strides = []
    for i in range(n):
        if i != d1 and i != d2:
            sizes.append(self.size(i))
            strides.append(self.stride(i))
    sizes.append(diag_size)
    strides.append(self.stride(d1) + self.stride(d2))
    return view_of(self, sizes, strides, storage_offset)


# ---- copies -------------------------------------------------------------

# at::native::copy (FakeTensor runs it): a fresh tensor with self's sizes,
# strides and storage offset (clone_preserve_strides), after checking that
# src expands to self's shape.
@rule("aten::copy(Tensor self, Tensor src, bool non_blocking=False) -> Tensor")
def core_copy(self: Tensor, src: Tensor, non_blocking: bool = False) -> Tensor:
    core_expand_check(src.shape, self.shape)
    out = empty(self.shape, self.stride(), dtype=self.dtype, device=self.device)
    if statically_known_true(self.storage_offset() == 0):
        return out
    return view_of(out, self.shape, self.stride(), self.storage_offset())


# at::inferExpandGeometry's checks, with its message.
def core_expand_check(tsizes: List[int], sizes: List[int]):
    ndim = len(sizes)
    tdim = len(tsizes)
    check(ndim >= tdim, "expand: the number of sizes provided (" + str(ndim) +
          ") must be greater or equal to the number of dimensions in the tensor (" + str(tdim) + ")")
    for i in range(ndim - 1, -1, -1):
        dim = tdim - 1 - (ndim - 1 - i)
        if dim < 0:
            continue
        size = tsizes[dim]
        if size != sizes[i]:
            check(size == 1, "expand: attempting to expand a dimension of length " + str(size) + "!")


# torch/_meta_registrations.py meta_fill: empty_like.
@rule("aten::fill.Scalar(Tensor self, Scalar value) -> Tensor")
def core_fill_scalar(self: Tensor, value: Scalar) -> Tensor:
    return empty_like(self)


# torch._refs.flip (prims.rev): empty_like after checking the dims.
@rule("aten::flip(Tensor self, int[] dims) -> Tensor")
def core_flip(self: Tensor, dims: List[int]) -> Tensor:
    ds = [canonicalize_dim(self.dim(), d) for d in dims]
    for i in range(len(ds)):
        check(ds[i] not in ds[i + 1:], "duplicate value in the list of dims")
    return empty_like(self)


# torch/_meta_registrations.py meta_select_scatter / meta_slice_scatter:
# clone_preserve_strides(self).
@rule("aten::select_scatter(Tensor self, Tensor src, int dim, SymInt index) -> Tensor")
def core_select_scatter(self: Tensor, src: Tensor, dim: int, index: int) -> Tensor:
    return core_clone_preserve_strides(self)


@rule("aten::slice_scatter(Tensor self, Tensor src, int dim=0, SymInt? start=None, SymInt? end=None, SymInt step=1) -> Tensor")
def core_slice_scatter(self: Tensor, src: Tensor, dim: int = 0, start: Optional[int] = None, end: Optional[int] = None,
                       step: int = 1) -> Tensor:
    return core_clone_preserve_strides(self)


def core_clone_preserve_strides(t: Tensor) -> Tensor:
    out = empty(t.shape, t.stride(), dtype=t.dtype, device=t.device)
    if statically_known_true(t.storage_offset() == 0):
        return out
    return view_of(out, t.shape, t.stride(), t.storage_offset())


# torch/_meta_registrations.py meta_masked_scatter: self and mask
# broadcast, a contiguous output.
@rule("aten::masked_scatter(Tensor self, Tensor mask, Tensor source) -> Tensor")
def core_masked_scatter(self: Tensor, mask: Tensor, source: Tensor) -> Tensor:
    shape = core_refs_broadcast([self, mask])
    check(mask.dtype == bool_ or mask.dtype == uint8, "Mask must be bool or uint8")
    check(self.dtype == source.dtype, "masked_scatter: expected self and source to have same dtypes but got torch." +
          str(self.dtype) + " and torch." + str(source.dtype))
    return empty(shape, dtype=self.dtype, device=self.device)


# torch/_meta_registrations.py meta_scatter_reduce_two (scatter_meta_impl,
# then a contiguous self.new_empty).
@rule("aten::scatter_reduce.two(Tensor self, int dim, Tensor index, Tensor src, str reduce, *, bool include_self=True) -> Tensor")
def core_scatter_reduce(self: Tensor, dim: int, index: Tensor, src: Tensor, reduce: str,
                        include_self: bool = True) -> Tensor:
    canonicalize_dim(self.dim(), dim)
    check(index.dtype == int64, "scatter(): Expected dtype int64 for index")
    check(src.dtype == self.dtype, "scatter(): Expected self.dtype to be equal to src.dtype")
    check(index.dim() == self.dim() or index.numel() == 0 or self.dim() == 0,
          "Index tensor must have the same number of dimensions as self tensor")
    check(reduce == "sum" or reduce == "prod" or reduce == "mean" or reduce == "amax" or reduce == "amin",
          "reduce argument must be either sum, prod, mean, amax or amin.")
    return empty(self.shape, dtype=self.dtype, device=self.device)


# ---- factories ------------------------------------------------------------

@rule("aten::empty_strided(SymInt[] size, SymInt[] stride, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor")
def core_empty_strided(size: List[int], stride: List[int], dtype: Optional[ScalarType] = None, layout=None, device=None,
                       pin_memory: Optional[bool] = None) -> Tensor:
    check(len(size) == len(stride), "mismatch in length of strides and shape")
    for s in size:
        check(s >= 0, "Trying to create tensor with negative dimension " + str(s) + ": " + str(size))
    return empty(list(size), list(stride), dtype=float32 if dtype is None else dtype,
                 device="cpu" if device is None else device)


# Random factories: shapes and dtypes only.
@rule("aten::rand(SymInt[] size, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor")
@rule("aten::randn(SymInt[] size, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor")
def core_rand(size: List[int], dtype: Optional[ScalarType] = None, layout=None, device=None,
              pin_memory: Optional[bool] = None) -> Tensor:
    for s in size:
        check(s >= 0, "Trying to create tensor with negative dimension " + str(s) + ": " + str(size))
    return empty(list(size), dtype=float32 if dtype is None else dtype, device="cpu" if device is None else device)


@rule("aten::randperm(SymInt n, *, ScalarType? dtype=4, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor")
def core_randperm(n: int, dtype: Optional[ScalarType] = int64, layout=None, device=None,
                  pin_memory: Optional[bool] = None) -> Tensor:
    check(n >= 0, "n must be non-negative, got" + str(n))
    return empty([n], dtype=int64 if dtype is None else dtype, device="cpu" if device is None else device)


# ---- reductions ---------------------------------------------------------

# torch._refs.any: bool output (uint8 stays uint8); an empty dim list keeps
# every dim.
def core_any_dtype(t: Tensor):
    return uint8 if t.dtype == uint8 else bool_


@rule("aten::any(Tensor self) -> Tensor")
def core_any(self: Tensor) -> Tensor:
    return empty([], dtype=core_any_dtype(self), device=self.device)


@rule("aten::any.dim(Tensor self, int dim, bool keepdim=False) -> Tensor")
def core_any_dim(self: Tensor, dim: int, keepdim: bool = False) -> Tensor:
    return empty(reduction_shape(self.shape, [dim], keepdim), dtype=core_any_dtype(self), device=self.device)


@rule("aten::any.dims(Tensor self, int[]? dim=None, bool keepdim=False) -> Tensor")
def core_any_dims(self: Tensor, dim: Optional[List[int]] = None, keepdim: bool = False) -> Tensor:
    if dim is not None and len(dim) == 0:
        return empty_like(self, dtype=core_any_dtype(self))
    return empty(reduction_shape(self.shape, dim, keepdim), dtype=core_any_dtype(self), device=self.device)


# torch/_meta_registrations.py zero_numel_check_dims
def core_zero_numel_check(self: Tensor, dim: int, name: str):
    if self.dim() == 0:
        check(dim == 0 or dim == -1, name + ": Expected reduction dim -1 or 0 for scalar but got " + str(dim))
    else:
        check(self.size(dim) != 0, name + ": Expected reduction dim " + str(dim) + " to have non-zero size.")


# torch/_meta_registrations.py argmax_argmin_meta (both say "argmax").
@rule("aten::argmax(Tensor self, int? dim=None, bool keepdim=False) -> Tensor")
@rule("aten::argmin(Tensor self, int? dim=None, bool keepdim=False) -> Tensor")
def core_argmax(self: Tensor, dim: Optional[int] = None, keepdim: bool = False) -> Tensor:
    if dim is not None:
        d = canonicalize_dim(self.dim(), dim)
        core_zero_numel_check(self, d, "argmax")
        shape = reduction_shape(self.shape, [d], keepdim)
    else:
        check(self.numel() != 0, "argmax: Expected reduction dim to be specified for input.numel() == 0.")
        shape = reduction_shape(self.shape, None, keepdim)
    return empty(shape, dtype=int64, device=self.device)


# torch/_meta_registrations.py meta_max_dim / meta_min_dim.
@rule("aten::max.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)")
@rule("aten::min.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)")
def core_max_dim(self: Tensor, dim: int, keepdim: bool = False):
    shape = reduction_shape(self.shape, [dim], keepdim)
    return (empty(shape, dtype=self.dtype, device=self.device), empty(shape, dtype=int64, device=self.device))


# torch._refs.prod: integral (and bool) inputs accumulate in int64.
@rule("aten::prod(Tensor self, *, ScalarType? dtype=None) -> Tensor")
def core_prod(self: Tensor, dtype: Optional[ScalarType] = None) -> Tensor:
    return empty([], dtype=reduction_dtype(self.dtype, dtype, True), device=self.device)


@rule("aten::prod.dim_int(Tensor self, int dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor")
def core_prod_dim(self: Tensor, dim: int, keepdim: bool = False, dtype: Optional[ScalarType] = None) -> Tensor:
    return empty(reduction_shape(self.shape, [dim], keepdim), dtype=reduction_dtype(self.dtype, dtype, True),
                 device=self.device)


# torch._refs.var: complex inputs give their real dtype; None or [] reduces
# every dim.
@rule("aten::var.dim(Tensor self, int[1]? dim, bool unbiased=True, bool keepdim=False) -> Tensor")
def core_var_dim(self: Tensor, dim: Optional[List[int]], unbiased: bool = True, keepdim: bool = False) -> Tensor:
    return empty(reduction_shape(self.shape, dim, keepdim), dtype=complex_to_real(self.dtype), device=self.device)


@rule("aten::var.correction(Tensor self, int[1]? dim=None, *, Scalar? correction=None, bool keepdim=False) -> Tensor")
def core_var_correction(self: Tensor, dim: Optional[List[int]] = None, correction: Optional[Scalar] = None,
                        keepdim: bool = False) -> Tensor:
    return core_var_dim(self, dim, True, keepdim)
