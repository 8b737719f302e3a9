"""Shared setup for the kernel's Python-side tests.

scripts/test-kernel.sh builds the kernel jar, writes a kernelspec for it under
build/kernel-test/jupyter/kernels/java-workbook and points JUPYTER_PATH there,
so these tests talk to the kernel exactly as Jupyter would start it.
"""
from __future__ import annotations

import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
# scripts/test-other-jdks.sh points WB_JUPYTER_DIR at a kernelspec that runs another JDK.
JUPYTER_DIR = pathlib.Path(os.environ.get("WB_JUPYTER_DIR", str(ROOT / "build" / "kernel-test" / "jupyter")))
KERNEL_NAME = "java-workbook"
ARTIFACTS = ROOT / "build" / "artifacts"

if (JUPYTER_DIR / "kernels" / KERNEL_NAME / "kernel.json").exists():
    paths = os.environ.get("JUPYTER_PATH", "")
    if str(JUPYTER_DIR) not in paths.split(os.pathsep):
        os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(JUPYTER_DIR), paths) if p)


def pytest_sessionstart(session: pytest.Session) -> None:
    spec = JUPYTER_DIR / "kernels" / KERNEL_NAME / "kernel.json"
    if not spec.exists():
        raise pytest.UsageError(
            f"no test kernelspec at {spec}: run scripts/test-kernel.sh (it builds the kernel jar and writes it)"
        )
