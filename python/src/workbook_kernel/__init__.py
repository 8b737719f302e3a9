"""The Java Deep Learning Workbook's Jupyter kernel, installed with pip.

The wheel carries the kernel jar, the JVM flags the project requires (written
from the jar's own kernelspec when the wheel was built), the lesson notebooks
and the MNIST checksums, all under ``_build/``; the kernelspec itself lands in
``<env>/share/jupyter/kernels/java-workbook/`` and runs ``python -m
workbook_kernel kernel {connection_file}``.
"""
from __future__ import annotations

from pathlib import Path

from ._version import __version__

BUILD = Path(__file__).resolve().parent / "_build"
JAR = BUILD / "workbook-kernel.jar"

__all__ = ["__version__", "BUILD", "JAR"]
