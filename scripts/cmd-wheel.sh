# shellcheck shell=bash
# build the pip-installable kernel: dist/workbook_kernel-VERSION-py3-none-any.whl (jar, kernelspec, lessons)
#
#   ./workbook wheel     builds the kernel jar when stale, stages python/ with it, builds the wheel
#
# The wheel carries the kernel jar, the lesson notebooks and the MNIST checksums inside the
# Python package workbook_kernel, and share/jupyter/kernels/java-workbook/kernel.json as wheel
# data (pip puts it in the environment's Jupyter path: no step after pip install). The JVM flags
# come from the jar's own KernelSpec, never from a list kept here. The build backend is hatchling
# from PyPI, in a venv of its own under build/venv-wheel. WB_WHEEL_DIST sets the output folder.
wb_need_java
command -v python3 >/dev/null 2>&1 || wb_die "python3 is missing (Debian: apt-get install python3 python3-venv)."

wb_wheel_jar="$WB_ROOT/kernel/${WB_BUILD:-target}/workbook-kernel-0.1.0-SNAPSHOT-all.jar"
if [ ! -f "$wb_wheel_jar" ] || [ -n "$(find "$WB_ROOT"/lib/src "$WB_ROOT"/kernel/src "$WB_ROOT"/pom.xml "$WB_ROOT"/lib/pom.xml "$WB_ROOT"/kernel/pom.xml -newer "$wb_wheel_jar" -print -quit 2>/dev/null)" ]; then
  wb_need_maven
  wb_say "building the kernel jar (mvn package, tests skipped)…"
  wb_mvn ${WB_BUILD:+-Dwb.build=$WB_BUILD} -pl kernel -am package -DskipTests
fi

wb_wheel_venv="$WB_ROOT/build/venv-wheel"
if [ ! -x "$wb_wheel_venv/bin/python" ] || ! "$wb_wheel_venv/bin/python" -c 'import hatchling' 2>/dev/null; then
  wb_say "installing the build backend (hatchling, from PyPI) into ${wb_wheel_venv#"$WB_ROOT"/}…"
  python3 -m venv "$wb_wheel_venv" || wb_die "python3 -m venv failed (Debian: apt-get install python3-venv)."
  "$wb_wheel_venv/bin/pip" install -q 'hatchling>=1.21,<2' || wb_die "pip could not install hatchling (is PyPI reachable?)"
fi

wb_wheel_tmp="$(mktemp -d)"
trap 'rm -rf "$wb_wheel_tmp"' EXIT
java -cp "$wb_wheel_jar" org.workbook.kernel.KernelSpec "$wb_wheel_tmp/spec" >/dev/null \
  || wb_die "the jar's KernelSpec could not write a kernelspec (see above)"
wb_wheel_version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$WB_ROOT/pom.xml" | head -n 1)
"$wb_wheel_venv/bin/python" "$WB_ROOT/python/stage.py" "$WB_ROOT/build/wheel-stage" "$wb_wheel_jar" \
  "$wb_wheel_tmp/spec" "$WB_ROOT/notebooks" "$wb_wheel_version" >&2 || wb_die "staging the wheel failed (see above)"

wb_wheel_dist="${WB_WHEEL_DIST:-$WB_ROOT/dist}"
mkdir -p "$wb_wheel_dist"
rm -f "$wb_wheel_dist"/workbook_kernel-*.whl
"$wb_wheel_venv/bin/pip" wheel -q --no-deps --no-build-isolation -w "$wb_wheel_dist" "$WB_ROOT/build/wheel-stage" \
  || wb_die "pip wheel failed (see above)"
wb_say "built $(ls "$wb_wheel_dist"/workbook_kernel-*.whl)"
wb_say "install it with: pip install $(ls "$wb_wheel_dist"/workbook_kernel-*.whl | sed "s:^$WB_ROOT/::")"
