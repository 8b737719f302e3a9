# shellcheck shell=bash
# The fake NVIDIA driver for machines without a GPU (sourced, never run on its own):
#
#   wb_fakecuda_build   builds build/fakecuda/libcuda.so.1 when its inputs changed (seconds
#                       when nothing did) and exports
#                         WB_FAKECUDA_DIR   the folder holding libcuda.so.1
#                         WB_FAKECUDA_LIB   the library itself
#                         LD_LIBRARY_PATH   with WB_FAKECUDA_DIR first, so that JCuda's JNI
#                                           library (which links libcuda.so.1) gets the fake
#                       in the calling shell; a JVM started from it afterwards (mvn, surefire's
#                       forks) runs every CUDA call on the CPU:
#     source scripts/fakecuda.sh; wb_fakecuda_build
#     mvn -B -q -pl lib surefire:test -Dtest='Cuda*Test'
#
# The library (lib/src/test/fakecuda, see its README.md) implements the driver API calls the
# backend uses and runs the real kernels, lib/src/main/cuda/*.cu, compiled with g++ through
# the host-emulation shim lib/src/test/cuda/cuda_emu.h; the PTX committed under
# lib/src/main/resources/org/workbook/backend/cuda/ decides which kernels exist.
# Settings read by the library at run time: WORKBOOK_FAKECUDA_DEVICES (default 1; 0 = no GPU),
# WORKBOOK_FAKECUDA_MEMORY (bytes, default 2 GiB), WORKBOOK_FAKECUDA_POISON (0: do not fill
# new allocations with 0xFF bytes).
# Needs g++ (C++20), nm (binutils) and python3; the JCuda natives jar comes from Maven
# (~/.m2, or WB_M2_REPO for another local repository).

WB_FAKECUDA_CXXFLAGS=(-std=c++20 -O2 -g0 -fPIC -pthread -fvisibility=hidden -fvisibility-inlines-hidden
  -ffp-contract=off -fmax-errors=6 -Wall -Wno-unused-function -Wno-unused-variable -Wno-unknown-pragmas)

# _wb_fakecuda_jar ARTIFACT [CLASSIFIER]: the path of org.jcuda:ARTIFACT at the version the
# parent pom names; from the local Maven repository, else copied from Maven Central.
_wb_fakecuda_jar() {
  local artifact="$1" classifier="${2:-}" ver name jar
  ver=$(sed -n 's:.*<jcuda.version>\(.*\)</jcuda.version>.*:\1:p' "$WB_ROOT/pom.xml" | head -n1)
  [ -n "$ver" ] || wb_die "no <jcuda.version> in $WB_ROOT/pom.xml: the fake libcuda must match JCuda's imports."
  name="$artifact-$ver${classifier:+-$classifier}.jar"
  jar="${WB_M2_REPO:-$HOME/.m2/repository}/org/jcuda/$artifact/$ver/$name"
  if [ ! -f "$jar" ]; then
    jar="$WB_ROOT/build/fakecuda/jars/$name"
    if [ ! -f "$jar" ]; then
      wb_say "fetching org.jcuda:$artifact:$ver${classifier:+ ($classifier)} from Maven Central…"
      (cd "$WB_ROOT" && mvn -B -q dependency:copy -Dartifact="org.jcuda:$artifact:$ver:jar${classifier:+:$classifier}" \
        -DoutputDirectory="$WB_ROOT/build/fakecuda/jars" >&2) \
        || wb_die "could not fetch org.jcuda:$artifact:$ver from Maven Central (is it reachable?)."
    fi
  fi
  [ -f "$jar" ] || wb_die "JCuda jar missing at $jar."
  echo "$jar"
}

# The committed PTX files: those kernels.list names, or every *.ptx when there is no list.
# WB_FAKECUDA_PTX_DIR points elsewhere (to try PTX before committing it).
_wb_fakecuda_ptx_files() {
  local dir="${WB_FAKECUDA_PTX_DIR:-$WB_ROOT/lib/src/main/resources/org/workbook/backend/cuda}" name
  if [ -f "$dir/kernels.list" ]; then
    while read -r name _; do
      case "$name" in ''|'#'*) continue ;; esac
      case "$name" in *.ptx) ;; *) name="$name.ptx" ;; esac
      [ -f "$dir/$name" ] || wb_die "$dir/kernels.list names $name, which is not there (compile the kernels: see scripts/cuda-tools.sh)."
      echo "$dir/$name"
    done <"$dir/kernels.list"
  else
    ls "$dir"/*.ptx 2>/dev/null || true
  fi
}

# _wb_fakecuda_compile SRC OBJDIR DEPS_HASH: compiles SRC once per content (objects are named by
# a hash of the source, the headers and the flags), prints the object's path.
_wb_fakecuda_compile() {
  local src="$1" objdir="$2" deps="$3" key obj
  key=$( { cat "$src"; echo "$deps"; } | sha256sum | cut -c1-16)
  obj="$objdir/$(basename "${src%.*}")-$key.o"
  if [ -f "$obj" ]; then
    touch "$obj"  # still in use: keep it out of the clean-up of old objects
  else
    g++ "${WB_FAKECUDA_CXXFLAGS[@]}" -I"$WB_ROOT/lib/src/test/fakecuda" -I"$WB_ROOT/lib/src/test/cuda" \
      -I"$WB_ROOT/lib/src/main/cuda" -c "$src" -o "$obj.tmp" || return 1
    mv "$obj.tmp" "$obj"
  fi
  echo "$obj"
}

wb_fakecuda_build() {
  local src="$WB_ROOT/lib/src/test/fakecuda" out="$WB_ROOT/build/fakecuda" t
  for t in g++ nm python3 sha256sum; do
    command -v "$t" >/dev/null 2>&1 || wb_die "$t is missing; the fake libcuda needs it (Debian: apt-get install g++ binutils python3 coreutils)."
  done
  echo 'int main(){}' | g++ -std=c++20 -x c++ -fsyntax-only - 2>/dev/null \
    || wb_die "g++ $(g++ -dumpversion) cannot compile C++20; install g++ 11 or newer (Debian: apt-get install g++)."
  [ -f "$WB_ROOT/lib/src/test/cuda/cuda_emu.h" ] || wb_die "lib/src/test/cuda/cuda_emu.h (the kernels' CPU shim) is missing."

  local jar list ptx=()
  jar=$(_wb_fakecuda_jar jcuda-natives linux-x86_64) || exit 1
  list=$(_wb_fakecuda_ptx_files) || exit 1
  [ -z "$list" ] || mapfile -t ptx <<<"$list"
  [ "${#ptx[@]}" -gt 0 ] || wb_die "no PTX under ${WB_FAKECUDA_PTX_DIR:-lib/src/main/resources/org/workbook/backend/cuda/}: compile the kernels first."

  # Everything the library is made of; unchanged inputs mean nothing to do.
  local headers stamp
  headers=$(cat "$src"/*.h "$WB_ROOT"/lib/src/test/cuda/cuda_emu.h "$WB_ROOT"/lib/src/main/cuda/*.cuh \
    | sha256sum; echo "${WB_FAKECUDA_CXXFLAGS[*]} $(g++ -dumpfullversion 2>/dev/null || g++ -dumpversion)")
  stamp=$( { echo "$headers"; cat "$src"/*.cpp "$src"/*.py "${ptx[@]}" "$WB_ROOT"/lib/src/main/cuda/*.cu; \
    echo "$jar"; } | sha256sum | cut -c1-32)
  export WB_FAKECUDA_DIR="$out" WB_FAKECUDA_LIB="$out/libcuda.so.1"
  case ":${LD_LIBRARY_PATH:-}:" in *":$out:"*) ;; *) export LD_LIBRARY_PATH="$out${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" ;; esac
  if [ -f "$out/libcuda.so.1" ] && [ "$(cat "$out/.stamp" 2>/dev/null)" = "$stamp" ]; then
    return 0
  fi

  wb_say "building the fake libcuda (CPU emulation of the CUDA driver) in $out…"
  mkdir -p "$out/gen" "$out/obj" "$out/jni"
  rm -f "$out"/gen/tramp_*.cpp
  python3 - "$jar" "$out/jni" <<'PY' || wb_die "cannot read JCuda's JNI library from $jar."
import sys, zipfile
jar, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(jar) as z:
    names = [n for n in z.namelist() if n.split("/")[-1].startswith("libJCudaDriver-")]
    if not names:
        sys.exit("no libJCudaDriver in " + jar)
    with open(out + "/libJCudaDriver.so", "wb") as f:
        f.write(z.read(names[0]))
PY
  python3 "$src/gen_trampolines.py" "$out/gen" "$WB_ROOT/lib/src/main/cuda" "${ptx[@]}" || wb_die "could not generate the kernel trampolines (see above)."

  # Compile (two jobs per core at most); the kernels' objects are the slow part.
  local objs=() f deps failed=0 n=0 max
  max=$(nproc 2>/dev/null || echo 2)
  rm -f "$out/objs.list"
  for f in "$src"/fake_*.cpp "$out"/gen/tramp_*.cpp; do
    deps="$headers"
    t=$(basename "$f" .cpp)
    case "$t" in tramp_*) deps="$deps $(sha256sum <"$WB_ROOT/lib/src/main/cuda/${t#tramp_}.cu")" ;; esac
    ( o=$(_wb_fakecuda_compile "$f" "$out/obj" "$deps") && echo "$o" >>"$out/objs.list" ) &
    n=$((n + 1))
    if [ "$n" -ge "$max" ]; then wait -n || failed=1; n=$((n - 1)); fi
  done
  while [ "$n" -gt 0 ]; do wait -n || failed=1; n=$((n - 1)); done
  if [ "$failed" -ne 0 ]; then
    wb_die "the fake libcuda does not compile (above). An error in build/fakecuda/gen/tramp_*.cpp means a PTX .entry has no kernel of that name and parameter types in lib/src/main/cuda/*.cu: recompile the PTX."
  fi
  mapfile -t objs <"$out/objs.list"
  local core=()
  for f in "${objs[@]}"; do case "$(basename "$f")" in fake_*) core+=("$f") ;; esac; done
  python3 "$src/gen_stubs.py" "$out/jni/libJCudaDriver.so" "$out/gen/stubs.cpp" "${core[@]}" || wb_die "could not generate the stubs."
  objs+=("$(_wb_fakecuda_compile "$out/gen/stubs.cpp" "$out/obj" "$headers")") || wb_die "the stubs do not compile."

  # Only the cu* functions are exported: the kernels and the C++ runtime's template code stay
  # private, so nothing in the JVM's process can bind to them by accident.
  printf '{ global: cu*; local: *; };\n' >"$out/gen/exports.map"
  g++ -shared -pthread -Wl,-soname,libcuda.so.1 -Wl,-z,defs -Wl,--version-script="$out/gen/exports.map" \
    -o "$out/libcuda.so.1.tmp" "${objs[@]}" \
    || wb_die "linking the fake libcuda failed (above)."
  # Every function JCuda imports must be there, or loading its JNI library fails later.
  local missing
  missing=$(comm -23 <(sort "$out/gen/stubs.cpp.imports") <(nm -D --defined-only "$out/libcuda.so.1.tmp" | awk '{print $3}' | sort))
  [ -z "$missing" ] || wb_die "the fake libcuda lacks: $missing"
  mv "$out/libcuda.so.1.tmp" "$out/libcuda.so.1"
  ln -sf libcuda.so.1 "$out/libcuda.so"
  find "$out/obj" -name '*.o' -mmin +1440 -delete 2>/dev/null || true  # objects of old sources
  echo "$stamp" >"$out/.stamp"
  wb_say "fake libcuda ready: $(wc -l <"$out/gen/kernels.tsv") kernels from ${#ptx[@]} PTX file(s)."
}
