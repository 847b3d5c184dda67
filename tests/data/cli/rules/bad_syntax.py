@rule("myns::f(Tensor self) -> Tensor")
def f(self: Tensor) -> Tensor:
    return empty(self.size(0) +, dtype=self.dtype)
