"""jupyter nbconvert --execute runs a notebook on the Java kernel headlessly."""
from __future__ import annotations

import os
import subprocess
import sys

import nbformat

from conftest import KERNEL_NAME
from demo_notebook import write


def test_nbconvert_executes_chart_progress_and_widget(tmp_path):
    src = write(tmp_path / "demo.ipynb", KERNEL_NAME)
    out = tmp_path / "demo.out.ipynb"
    proc = subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
         f"--ExecutePreprocessor.kernel_name={KERNEL_NAME}", "--ExecutePreprocessor.timeout=120",
         "--output", out.name, str(src)],
        cwd=tmp_path, capture_output=True, text=True, timeout=300, env=dict(os.environ))
    assert proc.returncode == 0, proc.stderr
    nb = nbformat.read(str(out), as_version=4)
    chart, progress, widget = nb.cells[1], nb.cells[2], nb.cells[3]

    assert any("image/png" in o.get("data", {}) for o in chart.outputs), chart.outputs
    texts = [o["data"]["text/plain"] for o in progress.outputs if o.get("output_type") == "display_data"]
    assert texts == ["epoch 3/3"], f"the progress display was not updated in place: {progress.outputs}"
    (shown,) = [o for o in widget.outputs if o.get("output_type") == "display_data"]
    assert "application/vnd.jupyter.widget-view+json" in shown["data"]
    assert shown["data"]["image/png"].startswith("iVBOR"), "no static PNG for exports"
    for cell in nb.cells[1:]:
        assert not [o for o in cell.outputs if o.get("output_type") == "stream" and o.get("name") == "stderr"]
