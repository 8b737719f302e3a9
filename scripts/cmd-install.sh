# shellcheck shell=bash
# install the Java kernel into Jupyter as "Java (workbook)" (--heap 4g sets its memory; --user forces a user install)
#
# Copies the kernel jar into a kernelspec folder (name java-workbook, interrupt_mode message)
# and registers it with `jupyter kernelspec install`: into the active conda env or virtualenv
# when there is one, else for the user.
wb_need_java
command -v jupyter >/dev/null 2>&1 || wb_die "jupyter is not installed, so there is nothing to install the kernel into.
  With conda:  conda env create -f environment.yml && conda activate workbook
  With pip:    pip install 'jupyterlab>=4' ipywidgets
then run ./workbook install again."

wb_install_scope="--sys-prefix"
[ -z "${CONDA_PREFIX:-}" ] && [ -z "${VIRTUAL_ENV:-}" ] && wb_install_scope="--user"
wb_spec_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --user) wb_install_scope="--user" ;;
    --sys-prefix) wb_install_scope="--sys-prefix" ;;
    --heap) [ $# -ge 2 ] || wb_die "--heap needs a size, e.g. --heap 4g"; wb_spec_args+=(--heap "$2"); shift ;;
    *) wb_die "unknown option '$1' for install (use --heap SIZE, --user or --sys-prefix)" ;;
  esac
  shift
done

wb_kernel_jar="$WB_ROOT/kernel/${WB_BUILD:-target}/workbook-kernel-0.1.0-SNAPSHOT-all.jar"
if [ ! -f "$wb_kernel_jar" ] || [ -n "$(find "$WB_ROOT"/lib/src "$WB_ROOT"/kernel/src "$WB_ROOT"/pom.xml "$WB_ROOT"/lib/pom.xml "$WB_ROOT"/kernel/pom.xml -newer "$wb_kernel_jar" -print -quit 2>/dev/null)" ]; then
  wb_need_maven
  wb_say "building the kernel jar (mvn package, tests skipped)…"
  wb_mvn ${WB_BUILD:+-Dwb.build=$WB_BUILD} -pl kernel -am package -DskipTests
fi

wb_spec_tmp="$(mktemp -d)"
trap 'rm -rf "$wb_spec_tmp"' EXIT
java -cp "$wb_kernel_jar" org.workbook.kernel.KernelSpec "$wb_spec_tmp/java-workbook" ${wb_spec_args[@]+"${wb_spec_args[@]}"} >/dev/null
jupyter kernelspec install "$wb_install_scope" --replace --name java-workbook "$wb_spec_tmp/java-workbook" >/dev/null \
  || wb_die "jupyter kernelspec install failed (see the message above)"
wb_say "installed the kernel \"Java (workbook)\" ($wb_install_scope): $(jupyter kernelspec list 2>/dev/null | awk '$1 == "java-workbook" {print $2}')"
wb_say "start JupyterLab with ./workbook lab, then pick \"Java (workbook)\"."
