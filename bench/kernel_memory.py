"""Peak memory of the pip-installed kernel through each lesson, in a 1 GiB limit (run by bench/memory.sh).

    python kernel_memory.py OUT_PREFIX [--lessons 01,02,...] [--epochs 05=1] [--idle SECONDS]

Each lesson runs in a fresh kernel started as Jupyter starts the wheel's kernelspec (python -m
workbook_kernel kernel), so the JVM gets the wheel's default options. The limit: a memory cgroup
of 1 GiB per lesson when this machine lets us make one (the JVM then sizes its heap from it, as in
a pod, and the kernel is OOM-killed past it), else -XX:MaxRAM=1g, which sizes the heap the same
way without enforcing the limit. Reports per lesson: RSS after start, peak RSS (VmHWM), the
cgroup's peak, the heap after a full GC at the end, and the RSS after IDLE seconds without work
(the idle kernel's periodic GC gives memory back). Writes OUT_PREFIX.json and OUT_PREFIX.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from jupyter_client.manager import start_new_kernel

import workbook_kernel
from workbook_kernel import jvm

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 1 << 30
PROBE = """System.gc();
var __mx = java.lang.management.ManagementFactory.getMemoryMXBean();
System.out.printf("%d %d %d%n", __mx.getHeapMemoryUsage().getUsed(), __mx.getHeapMemoryUsage().getCommitted(),
                  __mx.getNonHeapMemoryUsage().getUsed());"""


class Cgroup:
    """A memory cgroup with a 1 GiB limit (v1 or v2), or None when this machine does not allow one."""

    def __init__(self, path: Path, v2: bool):
        self.path, self.v2 = path, v2

    @staticmethod
    def make(name: str) -> "Cgroup | None":
        v2root = Path("/sys/fs/cgroup")
        try:
            if (v2root / "cgroup.controllers").is_file():
                if "memory" not in (v2root / "cgroup.subtree_control").read_text().split():
                    return None
                p = v2root / name
                p.mkdir(exist_ok=True)
                (p / "memory.max").write_text(str(LIMIT))
                (p / "memory.swap.max").write_text("0")
                return Cgroup(p, True)
            v1 = v2root / "memory"
            if v1.is_dir():
                p = v1 / name
                p.mkdir(exist_ok=True)
                (p / "memory.limit_in_bytes").write_text(str(LIMIT))
                return Cgroup(p, False)
        except OSError:
            return None
        return None

    def peak(self) -> int:
        f = "memory.peak" if self.v2 else "memory.max_usage_in_bytes"
        try:
            return int((self.path / f).read_text())
        except (OSError, ValueError):
            return -1

    def oom_kills(self) -> int:
        try:
            text = (self.path / ("memory.events" if self.v2 else "memory.oom_control")).read_text()
        except OSError:
            return -1
        for line in text.splitlines():
            if line.startswith("oom_kill "):
                return int(line.split()[1])
        return 0

    def remove(self) -> None:
        """Removes the cgroup once the kernel in it has exited (waits up to 15 s for that)."""
        for _ in range(30):
            try:
                self.path.rmdir()
                return
            except OSError:
                time.sleep(0.5)
        print(f"could not remove the cgroup {self.path} (a process still in it?)", file=sys.stderr)


def status(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) * 1024
    return -1


def code_cells(nb: Path, epochs: int | None) -> list[tuple[str, bool]]:
    """(code, whether the lesson expects it to raise: tagged raises-exception) for each code cell."""
    cells = [("".join(c["source"]), "raises-exception" in c.get("metadata", {}).get("tags", []))
             for c in json.loads(nb.read_text())["cells"] if c["cell_type"] == "code"]
    if epochs is not None:
        cells = [(c.replace(c[c.index("int EPOCHS = "):c.index(";", c.index("int EPOCHS = "))], f"int EPOCHS = {epochs}")
                  if "int EPOCHS = " in c else c, raises) for c, raises in cells]
    return cells


def execute(kc, code: str, timeout: float) -> tuple[dict, str]:
    msg_id = kc.execute(code)
    deadline = time.monotonic() + timeout
    reply, out = None, []
    while reply is None:
        m = kc.get_shell_msg(timeout=max(0.01, deadline - time.monotonic()))
        if m["parent_header"].get("msg_id") == msg_id:
            reply = m
    while True:
        m = kc.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        if m["msg_type"] == "stream":
            out.append(m["content"]["text"])
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            return reply, "".join(out)


def pod_kernelspec(where: Path) -> None:
    """java-workbook-pod: the wheel's kernel, entering $WB_CGROUP first when that is set."""
    d = where / "kernels" / "java-workbook-pod"
    d.mkdir(parents=True)
    argv = ["/bin/sh", "-c", 'if [ -n "$WB_CGROUP" ]; then echo $$ > "$WB_CGROUP/cgroup.procs" || exit 1; fi; '
            'exec "$0" -m workbook_kernel kernel "$1"', sys.executable, "{connection_file}"]
    (d / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "pod", "language": "java",
                                               "interrupt_mode": "message"}))


def run_lesson(nb: Path, epochs: int | None, idle: float, spec_dir: Path) -> dict:
    cg = Cgroup.make(f"workbook-mem-{os.getpid()}-{nb.name[:2]}")
    env = dict(os.environ)
    env.pop("WORKBOOK_JVM_OPTS", None)
    if cg:
        env["WB_CGROUP"] = str(cg.path)
    else:
        env["WORKBOOK_JVM_OPTS"] = "-XX:MaxRAM=1g"
    env["JUPYTER_PATH"] = str(spec_dir)
    row: dict = {"lesson": nb.stem, "epochs": epochs, "limit": "cgroup 1 GiB" if cg else "-XX:MaxRAM=1g (no cgroup)"}
    t0 = time.monotonic()
    km, kc = start_new_kernel(kernel_name="java-workbook-pod", cwd=str(ROOT), env=env, startup_timeout=180)
    pid = km.provisioner.process.pid
    try:
        execute(kc, "1 + 1", 120)
        row["start_rss_mb"] = status(pid, "VmRSS") / 2**20
        cells = code_cells(nb, epochs)
        for i, (code, raises) in enumerate(cells):
            reply, _ = execute(kc, code, 3600)
            if reply["content"]["status"] != "ok" and not raises:
                c = reply["content"]
                raise RuntimeError(f"{nb.stem} cell {i + 1} failed: {c.get('ename')}: {c.get('evalue')}")
        row["cells"], row["seconds"] = len(cells), time.monotonic() - t0
        row["peak_rss_mb"] = status(pid, "VmHWM") / 2**20
        row["end_rss_mb"] = status(pid, "VmRSS") / 2**20
        _, out = execute(kc, PROBE, 300)
        used, committed, nonheap = (int(v) for v in out.split())
        row["heap_after_gc_mb"], row["nonheap_mb"] = used / 2**20, nonheap / 2**20
        if idle > 0:
            # The probe's System.gc() already shrank the heap: let the kernel work a little first, as a
            # student does, then stand idle and see what the periodic GC gives back.
            execute(kc, "var __t = randn(1000, 1000); for (int __i = 0; __i < 30; __i++) __t = __t.mul(1.0001).add(0.0001); __t = null;", 300)
            row["busy_rss_mb"] = status(pid, "VmRSS") / 2**20
            time.sleep(idle)
            row["idle_rss_mb"] = status(pid, "VmRSS") / 2**20
            row["idle_seconds"] = idle
        if cg:
            row["cgroup_peak_mb"] = cg.peak() / 2**20
            row["oom_kills"] = cg.oom_kills()
        row["passed"] = True
    except Exception as e:  # noqa: BLE001 - a failed lesson is a row of the report
        row["passed"], row["error"] = False, f"{type(e).__name__}: {e}"
        if not km.is_alive():
            row["error"] += " (the kernel died: out of memory?)"
        if cg:
            row["oom_kills"] = cg.oom_kills()
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        if cg:
            cg.remove()
    return row


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--lessons", default="01,02,03,04,05")
    ap.add_argument("--epochs", action="append", default=[], help="LESSON=N, e.g. 05=1")
    ap.add_argument("--idle", type=float, default=60.0)
    a = ap.parse_args()
    epochs = {k: int(v) for k, v in (e.split("=") for e in a.epochs)}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        pod_kernelspec(Path(tmp))
        os.environ["JUPYTER_PATH"] = tmp
        for n in a.lessons.split(","):
            nb = next((ROOT / "notebooks").glob(f"{n}_*.ipynb"))
            print(f"{nb.stem}…", file=sys.stderr, flush=True)
            row = run_lesson(nb, epochs.get(n), a.idle, Path(tmp))
            print(json.dumps(row), file=sys.stderr, flush=True)
            rows.append(row)
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines() if l.startswith("model name")), "?")
    jdk = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    options = " ".join(jvm.container_options(__import__("workbook_kernel.java").java.find(), [], dict(os.environ)))
    meta = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "cpu": cpu, "cores": os.cpu_count(),
            "jdk": jdk, "wheel": workbook_kernel.__version__, "jvm_options": options, "python": platform.python_version()}
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.with_suffix(".json").write_text(json.dumps({"meta": meta, "lessons": rows}, indent=1) + "\n")
    md = [f"# Kernel memory per lesson in a 1 GiB limit ({meta['date']})", "",
          f"Machine: {cpu}, {meta['cores']} cores; {jdk}; wheel {meta['wheel']}; default options `{options}`.", "",
          "| lesson | epochs | limit | cells | s | RSS after start | **peak RSS** | cgroup peak | heap after GC | non-heap | RSS busy | RSS after idle |",
          "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    f = lambda r, k: f"{r[k]:.0f} MB" if isinstance(r.get(k), (int, float)) and r.get(k, -1) >= 0 else "–"  # noqa: E731
    for r in rows:
        if not r["passed"]:
            md.append(f"| {r['lesson']} | {r['epochs'] or 'full'} | {r['limit']} | FAILED: {r['error']} |")
            continue
        md.append(f"| {r['lesson']} | {r['epochs'] or 'full'} | {r['limit']} | {r['cells']} | {r['seconds']:.0f} | "
                  f"{f(r, 'start_rss_mb')} | **{f(r, 'peak_rss_mb')}** | {f(r, 'cgroup_peak_mb')} | {f(r, 'heap_after_gc_mb')} | "
                  f"{f(r, 'nonheap_mb')} | {f(r, 'busy_rss_mb')} | {f(r, 'idle_rss_mb')} |")
    a.out.with_suffix(".md").write_text("\n".join(md) + "\n")
    print("\n".join(md))
    worst = max((r.get("peak_rss_mb", 0) for r in rows), default=0)
    if not all(r["passed"] for r in rows):
        sys.exit("FAIL: a lesson did not finish")
    print(f"\nlargest peak RSS: {worst:.0f} MB (target ≤ 900 MB)")
    sys.exit(0 if worst <= 900 else 1)


if __name__ == "__main__":
    main()
