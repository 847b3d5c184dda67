# pointwise.py -- elementwise operators: broadcasting, type promotion and
# output strides follow prelude.pointwise (FakeTensor's fast binary path and
# the prims' elementwise meta).
from typing import List, Optional


@rule("aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor")
@rule("aten::sub.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor")
def add_sub(self: Tensor, other: Tensor, alpha: Scalar = 1) -> Tensor:
    return pointwise([self, other])


@rule("aten::add.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor")
@rule("aten::sub.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor")
def add_sub_scalar(self: Tensor, other: Scalar, alpha: Scalar = 1) -> Tensor:
    return pointwise([self, other])


@rule("aten::mul.Tensor(Tensor self, Tensor other) -> Tensor")
@rule("aten::maximum(Tensor self, Tensor other) -> Tensor")
@rule("aten::minimum(Tensor self, Tensor other) -> Tensor")
@rule("aten::remainder.Tensor(Tensor self, Tensor other) -> Tensor")
@rule("aten::fmod.Tensor(Tensor self, Tensor other) -> Tensor")
def binary(self: Tensor, other: Tensor) -> Tensor:
    return pointwise([self, other])


@rule("aten::mul.Scalar(Tensor self, Scalar other) -> Tensor")
@rule("aten::remainder.Scalar(Tensor self, Scalar other) -> Tensor")
@rule("aten::fmod.Scalar(Tensor self, Scalar other) -> Tensor")
def binary_scalar(self: Tensor, other: Scalar) -> Tensor:
    return pointwise([self, other])


@rule("aten::div.Tensor(Tensor self, Tensor other) -> Tensor")
def div(self: Tensor, other: Tensor) -> Tensor:
    return pointwise([self, other], "int_to_float")


@rule("aten::pow.Tensor_Tensor(Tensor self, Tensor exponent) -> Tensor")
def pow_tensor(self: Tensor, exponent: Tensor) -> Tensor:
    return pointwise([self, exponent])


@rule("aten::div.Scalar(Tensor self, Scalar other) -> Tensor")
def div_scalar(self: Tensor, other: Scalar) -> Tensor:
    return pointwise([self, other], "int_to_float")


@rule("aten::pow.Tensor_Scalar(Tensor self, Scalar exponent) -> Tensor")
def pow_scalar(self: Tensor, exponent: Scalar) -> Tensor:
    return pointwise([self, exponent])


@rule("aten::eq.Tensor(Tensor self, Tensor other) -> Tensor")
@rule("aten::ne.Tensor(Tensor self, Tensor other) -> Tensor")
@rule("aten::lt.Tensor(Tensor self, Tensor other) -> Tensor")
@rule("aten::le.Tensor(Tensor self, Tensor other) -> Tensor")
@rule("aten::gt.Tensor(Tensor self, Tensor other) -> Tensor")
@rule("aten::ge.Tensor(Tensor self, Tensor other) -> Tensor")
@rule("aten::logical_and(Tensor self, Tensor other) -> Tensor")
@rule("aten::logical_or(Tensor self, Tensor other) -> Tensor")
def compare(self: Tensor, other: Tensor) -> Tensor:
    return pointwise([self, other], "always_bool")


@rule("aten::eq.Scalar(Tensor self, Scalar other) -> Tensor")
@rule("aten::ne.Scalar(Tensor self, Scalar other) -> Tensor")
@rule("aten::lt.Scalar(Tensor self, Scalar other) -> Tensor")
@rule("aten::le.Scalar(Tensor self, Scalar other) -> Tensor")
@rule("aten::gt.Scalar(Tensor self, Scalar other) -> Tensor")
@rule("aten::ge.Scalar(Tensor self, Scalar other) -> Tensor")
def compare_scalar(self: Tensor, other: Scalar) -> Tensor:
    return pointwise([self, other], "always_bool")


@rule("aten::relu(Tensor self) -> Tensor")
@rule("aten::neg(Tensor self) -> Tensor")
@rule("aten::sign(Tensor self) -> Tensor")
@rule("aten::floor(Tensor self) -> Tensor")
@rule("aten::ceil(Tensor self) -> Tensor")
@rule("aten::round(Tensor self) -> Tensor")
@rule("aten::trunc(Tensor self) -> Tensor")
@rule("aten::bitwise_not(Tensor self) -> Tensor")
def unary(self: Tensor) -> Tensor:
    return pointwise([self])


@rule("aten::logical_not(Tensor self) -> Tensor")
@rule("aten::isnan(Tensor self) -> Tensor")
@rule("aten::isinf(Tensor self) -> Tensor")
def unary_bool(self: Tensor) -> Tensor:
    return pointwise([self], "always_bool")


@rule("aten::abs(Tensor self) -> Tensor")
def abs_(self: Tensor) -> Tensor:
    return pointwise([self], "complex_to_float")


@rule("aten::sigmoid(Tensor self) -> Tensor")
@rule("aten::tanh(Tensor self) -> Tensor")
@rule("aten::sin(Tensor self) -> Tensor")
@rule("aten::cos(Tensor self) -> Tensor")
@rule("aten::exp(Tensor self) -> Tensor")
@rule("aten::log(Tensor self) -> Tensor")
@rule("aten::sqrt(Tensor self) -> Tensor")
@rule("aten::rsqrt(Tensor self) -> Tensor")
@rule("aten::erf(Tensor self) -> Tensor")
@rule("aten::reciprocal(Tensor self) -> Tensor")
def unary_float(self: Tensor) -> Tensor:
    return pointwise([self], "int_to_float")


@rule("aten::gelu(Tensor self, *, str approximate=\"none\") -> Tensor")
def gelu(self: Tensor, approximate: str = "none") -> Tensor:
    check(approximate == "none" or approximate == "tanh", "approximate argument must be either none or tanh.")
    return pointwise([self])


@rule("aten::clamp(Tensor self, Scalar? min=None, Scalar? max=None) -> Tensor")
def clamp(self: Tensor, min: Optional[Scalar] = None, max: Optional[Scalar] = None) -> Tensor:
    check(min is not None or max is not None, "torch.clamp: At least one of 'min' or 'max' must not be None")
    return pointwise([self, min, max])


@rule("aten::clamp_min(Tensor self, Scalar min) -> Tensor")
def clamp_min(self: Tensor, min: Scalar) -> Tensor:
    return pointwise([self, min])


@rule("aten::clamp_max(Tensor self, Scalar max) -> Tensor")
def clamp_max(self: Tensor, max: Scalar) -> Tensor:
    return pointwise([self, max])


@rule("aten::where.self(Tensor condition, Tensor self, Tensor other) -> Tensor")
def where(condition: Tensor, self: Tensor, other: Tensor) -> Tensor:
    return pointwise([condition, self, other], dtype=result_type(self, other))


@rule("aten::masked_fill.Scalar(Tensor self, Tensor mask, Scalar value) -> Tensor")
def masked_fill(self: Tensor, mask: Tensor, value: Scalar) -> Tensor:
    check(mask.dtype == bool_, "masked_fill_ only supports boolean masks, but got mask with dtype " + str(mask.dtype))
    out = pointwise([mask, self], dtype=self.dtype)
    check(out.shape == self.shape, "masked_fill: the mask must broadcast to the input's shape")
    return out


@rule("aten::masked_fill.Tensor(Tensor self, Tensor mask, Tensor value) -> Tensor")
def masked_fill_tensor(self: Tensor, mask: Tensor, value: Tensor) -> Tensor:
    check(value.dim() == 0, "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with " +
          str(value.dim()) + " dimension(s).")
    return pointwise([mask, self], dtype=self.dtype)
