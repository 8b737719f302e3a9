"""JupyterLab 4 in headless Chromium: run a notebook on the Java kernel, see the chart, move a slider."""
from __future__ import annotations

import json
import os
import pathlib
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import ARTIFACTS, KERNEL_NAME
from demo_notebook import write

HERE = pathlib.Path(__file__).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def lab(tmp_path):
    write(tmp_path / "demo.ipynb", KERNEL_NAME)
    port, token = free_port(), secrets.token_hex(16)
    log = open(tmp_path / "lab.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--ServerApp.port={port}",
         "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={tmp_path}",
         "--LabApp.expose_app_in_browser=True", "--ServerApp.open_browser=False", "--ServerApp.allow_root=True"],
        stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ))
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("JupyterLab did not start: " + (tmp_path / "lab.log").read_text())
                time.sleep(0.5)
        yield f"{base}/lab/tree/demo.ipynb?token={token}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_lab_runs_the_notebook_and_the_slider_redraws(lab):
    node = shutil.which("node")
    assert node, "node is missing (Debian: apt-get install nodejs)"
    assert os.environ.get("WB_NODE_MODULES"), "run through scripts/test-kernel.sh (it installs playwright-core)"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "kernel-jupyterlab.png"
    proc = subprocess.run([node, str(HERE / "browser" / "lab.cjs"), lab, str(shot)],
                          capture_output=True, text=True, timeout=400)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result == {"kernel": KERNEL_NAME, "chart": True, "sliderChanged": True}, proc.stdout
    assert shot.exists() and shot.stat().st_size > 10_000
