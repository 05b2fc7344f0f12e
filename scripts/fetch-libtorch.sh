#!/usr/bin/env bash
# Fetch libtorch 2.4.0 (CPU) from PyPI wheels into DEST (default: .deps/libtorch).
#
# rust-bert 0.23 / tch 0.17 need libtorch 2.4.0. The PyPI `torch==2.4.0` wheel is the CUDA build; we keep
# only the headers and the CPU libraries, plus the two small CUDA runtime libraries that libtorch_cpu.so
# names as NEEDED (cudart, cupti). libtorch_cuda.so (900 MB) is left out.
set -euo pipefail

DEST=${1:-.deps/libtorch}
if [ -f "$DEST/.complete" ]; then
  exit 0
fi

PY=${PYTHON:-python3}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

echo "fetching libtorch 2.4.0 (CPU) from PyPI into $DEST ..." >&2
"$PY" -m pip download --quiet --no-deps --only-binary=:all: \
  --python-version 3.11 --implementation cp --abi cp311 --platform manylinux1_x86_64 \
  -d "$TMP" torch==2.4.0 nvidia-cuda-runtime-cu12==12.1.105 nvidia-cuda-cupti-cu12==12.1.105

cd "$TMP"
"$PY" - <<'PY'
import glob, zipfile
keep_torch = ("torch/include/", "torch/share/cmake/", "torch/lib/libtorch_cpu.so", "torch/lib/libtorch.so",
              "torch/lib/libc10.so", "torch/lib/libgomp")
for whl in glob.glob("*.whl"):
    with zipfile.ZipFile(whl) as z:
        for name in z.namelist():
            if whl.startswith("torch-"):
                if name.startswith(keep_torch):
                    z.extract(name, "x")
            elif name.endswith((".so.12",)) and ("libcudart" in name or "libcupti" in name):
                z.extract(name, "x")
PY
cd - >/dev/null
rm -rf "$DEST.partial"
mkdir -p "$DEST.partial/lib"
mv "$TMP/x/torch/include" "$DEST.partial/include"
[ -d "$TMP/x/torch/share" ] && mv "$TMP/x/torch/share" "$DEST.partial/share"
mv "$TMP"/x/torch/lib/* "$DEST.partial/lib/"
find "$TMP/x/nvidia" -name '*.so.12' -exec mv {} "$DEST.partial/lib/" \;
echo "2.4.0" > "$DEST.partial/build-version"
touch "$DEST.partial/.complete"
rm -rf "$DEST"
mv "$DEST.partial" "$DEST"
echo "libtorch ready in $DEST" >&2
