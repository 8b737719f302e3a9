"""Opens a lesson in JupyterLab 4 in headless Chromium, runs it on the installed Java kernel, screenshots it.

Usage: python lab_screenshot.py NOTEBOOK.ipynb SCREENSHOT.png
The notebook is copied into a fresh folder that JupyterLab serves (so autosave never touches the
original), with settings and workspaces of its own. tests/lessons/lab_lesson.cjs drives the browser
(WB_NODE_MODULES must point at playwright-core). Exits non-zero when the lesson did not run cleanly,
the kernel shown is not "Java (workbook)", or no image was rendered.
"""
from __future__ import annotations

import json
import os
import pathlib
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = pathlib.Path(__file__).resolve().parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_lab(folder: pathlib.Path, log) -> tuple[subprocess.Popen, str, str]:
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(folder / ".settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(folder / ".workspaces"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--ServerApp.port={port}",
         "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={folder}",
         "--LabApp.expose_app_in_browser=True", "--ServerApp.open_browser=False", "--ServerApp.allow_root=True"],
        stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
            return proc, base, token
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                raise RuntimeError("JupyterLab did not start within 90 s; see its log")
            time.sleep(0.5)


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    notebook, shot = pathlib.Path(argv[1]), pathlib.Path(argv[2]).resolve()
    node = shutil.which("node")
    if not node:
        print("node is missing (Debian: apt-get install nodejs)", file=sys.stderr)
        return 1
    if not os.environ.get("WB_NODE_MODULES"):
        print("WB_NODE_MODULES is not set: run through scripts/test-lessons.sh (it installs playwright-core)",
              file=sys.stderr)
        return 1
    shot.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="wb-lesson-lab-") as tmp:
        folder = pathlib.Path(tmp)
        shutil.copy(notebook, folder / notebook.name)
        log_path = folder / "lab.log"
        with open(log_path, "w") as log:
            try:
                proc, base, token = start_lab(folder, log)
            except RuntimeError as e:
                print(f"{e}:\n{log_path.read_text()}", file=sys.stderr)
                return 1
            try:
                url = f"{base}/lab/tree/{notebook.name}?token={token}"
                run = subprocess.run([node, str(HERE / "lab_lesson.cjs"), url, str(shot)],
                                     capture_output=True, text=True, timeout=480)
            finally:
                proc.terminate()
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
        print(run.stdout, end="")
        if run.returncode != 0:
            print(run.stderr, file=sys.stderr)
            print("JupyterLab's log:\n" + log_path.read_text()[-3000:], file=sys.stderr)
            return 1
    result = json.loads(run.stdout.strip().splitlines()[-1])
    size = shot.stat().st_size if shot.exists() else 0
    if size < 20_000:
        print(f"the screenshot {shot} is missing or nearly empty ({size} bytes)", file=sys.stderr)
        return 1
    print(f"{result['images']} images in {result['cells']} code cells on {result['display']}; screenshot {shot}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
