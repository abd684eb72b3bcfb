#!/usr/bin/env bash
# Installs the Debian packages sqlx-cpp needs, only those that are missing.
# Used by both README commands and by .ci/run. Needs root (or sudo) when something is missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libpq-dev libpg-query-dev nlohmann-json3-dev libfmt-dev libssl-dev libgtest-dev libprotobuf-c-dev
  libboost1.81-dev
  libsqlite3-dev
  postgresql-15
)
# Extra packages for the full CI run (second compiler, clang plugin, libFuzzer runtime for
# scripts/fuzz.sh, benchmarks baselines).
if [[ "${SQLX_CPP_DEPS:-}" == "ci" ]]; then
  packages+=(clang-19 libclang-19-dev libclang-cpp19-dev llvm-19-dev libclang-rt-19-dev)
  # The IDE tests (tests/compile/ide): Debian 12's default clangd (14) and clangd 19.
  packages+=(clangd-14 clangd-19)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
