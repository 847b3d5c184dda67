# views.py -- operators whose output aliases the input (view_of keeps the
# storage): view, reshape, permute, transpose, expand, slice, select, ...
from typing import List, Optional


@rule("aten::view(Tensor(a) self, SymInt[] size) -> Tensor(a)")
def view(self: Tensor, size: List[int]) -> Tensor:
    return reshape_view_helper(self, size, False)


@rule("aten::_unsafe_view(Tensor self, SymInt[] size) -> Tensor")
def unsafe_view(self: Tensor, size: List[int]) -> Tensor:
    shape = infer_size(size, self.numel())
    return empty(shape, dtype=self.dtype, device=self.device)


@rule("aten::reshape(Tensor(a) self, SymInt[] shape) -> Tensor(a)")
# at::native::reshape_symint: a view when computeStride finds one, else a
# contiguous copy.
def reshape(self: Tensor, shape: List[int]) -> Tensor:
    out = infer_size(shape, self.numel())
    if compute_view_strides(self.shape, self.stride(), out) is not None:
        return reshape_view_helper(self, out, False)
    return empty(out, dtype=self.dtype, device=self.device)


@rule("aten::view_as(Tensor(a) self, Tensor other) -> Tensor(a)")
@rule("aten::reshape_as(Tensor(a) self, Tensor other) -> Tensor(a)")
def view_as(self: Tensor, other: Tensor) -> Tensor:
    return reshape(self, other.shape)


@rule("aten::flatten.using_ints(Tensor(a) self, int start_dim=0, int end_dim=-1) -> Tensor(a)")
def flatten(self: Tensor, start_dim: int = 0, end_dim: int = -1) -> Tensor:
    n = self.dim()
    start = canonicalize_dim(n, start_dim)
    end = canonicalize_dim(n, end_dim)
    check(start <= end, "flatten() has invalid args: start_dim cannot come after end_dim")
    if n == 0:
        return reshape(self, [1])
    if start == end:
        return view_of(self, self.shape, self.stride())
    shape = self.shape[:start] + [prod(self.shape[start:end + 1])] + self.shape[end + 1:]
    return reshape(self, shape)


@rule("aten::unflatten.int(Tensor(a) self, int dim, SymInt[] sizes) -> Tensor(a)")
def unflatten(self: Tensor, dim: int, sizes: List[int]) -> Tensor:
    d = canonicalize_dim(self.dim(), dim)
    check(len(sizes) > 0, "unflatten: sizes must be non-empty")
    inner = infer_size(sizes, self.size(d))
    return view(self, self.shape[:d] + inner + self.shape[d + 1:])


@rule("aten::permute(Tensor(a) self, int[] dims) -> Tensor(a)")
def permute(self: Tensor, dims: List[int]) -> Tensor:
    n = self.dim()
    check(len(dims) == n, "permute(sparse_coo): number of dimensions in the tensor input does not match the "
          "length of the desired ordering of dimensions i.e. input.dim() = " + str(n) +
          " is not equal to len(dims) = " + str(len(dims)))
    ds = canonicalize_dims(n, dims)
    return view_of(self, [self.size(d) for d in ds], [self.stride(d) for d in ds])


@rule("aten::transpose.int(Tensor(a) self, int dim0, int dim1) -> Tensor(a)")
def transpose(self: Tensor, dim0: int, dim1: int) -> Tensor:
    n = self.dim()
    if n == 0:
        return view_of(self, [], [])
    a = canonicalize_dim(n, dim0)
    b = canonicalize_dim(n, dim1)
    sizes = list(self.shape)
    strides = list(self.stride())
    sizes[a] = self.size(b)
    sizes[b] = self.size(a)
    strides[a] = self.stride(b)
    strides[b] = self.stride(a)
    return view_of(self, sizes, strides)


@rule("aten::t(Tensor(a) self) -> Tensor(a)")
def t(self: Tensor) -> Tensor:
    check(self.dim() <= 2, "t() expects a tensor with <= 2 dimensions, but self is " + str(self.dim()) + "D")
    if self.dim() < 2:
        return view_of(self, self.shape, self.stride())
    return transpose(self, 0, 1)


@rule("aten::expand(Tensor(a) self, SymInt[] size, *, bool implicit=False) -> Tensor(a)")
def expand(self: Tensor, size: List[int], implicit: bool = False) -> Tensor:
    sizes, strides = infer_expand_geometry(self.shape, self.stride(), size)
    return view_of(self, sizes, strides)


@rule("aten::expand_as(Tensor(a) self, Tensor other) -> Tensor(a)")
def expand_as(self: Tensor, other: Tensor) -> Tensor:
    return expand(self, other.shape)


# torch._decomp.decompositions.slice_forward: bounds clamped into
# [0, size], compared size-obliviously (an unbacked bound is assumed to be
# inside the tensor rather than failing).
@rule("aten::slice.Tensor(Tensor(a) self, int dim=0, SymInt? start=None, SymInt? end=None, SymInt step=1) -> Tensor(a)")
def slice(self: Tensor, dim: int = 0, start: Optional[int] = None, end: Optional[int] = None, step: int = 1) -> Tensor:
    n = self.dim()
    if n == 0:
        raise RuntimeError("slice() cannot be applied to a 0-dim tensor.")
    d = canonicalize_dim(n, dim)
    if step <= 0:
        raise RuntimeError("slice step must be positive")
    size = self.size(d)
    s = 0 if start is None else start
    e = INT64_MAX if end is None else end
    if size_oblivious(s < 0):
        s = s + size
    if size_oblivious(e < 0):
        e = e + size
    if size_oblivious(s < 0):
        s = 0
    elif size_oblivious(s > size):
        s = size
    if size_oblivious(e < s):
        e = s
    elif statically_known_true(e == INT64_MAX) or size_oblivious(e > size):
        e = size
    sizes = list(self.shape)
    strides = list(self.stride())
    sizes[d] = (e - s + step - 1) // step
    strides[d] = self.stride(d) * step
    return view_of(self, sizes, strides, self.storage_offset() + s * self.stride(d))


# at::native::narrow_symint
@rule("aten::narrow(Tensor(a) self, int dim, SymInt start, SymInt length) -> Tensor(a)")
def narrow(self: Tensor, dim: int, start: int, length: int) -> Tensor:
    check(self.dim() > 0, "narrow() cannot be applied to a 0-dim tensor.")
    check(length >= 0, "narrow(): length must be non-negative.")
    d = canonicalize_dim(self.dim(), dim)
    size = self.size(d)
    check(sym_and(-size <= start, start <= size), "start out of range (expected to be in range of [" + str(-size) +
          ", " + str(size) + "], but got " + str(start) + ")")
    if size_oblivious(start < 0):
        start = start + size
    check(start <= size - length, "start (" + str(start) + ") + length (" + str(length) +
          ") exceeds dimension size (" + str(size) + ").")
    return slice(self, d, start, start + length, 1)


# torch/_meta_registrations.py meta_select: two size-oblivious bound tests
# (so only the one that is not statically known becomes a guard).
@rule("aten::select.int(Tensor(a) self, int dim, SymInt index) -> Tensor(a)")
def select(self: Tensor, dim: int, index: int) -> Tensor:
    n = self.dim()
    if n == 0:
        raise IndexError("select() cannot be applied to a 0-dim tensor.")
    d = canonicalize_dim(n, dim)
    size = self.size(d)
    if size_oblivious(-index > size) or size_oblivious(index >= size):
        raise IndexError("select(): index " + str(index) + " out of range for tensor of size torch.Size(" +
                         str(self.shape) + ") at dimension " + str(d))
    if index < 0:
        index = index + size
    sizes = self.shape[:d] + self.shape[d + 1:]
    strides = self.stride()[:d] + self.stride()[d + 1:]
    return view_of(self, sizes, strides, self.storage_offset() + index * self.stride(d))


@rule("aten::unsqueeze(Tensor(a) self, int dim) -> Tensor(a)")
def unsqueeze(self: Tensor, dim: int) -> Tensor:
    d = canonicalize_dim(self.dim() + 1, dim)
    stride = 1 if d >= self.dim() else self.size(d) * self.stride(d)
    sizes = list(self.shape)
    strides = list(self.stride())
    sizes.insert(d, 1)
    strides.insert(d, stride)
    return view_of(self, sizes, strides)


@rule("aten::squeeze.dims(Tensor(a) self, int[] dim) -> Tensor(a)")
def squeeze_dims(self: Tensor, dim: List[int]) -> Tensor:
    n = self.dim()
    if n == 0:
        return view_of(self, [], [])
    ds = canonicalize_dims(n, dim)
    sizes = []
    strides = []
    # torch._refs.squeeze: guard_size_oblivious(a.shape[d] == 1), so an
    # unbacked size is assumed not to be 1 (no data-dependent error).
    for i in range(n):
        if i in ds and size_oblivious(self.size(i) == 1):
            continue
        sizes.append(self.size(i))
        strides.append(self.stride(i))
    return view_of(self, sizes, strides)


@rule("aten::squeeze.dim(Tensor(a) self, int dim) -> Tensor(a)")
def squeeze_dim(self: Tensor, dim: int) -> Tensor:
    return squeeze_dims(self, [dim])


@rule("aten::squeeze(Tensor(a) self) -> Tensor(a)")
def squeeze(self: Tensor) -> Tensor:
    return squeeze_dims(self, list(range(self.dim())))


@rule("aten::alias(Tensor(a) self) -> Tensor(a)")
def alias(self: Tensor) -> Tensor:
    return view_of(self, self.shape, self.stride())


# Complex <-> real views: the last dim of size 2 holds (real, imag).
@rule("aten::view_as_real(Tensor(a) self) -> Tensor(a)")
def view_as_real(self: Tensor) -> Tensor:
    check(is_complex_dtype(self.dtype), "view_as_real is only supported for complex tensors")
    sizes = list(self.shape) + [2]
    strides = [s * 2 for s in self.stride()] + [1]
    return view_of(self, sizes, strides, self.storage_offset() * 2, dtype=complex_to_real(self.dtype))


@rule("aten::view_as_complex(Tensor(a) self) -> Tensor(a)")
def view_as_complex(self: Tensor) -> Tensor:
    check(self.dtype == float32 or self.dtype == float64 or self.dtype == float16,
          "view_as_complex is only supported for half, float and double tensors, but got a tensor of scalar type: " +
          str(self.dtype))
    check(self.dim() != 0, "Input tensor must have one or more dimensions")
    check(self.size(-1) == 2, "Tensor must have a last dimension of size 2")
    check(self.stride(-1) == 1, "Tensor must have a last dimension with stride 1")
    for i in range(self.dim() - 1):
        check(self.stride(i) % 2 == 0, "Tensor must have a stride divisible by 2 for all but last dimension")
    check(self.storage_offset() % 2 == 0, "Tensor must have a storage_offset divisible by 2")
    sizes = self.shape[:self.dim() - 1]
    strides = [s // 2 for s in self.stride()[:self.dim() - 1]]
    return view_of(self, sizes, strides, self.storage_offset() // 2, dtype=real_to_complex(self.dtype))


# aten::split.Tensor (TensorShape.cpp): the number of pieces is specialized
# (guard_int), the last piece takes the remainder.
@rule("aten::split.Tensor(Tensor(a -> *) self, SymInt split_size, int dim=0) -> Tensor(a)[]")
def split(self: Tensor, split_size: int, dim: int = 0) -> List[Tensor]:
    check(self.dim() != 0, "split expects at least a 1-dimensional tensor")
    check(split_size >= 0, "split expects split_size be non-negative, but got split_size=" + str(split_size))
    d = canonicalize_dim(self.dim(), dim)
    dim_size = self.size(d)
    check(split_size > 0 or dim_size == 0, "split_size can only be 0 if dimension size is 0, but got dimension size of " +
          str(dim_size))
    num_splits = 1
    if split_size != 0:
        num_splits = max(guard_int((dim_size + split_size - 1) // split_size), 1)
    last = split_size - (split_size * num_splits - dim_size)
    out = []
    for i in range(num_splits):
        length = split_size if i < num_splits - 1 else last
        out.append(narrow(self, d, i * split_size, length))
    return out


# torch._refs.split_with_sizes: every size checked non-negative, then the
# sum against the dim size, then plain views (no per-piece checks).
@rule("aten::split_with_sizes(Tensor(a -> *) self, SymInt[] split_sizes, int dim=0) -> Tensor(a)[]")
def split_with_sizes(self: Tensor, split_sizes: List[int], dim: int = 0) -> List[Tensor]:
    check(self.dim() != 0, "split expects at least a 1-dimensional tensor")
    d = canonicalize_dim(self.dim(), dim)
    dim_size = self.size(d)
    for length in split_sizes:
        check(length >= 0, "split_with_sizes expects split_sizes have only non-negative entries")
    total = sum(split_sizes)
    check(total == dim_size, "Split sizes add up to " + str(total) + " but got the tensor's size of " + str(dim_size))
    out = []
    offset = self.storage_offset()
    for length in split_sizes:
        sizes = list(self.shape)
        sizes[d] = length
        out.append(view_of(self, sizes, self.stride(), offset))
        offset = offset + length * self.stride(d)
    return out


@rule("aten::chunk(Tensor(a -> *) self, int chunks, int dim=0) -> Tensor(a)[]")
def chunk(self: Tensor, chunks: int, dim: int = 0) -> List[Tensor]:
    check(self.dim() > 0, "chunk expects at least a 1-dimensional tensor")
    check(chunks > 0, "chunk expects `chunks` to be greater than 0, got: " + str(chunks))
    d = canonicalize_dim(self.dim(), dim)
    split_size = (self.size(d) + chunks - 1) // chunks
    if split_size == 0 and self.size(d) == 0:
        return split_with_sizes(self, [split_size] * chunks, d)
    return split(self, split_size, d)


@rule("aten::unbind.int(Tensor(a -> *) self, int dim=0) -> Tensor(a)[]")
def unbind(self: Tensor, dim: int = 0) -> List[Tensor]:
    check(self.dim() > 0, "Dimension specified as 0 but tensor has no dimensions")
    d = canonicalize_dim(self.dim(), dim)
    return [select(self, d, i) for i in range(guard_int(self.size(d)))]


@rule("aten::contiguous(Tensor(a) self, *, MemoryFormat memory_format=0) -> Tensor(a)")
def contiguous(self: Tensor, memory_format: MemoryFormat = contiguous_format) -> Tensor:
    if memory_format == channels_last or memory_format == channels_last_3d:
        if is_channels_last(self):
            return view_of(self, self.shape, self.stride())
    elif is_contiguous(self):
        return view_of(self, self.shape, self.stride())
    return empty(self.shape, strides_for(self.shape, memory_format), dtype=self.dtype, device=self.device)


@rule("aten::to.dtype(Tensor(a) self, ScalarType dtype, bool non_blocking=False, bool copy=False, MemoryFormat? memory_format=None) -> Tensor(a)")
def to_dtype(self: Tensor, dtype: ScalarType, non_blocking: bool = False, copy: bool = False,
             memory_format: Optional[MemoryFormat] = None) -> Tensor:
    if dtype == self.dtype and not copy and (memory_format is None or memory_format == preserve_format):
        return view_of(self, self.shape, self.stride())
    return empty_like(self, dtype, memory_format)
