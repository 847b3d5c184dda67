# core_math.py -- Core ATen pointwise math and bitwise operators that go
# through PyTorch's elementwise references (torch._refs): broadcasting is
# checked with the references' message, then prelude.pointwise computes the
# shape, dtype and strides.
from typing import List, Optional


# torch._refs._broadcast_shapes: the common shape of the tensors among
# `args`, with the references' error message (the shapes counted by
# position among the tensors).
def core_refs_broadcast(args) -> List[int]:
    shapes = [a.shape for a in args if is_tensor(a)]
    n = 0
    for s in shapes:
        if len(s) > n:
            n = len(s)
    common = [1] * n
    for arg_idx in range(len(shapes)):
        shape = shapes[arg_idx]
        for k in range(1, len(shape) + 1):
            i = n - k
            j = len(shape) - k
            if size_oblivious(common[i] == 1):
                common[i] = shape[j]
            elif size_oblivious(shape[j] != 1):
                check(common[i] == shape[j], "Attempting to broadcast a dimension of length " + str(shape[j]) +
                      " at " + str(-k) + "! Mismatching argument at index " + str(arg_idx) + " had torch.Size(" +
                      str(shape) + "); but expected shape should be broadcastable to " + str(common))
    return common


def core_elementwise(args, kind: str = "default", dtype=None) -> Tensor:
    core_refs_broadcast(args)
    return pointwise(args, kind, dtype)


# torch._refs: unary references with INT_TO_FLOAT promotion.
@rule("aten::acos(Tensor self) -> Tensor")
@rule("aten::acosh(Tensor self) -> Tensor")
@rule("aten::asin(Tensor self) -> Tensor")
@rule("aten::asinh(Tensor self) -> Tensor")
@rule("aten::atan(Tensor self) -> Tensor")
@rule("aten::atanh(Tensor self) -> Tensor")
@rule("aten::cosh(Tensor self) -> Tensor")
@rule("aten::sinh(Tensor self) -> Tensor")
@rule("aten::tan(Tensor self) -> Tensor")
@rule("aten::expm1(Tensor self) -> Tensor")
@rule("aten::log10(Tensor self) -> Tensor")
@rule("aten::log1p(Tensor self) -> Tensor")
@rule("aten::log2(Tensor self) -> Tensor")
def core_unary_float(self: Tensor) -> Tensor:
    return pointwise([self], "int_to_float")


# torch._refs.atan2 (INT_TO_FLOAT).
@rule("aten::atan2(Tensor self, Tensor other) -> Tensor")
def core_atan2(self: Tensor, other: Tensor) -> Tensor:
    return core_elementwise([self, other], "int_to_float")


# torch._prims_common.can_safe_cast_to
def core_can_safe_cast(cast_from, cast_to) -> bool:
    if is_complex_dtype(cast_to):
        return True
    if is_complex_dtype(cast_from):
        return False
    if is_floating_dtype(cast_to):
        return True
    if is_floating_dtype(cast_from):
        return False
    if is_integral_dtype(cast_to, False):
        return True
    if is_integral_dtype(cast_from, False):
        return False
    return True


# torch._prims_common.wrappers.out_wrapper: the result is copied into `out`
# (resized to a contiguous tensor of the result's shape when it differs),
# and `out` is returned.
def core_write_out(result: Tensor, out: Tensor) -> Tensor:
    check(core_can_safe_cast(result.dtype, out.dtype), "Attempting to cast from torch." + str(result.dtype) +
          " to out tensor with dtype torch." + str(out.dtype) + ", but this can't be cast because it is not safe!")
    if len(out.shape) == len(result.shape) and out.shape == result.shape:
        return out
    return view_of(out, result.shape, contiguous_strides(result.shape))


@rule("aten::atan2.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)")
def core_atan2_out(self: Tensor, other: Tensor, out: Tensor) -> Tensor:
    return core_write_out(core_atan2(self, other), out)


# torch._refs.bitwise_and / bitwise_or / bitwise_xor (DEFAULT promotion).
@rule("aten::bitwise_and.Tensor(Tensor self, Tensor other) -> Tensor")
@rule("aten::bitwise_or.Tensor(Tensor self, Tensor other) -> Tensor")
@rule("aten::bitwise_xor.Tensor(Tensor self, Tensor other) -> Tensor")
def core_bitwise(self: Tensor, other: Tensor) -> Tensor:
    return core_elementwise([self, other])


@rule("aten::bitwise_and.Scalar(Tensor self, Scalar other) -> Tensor")
@rule("aten::bitwise_or.Scalar(Tensor self, Scalar other) -> Tensor")
@rule("aten::bitwise_xor.Scalar(Tensor self, Scalar other) -> Tensor")
def core_bitwise_scalar(self: Tensor, other: Scalar) -> Tensor:
    return core_elementwise([self, other])


# torch._refs.logical_xor (ALWAYS_BOOL).
@rule("aten::logical_xor(Tensor self, Tensor other) -> Tensor")
def core_logical_xor(self: Tensor, other: Tensor) -> Tensor:
    return core_elementwise([self, other], "always_bool")


# torch._refs.clamp: min and max take part in the promotion and broadcast.
@rule("aten::clamp.Tensor(Tensor self, Tensor? min=None, Tensor? max=None) -> Tensor")
def core_clamp_tensor(self: Tensor, min: Optional[Tensor] = None, max: Optional[Tensor] = None) -> Tensor:
    check(min is not None or max is not None, "clamp called but both min and max are none!")
    args = [self]
    if min is not None:
        args.append(min)
    if max is not None:
        args.append(max)
    return core_elementwise(args)


# torch._refs.div: true division (INT_TO_FLOAT) without a rounding mode,
# else trunc_divide / floor_divide (DEFAULT).
def core_div_mode(args, rounding_mode) -> Tensor:
    if rounding_mode is None:
        return core_elementwise(args, "int_to_float")
    check(rounding_mode == "trunc" or rounding_mode == "floor",
          "div expected rounding_mode to be one of None, 'trunc', or 'floor' but found " + str(rounding_mode) + ".")
    return core_elementwise(args)


@rule("aten::div.Tensor_mode(Tensor self, Tensor other, *, str? rounding_mode) -> Tensor")
def core_div_tensor_mode(self: Tensor, other: Tensor, rounding_mode: Optional[str]) -> Tensor:
    return core_div_mode([self, other], rounding_mode)


@rule("aten::div.Scalar_mode(Tensor self, Scalar other, *, str? rounding_mode) -> Tensor")
def core_div_scalar_mode(self: Tensor, other: Scalar, rounding_mode: Optional[str]) -> Tensor:
    return core_div_mode([self, other], rounding_mode)


# torch._refs.nn.functional.hardtanh / leaky_relu: same dtype and layout.
@rule("aten::hardtanh(Tensor self, Scalar min_val=-1, Scalar max_val=1) -> Tensor")
def core_hardtanh(self: Tensor, min_val: Scalar = -1, max_val: Scalar = 1) -> Tensor:
    return pointwise([self])


@rule("aten::leaky_relu(Tensor self, Scalar negative_slope=0.01) -> Tensor")
def core_leaky_relu(self: Tensor, negative_slope: Scalar = 0.01) -> Tensor:
    return pointwise([self])


# torch._refs.pow with a Python scalar base.
@rule("aten::pow.Scalar(Scalar self, Tensor exponent) -> Tensor")
def core_pow_scalar_base(self: Scalar, exponent: Tensor) -> Tensor:
    return pointwise([self, exponent])
