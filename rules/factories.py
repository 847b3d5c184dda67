# factories.py -- new tensors: arange, full, zeros, ones, scalar_tensor, the
# *_like family, clone and dtype conversion copies.
from typing import List, Optional


def scalar_dtype(v) -> ScalarType:
    if is_bool(v):
        return bool_
    if is_int(v):
        return int64
    return float32


def device_of(device) -> str:
    return "cpu" if device is None else device


# torch._refs.arange: int arguments give int64 and the length
# (end - start + step - sign(step)) // step.
def arange_impl(start, end, step, dtype, device) -> Tensor:
    ints = is_int(start) and is_int(end) and is_int(step)
    dt = dtype
    if dt is None:
        dt = int64 if ints else float32
    check(step != 0, "step must be nonzero")
    if ints or dt == int64:
        s = int(start)
        e = int(end)
        st = int(step)
        check((st > 0 and e >= s) or (st < 0 and e <= s), "upper bound and larger bound inconsistent with step sign")
        sgn = 1 if st > 0 else -1
        length = (e - s + st - sgn) // st
    else:
        check((step > 0 and end >= start) or (step < 0 and end <= start),
              "upper bound and larger bound inconsistent with step sign")
        length = guard_int(ceil_float((end - start) / step))
    return empty([length], dtype=dt, device=device_of(device))


def ceil_float(x) -> int:
    i = int(x)
    return i + 1 if i < x else i


@rule("aten::arange(Scalar end, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor")
def arange(end: Scalar, dtype: Optional[ScalarType] = None, layout=None, device=None, pin_memory: Optional[bool] = None) -> Tensor:
    return arange_impl(0, end, 1, dtype, device)


@rule("aten::arange.start(Scalar start, Scalar end, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor")
def arange_start(start: Scalar, end: Scalar, dtype: Optional[ScalarType] = None, layout=None, device=None,
                 pin_memory: Optional[bool] = None) -> Tensor:
    return arange_impl(start, end, 1, dtype, device)


@rule("aten::arange.start_step(Scalar start, Scalar end, Scalar step=1, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor")
def arange_start_step(start: Scalar, end: Scalar, step: Scalar = 1, dtype: Optional[ScalarType] = None, layout=None,
                      device=None, pin_memory: Optional[bool] = None) -> Tensor:
    return arange_impl(start, end, step, dtype, device)


def check_sizes(size: List[int], op: str):
    for s in size:
        check(s >= 0, "Trying to create tensor with negative dimension " + str(s) + ": " + str(size))


@rule("aten::full(SymInt[] size, Scalar fill_value, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor")
def full(size: List[int], fill_value: Scalar, dtype: Optional[ScalarType] = None, layout=None, device=None,
         pin_memory: Optional[bool] = None) -> Tensor:
    check_sizes(size, "full")
    return empty(size, dtype=scalar_dtype(fill_value) if dtype is None else dtype, device=device_of(device))


@rule("aten::zeros(SymInt[] size, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor")
@rule("aten::ones(SymInt[] size, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor")
@rule("aten::empty.memory_format(SymInt[] size, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat? memory_format=None) -> Tensor")
def zeros(size: List[int], dtype: Optional[ScalarType] = None, layout=None, device=None, pin_memory: Optional[bool] = None,
          memory_format: Optional[MemoryFormat] = None) -> Tensor:
    check_sizes(size, "zeros")
    fmt = contiguous_format if memory_format is None else memory_format
    return empty(size, strides_for(size, fmt), dtype=float32 if dtype is None else dtype, device=device_of(device))


@rule("aten::scalar_tensor(Scalar s, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor")
def scalar_tensor(s: Scalar, dtype: Optional[ScalarType] = None, layout=None, device=None,
                  pin_memory: Optional[bool] = None) -> Tensor:
    return empty([], dtype=float32 if dtype is None else dtype, device=device_of(device))


@rule("aten::zeros_like(Tensor self, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat? memory_format=None) -> Tensor")
@rule("aten::ones_like(Tensor self, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat? memory_format=None) -> Tensor")
@rule("aten::empty_like(Tensor self, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat? memory_format=None) -> Tensor")
def zeros_like(self: Tensor, dtype: Optional[ScalarType] = None, layout=None, device=None,
               pin_memory: Optional[bool] = None, memory_format: Optional[MemoryFormat] = None) -> Tensor:
    return empty_like(self, dtype, memory_format)


@rule("aten::full_like(Tensor self, Scalar fill_value, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat? memory_format=None) -> Tensor")
def full_like(self: Tensor, fill_value: Scalar, dtype: Optional[ScalarType] = None, layout=None, device=None,
              pin_memory: Optional[bool] = None, memory_format: Optional[MemoryFormat] = None) -> Tensor:
    return empty_like(self, dtype, memory_format)


@rule("aten::clone(Tensor self, *, MemoryFormat? memory_format=None) -> Tensor")
def clone(self: Tensor, memory_format: Optional[MemoryFormat] = None) -> Tensor:
    return empty_like(self, None, memory_format)


@rule("aten::_to_copy(Tensor self, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, bool non_blocking=False, MemoryFormat? memory_format=None) -> Tensor")
def to_copy(self: Tensor, dtype: Optional[ScalarType] = None, layout=None, device=None, pin_memory: Optional[bool] = None,
            non_blocking: bool = False, memory_format: Optional[MemoryFormat] = None) -> Tensor:
    return empty_like(self, dtype, memory_format)
