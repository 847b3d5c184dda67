# shape_ops.py -- operators that build a new tensor from pieces or indices:
# cat, stack, repeat, padding, triangular masks, gather/scatter, index ops.
from typing import List, Optional


# torch/_meta_registrations.py meta_cat: legacy 1-D empty tensors ([0]) are
# skipped; the output is contiguous unless every input is channels-last.
@rule("aten::cat(Tensor[] tensors, int dim=0) -> Tensor")
def cat(tensors: List[Tensor], dim: int = 0) -> Tensor:
    check(len(tensors) > 0, "torch.cat(): expected a non-empty list of Tensors")
    kept = [t for t in tensors if not (t.dim() == 1 and size_oblivious(t.size(0) == 0))]
    dt = tensors[0].dtype
    for t in tensors:
        dt = promote_types(dt, t.dtype)
    if len(kept) == 0:
        return empty([0], dtype=dt, device=tensors[0].device)
    ref = kept[0]
    n = ref.dim()
    d = canonicalize_dim(n, dim)
    total = 0
    for i in range(len(kept)):
        t = kept[i]
        check(t.dim() == n, "Tensors must have same number of dimensions: got " + str(n) + " and " + str(t.dim()))
        for j in range(n):
            if j != d:
                check(t.size(j) == ref.size(j), "Sizes of tensors must match except in dimension " + str(d) +
                      ". Expected size " + str(ref.size(j)) + " but got size " + str(t.size(j)) + " for tensor number " +
                      str(i) + " in the list.")
        total = total + t.size(d)
    shape = list(ref.shape)
    shape[d] = total
    fmt = contiguous_format
    if n == 4 and all([is_channels_last(t) and not is_contiguous(t) for t in kept]):
        fmt = channels_last
    return empty(shape, strides_for(shape, fmt), dtype=dt, device=ref.device)


@rule("aten::stack(Tensor[] tensors, int dim=0) -> Tensor")
def stack(tensors: List[Tensor], dim: int = 0) -> Tensor:
    check(len(tensors) > 0, "stack expects a non-empty TensorList")
    d = canonicalize_dim(tensors[0].dim() + 1, dim)
    for i in range(1, len(tensors)):
        check(tensors[i].shape == tensors[0].shape, "stack expects each tensor to be equal size, but got " +
              str(tensors[0].shape) + " at entry 0 and " + str(tensors[i].shape) + " at entry " + str(i))
    return cat([unsqueeze(t, d) for t in tensors], d)


@rule("aten::repeat(Tensor self, SymInt[] repeats) -> Tensor")
def repeat(self: Tensor, repeats: List[int]) -> Tensor:
    check(len(repeats) >= self.dim(), "Number of dimensions of repeat dims can not be smaller than number of "
          "dimensions of tensor")
    pad = len(repeats) - self.dim()
    padded = [1] * pad + list(self.shape)
    shape = [padded[i] * repeats[i] for i in range(len(repeats))]
    return empty(shape, dtype=self.dtype, device=self.device)


@rule("aten::constant_pad_nd(Tensor self, SymInt[] pad, Scalar value=0) -> Tensor")
def constant_pad_nd(self: Tensor, pad: List[int], value: Scalar = 0) -> Tensor:
    check(len(pad) % 2 == 0, "Length of pad must be even but instead it equals " + str(len(pad)))
    n = self.dim()
    k = len(pad) // 2
    check(k <= n, "Length of pad should be no more than twice the number of dimensions of the input. Pad length is " +
          str(len(pad)) + " while the input has " + str(n) + " dimensions.")
    shape = list(self.shape)
    for i in range(k):
        d = n - 1 - i
        new = self.size(d) + pad[2 * i] + pad[2 * i + 1]
        check(new >= 0, "The input size " + str(self.size(d)) + ", plus negative padding " + str(pad[2 * i]) +
              " and " + str(pad[2 * i + 1]) + " resulted in a negative output size, which is invalid. Check dimension " +
              str(d) + " of your input.")
        shape[d] = new
    return empty(shape, strides_for(shape, suggest_memory_format(self)), dtype=self.dtype, device=self.device)


# aten::pad (torch/nn/functional's _pad): constant mode is constant_pad_nd;
# reflect, replicate and circular pad the last dims by the same amounts
# (reflect needs each pad smaller than the dim).
@rule("aten::pad(Tensor self, SymInt[] pad, str mode=\"constant\", float? value=None) -> Tensor")
def pad(self: Tensor, pad: List[int], mode: str = "constant", value: Optional[float] = None) -> Tensor:
    if mode == "constant":
        return constant_pad_nd(self, pad, 0 if value is None else value)
    check(mode == "reflect" or mode == "replicate" or mode == "circular",
          "Unrecognised padding mode " + mode)
    check(value is None, "Padding mode \"" + mode + "\" doesn't take in value argument")
    check(len(pad) % 2 == 0, "Padding length must be divisible by 2")
    k = len(pad) // 2
    check(self.dim() >= k + 1, "Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now")
    n = self.dim()
    shape = list(self.shape)
    for i in range(k):
        d = n - 1 - i
        if mode == "reflect":
            check(pad[2 * i] < self.size(d) and pad[2 * i + 1] < self.size(d),
                  "Argument #4: Padding size should be less than the corresponding input dimension, but got: "
                  "padding (" + str(pad[2 * i]) + ", " + str(pad[2 * i + 1]) + ") at dimension " + str(d) +
                  " of input " + str(self.shape))
        shape[d] = self.size(d) + pad[2 * i] + pad[2 * i + 1]
        check(shape[d] >= 1, "input (" + str(self.shape) + ") padded by " + str(pad) + " gives a non-positive size")
    return empty(shape, dtype=self.dtype, device=self.device)


@rule("aten::tril(Tensor self, int diagonal=0) -> Tensor")
@rule("aten::triu(Tensor self, int diagonal=0) -> Tensor")
def tril(self: Tensor, diagonal: int = 0) -> Tensor:
    check(self.dim() >= 2, "tril/triu: input tensor must have at least 2 dimensions")
    return empty(self.shape, dtype=self.dtype, device=self.device)


@rule("aten::index_select(Tensor self, int dim, Tensor index) -> Tensor")
def index_select(self: Tensor, dim: int, index: Tensor) -> Tensor:
    d = canonicalize_dim(self.dim(), dim)
    check(index.dim() <= 1, "index_select(): Index is supposed to be a vector")
    check(index.dtype == int64 or index.dtype == int32, "index_select(): Expected dtype int32 or int64 for index")
    shape = list(self.shape)
    if self.dim() > 0:
        shape[d] = index.numel()
    return empty(shape, dtype=self.dtype, device=self.device)


@rule("aten::gather(Tensor self, int dim, Tensor index, *, bool sparse_grad=False) -> Tensor")
def gather(self: Tensor, dim: int, index: Tensor, sparse_grad: bool = False) -> Tensor:
    canonicalize_dim(self.dim(), dim)
    check(index.dtype == int64, "gather(): Expected dtype int64 for index")
    check(index.dim() == self.dim() or index.numel() == 0 or self.dim() == 0,
          "Index tensor must have the same number of dimensions as input tensor")
    return empty(index.shape, dtype=self.dtype, device=self.device)


def scatter_like(self: Tensor, dim: int, index: Tensor) -> Tensor:
    canonicalize_dim(self.dim(), dim)
    check(index.dtype == int64, "scatter(): Expected dtype int64 for index")
    check(index.dim() == self.dim() or index.numel() == 0 or self.dim() == 0,
          "Index tensor must have the same number of dimensions as self tensor")
    return empty(self.shape, dtype=self.dtype, device=self.device)


@rule("aten::scatter.value(Tensor self, int dim, Tensor index, Scalar value) -> Tensor")
def scatter_value(self: Tensor, dim: int, index: Tensor, value: Scalar) -> Tensor:
    return scatter_like(self, dim, index)


@rule("aten::scatter.src(Tensor self, int dim, Tensor index, Tensor src) -> Tensor")
@rule("aten::scatter_add(Tensor self, int dim, Tensor index, Tensor src) -> Tensor")
def scatter_src(self: Tensor, dim: int, index: Tensor, src: Tensor) -> Tensor:
    check(src.dtype == self.dtype, "scatter(): Expected self.dtype to be equal to src.dtype")
    return scatter_like(self, dim, index)


@rule("aten::index_add(Tensor self, int dim, Tensor index, Tensor source, *, Scalar alpha=1) -> Tensor")
def index_add(self: Tensor, dim: int, index: Tensor, source: Tensor, alpha: Scalar = 1) -> Tensor:
    d = canonicalize_dim(self.dim(), dim)
    check(index.dim() <= 1, "index_add_(): Index is supposed to be a vector")
    check(index.dtype == int64 or index.dtype == int32, "index_add_(): Expected dtype int32/int64 for index")
    if source.dim() > 0 and self.dim() > 0:
        check(index.numel() == source.size(d), "index_add_(): Number of indices (" + str(index.numel()) +
              ") should be equal to source.size(dim) (" + str(source.size(d)) + ")")
    return empty(self.shape, dtype=self.dtype, device=self.device)


@rule("aten::index_put(Tensor self, Tensor?[] indices, Tensor values, bool accumulate=False) -> Tensor")
def index_put(self: Tensor, indices: List[Optional[Tensor]], values: Tensor, accumulate: bool = False) -> Tensor:
    check(len(indices) <= self.dim(), "too many indices for tensor of dimension " + str(self.dim()) + " (got " +
          str(len(indices)) + ")")
    return empty_like(self)


# Advanced indexing with integer (or boolean, through nonzero) index tensors:
# the broadcast index shape replaces the indexed dims, placed first when the
# indexed dims are not adjacent.
@rule("aten::index.Tensor(Tensor self, Tensor?[] indices) -> Tensor")
def index(self: Tensor, indices: List[Optional[Tensor]]) -> Tensor:
    check(len(indices) <= self.dim(), "too many indices for tensor of dimension " + str(self.dim()) + " (got " +
          str(len(indices)) + ")")
    expanded = []
    for i in range(len(indices)):
        idx = indices[i]
        if idx is not None and (idx.dtype == bool_ or idx.dtype == uint8):
            nz = nonzero(idx)
            for j in range(idx.dim()):
                expanded.append(select(nz, 1, j))
        else:
            expanded.append(idx)
    while len(expanded) < self.dim():
        expanded.append(None)
    index_shape = []
    first = -1
    last = -1
    gap = False
    for i in range(len(expanded)):
        if expanded[i] is not None:
            check(expanded[i].dtype == int64 or expanded[i].dtype == int32,
                  "tensors used as indices must be long, int, byte or bool tensors")
            index_shape = broadcast_shapes(index_shape, expanded[i].shape)
            if first < 0:
                first = i
            elif last != i - 1:
                gap = True
            last = i
    before = []
    after = []
    for i in range(len(expanded)):
        if expanded[i] is None:
            if i < first:
                before.append(self.size(i))
            else:
                after.append(self.size(i))
    if gap:
        shape = index_shape + before + after
    else:
        shape = before + index_shape + after
    return empty(shape, dtype=self.dtype, device=self.device)
