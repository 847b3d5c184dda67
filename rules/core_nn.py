# core_nn.py -- Core ATen nn operators without a rule in nn.py: 3-d
# pooling, pooling/conv/norm backward ops, padding, embedding_bag,
# grid_sampler, dropout, distances and upsampling.
from typing import List, Optional


# torch/_meta_registrations.py check_dim_size
def core_check_dim_size(t: Tensor, dim: int, dim_size: int, size: int):
    check(t.dim() == dim and t.size(dim_size) == size, "Expected a tensor of dimension " + str(dim) +
          " and tensor.size[" + str(dim_size) + "] == " + str(size) + ", but got : dimension " + str(t.dim()) +
          " and tensor.size[" + str(dim_size) + "] = " + str(t.size(dim_size)))


# ---- adaptive pooling -------------------------------------------------------

# torch/_meta_registrations.py meta__adaptive_avg_pool2d_backward
@rule("aten::_adaptive_avg_pool2d_backward(Tensor grad_output, Tensor self) -> Tensor")
def core_adaptive_avg_pool2d_backward(grad_output: Tensor, self: Tensor) -> Tensor:
    ndim = grad_output.dim()
    for i in range(1, ndim):
        check(grad_output.size(i) > 0, "adaptive_avg_pool2d_backward(): Expected grad_output to have non-zero "
              "size for non-batch dimensions, " + str(grad_output.shape) + " with dimension " + str(i) + " being empty")
    check(ndim == 3 or ndim == 4, "adaptive_avg_pool2d_backward(): Expected 3D or 4D tensor, but got " +
          str(self.shape))
    check(self.dtype == grad_output.dtype, "expected dtype torch." + str(self.dtype) +
          " for `grad_output` but got dtype torch." + str(grad_output.dtype))
    fmt = channels_last if is_channels_last(self) else contiguous_format
    return empty(self.shape, strides_for(self.shape, fmt), dtype=self.dtype, device=self.device)


# torch/_meta_registrations.py meta_adaptive_avg_pool3d: contiguous.
@rule("aten::_adaptive_avg_pool3d(Tensor self, SymInt[3] output_size) -> Tensor")
def core_adaptive_avg_pool3d(self: Tensor, output_size: List[int]) -> Tensor:
    check(self.dim() == 4 or self.dim() == 5, "Expected 4D or 5D tensor, but got torch.Size(" + str(self.shape) + ")")
    return empty(self.shape[:self.dim() - 3] + list(output_size), dtype=self.dtype, device=self.device)


# ---- 2-d pooling backward -------------------------------------------------

# torch/_meta_registrations.py meta_avg_pool2d_backward
@rule("aten::avg_pool2d_backward(Tensor grad_output, Tensor self, int[2] kernel_size, int[2] stride, int[2] padding, bool ceil_mode, bool count_include_pad, int? divisor_override) -> Tensor")
def core_avg_pool2d_backward(grad_output: Tensor, self: Tensor, kernel_size: List[int], stride: List[int],
                             padding: List[int], ceil_mode: bool, count_include_pad: bool,
                             divisor_override: Optional[int]) -> Tensor:
    kh, kw, dh, dw = pool2d_window("avg_pool2d", kernel_size, stride)
    check(len(padding) == 1 or len(padding) == 2,
          "avg_pool2d: padding must either be a single int, or a tuple of two ints")
    ph = padding[0]
    pw = ph if len(padding) == 1 else padding[1]
    check(divisor_override is None or divisor_override != 0, "divisor must be not zero")
    ndim = self.dim()
    planes = self.size(-3)
    oh = pooling_output_shape(self.size(-2), kh, ph, dh, 1, ceil_mode)
    ow = pooling_output_shape(self.size(-1), kw, pw, dw, 1, ceil_mode)
    core_check_dim_size(grad_output, ndim, ndim - 3, planes)
    core_check_dim_size(grad_output, ndim, ndim - 2, oh)
    core_check_dim_size(grad_output, ndim, ndim - 1, ow)
    return empty(self.shape, strides_for(self.shape, suggest_memory_format(self)), dtype=self.dtype,
                 device=self.device)


# torch/_meta_registrations.py meta_max_pool2d_with_indices_backward
@rule("aten::max_pool2d_with_indices_backward(Tensor grad_output, Tensor self, int[2] kernel_size, int[2] stride, int[2] padding, int[2] dilation, bool ceil_mode, Tensor indices) -> Tensor")
def core_max_pool2d_with_indices_backward(grad_output: Tensor, self: Tensor, kernel_size: List[int], stride: List[int],
                                          padding: List[int], dilation: List[int], ceil_mode: bool,
                                          indices: Tensor) -> Tensor:
    shape = pool2d_output(self, kernel_size, stride, padding, dilation, ceil_mode)
    check(self.dtype == grad_output.dtype, "Expected dtype torch." + str(self.dtype) +
          " for `gradOutput` but got dtype torch." + str(grad_output.dtype))
    ndim = self.dim()
    for t in [grad_output, indices]:
        core_check_dim_size(t, ndim, ndim - 3, self.size(-3))
        core_check_dim_size(t, ndim, ndim - 2, shape[ndim - 2])
        core_check_dim_size(t, ndim, ndim - 1, shape[ndim - 1])
    return empty(self.shape, strides_for(self.shape, suggest_memory_format(self)), dtype=self.dtype,
                 device=self.device)


# ---- 3-d pooling ------------------------------------------------------------

def core_triple(values: List[int], default: List[int]) -> List[int]:
    if len(values) == 0:
        return list(default)
    if len(values) == 1:
        return [values[0], values[0], values[0]]
    return list(values)


# torch/_meta_registrations.py pool3d_shape_check
def core_pool3d_shape_check(input: Tensor, k: List[int], d: List[int], p: List[int], dil: List[int],
                            isize: List[int], osize: List[int], fn_name: str, check_input_size: bool):
    check(k[0] > 0 and k[2] > 0 and k[1] > 0, "kernel size should be greater than zero, but got kT: " + str(k[0]) +
          ", kH: " + str(k[1]) + ", kW: " + str(k[2]))
    check(d[0] > 0 and d[2] > 0 and d[1] > 0, "stride should be greater than zero, but got dT: " + str(d[0]) +
          ", dH: " + str(d[1]) + ", dW: " + str(d[2]))
    check(dil[0] > 0 and dil[2] > 0 and dil[1] > 0, "dilation should be greater than zero, but got dilationT: " +
          str(dil[0]) + ", dilationH: " + str(dil[1]) + ", dilationW: " + str(dil[2]))
    ndim = input.dim()
    check(ndim == 4 or ndim == 5, fn_name + ": Expected 4D or 5D tensor for input, but got: " + str(input.shape))
    for i in range(ndim):
        if ndim == 5 and i == 0:
            continue
        check(input.size(i) > 0, fn_name + ": Expected input's non-batch dimensions to have positive length, but "
              "input has a shape of torch.Size(" + str(input.shape) + ") and non-batch dimension " +
              str(input.size(i)) + " has length zero!")
    if check_input_size:
        check(isize[0] >= k[0] and isize[1] >= k[1] and isize[2] >= k[2],
              "input image (T: " + str(isize[0]) + " H: " + str(isize[1]) + " W: " + str(isize[2]) +
              ") smaller than kernel size (kT: " + str(k[0]) + " kH: " + str(k[1]) + " kW: " + str(k[2]) + ")")
    check(k[0] / 2 >= p[0] and k[2] / 2 >= p[2] and k[1] / 2 >= p[1],
          "pad should be smaller than or equal to half of kernel size, but got kT: " + str(k[0]) + " kW: " +
          str(k[2]) + " kH: " + str(k[1]) + " padT: " + str(p[0]) + " padW: " + str(p[2]) + " padH: " + str(p[1]))
    check(osize[0] >= 1 and osize[2] >= 1 and osize[1] >= 1,
          "Given input size: (" + str(input.size(-4)) + "x" + str(isize[0]) + "x" + str(isize[1]) + "x" +
          str(isize[2]) + "). Calculated output size: (" + str(input.size(-4)) + "x" + str(osize[0]) + "x" +
          str(osize[1]) + "x" + str(osize[2]) + "). Output size is too small")


@rule("aten::avg_pool3d(Tensor self, int[3] kernel_size, int[3] stride=[], int[3] padding=0, bool ceil_mode=False, bool count_include_pad=True, int? divisor_override=None) -> Tensor")
def core_avg_pool3d(self: Tensor, kernel_size: List[int], stride: List[int] = [], padding: List[int] = [0],
                    ceil_mode: bool = False, count_include_pad: bool = True,
                    divisor_override: Optional[int] = None) -> Tensor:
    check(len(kernel_size) == 1 or len(kernel_size) == 3,
          "avg_pool3d: kernel_size must be a single int, or a tuple of three ints")
    k = core_triple(kernel_size, kernel_size)
    check(len(stride) == 0 or len(stride) == 1 or len(stride) == 3,
          "avg_pool3d: stride must be omitted, a single int, or a tuple of three ints")
    d = core_triple(stride, k)
    check(len(padding) == 1 or len(padding) == 3, "avg_pool3d: padding must be a single int, or a tuple of three ints")
    p = core_triple(padding, padding)
    check(self.dim() == 4 or self.dim() == 5, "non-empty 4D or 5D (batch mode) tensor expected for input")
    check(divisor_override is None or divisor_override != 0, "divisor must be not zero")
    isize = self.shape[self.dim() - 3:]
    osize = [pooling_output_shape(isize[i], k[i], p[i], d[i], 1, ceil_mode) for i in range(3)]
    core_pool3d_shape_check(self, k, d, p, [1, 1, 1], isize, osize, "avg_pool3d()", True)
    return empty(self.shape[:self.dim() - 3] + osize, dtype=self.dtype, device=self.device)


@rule("aten::max_pool3d_with_indices(Tensor self, int[3] kernel_size, int[3] stride=[], int[3] padding=0, int[3] dilation=1, bool ceil_mode=False) -> (Tensor, Tensor)")
def core_max_pool3d_with_indices(self: Tensor, kernel_size: List[int], stride: List[int] = [], padding: List[int] = [0],
                                 dilation: List[int] = [1], ceil_mode: bool = False):
    check(len(kernel_size) == 1 or len(kernel_size) == 3,
          "max_pool3d: kernel_size must either be a single int, or a tuple of three ints")
    k = core_triple(kernel_size, kernel_size)
    check(len(stride) == 0 or len(stride) == 1 or len(stride) == 3,
          "max_pool3d: stride must either be omitted, a single int, or a tuple of three ints")
    d = core_triple(stride, k)
    check(len(padding) == 1 or len(padding) == 3,
          "max_pool3d: padding must either be a single int, or a tuple of three ints")
    p = core_triple(padding, padding)
    check(len(dilation) == 1 or len(dilation) == 3,
          "max_pool3d: dilation must be either a single int, or a tuple of three ints")
    dil = core_triple(dilation, dilation)
    check(self.dim() == 4 or self.dim() == 5, "non-empty 4D or 5D (batch mode) tensor expected for input")
    isize = self.shape[self.dim() - 3:]
    osize = [pooling_output_shape(isize[i], k[i], p[i], d[i], dil[i], ceil_mode) for i in range(3)]
    core_pool3d_shape_check(self, k, d, p, dil, isize, osize, "max_pool3d_with_indices()", False)
    shape = self.shape[:self.dim() - 3] + osize
    if self.dim() == 5:
        cl = suggest_memory_format(self) == channels_last_3d
    else:
        u = view_of(self, [1] + self.shape, [self.size(0) * self.stride(0)] + self.stride())
        cl = (not is_contiguous(u)) and is_channels_last(u)
    if cl:
        strides = channels_last_strides(shape if self.dim() == 5 else [1] + shape)
        if self.dim() == 4:
            strides = strides[1:]
        return (empty(shape, strides, dtype=self.dtype, device=self.device),
                empty(shape, strides, dtype=int64, device=self.device))
    return (empty(shape, dtype=self.dtype, device=self.device), empty(shape, dtype=int64, device=self.device))


# ---- distances ----------------------------------------------------------------

# torch/_meta_registrations.py meta_cdist_forward
@rule("aten::_cdist_forward(Tensor x1, Tensor x2, float p, int? compute_mode) -> Tensor")
def core_cdist_forward(x1: Tensor, x2: Tensor, p: float, compute_mode: Optional[int]) -> Tensor:
    check(x1.dim() >= 2, "cdist only supports at least 2D tensors, X1 got: " + str(x1.dim()) + "D")
    check(x2.dim() >= 2, "cdist only supports at least 2D tensors, X2 got: " + str(x2.dim()) + "D")
    check(x1.size(-1) == x2.size(-1), "X1 and X2 must have the same number of columns. X1: " + str(x1.size(-1)) +
          " X2: " + str(x2.size(-1)))
    # (PyTorch's messages forget the f-string prefix.)
    check(is_floating_dtype(x1.dtype), "cdist only supports floating-point dtypes, X1 got: {x1.dtype}")
    check(is_floating_dtype(x2.dtype), "cdist only supports floating-point dtypes, X2 got: {x2.dtype}")
    check(p >= 0, "cdist only supports non-negative p values")
    check(compute_mode is None or compute_mode == 1 or compute_mode == 2,
          "possible modes: None, 1, 2, but was: " + str(compute_mode))
    shape = broadcast_shapes(x1.shape[:x1.dim() - 2], x2.shape[:x2.dim() - 2]) + [x1.size(-2), x2.size(-2)]
    return empty(shape, dtype=x1.dtype, device=x1.device)


# torch/_meta_registrations.py meta__pdist_forward
@rule("aten::_pdist_forward(Tensor self, float p=2.) -> Tensor")
def core_pdist_forward(self: Tensor, p: float = 2.0) -> Tensor:
    check(is_contiguous(self), "_pdist_forward requires contiguous input")
    n = self.size(0)
    if n <= 1:
        return empty([0], dtype=self.dtype, device=self.device)
    return empty([n * (n - 1) // 2], dtype=self.dtype, device=self.device)


# ---- embedding ----------------------------------------------------------------

# torch/_meta_registrations.py meta_embedding_bag (CPU offsets)
@rule("aten::_embedding_bag(Tensor weight, Tensor indices, Tensor offsets, bool scale_grad_by_freq=False, int mode=0, bool sparse=False, Tensor? per_sample_weights=None, bool include_last_offset=False, int padding_idx=-1) -> (Tensor, Tensor, Tensor, Tensor)")
def core_embedding_bag(weight: Tensor, indices: Tensor, offsets: Tensor, scale_grad_by_freq: bool = False, mode: int = 0,
                       sparse: bool = False, per_sample_weights: Optional[Tensor] = None,
                       include_last_offset: bool = False, padding_idx: int = -1):
    check(indices.dtype == int64 or indices.dtype == int32, "expected indices to be long or int, got torch." +
          str(indices.dtype))
    check(offsets.dtype == int64 or offsets.dtype == int32, "expected offsets to be long or int, got torch." +
          str(offsets.dtype))
    check(is_floating_dtype(weight.dtype), "expected weight to be floating point type, got torch." + str(weight.dtype))
    num_bags = offsets.size(0)
    if include_last_offset:
        check(num_bags >= 1, "include_last_offset: numBags should be at least 1")
        num_bags = num_bags - 1
    output = empty([num_bags, weight.size(1)], dtype=weight.dtype, device=weight.device)
    if per_sample_weights is not None:
        check(mode == 0, "embedding_bag: per_sample_weights only supported with mode='sum'")
        check(per_sample_weights.dim() == 1, "expected per_sample_weights to be 1D tensor, got " +
              str(per_sample_weights.dim()) + "D")
        check(per_sample_weights.numel() == indices.numel(), "expected per_sample_weights.numel() (" +
              str(per_sample_weights.numel()) + " to be the same as indices.numel() (" + str(indices.numel()) + ")")
    fast = ((weight.dtype == float32 or weight.dtype == float16) and weight.stride(1) == 1 and
            output.stride(1) == 1 and padding_idx < 0)
    if per_sample_weights is not None:
        fast = fast and per_sample_weights.stride(0) == 1
    if mode == 1 or mode == 2 or not fast:
        offset2bag = empty([indices.size(0)], dtype=offsets.dtype, device=offsets.device)
    else:
        offset2bag = empty([0], dtype=offsets.dtype, device=offsets.device)
    bag_size = empty([num_bags], dtype=offsets.dtype, device=offsets.device)
    if mode == 2:
        n = offsets.size(0)
        if include_last_offset:
            check(n >= 1, "include_last_offset: numBags should be at least 1")
            n = n - 1
        max_indices = empty([n, weight.size(1)], dtype=offsets.dtype, device=offsets.device)
    else:
        max_indices = empty([num_bags], dtype=offsets.dtype, device=offsets.device)
    return (output, offset2bag, bag_size, max_indices)


# torch/_decomp/decompositions.py embedding_dense_backward
@rule("aten::embedding_dense_backward(Tensor grad_output, Tensor indices, SymInt num_weights, SymInt padding_idx, bool scale_grad_by_freq) -> Tensor")
def core_embedding_dense_backward(grad_output: Tensor, indices: Tensor, num_weights: int, padding_idx: int,
                                  scale_grad_by_freq: bool) -> Tensor:
    # grad_output.masked_fill(mask, 0): the mask (indices == padding_idx,
    # unsqueezed to grad_output's rank) broadcasts first.
    k = grad_output.dim() - indices.dim()
    mask = empty(indices.shape + [1] * k, dtype=bool_, device=indices.device)
    core_refs_broadcast([mask, grad_output])
    return empty([num_weights] + grad_output.shape[indices.dim():], dtype=grad_output.dtype, device=grad_output.device)


# PyTorch returns None for an output whose output_mask entry is false, but
# the registry's output check requires a Tensor for a `Tensor` return, so
# these rules compute every output whatever the mask says.
def core_masked(flag: bool, t: Tensor) -> Tensor:
    return t


# ---- normalization ----------------------------------------------------------------

# torch/_decomp/decompositions.py native_batch_norm_helper: the output keeps
# the input's memory format; saved statistics are [C] when training, else
# empty.
@rule("aten::_native_batch_norm_legit(Tensor input, Tensor? weight, Tensor? bias, Tensor(a!) running_mean, Tensor(b!) running_var, bool training, float momentum, float eps) -> (Tensor, Tensor, Tensor)")
def core_batch_norm_legit(input: Tensor, weight: Optional[Tensor], bias: Optional[Tensor], running_mean: Tensor,
                          running_var: Tensor, training: bool, momentum: float, eps: float):
    return core_batch_norm_outputs(input, training)


@rule("aten::_native_batch_norm_legit.no_stats(Tensor input, Tensor? weight, Tensor? bias, bool training, float momentum, float eps) -> (Tensor, Tensor, Tensor)")
def core_batch_norm_legit_no_stats(input: Tensor, weight: Optional[Tensor], bias: Optional[Tensor], training: bool,
                                   momentum: float, eps: float):
    return core_batch_norm_outputs(input, training)


def core_batch_norm_outputs(input: Tensor, training: bool):
    check(input.dim() >= 2, "batch_norm: expected at least 2-d input")
    out = empty_like(input, memory_format=suggest_memory_format(input))
    n = input.size(1) if training else 0
    return (out, empty([n], dtype=input.dtype, device=input.device), empty([n], dtype=input.dtype, device=input.device))


# native_group_norm_backward (CPU kernel): grad_input in the input's
# memory format, [C] gradients for gamma and beta.
@rule("aten::native_group_norm_backward(Tensor grad_out, Tensor input, Tensor mean, Tensor rstd, Tensor? weight, SymInt N, SymInt C, SymInt HxW, int group, bool[3] output_mask) -> (Tensor, Tensor, Tensor)")
def core_group_norm_backward(grad_out: Tensor, input: Tensor, mean: Tensor, rstd: Tensor, weight: Optional[Tensor],
                             N: int, C: int, HxW: int, group: int, output_mask: List[bool]):
    check(input.numel() == N * C * HxW, "Expect input to have " + str(N * C * HxW) + " elements")
    check(mean.numel() == N * group, "Expect mean to have " + str(N * group) + " elements")
    check(rstd.numel() == N * group, "Expect rstd to have " + str(N * group) + " elements")
    d_input = core_masked(output_mask[0], empty_like(input, memory_format=suggest_memory_format(input)))
    d_gamma = core_masked(output_mask[1], empty([C], dtype=input.dtype, device=input.device))
    d_beta = core_masked(output_mask[2], empty([C], dtype=input.dtype, device=input.device))
    return (d_input, d_gamma, d_beta)


# layer_norm_backward_cpu: a contiguous grad_input, gradients of weight and
# bias with the normalized shape.
@rule("aten::native_layer_norm_backward(Tensor grad_out, Tensor input, SymInt[] normalized_shape, Tensor mean, Tensor rstd, Tensor? weight, Tensor? bias, bool[3] output_mask) -> (Tensor, Tensor, Tensor)")
def core_layer_norm_backward(grad_out: Tensor, input: Tensor, normalized_shape: List[int], mean: Tensor, rstd: Tensor,
                             weight: Optional[Tensor], bias: Optional[Tensor], output_mask: List[bool]):
    axis = input.dim() - len(normalized_shape)
    check(axis >= 0, "Expected normalized_shape to fit the input")
    inner = input.shape[axis:]
    d_input = core_masked(output_mask[0], empty(input.shape, dtype=input.dtype, device=input.device))
    d_weight = core_masked(output_mask[1], empty(weight.shape if weight is not None else inner, dtype=input.dtype,
                                                 device=input.device))
    d_bias = core_masked(output_mask[2], empty(bias.shape if bias is not None else inner, dtype=input.dtype,
                                               device=input.device))
    return (d_input, d_weight, d_bias)


# ---- convolution backward ---------------------------------------------------

# torch/_subclasses/fake_impls.py conv: grad_input and grad_weight are
# converted to the backend's memory format (none for 1-d convolutions);
# selecting the CPU backend (use_mkldnn) asks `input.size(0) >= 16` for an
# unstrided, undilated float convolution.
@rule("aten::convolution_backward(Tensor grad_output, Tensor input, Tensor weight, SymInt[]? bias_sizes, SymInt[] stride, SymInt[] padding, SymInt[] dilation, bool transposed, SymInt[] output_padding, SymInt groups, bool[3] output_mask) -> (Tensor, Tensor, Tensor)")
def core_convolution_backward(grad_output: Tensor, input: Tensor, weight: Tensor, bias_sizes: Optional[List[int]],
                              stride: List[int], padding: List[int], dilation: List[int], transposed: bool,
                              output_padding: List[int], groups: int, output_mask: List[bool]):
    fmt = None
    if weight.dim() != 3:
        if input.dtype == float32 and not transposed:
            strided = any([s != 1 for s in stride])
            dilated = any([d != 1 for d in dilation])
            if not strided and not dilated:
                if input.size(0) >= 16:
                    pass
        fmt = suggest_memory_format(input)
        if input.dim() == 4 and fmt == contiguous_format and suggest_memory_format(weight) == channels_last:
            fmt = channels_last
    mf = contiguous_format if fmt is None else fmt
    g_input = core_masked(output_mask[0], empty(input.shape, strides_for(input.shape, mf), dtype=grad_output.dtype,
                                                device=grad_output.device))
    g_weight = core_masked(output_mask[1], empty(weight.shape, strides_for(weight.shape, mf), dtype=grad_output.dtype,
                                                 device=grad_output.device))
    if output_mask[2]:
        check(bias_sizes is not None, "convolution_backward: bias_sizes must be given to compute grad_bias")
    bias_shape = [weight.size(1) * groups if transposed else weight.size(0)] if bias_sizes is None else list(bias_sizes)
    g_bias = core_masked(output_mask[2], empty(bias_shape, dtype=grad_output.dtype, device=grad_output.device))
    return (g_input, g_weight, g_bias)


# ---- col2im, grid_sampler, dropout ---------------------------------------------

# torch/_decomp/decompositions.py col2im
@rule("aten::col2im(Tensor self, SymInt[2] output_size, int[2] kernel_size, int[2] dilation, int[2] padding, int[2] stride) -> Tensor")
def core_col2im(self: Tensor, output_size: List[int], kernel_size: List[int], dilation: List[int], padding: List[int],
                stride: List[int]) -> Tensor:
    check(len(output_size) == 2, "only 2D output_size supported")
    check(len(kernel_size) == 2, "only 2D kernel supported")
    check(len(dilation) == 2, "only 2D dilation supported")
    check(len(padding) == 2, "only 2D padding supported")
    check(len(stride) == 2, "only 2D stride supported")
    check(all([k > 0 for k in kernel_size]), "{param_name} should be greater than zero, but got {param}")
    check(all([k > 0 for k in dilation]), "{param_name} should be greater than zero, but got {param}")
    check(all([k >= 0 for k in padding]), "{param_name} should be greater than zero, but got {param}")
    check(all([k > 0 for k in stride]), "{param_name} should be greater than zero, but got {param}")
    check(all([k > 0 for k in output_size]), "{param_name} should be greater than zero, but got {param}")
    shape = self.shape
    ndim = len(shape)
    check((ndim == 2 or ndim == 3) and all([d != 0 for d in shape[ndim - 2:]]),
          "Expected 2D or 3D (batch mode) tensor for input with possible 0 batch size and non-zero dimensions, but got: " +
          str(shape))
    pk = kernel_size[0] * kernel_size[1]
    check(shape[ndim - 2] % pk == 0, "Expected size of input's first non-batch dimension to be divisible by the "
          "product of kernel_size, but got input.shape[-2] = " + str(shape[ndim - 2]) + " and kernel_size=" +
          str(kernel_size))
    col = [1 + (output_size[i] + 2 * padding[i] - dilation[i] * (kernel_size[i] - 1) - 1) // stride[i] for i in range(2)]
    L = col[0] * col[1]
    msg = ("Given output_size=" + str(output_size) + ", kernel_size=" + str(kernel_size) + ", dilation=" +
           str(dilation) + ", padding=" + str(padding) + ", stride=" + str(stride) + ", expected input.size(-1) to be " +
           str(L) + " but got " + str(shape[ndim - 1]) + ".")
    check(shape[ndim - 1] == L, msg)
    check(L > 0, msg)
    out = [shape[ndim - 2] // pk] + list(output_size)
    if ndim == 3:
        out = [shape[0]] + out
    return empty(out, dtype=self.dtype, device=self.device)


# torch/_decomp/decompositions.py grid_sampler_2d: a contiguous
# [N, C, H_out, W_out].
@rule("aten::grid_sampler_2d(Tensor input, Tensor grid, int interpolation_mode, int padding_mode, bool align_corners) -> Tensor")
def core_grid_sampler_2d(input: Tensor, grid: Tensor, interpolation_mode: int, padding_mode: int,
                         align_corners: bool) -> Tensor:
    check(interpolation_mode == 0 or interpolation_mode == 1 or interpolation_mode == 2,
          "Invalid interpolation mode " + str(interpolation_mode))
    check(padding_mode == 0 or padding_mode == 1 or padding_mode == 2, "Invalid padding mode " + str(padding_mode))
    check(input.dim() == 4, "grid_sampler_2d: expected a 4-D input")
    check(grid.dim() == 4 and grid.size(-1) == 2, "grid_sampler_2d: expected a grid of shape [N, H, W, 2]")
    check(input.size(0) == grid.size(0), "grid_sampler_2d: the input and grid batch sizes differ")
    dt = promote_types(input.dtype, grid.dtype)
    return empty([input.size(0), input.size(1), grid.size(1), grid.size(2)], dtype=dt, device=input.device)


# torch/_decomp/decompositions.py native_dropout.  When not training (or
# p == 0) PyTorch returns `input` itself; the schema has no alias
# annotation, so this rule returns a fresh tensor of the same layout.
@rule("aten::native_dropout(Tensor input, float p, bool? train) -> (Tensor, Tensor)")
def core_native_dropout(input: Tensor, p: float, train: Optional[bool]):
    if train is not None and train and p != 0:
        if p == 1:
            return (empty_like(input), empty_like(input, dtype=bool_))
        check(is_floating_dtype(input.dtype), "result type Float can't be cast to the desired output type Long")
        mask = empty_like(input, dtype=bool_)
        return (pointwise([mask, input]), mask)
    return (empty_like(input), empty_like(input, dtype=bool_))


# ---- padding ----------------------------------------------------------------

# torch/_meta_registrations.py _padding_check_valid_input
def core_pad_check_input(input: Tensor, padding: List[int], dim: int):
    check(len(padding) == 2 * dim, "padding size is expected to be " + str(2 * dim) + ", but got: " + str(len(padding)))
    ndim = input.dim()
    batch_mode = ndim == dim + 2
    valid_batch = batch_mode
    valid_non_batch = not batch_mode
    if batch_mode:
        for d in range(1, ndim):
            valid_batch = valid_batch and input.size(d) != 0
    else:
        for d in range(ndim):
            valid_non_batch = valid_non_batch and input.size(d) != 0
    check(valid_batch or valid_non_batch,
          "Expected " + str(dim + 1) + "D or " + str(dim + 2) + "D (batch mode) tensor with possibly 0 batch size and "
          "other non-zero dimensions for input, but got: " + str(input.shape))


# torch/_meta_registrations.py _pad1d_common / _pad2d_common / _pad3d_common:
# padding pairs (last dim first), contiguous output.
def core_pad_nd(input: Tensor, padding: List[int], n: int, is_reflection: bool) -> Tensor:
    core_pad_check_input(input, padding, n)
    batch = input.dim() == n + 2
    first = 1 if batch else 0
    out = list(input.shape)
    for i in range(n):
        d = input.dim() - 1 - i
        pl = padding[2 * i]
        pr = padding[2 * i + 1]
        if is_reflection:
            size = input.size(d)
            check(pl < size and pr < size, "Argument #" + str(4 + 2 * i) + ": Padding size should be less than the "
                  "corresponding input dimension, but got: padding (" + str(pl) + ", " + str(pr) + ") at dimension " +
                  str(d) + " of input torch.Size(" + str(input.shape) + ")")
        out[d] = input.size(d) + pl + pr
    spatial = out[first + 1:]
    if n == 1:
        check(spatial[0] >= 1, "input (W: " + str(input.size(-1)) + ") is too small. Calculated output W: " +
              str(spatial[0]))
    elif n == 2:
        check(spatial[1] >= 1 or spatial[0] >= 1, "input (H: " + str(input.size(-2)) + " W: " + str(input.size(-1)) +
              ") is too small. Calculated output H: " + str(spatial[0]) + " W: " + str(spatial[1]))
    else:
        check(spatial[2] >= 1 or spatial[1] >= 1 or spatial[0] >= 1,
              "input (D: " + str(input.size(-3)) + " H: " + str(input.size(-2)) + " W: " + str(input.size(-1)) +
              ") is too small. Calculated output D: " + str(spatial[0]) + " H: " + str(spatial[1]) + " W: " +
              str(spatial[2]))
    return empty(out, dtype=input.dtype, device=input.device)


@rule("aten::reflection_pad1d(Tensor self, SymInt[2] padding) -> Tensor")
def core_reflection_pad1d(self: Tensor, padding: List[int]) -> Tensor:
    return core_pad_nd(self, padding, 1, True)


@rule("aten::reflection_pad2d(Tensor self, SymInt[4] padding) -> Tensor")
def core_reflection_pad2d(self: Tensor, padding: List[int]) -> Tensor:
    return core_pad_nd(self, padding, 2, True)


@rule("aten::reflection_pad3d(Tensor self, SymInt[6] padding) -> Tensor")
def core_reflection_pad3d(self: Tensor, padding: List[int]) -> Tensor:
    return core_pad_nd(self, padding, 3, True)


@rule("aten::replication_pad2d(Tensor self, SymInt[4] padding) -> Tensor")
def core_replication_pad2d(self: Tensor, padding: List[int]) -> Tensor:
    return core_pad_nd(self, padding, 2, False)


@rule("aten::replication_pad3d(Tensor self, SymInt[6] padding) -> Tensor")
def core_replication_pad3d(self: Tensor, padding: List[int]) -> Tensor:
    return core_pad_nd(self, padding, 3, False)


# ---- upsampling ----------------------------------------------------------------
# Linear modes keep the input's suggested memory format; nearest 1-d/3-d
# (torch._decomp _upsample_nearest, an index computation) are contiguous.

# torch/_decomp/decompositions.py upsample_compute_output_size, then the
# .default overload's meta (upsample_common_check; the output in the input's
# suggested memory format).
def core_upsample(input: Tensor, output_size: Optional[List[int]], scale_factors: Optional[List[float]],
                  n: int, keep_format: bool = True, check_sizes: bool = True) -> Tensor:
    if output_size is not None:
        check(scale_factors is None, "Must specify exactly one of output_size and scale_factors")
        check(len(output_size) == n, "")
        spatial = list(output_size)
    elif scale_factors is not None:
        check(len(scale_factors) == n, "")
        spatial = []
        for i in range(n):
            s = scale_factors[i]
            if float(int(s)) == s:
                spatial.append(input.size(i + 2) * int(s))
            else:
                spatial.append(int(sym_float(input.size(i + 2)) * s))
    else:
        raise RuntimeError("Must specify exactly one of output_size and scale_factors")
    check(input.dim() == n + 2, "It is expected input_size equals to " + str(n + 2) + ", but got size " +
          str(input.dim()))
    if check_sizes:
        core_upsample_check_sizes(input, spatial)
    shape = [input.size(0), input.size(1)] + spatial
    if not keep_format:
        return empty(shape, dtype=input.dtype, device=input.device)
    return empty(shape, strides_for(shape, suggest_memory_format(input)), dtype=input.dtype, device=input.device)


def core_upsample_check_sizes(input: Tensor, spatial: List[int]):
    check(all([s > 0 for s in input.shape[2:]]) and all([s > 0 for s in spatial]),
          "Input and output sizes should be greater than 0, but got input size " + str(input.shape) +
          " and output size " + str(spatial))


# upsample_bicubic2d.default has a decomposition and no size check.
@rule("aten::upsample_bicubic2d.vec(Tensor input, SymInt[]? output_size, bool align_corners, float[]? scale_factors) -> Tensor")
def core_upsample_bicubic2d(input: Tensor, output_size: Optional[List[int]], align_corners: bool,
                            scale_factors: Optional[List[float]]) -> Tensor:
    return core_upsample(input, output_size, scale_factors, 2, True, False)


@rule("aten::upsample_bilinear2d.vec(Tensor input, SymInt[]? output_size, bool align_corners, float[]? scale_factors) -> Tensor")
def core_upsample_linear2d(input: Tensor, output_size: Optional[List[int]], align_corners: bool,
                           scale_factors: Optional[List[float]]) -> Tensor:
    return core_upsample(input, output_size, scale_factors, 2)


@rule("aten::upsample_linear1d.vec(Tensor input, SymInt[]? output_size, bool align_corners, float[]? scale_factors) -> Tensor")
def core_upsample_linear1d(input: Tensor, output_size: Optional[List[int]], align_corners: bool,
                           scale_factors: Optional[List[float]]) -> Tensor:
    return core_upsample(input, output_size, scale_factors, 1)


@rule("aten::upsample_trilinear3d.vec(Tensor input, SymInt[]? output_size, bool align_corners, float[]? scale_factors) -> Tensor")
def core_upsample_trilinear3d(input: Tensor, output_size: Optional[List[int]], align_corners: bool,
                              scale_factors: Optional[List[float]]) -> Tensor:
    return core_upsample(input, output_size, scale_factors, 3)


@rule("aten::upsample_nearest1d.vec(Tensor input, SymInt[]? output_size, float[]? scale_factors) -> Tensor")
def core_upsample_nearest1d(input: Tensor, output_size: Optional[List[int]], scale_factors: Optional[List[float]]) -> Tensor:
    return core_upsample(input, output_size, scale_factors, 1, False)


@rule("aten::upsample_nearest3d.vec(Tensor input, SymInt[]? output_size, float[]? scale_factors) -> Tensor")
def core_upsample_nearest3d(input: Tensor, output_size: Optional[List[int]], scale_factors: Optional[List[float]]) -> Tensor:
    return core_upsample(input, output_size, scale_factors, 3, False)


# ---- views ----------------------------------------------------------------

# at::native::unfold: a view with a new last dim of `size` elements every
# `step`.
@rule("aten::unfold(Tensor(a) self, int dimension, int size, int step) -> Tensor(a)")
def core_unfold(self: Tensor, dimension: int, size: int, step: int) -> Tensor:
    n = self.dim()
    d = canonicalize_dim(n, dimension)
    max_size = 1 if n == 0 else self.size(d)
    check(size <= max_size, "Maximum size for tensor at dimension " + str(d) + " is " + str(max_size) +
          " but size is " + str(size))
    check(step > 0, "Step is " + str(step) + " but must be > 0")
    sizes = list(self.shape)
    strides = list(self.stride())
    if n == 0:
        return view_of(self, [size], [1])
    sizes[d] = (self.size(d) - size) // step + 1
    strides[d] = step * self.stride(d)
    return view_of(self, sizes + [size], strides + [self.stride(d)])
