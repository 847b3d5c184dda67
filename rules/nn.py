# nn.py -- convolution, pooling, normalization, embedding, recurrent and
# resampling layers.
from typing import List, Optional


# torch/_meta_registrations.py meta_conv: output memory format follows the
# input (channels-last in, channels-last out).
@rule("aten::convolution(Tensor input, Tensor weight, Tensor? bias, SymInt[] stride, SymInt[] padding, SymInt[] dilation, bool transposed, SymInt[] output_padding, SymInt groups) -> Tensor")
def convolution(input: Tensor, weight: Tensor, bias: Optional[Tensor], stride: List[int], padding: List[int],
                dilation: List[int], transposed: bool, output_padding: List[int], groups: int) -> Tensor:
    n = input.dim() - 2
    check(n >= 1, "convolution expects at least a 3-d input")
    check(weight.dim() == input.dim(), "weight should have " + str(input.dim()) + " dimensions")
    st = expand_param(stride, n, "stride")
    pd = expand_param(padding, n, "padding")
    dl = expand_param(dilation, n, "dilation")
    if transposed:
        op = expand_param(output_padding, n, "output_padding")
        out_channels = weight.size(1) * groups
        check(input.size(1) == weight.size(0), "Given transposed=1, weight of size " + str(weight.shape) +
              ", expected input" + str(input.shape) + " to have " + str(weight.size(0)) + " channels, but got " +
              str(input.size(1)) + " channels instead")
    else:
        out_channels = weight.size(0)
        check(input.size(1) == weight.size(1) * groups, "Given groups=" + str(groups) + ", weight of size " +
              str(weight.shape) + ", expected input" + str(input.shape) + " to have " + str(weight.size(1) * groups) +
              " channels, but got " + str(input.size(1)) + " channels instead")
    shape = [input.size(0), out_channels]
    for i in range(n):
        if transposed:
            shape.append(conv_transpose_output_size(input.size(i + 2), weight.size(i + 2), pd[i], st[i], dl[i], op[i]))
        else:
            o = conv_output_size(input.size(i + 2), weight.size(i + 2), pd[i], st[i], dl[i])
            check(o > 0, "Calculated output size is too small")
            shape.append(o)
    fmt = suggest_memory_format(input)
    # On CPU, FakeTensor runs the real backend choice (mkldnn's
    # mkldnn_conv_use_channels_last): a channels-last weight also gives a
    # channels-last output.
    if input.dim() == 4 and fmt == contiguous_format and suggest_memory_format(weight) == channels_last:
        fmt = channels_last
    return empty(shape, strides_for(shape, fmt), dtype=input.dtype, device=input.device)


@rule("aten::conv2d(Tensor input, Tensor weight, Tensor? bias=None, SymInt[2] stride=[1, 1], SymInt[2] padding=[0, 0], SymInt[2] dilation=[1, 1], SymInt groups=1) -> Tensor")
@rule("aten::conv1d(Tensor input, Tensor weight, Tensor? bias=None, SymInt[1] stride=[1], SymInt[1] padding=[0], SymInt[1] dilation=[1], SymInt groups=1) -> Tensor")
@rule("aten::conv3d(Tensor input, Tensor weight, Tensor? bias=None, SymInt[3] stride=[1, 1, 1], SymInt[3] padding=[0, 0, 0], SymInt[3] dilation=[1, 1, 1], SymInt groups=1) -> Tensor")
def conv_nd(input: Tensor, weight: Tensor, bias: Optional[Tensor] = None, stride: List[int] = [1], padding: List[int] = [0],
            dilation: List[int] = [1], groups: int = 1) -> Tensor:
    return convolution(input, weight, bias, stride, padding, dilation, False, [0], groups)


def pool2d_window(op: str, kernel_size: List[int], stride: List[int]):
    # The kernel and stride of a 2-d pooling op, as its kernel checks them
    # (an omitted stride is the kernel size).
    check(len(kernel_size) == 1 or len(kernel_size) == 2,
          op + ": kernel_size must either be a single int, or a tuple of two ints")
    kh = kernel_size[0]
    kw = kh if len(kernel_size) == 1 else kernel_size[1]
    check(len(stride) == 0 or len(stride) == 1 or len(stride) == 2,
          op + ": stride must either be omitted, a single int, or a tuple of two ints")
    sh = kh if len(stride) == 0 else stride[0]
    sw = kw if len(stride) == 0 else (sh if len(stride) == 1 else stride[1])
    return kh, kw, sh, sw


def pool_params(input: Tensor, kernel_size: List[int], stride: List[int], padding: List[int], dilation: List[int]):
    kh, kw, sh, sw = pool2d_window("max_pool2d", kernel_size, stride)
    ph = padding[0]
    pw = ph if len(padding) == 1 else padding[1]
    dh = dilation[0]
    dw = dh if len(dilation) == 1 else dilation[1]
    check(input.dim() == 3 or input.dim() == 4, "non-empty 3D or 4D (batch mode) tensor expected for input")
    return kh, kw, sh, sw, ph, pw, dh, dw


def pool2d_output(input: Tensor, kernel_size: List[int], stride: List[int], padding: List[int], dilation: List[int],
                  ceil_mode: bool) -> List[int]:
    kh, kw, sh, sw, ph, pw, dh, dw = pool_params(input, kernel_size, stride, padding, dilation)
    oh = pooling_output_shape(input.size(-2), kh, ph, sh, dh, ceil_mode)
    ow = pooling_output_shape(input.size(-1), kw, pw, sw, dw, ceil_mode)
    check(oh >= 1 and ow >= 1, "Given input size: (" + str(input.size(-3)) + "x" + str(input.size(-2)) + "x" +
          str(input.size(-1)) + "). Calculated output size: (" + str(input.size(-3)) + "x" + str(oh) + "x" +
          str(ow) + "). Output size is too small")
    return input.shape[:input.dim() - 2] + [oh, ow]


def pooled(input: Tensor, shape: List[int], dtype) -> Tensor:
    fmt = suggest_memory_format(input)
    if input.dim() == 3:
        return empty(shape, dtype=dtype, device=input.device)
    return empty(shape, strides_for(shape, fmt), dtype=dtype, device=input.device)


@rule("aten::max_pool2d_with_indices(Tensor self, int[2] kernel_size, int[2] stride=[], int[2] padding=0, int[2] dilation=1, bool ceil_mode=False) -> (Tensor, Tensor)")
def max_pool2d_with_indices(self: Tensor, kernel_size: List[int], stride: List[int] = [], padding: List[int] = [0],
                            dilation: List[int] = [1], ceil_mode: bool = False):
    shape = pool2d_output(self, kernel_size, stride, padding, dilation, ceil_mode)
    return (pooled(self, shape, self.dtype), pooled(self, shape, int64))


@rule("aten::max_pool2d(Tensor self, int[2] kernel_size, int[2] stride=[], int[2] padding=0, int[2] dilation=1, bool ceil_mode=False) -> Tensor")
def max_pool2d(self: Tensor, kernel_size: List[int], stride: List[int] = [], padding: List[int] = [0],
               dilation: List[int] = [1], ceil_mode: bool = False) -> Tensor:
    shape = pool2d_output(self, kernel_size, stride, padding, dilation, ceil_mode)
    return pooled(self, shape, self.dtype)


@rule("aten::avg_pool2d(Tensor self, int[2] kernel_size, int[2] stride=[], int[2] padding=0, bool ceil_mode=False, bool count_include_pad=True, int? divisor_override=None) -> Tensor")
def avg_pool2d(self: Tensor, kernel_size: List[int], stride: List[int] = [], padding: List[int] = [0],
               ceil_mode: bool = False, count_include_pad: bool = True, divisor_override: Optional[int] = None) -> Tensor:
    check(divisor_override is None or divisor_override != 0, "divisor must be not zero")
    shape = pool2d_output(self, kernel_size, stride, padding, [1], ceil_mode)
    return pooled(self, shape, self.dtype)


@rule("aten::_adaptive_avg_pool2d(Tensor self, SymInt[2] output_size) -> Tensor")
def adaptive_avg_pool2d_(self: Tensor, output_size: List[int]) -> Tensor:
    check(self.dim() == 3 or self.dim() == 4, "adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got " +
          str(self.shape))
    check(len(output_size) == 2, "adaptive_avg_pool2d: output_size must be 2")
    for i in range(1, self.dim()):
        check(self.size(i) != 0, "adaptive_avg_pool2d(): Expected input to have non-zero size for non-batch "
              "dimensions, but input has sizes " + str(self.shape) + " with dimension " + str(i) + " being empty")
    shape = self.shape[:self.dim() - 2] + list(output_size)
    return pooled(self, shape, self.dtype)


# The composite adaptive_avg_pool2d is a mean over H, W for output (1, 1).
@rule("aten::adaptive_avg_pool2d(Tensor self, SymInt[2] output_size) -> Tensor")
def adaptive_avg_pool2d(self: Tensor, output_size: List[int]) -> Tensor:
    return adaptive_avg_pool2d_(self, output_size)


@rule("aten::native_layer_norm(Tensor input, SymInt[] normalized_shape, Tensor? weight, Tensor? bias, float eps) -> (Tensor, Tensor, Tensor)")
def native_layer_norm(input: Tensor, normalized_shape: List[int], weight: Optional[Tensor], bias: Optional[Tensor],
                      eps: float):
    n = len(normalized_shape)
    check(n >= 1, "Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, "
          "but got normalized_shape = " + str(normalized_shape))
    check(input.dim() >= n and input.shape[input.dim() - n:] == normalized_shape,
          "Given normalized_shape=" + str(normalized_shape) + ", expected input with shape [*, " +
          str(normalized_shape)[1:] + ", but got input of size" + str(input.shape))
    axis = input.dim() - n
    stat = input.shape[:axis] + [1] * n
    out = empty(input.shape, dtype=input.dtype, device=input.device)
    return (out, empty(stat, dtype=input.dtype, device=input.device), empty(stat, dtype=input.dtype, device=input.device))


@rule("aten::layer_norm(Tensor input, SymInt[] normalized_shape, Tensor? weight=None, Tensor? bias=None, float eps=1.0000000000000001e-05, bool cudnn_enable=True) -> Tensor")
def layer_norm(input: Tensor, normalized_shape: List[int], weight: Optional[Tensor] = None, bias: Optional[Tensor] = None,
               eps: float = 1e-05, cudnn_enable: bool = True) -> Tensor:
    out, mean, rstd = native_layer_norm(input, normalized_shape, weight, bias, eps)
    return out


@rule("aten::native_group_norm(Tensor input, Tensor? weight, Tensor? bias, SymInt N, SymInt C, SymInt HxW, int group, float eps) -> (Tensor, Tensor, Tensor)")
def native_group_norm(input: Tensor, weight: Optional[Tensor], bias: Optional[Tensor], N: int, C: int, HxW: int,
                      group: int, eps: float):
    check(C % group == 0, "Expected number of channels in input to be divisible by num_groups, but got input of shape " +
          str(input.shape) + " and num_groups=" + str(group))
    out = empty_like(input, memory_format=suggest_memory_format(input))
    return (out, empty([N, group], dtype=input.dtype, device=input.device),
            empty([N, group], dtype=input.dtype, device=input.device))


@rule("aten::group_norm(Tensor input, int num_groups, Tensor? weight=None, Tensor? bias=None, float eps=1.0000000000000001e-05, bool cudnn_enabled=True) -> Tensor")
def group_norm(input: Tensor, num_groups: int, weight: Optional[Tensor] = None, bias: Optional[Tensor] = None,
               eps: float = 1e-05, cudnn_enabled: bool = True) -> Tensor:
    check(input.dim() >= 2, "Expected at least 2 dimensions for input tensor but received " + str(input.dim()))
    N = input.size(0)
    C = input.size(1)
    check(C % num_groups == 0, "Expected number of channels in input to be divisible by num_groups, but got input of shape " +
          str(input.shape) + " and num_groups=" + str(num_groups))
    out, mean, rstd = native_group_norm(input, weight, bias, N, C, prod(input.shape[2:]), num_groups, eps)
    return out


@rule("aten::_native_batch_norm_legit_no_training(Tensor input, Tensor? weight, Tensor? bias, Tensor running_mean, Tensor running_var, float momentum, float eps) -> (Tensor, Tensor, Tensor)")
def batch_norm_no_training(input: Tensor, weight: Optional[Tensor], bias: Optional[Tensor], running_mean: Tensor,
                           running_var: Tensor, momentum: float, eps: float):
    out = empty_like(input, memory_format=suggest_memory_format(input))
    return (out, empty([0], dtype=input.dtype, device=input.device), empty([0], dtype=input.dtype, device=input.device))


@rule("aten::batch_norm(Tensor input, Tensor? weight, Tensor? bias, Tensor? running_mean, Tensor? running_var, bool training, float momentum, float eps, bool cudnn_enabled) -> Tensor")
def batch_norm(input: Tensor, weight: Optional[Tensor], bias: Optional[Tensor], running_mean: Optional[Tensor],
               running_var: Optional[Tensor], training: bool, momentum: float, eps: float, cudnn_enabled: bool) -> Tensor:
    check(input.dim() >= 2, "batch_norm: expected at least 2-d input")
    return empty_like(input, memory_format=suggest_memory_format(input))


@rule("aten::embedding(Tensor weight, Tensor indices, SymInt padding_idx=-1, bool scale_grad_by_freq=False, bool sparse=False) -> Tensor")
def embedding(weight: Tensor, indices: Tensor, padding_idx: int = -1, scale_grad_by_freq: bool = False,
              sparse: bool = False) -> Tensor:
    check(weight.dim() == 2, "'weight' must be 2-D")
    check(indices.dtype == int64 or indices.dtype == int32, "Expected tensor for argument #1 'indices' to have one of "
          "the following scalar types: Long, Int; but got " + str(indices.dtype) + " instead")
    return empty(indices.shape + [weight.size(1)], dtype=weight.dtype, device=weight.device)


@rule("aten::dropout(Tensor input, float p, bool train) -> Tensor")
def dropout(input: Tensor, p: float, train: bool) -> Tensor:
    check(p >= 0 and p <= 1, "dropout probability has to be between 0 and 1, but got " + str(p))
    return empty_like(input)


@rule("aten::gru.input(Tensor input, Tensor hx, Tensor[] params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional, bool batch_first) -> (Tensor, Tensor)")
def gru(input: Tensor, hx: Tensor, params: List[Tensor], has_biases: bool, num_layers: int, dropout: float,
        train: bool, bidirectional: bool, batch_first: bool):
    check(input.dim() == 3 or input.dim() == 2, "gru: input must be 2-D or 3-D")
    directions = 2 if bidirectional else 1
    hidden = hx.size(-1)
    check(len(params) == num_layers * directions * (4 if has_biases else 2), "gru: wrong number of parameters")
    h = empty(hx.shape, dtype=hx.dtype, device=hx.device)
    if input.dim() == 2:
        return (empty([input.size(0), directions * hidden], dtype=input.dtype, device=input.device), h)
    if batch_first:
        # computed time-major, returned transposed: (B, T, H) with strides of (T, B, H)
        b = input.size(0)
        t = input.size(1)
        out = empty([t, b, directions * hidden], dtype=input.dtype, device=input.device)
        return (view_of(out, [b, t, directions * hidden], [out.stride(1), out.stride(0), 1]), h)
    return (empty([input.size(0), input.size(1), directions * hidden], dtype=input.dtype, device=input.device), h)


@rule("aten::upsample_nearest2d.vec(Tensor input, SymInt[]? output_size, float[]? scale_factors) -> Tensor")
def upsample_nearest2d(input: Tensor, output_size: Optional[List[int]], scale_factors: Optional[List[float]]) -> Tensor:
    check(input.dim() == 4, "upsample_nearest2d: expected a 4-D input")
    check((output_size is None) != (scale_factors is None),
          "Must specify exactly one of output_size and scale_factor")
    if output_size is not None:
        check(len(output_size) == 2, "upsample_nearest2d: output_size must have 2 elements")
        spatial = list(output_size)
    else:
        check(len(scale_factors) == 2, "upsample_nearest2d: scale_factors must have 2 elements")
        # torch._decomp upsample_compute_output_size: integral scales multiply
        spatial = []
        for i in range(2):
            s = scale_factors[i]
            if float(int(s)) == s:
                spatial.append(input.size(i + 2) * int(s))
            else:
                spatial.append(int(sym_float(input.size(i + 2)) * s))
    shape = [input.size(0), input.size(1)] + spatial
    return empty(shape, strides_for(shape, suggest_memory_format(input)), dtype=input.dtype, device=input.device)


@rule("aten::pixel_shuffle(Tensor self, int upscale_factor) -> Tensor")
def pixel_shuffle(self: Tensor, upscale_factor: int) -> Tensor:
    check(self.dim() >= 3, "pixel_shuffle expects input to have at least 3 dimensions, but got input with " +
          str(self.dim()) + " dimension(s)")
    check(upscale_factor > 0, "pixel_shuffle expects a positive upscale_factor, but got " + str(upscale_factor))
    r = upscale_factor
    c = self.size(-3)
    check(c % (r * r) == 0, "pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of "
          "upscale_factor, but input.size(-3)=" + str(c) + " is not divisible by " + str(r * r))
    n = self.dim()
    shape = self.shape[:n - 3] + [c // (r * r), self.size(-2) * r, self.size(-1) * r]
    return empty(shape, strides_for(shape, suggest_memory_format(self)), dtype=self.dtype, device=self.device)


@rule("aten::pixel_unshuffle(Tensor self, int downscale_factor) -> Tensor")
def pixel_unshuffle(self: Tensor, downscale_factor: int) -> Tensor:
    check(self.dim() >= 3, "pixel_unshuffle expects input to have at least 3 dimensions, but got input with " +
          str(self.dim()) + " dimension(s)")
    check(downscale_factor > 0, "pixel_unshuffle expects a positive downscale_factor, but got " + str(downscale_factor))
    r = downscale_factor
    h = self.size(-2)
    w = self.size(-1)
    check(h % r == 0, "pixel_unshuffle expects height to be divisible by downscale_factor, but input.size(-2)=" + str(h) +
          " is not divisible by " + str(r))
    check(w % r == 0, "pixel_unshuffle expects width to be divisible by downscale_factor, but input.size(-1)=" + str(w) +
          " is not divisible by " + str(r))
    n = self.dim()
    shape = self.shape[:n - 3] + [self.size(-3) * r * r, h // r, w // r]
    return empty(shape, strides_for(shape, suggest_memory_format(self)), dtype=self.dtype, device=self.device)


# aten::scaled_dot_product_attention (math/flash reference): the output has
# the query's batch dims and length and the value's embedding size.
@rule("aten::scaled_dot_product_attention(Tensor query, Tensor key, Tensor value, Tensor? attn_mask=None, float dropout_p=0., bool is_causal=False, *, float? scale=None, bool enable_gqa=False) -> Tensor")
def scaled_dot_product_attention(query: Tensor, key: Tensor, value: Tensor, attn_mask: Optional[Tensor] = None,
                                 dropout_p: float = 0.0, is_causal: bool = False, scale: Optional[float] = None,
                                 enable_gqa: bool = False) -> Tensor:
    check(query.dim() >= 2 and key.dim() >= 2 and value.dim() >= 2,
          "scaled_dot_product_attention: query, key and value must be at least 2-d")
    check(query.size(-1) == key.size(-1), "scaled_dot_product_attention: query and key embedding sizes differ")
    check(key.size(-2) == value.size(-2), "scaled_dot_product_attention: key and value sequence lengths differ")
    check(not (is_causal and attn_mask is not None), "_scaled_dot_product_attention: Explicit attn_mask should not be set when is_causal=True")
    n = query.dim()
    shape = query.shape[:n - 1] + [value.size(-1)]
    return empty(shape, dtype=query.dtype, device=query.device)


# _scaled_dot_product_flash_attention_for_cpu (meta in
# torch/_meta_registrations.py): output like the query, contiguous;
# logsumexp [N, H, L] in float32, allocated as [N, L, H] and transposed.
@rule("aten::_scaled_dot_product_flash_attention_for_cpu(Tensor query, Tensor key, Tensor value, float dropout_p=0., bool is_causal=False, *, Tensor? attn_mask=None, float? scale=None) -> (Tensor output, Tensor logsumexp)")
def flash_attention_for_cpu(query: Tensor, key: Tensor, value: Tensor, dropout_p: float = 0.0, is_causal: bool = False,
                            attn_mask: Optional[Tensor] = None, scale: Optional[float] = None):
    check(query.dim() == 4 and key.dim() == 4 and value.dim() == 4,
          "_scaled_dot_product_flash_attention_for_cpu: query, key and value must be 4-d")
    b = query.size(0)
    h = query.size(1)
    l = query.size(2)
    out = empty([b, h, l, query.size(3)], dtype=query.dtype, device=query.device)
    lse = empty([b, l, h], dtype=float32, device=query.device)
    return (out, view_of(lse, [b, h, l], [lse.stride(0), lse.stride(2), lse.stride(1)]))


# aten::lstm.input: output (T, B, D*H) -- computed time-major and returned
# transposed for batch_first, as gru -- and h_n, c_n shaped like hx.
@rule("aten::lstm.input(Tensor input, Tensor[] hx, Tensor[] params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional, bool batch_first) -> (Tensor, Tensor, Tensor)")
def lstm(input: Tensor, hx: List[Tensor], params: List[Tensor], has_biases: bool, num_layers: int, dropout: float,
         train: bool, bidirectional: bool, batch_first: bool):
    check(len(hx) == 2, "lstm expects two hidden states")
    check(input.dim() == 3 or input.dim() == 2, "lstm: input must be 2-D or 3-D")
    directions = 2 if bidirectional else 1
    hidden = hx[0].size(-1)
    h = empty(hx[0].shape, dtype=hx[0].dtype, device=hx[0].device)
    c = empty(hx[1].shape, dtype=hx[1].dtype, device=hx[1].device)
    if input.dim() == 2:
        return (empty([input.size(0), directions * hidden], dtype=input.dtype, device=input.device), h, c)
    if batch_first:
        b = input.size(0)
        t = input.size(1)
        out = empty([t, b, directions * hidden], dtype=input.dtype, device=input.device)
        return (view_of(out, [b, t, directions * hidden], [out.stride(1), out.stride(0), 1]), h, c)
    return (empty([input.size(0), input.size(1), directions * hidden], dtype=input.dtype, device=input.device), h, c)


# native_batch_norm: saved statistics are [C] when training, else empty.
@rule("aten::native_batch_norm(Tensor input, Tensor? weight, Tensor? bias, Tensor? running_mean, Tensor? running_var, bool training, float momentum, float eps) -> (Tensor, Tensor, Tensor)")
def native_batch_norm(input: Tensor, weight: Optional[Tensor], bias: Optional[Tensor], running_mean: Optional[Tensor],
                      running_var: Optional[Tensor], training: bool, momentum: float, eps: float):
    check(input.dim() >= 2, "batch_norm: expected at least 2-d input")
    out = empty_like(input, memory_format=suggest_memory_format(input))
    stat = [input.size(1)] if training else [0]
    return (out, empty(stat, dtype=input.dtype, device=input.device), empty(stat, dtype=input.dtype, device=input.device))


@rule("aten::_native_batch_norm_legit_functional(Tensor input, Tensor? weight, Tensor? bias, Tensor running_mean, Tensor running_var, bool training, float momentum, float eps) -> (Tensor, Tensor, Tensor, Tensor running_mean_out, Tensor running_var_out)")
def batch_norm_legit_functional(input: Tensor, weight: Optional[Tensor], bias: Optional[Tensor], running_mean: Tensor,
                                running_var: Tensor, training: bool, momentum: float, eps: float):
    check(input.dim() >= 2, "batch_norm: expected at least 2-d input")
    out = empty_like(input, memory_format=suggest_memory_format(input))
    c = input.size(1)
    stat = [c] if training else [0]
    return (out, empty(stat, dtype=input.dtype, device=input.device), empty(stat, dtype=input.dtype, device=input.device),
            empty([c], dtype=running_mean.dtype, device=input.device), empty([c], dtype=running_var.dtype, device=input.device))
