#!/usr/bin/env bash
# A short tour of the symshape CLI (the README's first command runs it).
#   examples/demo.sh [path/to/symshape]
set -euo pipefail
S=${1:-build/symshape}
run() { printf "$ symshape"; printf " %q" "$@"; echo; "$S" "$@"; echo; }
run --version
run simplify "Eq(2*s0 + 4, 2*s1)"
run simplify "s0 > 5"
run simplify "((s0 - 1)//2) + 1"
run simplify "FloorDiv(FloorDiv(x.size()[0], 2), 4) * 8 == x.size()[0]" --dialect python
run eval "s0 // -3" s0=7
run eval "s0 % -3" s0=7
run bound "(s0 - 1) // 2 + 1" s0=2..inf
run bound "s0 % 8 + s1" s0=0..inf s1=-4..4
# A ShapeEnv script: guards, static questions, produce_guards with
# minimization and translation validation, then agreement with the output
# real PyTorch 2.6 gave for the same script.
HERE=$(cd "$(dirname "$0")" && pwd)
# The main job: propagate shapes through a real exported model (PyTorch 2.6
# torch.export .pt2) from its inputs alone, then check every node against
# what PyTorch recorded.
run walk "$HERE/models/gpt_causal_attention.pt2"
run walk "$HERE/models/gpt_causal_attention.pt2" --check --ref "$HERE/models/gpt_causal_attention.ref.json"
run walk "$HERE/models/nonzero.pt2"
run rules coverage "$HERE/models/gpt_causal_attention.pt2"
run replay "$HERE/shapes/attention.shapes"
run replay "$HERE/shapes/attention.shapes" --compare "$HERE/shapes/attention.torch.json"
