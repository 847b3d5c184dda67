# prelude.py -- helpers shared by the standard rules (docs/rules.md).
#
# Each helper follows the PyTorch 2.6 function named in its comment, with the
# same decisions in the same order: a comparison that PyTorch turns into a
# guard (`if a == b` on SymInts) is an `if` here, one that PyTorch asks
# size-obliviously is `size_oblivious(...)`, and `torch._check` is `check`.
from typing import List, Optional, Tuple


# c10::maybe_wrap_dim: a negative dim counts from the end; a 0-dim tensor
# accepts -1 and 0.
def canonicalize_dim(rank: int, dim: int, wrap_scalar: bool = True) -> int:
    if rank == 0:
        if not wrap_scalar:
            raise IndexError("Dimension specified as " + str(dim) + " but tensor has no dimensions")
        rank = 1
    if dim < -rank or dim >= rank:
        raise IndexError("Dimension out of range (expected to be in range of [" + str(-rank) + ", " +
                         str(rank - 1) + "], but got " + str(dim) + ")")
    if dim < 0:
        return dim + rank
    return dim


def canonicalize_dims(rank: int, dims: List[int]) -> List[int]:
    out = [canonicalize_dim(rank, d) for d in dims]
    for i in range(len(out)):
        if out[i] in out[i + 1:]:
            raise ValueError("dim " + str(out[i]) + " appears multiple times in the list of dims")
    return out


# torch._subclasses.fake_impls.infer_size: broadcasting two shapes.  The
# broadcast tests come first and are size-oblivious, so that an unbacked
# size-like dim is assumed not to be 1 and the equality is deferred as a
# runtime assert instead of failing.
def broadcast_shapes(a: List[int], b: List[int]) -> List[int]:
    ndim = max(len(a), len(b))
    out = [0] * ndim
    for i in range(ndim - 1, -1, -1):
        offset = ndim - 1 - i
        da = len(a) - 1 - offset
        db = len(b) - 1 - offset
        sa = a[da] if da >= 0 else 1
        sb = b[db] if db >= 0 else 1
        if not (size_oblivious(sa == 1) or size_oblivious(sb == 1)):
            check(sa == sb, "The size of tensor a (" + str(sa) + ") must match the size of tensor b (" +
                  str(sb) + ") at non-singleton dimension " + str(i))
        out[i] = sb if size_oblivious(sa == 1) else sa
    return out


def shape_of(x) -> List[int]:
    if is_tensor(x):
        return x.shape
    return []


# torch._prims_common.is_contiguous (size-oblivious).
def is_contiguous(t: Tensor) -> bool:
    if size_oblivious(t.numel() < 2):
        return True
    expected = 1
    for i in range(t.dim() - 1, -1, -1):
        if size_oblivious(t.size(i) == 1):
            continue
        if size_oblivious(t.stride(i) != expected):
            return False
        expected = expected * t.size(i)
    return True


# torch._prims_common.is_channels_last_contiguous_2d / _3d.
def is_channels_last(t: Tensor) -> bool:
    if t.dim() == 4:
        order = [1, 3, 2, 0]
    elif t.dim() == 5:
        order = [1, 4, 3, 2, 0]
    else:
        return False
    expected = 1
    for d in order:
        if size_oblivious(t.size(d) == 1):
            continue
        if size_oblivious(t.stride(d) != expected):
            return False
        expected = expected * t.size(d)
    return True


def channels_last_strides(sizes: List[int]) -> List[int]:
    # torch._prims_common.make_channels_last_strides_for: C fastest, then W, H, (D), N.
    n = len(sizes)
    check(n == 4 or n == 5, "channels_last needs a 4-d or 5-d shape")
    strides = [0] * n
    m = 1
    for d in [1] + list(range(n - 1, 1, -1)) + [0]:
        strides[d] = m
        m = m * sym_max(sizes[d], 1)
    return strides


def strides_for(sizes: List[int], memory_format) -> List[int]:
    if memory_format == channels_last or memory_format == channels_last_3d:
        return channels_last_strides(sizes)
    return contiguous_strides(sizes)


# torch._prims_common.are_strides_like_channels_last (plain comparisons:
# these are guards in PyTorch too).
def are_strides_like_channels_last(shape: List[int], strides: List[int]) -> bool:
    n = len(shape)
    if n == 4:
        order = [1, 3, 2, 0]
    elif n == 5:
        order = [1, 4, 3, 2, 0]
    else:
        return False
    if strides[1] == 0:
        return False
    lo = 0
    for d in order:
        if shape[d] == 0:
            return False
        if strides[d] < lo:
            return False
        if d == 0 and lo == strides[1]:
            return False
        lo = strides[d]
        if strides[d] > 1:
            lo = lo * shape[d]
    return True


# torch._prims_common.suggest_memory_format
def suggest_memory_format(t: Tensor):
    if are_strides_like_channels_last(t.shape, t.stride()):
        return channels_last if t.dim() == 4 else channels_last_3d
    return contiguous_format


# torch._prims_common.is_non_overlapping_and_dense: dims sorted by stride,
# each stride the product of the sizes inside it (size-1 dims ignored).
def is_non_overlapping_and_dense(t: Tensor) -> bool:
    if t.dim() == 0:
        return True
    if t.dim() == 1:
        return size_oblivious(t.size(0) < 2) or t.stride(0) == 1
    if is_contiguous(t):
        return True
    dims = [d for d in range(t.dim()) if not size_oblivious(t.size(d) == 1)]
    # insertion sort by stride (stable)
    order = []
    for d in dims:
        k = len(order)
        while k > 0 and size_oblivious(t.stride(order[k - 1]) > t.stride(d)):
            k -= 1
        order.insert(k, d)
    expected = 1
    for d in order:
        if size_oblivious(t.stride(d) != expected):
            return False
        expected = expected * t.size(d)
    return True


# torch._prims_common.compute_elementwise_output_logical_to_physical_perm
def elementwise_perm(tensors: List[Tensor]) -> List[int]:
    if len(tensors) == 0:
        return []
    ndim = tensors[0].dim()
    if ndim == 0:
        return []
    if ndim == 1:
        return [0]
    contiguous = True
    cl = True
    for t in tensors:
        contiguous = contiguous and is_contiguous(t)
        cl = cl and is_channels_last(t)
    if contiguous and not cl:
        return list(range(ndim))
    if cl and not contiguous:
        return [0] + list(range(2, ndim)) + [1]
    shape = tensors[0].shape
    perm = list(reversed(range(ndim)))
    for i in range(1, ndim):
        dim1 = i
        for dim0 in reversed(range(i)):
            c = elementwise_should_swap(tensors, shape, perm[dim0], perm[dim1])
            if c > 0:
                tmp = perm[dim0]
                perm[dim0] = perm[dim1]
                perm[dim1] = tmp
                dim1 = dim0
            elif c < 0:
                break
    return list(reversed(perm))


def elementwise_should_swap(tensors: List[Tensor], shape: List[int], a: int, b: int) -> int:
    for t in tensors:
        sa = t.stride(a)
        sb = t.stride(b)
        if size_oblivious(sa == 0) or size_oblivious(sb == 0):
            continue
        if size_oblivious(sa < sb):
            return -1
        if size_oblivious(sa > sb):
            return 1
        if size_oblivious(shape[a] > shape[b]):
            return 1
    return 0


# torch._prims_common.compute_elementwise_output_strides: contiguous strides
# in the physical order the inputs agree on.  `tensors` have the output shape
# (already broadcast); 0-dim tensors are left out by the caller.
def elementwise_strides(shape: List[int], tensors: List[Tensor]) -> List[int]:
    n = len(shape)
    if n == 0:
        return []
    if n == 1:
        return [1]
    perm = elementwise_perm(tensors)
    physical = [shape[p] for p in perm]
    phys_strides = contiguous_strides(physical)
    out = [0] * n
    for i in range(n):
        out[perm[i]] = phys_strides[i]
    return out


# An expanded view of `t` with shape `shape` (broadcast dims get stride 0),
# for stride computations only.
def broadcast_view(t: Tensor, shape: List[int]) -> Tensor:
    if t.shape == shape:
        return t
    return expand_geometry_view(t, shape)


def expand_geometry_view(t: Tensor, shape: List[int]) -> Tensor:
    sizes, strides = infer_expand_geometry(t.shape, t.stride(), shape)
    return view_of(t, sizes, strides)


# at::inferExpandGeometry
def infer_expand_geometry(tsizes: List[int], tstrides: List[int], sizes: List[int]):
    ndim = len(sizes)
    tdim = len(tsizes)
    if tdim == 0:
        for i in range(ndim):
            t = sizes[i]
            check(not (is_constant(t) and t == -1), "The expanded size of the tensor (-1) isn't allowed in a "
                  "leading, non-existing dimension " + str(i))
            check(t >= 0, "The expanded size of the tensor (" + str(t) + ") must be non-negative")
        return list(sizes), [0] * ndim
    check(ndim >= tdim, "expand: the number of sizes provided (" + str(ndim) +
          ") must be greater or equal to the number of dimensions in the tensor (" + str(tdim) + ")")
    out_sizes = [0] * ndim
    out_strides = [0] * ndim
    for i in range(ndim - 1, -1, -1):
        offset = ndim - 1 - i
        dim = tdim - 1 - offset
        size = tsizes[dim] if dim >= 0 else 1
        stride = tstrides[dim] if dim >= 0 else out_sizes[i + 1] * out_strides[i + 1]
        target = sizes[i]
        if is_constant(target) and target == -1:
            check(dim >= 0, "The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension " + str(i))
            target = size
        if size != target:
            check(size == 1, "The expanded size of the tensor (" + str(target) +
                  ") must match the existing size (" + str(size) + ") at non-singleton dimension " + str(i) +
                  ".  Target sizes: " + str(sizes) + ".  Tensor sizes: " + str(tsizes))
            size = target
            stride = 0
        out_sizes[i] = size
        out_strides[i] = stride
    return out_sizes, out_strides


# torch._prims_common.elementwise_dtypes for the promotion kinds of
# ELEMENTWISE_TYPE_PROMOTION_KIND: "default", "int_to_float", "always_bool",
# "complex_to_float", "no_opmath" (= default).
def elementwise_dtype(kind: str, args) -> ScalarType:
    dt = result_type(args)
    if kind == "always_bool":
        return bool_
    if kind == "int_to_float" and is_integral_dtype(dt, True):
        return float32
    if kind == "complex_to_float" and is_complex_dtype(dt):
        return complex_to_real(dt)
    return dt


# A pointwise op over tensors and scalars, as FakeTensor's fast binary path
# and the prims' elementwise meta compute it: broadcast shape, promoted
# dtype, contiguous / channels-last when every input is, else strides in the
# inputs' common physical order.
def pointwise(args, kind: str = "default", dtype=None) -> Tensor:
    shape = []
    tensors = []
    for a in args:
        if is_tensor(a):
            shape = broadcast_shapes(shape, a.shape)
            tensors.append(a)
    out_dtype = elementwise_dtype(kind, args) if dtype is None else dtype
    device = tensors[0].device if len(tensors) > 0 else "cpu"
    same = False
    for t in tensors:
        if len(t.shape) == len(shape) and t.shape == shape:
            same = True
    if same:
        contiguous = True
        cl = True
        for t in tensors:
            contiguous = contiguous and is_contiguous(t)
            cl = cl and is_channels_last(t)
        if contiguous:
            return empty(shape, dtype=out_dtype, device=device)
        if cl:
            return empty(shape, channels_last_strides(shape), dtype=out_dtype, device=device)
    # The slow path: the references broadcast every operand (0-dim ones are
    # CPU scalars and do not vote), then take the elementwise strides.
    voters = [broadcast_view(t, shape) for t in tensors if t.dim() > 0 or len(shape) == 0]
    return empty(shape, elementwise_strides(shape, voters), dtype=out_dtype, device=device)


# at::empty_like with memory_format=preserve_format: a non-overlapping dense
# input keeps its strides; otherwise the suggested format's strides.
def empty_like(t: Tensor, dtype=None, memory_format=None) -> Tensor:
    dt = t.dtype if dtype is None else dtype
    if memory_format is None or memory_format == preserve_format:
        if is_non_overlapping_and_dense(t):
            return empty(t.shape, t.stride(), dtype=dt, device=t.device)
        return empty(t.shape, strides_for(t.shape, suggest_memory_format(t)), dtype=dt, device=t.device)
    return empty(t.shape, strides_for(t.shape, memory_format), dtype=dt, device=t.device)


# torch._prims_common.infer_size: a view/reshape shape with at most one -1.
def infer_size(shape: List[int], numel: int) -> List[int]:
    dim = None
    newsize = 1
    for i in range(len(shape)):
        d = shape[i]
        if d == -1:
            check(dim is None, "only one dimension can be inferred")
            dim = i
        elif d >= 0:
            newsize = newsize * d
        else:
            check(False, "invalid shape dimension " + str(d))
    if dim is None:
        check(numel == newsize, "shape '" + str(shape) + "' is invalid for input of size " + str(numel))
        return list(shape)
    check(newsize != 0, "shape '" + str(shape) + "' is invalid for input of size " + str(numel))
    check(numel % newsize == 0, "shape '" + str(shape) + "' is invalid for input of size " + str(numel))
    out = list(shape)
    out[dim] = numel // newsize
    check_is_size(out[dim])
    return out


# torch._refs._reshape_view_helper: builds the view greedily, left to
# right, splitting (prims.split_dim) and collapsing (prims.collapse_view)
# dims.  Its sizes are PyTorch's exact expressions (`s1//((s1//2))` where
# a simpler form would do), which later shapes inherit.  Returns None when
# no view exists and `allow_copy` is false.
def reshape_view_helper(a: Tensor, shape: List[int], allow_copy: bool):
    shape = infer_size(shape, a.numel())
    if a.shape == shape:
        return view_of(a, a.shape, a.stride())
    if size_oblivious(a.numel() == 0):
        return view_of(a, shape, contiguous_strides(shape))
    if a.dim() == 0:
        for length in shape:
            check(length == 1, "reshape: a 0-dim tensor can only become sizes of 1")
        return view_of(a, shape, [1] * len(shape))
    if len(shape) == 0:
        for length in a.shape:
            check(length == 1, "reshape: only a tensor of sizes 1 can become 0-dim")
        return view_of(a, [], [])
    if is_contiguous(a):
        if len(shape) == 1 and a.dim() > 1:
            return view_of(a, [a.numel()], [1])
        if len(shape) == 2 and a.dim() == 1:
            return view_of(a, [shape[0], shape[1]], [shape[1], 1])
    sizes = list(a.shape)
    strides = list(a.stride())
    idx = 0
    for length in shape:
        if idx >= len(sizes):
            check(length == 1, "reshape: tail dims must be 1")
            last = len(sizes) - 1
            sizes, strides = split_dim(sizes, strides, last, sizes[last])
            idx = idx + 1
            continue
        if size_oblivious(length == sizes[idx]):
            idx = idx + 1
            continue
        accum = sizes[idx]
        end = idx
        while size_oblivious(accum % length != 0):
            end = end + 1
            accum = accum * sizes[end]
        if end != idx:
            new_sizes, new_strides = collapse_view(sizes, strides, idx, end)
            if new_sizes is None:
                if allow_copy:
                    return None
                raise RuntimeError("view size is not compatible with input tensor's size and stride (at least one "
                                   "dimension spans across two contiguous subspaces). Use .reshape(...) instead.")
            sizes = new_sizes
            strides = new_strides
        if size_oblivious(accum != length):
            sizes, strides = split_dim(sizes, strides, idx, length)
        idx = idx + 1
    while idx < len(sizes):
        check(sizes[idx] == 1, "a.size(" + str(idx) + ") expected to be 1 but got " + str(sizes[idx]))
        sizes = sizes[:idx] + sizes[idx + 1:]
        strides = strides[:idx] + strides[idx + 1:]
    return view_of(a, sizes, strides)


# torch._prims.split_dim
def split_dim(sizes: List[int], strides: List[int], dim: int, outer: int):
    inner = sizes[dim] // outer
    return (sizes[:dim] + [outer, inner] + sizes[dim + 1:],
            strides[:dim] + [strides[dim] * inner, strides[dim]] + strides[dim + 1:])


# torch._prims._collapse_view_helper
def collapse_view(sizes: List[int], strides: List[int], start: int, end: int):
    length = sizes[end]
    stride = strides[end]
    numel = prod(sizes)
    for idx in range(end - 1, start - 1, -1):
        if size_oblivious(sizes[idx] == 0) or size_oblivious(sizes[idx + 1] == 0):
            length = 0
            stride = 0
            break
        if size_oblivious(sizes[idx] == 1):
            continue
        length = length * sizes[idx]
        if not size_oblivious(stride < strides[idx]):
            stride = strides[idx]
        if (size_oblivious(numel > 0) and size_oblivious(sizes[idx + 1] != 1) and
                not size_oblivious(strides[idx] == strides[idx + 1] * sizes[idx + 1])):
            return None, None
    new_sizes = sizes[:start] + [length] + sizes[end + 1:]
    new_strides = strides[:start] + [stride] + strides[end + 1:]
    if size_oblivious(numel == 0):
        new_strides = contiguous_strides(new_sizes)
    return new_sizes, new_strides


# at::detail::computeStride: strides of a view of (sizes, strides) with
# `shape`, or None when no view exists (reshape then copies).
def compute_view_strides(sizes: List[int], strides: List[int], shape: List[int]):
    if len(sizes) == 0:
        return [1] * len(shape)
    numel = prod(sizes)
    if size_oblivious(numel == 0):
        if sizes == shape:
            return list(strides)
        return contiguous_strides(shape)
    out = [0] * len(shape)
    view_d = len(shape) - 1
    chunk_base_stride = strides[len(strides) - 1]
    tensor_numel = 1
    view_numel = 1
    for tensor_d in range(len(sizes) - 1, -1, -1):
        tensor_numel = tensor_numel * sizes[tensor_d]
        if tensor_d == 0 or (size_oblivious(sizes[tensor_d - 1] != 1) and
                             size_oblivious(strides[tensor_d - 1] != tensor_numel * chunk_base_stride)):
            while view_d >= 0 and (size_oblivious(view_numel < tensor_numel) or size_oblivious(shape[view_d] == 1)):
                out[view_d] = view_numel * chunk_base_stride
                view_numel = view_numel * shape[view_d]
                view_d -= 1
            if view_numel != tensor_numel:
                return None
            if tensor_d > 0:
                chunk_base_stride = strides[tensor_d - 1]
                tensor_numel = 1
                view_numel = 1
    if view_d != -1:
        return None
    return out


# c10/torch pooling_output_shape (with div_rtn, whose `r != 0` is the guard
# `Eq(Mod(...), 0)` PyTorch records).
def div_rtn(x: int, y: int) -> int:
    q = x // y
    r = x % y
    if r != 0 and ((r < 0) != (y < 0)):
        q = q - 1
    return q


def pooling_output_shape(size: int, kernel: int, pad: int, stride: int, dilation: int, ceil_mode: bool) -> int:
    check(stride != 0, "stride should not be zero")
    check(pad >= 0, "pad must be non-negative, but got pad: " + str(pad))
    check(pad <= ((kernel - 1) * dilation + 1) // 2,
          "pad should be at most half of effective kernel size, but got pad=" + str(pad) + ", kernel_size=" +
          str(kernel) + " and dilation=" + str(dilation))
    out = div_rtn(size + 2 * pad - dilation * (kernel - 1) - 1 + ((stride - 1) if ceil_mode else 0), stride) + 1
    if ceil_mode:
        if (out - 1) * stride >= size + pad:
            out = out - 1
    return out


# A convolution's output size per spatial dim (torch/_meta_registrations.py
# _formula).
def conv_output_size(size: int, kernel: int, pad: int, stride: int, dilation: int) -> int:
    return (size + 2 * pad - dilation * (kernel - 1) - 1) // stride + 1


def conv_transpose_output_size(size: int, kernel: int, pad: int, stride: int, dilation: int, output_padding: int) -> int:
    return (size - 1) * stride - 2 * pad + dilation * (kernel - 1) + output_padding + 1


# A list argument of a pooling/conv op: one value for every spatial dim.
def expand_param(values: List[int], n: int, name: str) -> List[int]:
    if len(values) == 1:
        return [values[0]] * n
    check(len(values) == n, name + " must be a single int or a tuple of " + str(n) + " ints")
    return list(values)


# A reduction's output shape: reduced dims dropped (or kept as 1).
def reduction_shape(shape: List[int], dims, keepdim: bool) -> List[int]:
    n = len(shape)
    if dims is None or len(dims) == 0:
        dims = list(range(n))
    ds = canonicalize_dims(n, dims)
    out = []
    for i in range(n):
        if i in ds:
            if keepdim:
                out.append(1)
        else:
            out.append(shape[i])
    return out


def view_copy_shape(t: Tensor) -> List[int]:
    return list(t.shape)
