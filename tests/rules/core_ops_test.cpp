// Core ATen rules (issue "Meta rules II"): tables checked against PyTorch 2.6.
#include <catch2/catch.hpp>
