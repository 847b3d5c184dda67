# linalg.py -- matrix products.  Outputs are fresh and contiguous.
from typing import List, Optional


@rule("aten::mm(Tensor self, Tensor mat2) -> Tensor")
def mm(self: Tensor, mat2: Tensor) -> Tensor:
    # torch/_meta_registrations.py meta_mm: ranks and the reduction dim only
    # (no dtype check: the output takes self's dtype).
    check(self.dim() == 2, "a must be 2D")
    check(mat2.dim() == 2, "b must be 2D")
    check(self.size(1) == mat2.size(0), "a and b must have same reduction dim, but got [" + str(self.size(0)) +
          ", " + str(self.size(1)) + "] X [" + str(mat2.size(0)) + ", " + str(mat2.size(1)) + "].")
    return empty([self.size(0), mat2.size(1)], dtype=self.dtype, device=self.device)


@rule("aten::bmm(Tensor self, Tensor mat2) -> Tensor")
def bmm(self: Tensor, mat2: Tensor) -> Tensor:
    check(self.dim() == 3, "batch1 must be a 3D tensor")
    check(mat2.dim() == 3, "batch2 must be a 3D tensor")
    check(self.size(0) == mat2.size(0), "batch1 and batch2 must have same number of batches, got " +
          str(self.size(0)) + " and " + str(mat2.size(0)))
    check(self.size(2) == mat2.size(1), "Expected size for first two dimensions of batch2 tensor to be: [" +
          str(self.size(0)) + ", " + str(self.size(2)) + "] but got: [" + str(mat2.size(0)) + ", " +
          str(mat2.size(1)) + "].")
    return empty([self.size(0), self.size(1), mat2.size(2)], dtype=self.dtype, device=self.device)


@rule("aten::addmm(Tensor self, Tensor mat1, Tensor mat2, *, Scalar beta=1, Scalar alpha=1) -> Tensor")
def addmm(self: Tensor, mat1: Tensor, mat2: Tensor, beta: Scalar = 1, alpha: Scalar = 1) -> Tensor:
    out = mm(mat1, mat2)
    infer_expand_geometry(self.shape, self.stride(), out.shape)
    return out


@rule("aten::baddbmm(Tensor self, Tensor batch1, Tensor batch2, *, Scalar beta=1, Scalar alpha=1) -> Tensor")
def baddbmm(self: Tensor, batch1: Tensor, batch2: Tensor, beta: Scalar = 1, alpha: Scalar = 1) -> Tensor:
    out = bmm(batch1, batch2)
    infer_expand_geometry(self.shape, self.stride(), out.shape)
    return out


# at::native::linear: input @ weight.t() + bias; the output is contiguous.
@rule("aten::linear(Tensor input, Tensor weight, Tensor? bias=None) -> Tensor")
def linear(input: Tensor, weight: Tensor, bias: Optional[Tensor] = None) -> Tensor:
    check(weight.dim() == 1 or weight.dim() == 2, "linear(): weight must be 1-D or 2-D")
    if weight.dim() == 1:
        out = matmul(input, weight)
    else:
        out = matmul(input, view_of(weight, [weight.size(1), weight.size(0)], [weight.stride(1), weight.stride(0)]))
    if bias is not None:
        broadcast_shapes(bias.shape, out.shape)
    return out


# at::native::matmul (LinearAlgebra.cpp), by the ranks of its operands.
@rule("aten::matmul(Tensor self, Tensor other) -> Tensor")
def matmul(self: Tensor, other: Tensor) -> Tensor:
    d1 = self.dim()
    d2 = other.dim()
    check(d1 != 0 and d2 != 0, "both arguments to matmul need to be at least 1D, but they are " + str(d1) +
          "D and " + str(d2) + "D")
    if d1 == 1 and d2 == 1:
        check(self.size(0) == other.size(0), "inconsistent tensor size, expected tensor [" + str(self.size(0)) +
              "] and src [" + str(other.size(0)) + "] to have the same number of elements, but got " +
              str(self.size(0)) + " and " + str(other.size(0)) + " elements respectively")
        return empty([], dtype=self.dtype, device=self.device)
    if d1 == 2 and d2 == 1:
        check(self.size(1) == other.size(0), "size mismatch, got input (" + str(self.size(0)) + "), mat (" +
              str(self.size(0)) + "x" + str(self.size(1)) + "), vec (" + str(other.size(0)) + ")")
        return empty([self.size(0)], dtype=self.dtype, device=self.device)
    if d1 == 1 and d2 == 2:
        check(self.size(0) == other.size(0), "size mismatch in matmul")
        return empty([other.size(1)], dtype=self.dtype, device=self.device)
    if d1 == 2 and d2 == 2:
        return mm(self, other)
    if d1 >= 3 and (d2 == 1 or d2 == 2):
        # folded into one mm: (..., n, k) @ (k, m)
        k = self.size(-1)
        check(k == other.size(0), "mat1 and mat2 shapes cannot be multiplied (" + str(prod(self.shape[:d1 - 1])) +
              "x" + str(k) + " and " + str(other.size(0)) + "x" + str(other.size(1) if d2 == 2 else 1) + ")")
        shape = self.shape[:d1 - 1]
        if d2 == 2:
            shape = shape + [other.size(1)]
        return empty(shape, dtype=self.dtype, device=self.device)
    # batched: broadcast the batch dims, then bmm
    n = self.size(-2) if d1 >= 2 else 1
    m1 = self.size(-1)
    m2 = other.size(-2) if d2 >= 2 else other.size(0)
    p = other.size(-1) if d2 >= 2 else 1
    check(m1 == m2, "Expected size for first two dimensions of batch2 tensor to be: [" + str(m1) + "] but got: [" +
          str(m2) + "].")
    batch1 = self.shape[:d1 - 2] if d1 >= 2 else []
    batch2 = other.shape[:d2 - 2] if d2 >= 2 else []
    batch = broadcast_shapes(batch1, batch2)
    shape = list(batch)
    if d1 > 1:
        shape.append(n)
    if d2 > 1:
        shape.append(p)
    return empty(shape, dtype=self.dtype, device=self.device)


# aten::einsum: output dims in the order of the output subscripts (or the
# broadcast ellipsis dims, then the alphabetical order of the letters used
# once); sizes from the operands.  "..." stands for the broadcast of the
# operands' remaining leading dims.
@rule("aten::einsum(str equation, Tensor[] tensors, *, int[]? path=None) -> Tensor")
def einsum(equation: str, tensors: List[Tensor], path: Optional[List[int]] = None) -> Tensor:
    eq = equation.replace(" ", "").replace("...", ".")
    arrow = eq.find("->")
    lhs = eq if arrow < 0 else eq[:arrow]
    terms = lhs.split(",")
    check(len(terms) == len(tensors), "einsum(): more operands were provided than specified in the equation")
    letters = []
    sizes = []
    counts = []
    ell = []
    for i in range(len(terms)):
        term = terms[i]
        t = tensors[i]
        dims = list(t.shape)
        if "." in term:
            e = term.find(".")
            n_ell = t.dim() - (len(term) - 1)
            check(n_ell >= 0, "einsum(): the number of subscripts in the equation (" + str(len(term) - 1) +
                  ") is more than the number of dimensions (" + str(t.dim()) + ") for operand " + str(i))
            ell = broadcast_shapes(ell, dims[e:e + n_ell])
            dims = dims[:e] + dims[e + n_ell:]
            term = term.replace(".", "")
        check(len(term) == len(dims), "einsum(): the number of subscripts in the equation (" + str(len(term)) +
              ") does not match the number of dimensions (" + str(t.dim()) + ") for operand " + str(i) +
              " and no ellipsis was given")
        for j in range(len(term)):
            c = term[j]
            if c in letters:
                k = letters.index(c)
                counts[k] = counts[k] + 1
                if size_oblivious(sizes[k] == 1):
                    sizes[k] = dims[j]
                elif not size_oblivious(dims[j] == 1):
                    check(sizes[k] == dims[j], "einsum(): operands do not broadcast with remapped shapes")
            else:
                letters.append(c)
                sizes.append(dims[j])
                counts.append(1)
    if arrow >= 0:
        out = eq[arrow + 2:]
    else:
        out = "."
        for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ":
            if c in letters and counts[letters.index(c)] == 1:
                out = out + c
    shape = []
    for c in out:
        if c == ".":
            shape = shape + ell
            continue
        check(c in letters, "einsum(): output subscript " + c + " does not appear in the equation for any input operand")
        shape.append(sizes[letters.index(c)])
    dt = tensors[0].dtype
    for t in tensors:
        dt = promote_types(dt, t.dtype)
    return empty(shape, dtype=dt, device=tensors[0].device)
