"""python -m workbook_kernel COMMAND: run the kernel, copy the lessons, fetch MNIST, show the setup.

  kernel CONNECTION_FILE     what the kernelspec runs (Jupyter passes the file)
  lessons DIR [--force]      copy the lesson notebooks into DIR (keeps files already there)
  data [--dir D] [--system] [--force]
                             fetch and verify MNIST (default: ~/.local/share/workbook/data;
                             --system: <env>/share/workbook/data, shared by every user of the env)
  info                       the JDK, JVM command line and data folder a kernel would use
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import JAR, __version__, data, jvm, lessons
from .java import JavaNotFound, find


def kernel_env(cwd: Path) -> dict[str, str]:
    env = dict(os.environ)
    # glibc gives each thread that mallocs its own 64 MB arena; the JVM's many threads would
    # otherwise add RSS that a 1 GiB pod cannot spare.
    env.setdefault("MALLOC_ARENA_MAX", "2")
    found = data.locate(cwd, env)
    if found is not None:
        env["WORKBOOK_DATA"] = str(found)
    return env


def run_kernel(connection_file: str) -> None:
    if not JAR.is_file():
        sys.exit(f"error: the kernel jar {JAR} is missing: reinstall the package (pip install --force-reinstall workbook-kernel).")
    try:
        jdk = find()
    except JavaNotFound as e:
        sys.exit(f"error: {e}")
    env = kernel_env(Path.cwd())
    argv = jvm.command(jdk, connection_file, env)
    os.execve(argv[0], argv, env)   # the JVM takes this process's place: Jupyter's signals reach it


def info() -> None:
    print(f"workbook-kernel {__version__}\njar: {JAR}")
    try:
        jdk = find()
    except JavaNotFound as e:
        print(f"java: NOT FOUND\n{e}")
        return
    env = kernel_env(Path.cwd())
    print(f"java: {jdk.java} (Java {jdk.feature}, from {jdk.source})")
    print("command: " + " ".join(jvm.command(jdk, "{connection_file}", env)))
    where = env.get("WORKBOOK_DATA") or "a data/ folder above the notebook, if any"
    print(f"data: {where}" + ("" if env.get("WORKBOOK_DATA") else
                              f"\n  (none found: run {Path(sys.executable).name} -m workbook_kernel data)"))


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m workbook_kernel", description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    k = sub.add_parser("kernel", help="run the kernel (the kernelspec does this)")
    k.add_argument("connection_file")
    le = sub.add_parser("lessons", help="copy the lesson notebooks into DIR")
    le.add_argument("dir", type=Path)
    le.add_argument("--force", action="store_true", help="overwrite notebooks already in DIR")
    d = sub.add_parser("data", help="fetch and verify MNIST")
    where = d.add_mutually_exclusive_group()
    where.add_argument("--dir", type=Path, help="the data folder (gets mnist/ inside)")
    where.add_argument("--system", action="store_true", help=f"into {data.system_dir()}, for every user of this env")
    d.add_argument("--force", action="store_true", help="fetch again even when the files verify")
    sub.add_parser("info", help="show the JDK, JVM command and data folder a kernel would use")
    a = p.parse_args(argv)

    if a.cmd == "kernel":
        run_kernel(a.connection_file)
    elif a.cmd == "lessons":
        copied, kept = lessons.copy(a.dir, a.force)
        for f in copied:
            print(f"copied {f}")
        for f in kept:
            print(f"kept {f} (already there; --force overwrites it)")
    elif a.cmd == "data":
        root = a.dir or (data.system_dir() if a.system else Path(os.environ.get("WORKBOOK_DATA") or data.user_dir()))
        dest = data.fetch(root, a.force)
        print(f"MNIST is in {dest} (4 files, SHA-256 verified)")
        if a.dir and a.dir != data.user_dir():
            print(f"tell the kernel: export WORKBOOK_DATA={root}")
    else:
        info()


if __name__ == "__main__":
    main()
