#!/usr/bin/env bash
# Installs every Debian (bookworm) package symshape needs to build, test and
# benchmark.  Idempotent: when everything is present it only checks (~0.1 s).
# Runs apt-get as root, or through sudo otherwise.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git  # toolchain
  libz3-dev                             # the SMT solver (4.8.12 on bookworm)
  libboost-graph-dev                    # the graph walker's adjacency_list
  nlohmann-json3-dev                    # JSON formats (docs/formats.md)
  libcli11-dev                          # command-line parsing
  libzip-dev                            # reading torch.export .pt2 archives
  catch2                                # tests (Catch2 v2)
  libbenchmark-dev                      # bench/ (Google Benchmark)
  python3                               # bench/*.py (corpus generator, ground truth, side by side)
  z3 cvc5                               # the corpus's ground truth: two independent solvers
  gnuplot-nox                           # `symshape bench run --plot` charts
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "setup.sh: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  SUDO=sudo
fi
echo "setup.sh: installing ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
