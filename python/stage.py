"""Stages the wheel's sources (run by scripts/cmd-wheel.sh): python/ plus what the build made.

    python stage.py STAGE_DIR JAR KERNELSPEC_DIR NOTEBOOKS_DIR VERSION

KERNELSPEC_DIR is the folder the jar's own KernelSpec wrote (java -cp JAR
org.workbook.kernel.KernelSpec DIR): its kernel.json gives the JVM flags every kernel
must get (between java and -jar), which go to _build/jvm.json, and the kernelspec's
other fields, which the wheel's kernel.json keeps, with argv running this package.
"""
from __future__ import annotations

import json
import re
import shutil
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def pep440(maven_version: str) -> str:
    """0.1.0-SNAPSHOT -> 0.1.0.dev0; 0.1.0 -> 0.1.0."""
    m = re.fullmatch(r"(\d+(?:\.\d+)*)(-SNAPSHOT)?", maven_version)
    if not m:
        raise SystemExit(f"cannot turn the Maven version {maven_version!r} into a Python one (expected 1.2.3 or 1.2.3-SNAPSHOT)")
    return m.group(1) + (".dev0" if m.group(2) else "")


def main(stage: Path, jar: Path, spec_dir: Path, notebooks: Path, version: str) -> None:
    if stage.exists():
        shutil.rmtree(stage)
    shutil.copytree(HERE, stage, ignore=shutil.ignore_patterns("stage.py", "__pycache__", "*.pyc", "_build"))
    pkg = stage / "src" / "workbook_kernel"
    build = pkg / "_build"
    build.mkdir()

    spec = json.loads((spec_dir / "kernel.json").read_text(encoding="utf-8"))
    argv = spec["argv"]
    if "-jar" not in argv:
        raise SystemExit(f"{spec_dir}/kernel.json has no -jar in its argv {argv}: KernelSpec changed; update python/stage.py")
    flags = argv[1:argv.index("-jar")]
    heap = [f for f in flags if f.startswith("-Xmx")]
    if heap:
        raise SystemExit(f"the kernelspec was written with a heap size {heap}: run KernelSpec without --heap")
    (build / "jvm.json").write_text(json.dumps({"flags": flags}, indent=1) + "\n", encoding="utf-8")

    shutil.copyfile(jar, build / "workbook-kernel.jar")
    with zipfile.ZipFile(jar) as z:
        (build / "mnist.sha256").write_bytes(z.read("org/workbook/data/mnist.sha256"))
    (build / "notebooks").mkdir()
    for nb in sorted(notebooks.glob("*.ipynb")):
        shutil.copyfile(nb, build / "notebooks" / nb.name)
    if not any((build / "notebooks").iterdir()):
        raise SystemExit(f"no notebooks in {notebooks}: build them with ./workbook notebooks")

    (pkg / "_version.py").write_text(f'__version__ = "{pep440(version)}"\n', encoding="utf-8")
    # "python" is what Jupyter replaces with its own interpreter (as for ipykernel's spec).
    spec["argv"] = ["python", "-m", "workbook_kernel", "kernel", "{connection_file}"]
    spec.setdefault("env", {})
    kdir = stage / "share" / "jupyter" / "kernels" / "java-workbook"
    kdir.mkdir(parents=True)
    (kdir / "kernel.json").write_text(json.dumps(spec, indent=2) + "\n", encoding="utf-8")
    for extra in spec_dir.iterdir():        # logos and the like, never the jar (it is in the package)
        if extra.suffix in (".png", ".svg"):
            shutil.copyfile(extra, kdir / extra.name)
    print(f"flags from the jar's kernelspec: {' '.join(flags)}")


if __name__ == "__main__":
    if len(sys.argv) != 6:
        raise SystemExit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]), sys.argv[5])
