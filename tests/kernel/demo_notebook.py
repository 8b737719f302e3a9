"""The notebook the nbconvert and browser tests run: a chart, a display updated in place, a widget."""
from __future__ import annotations

import pathlib

import nbformat

CHART = 'plotDoubleFunction(x -> x * x - 1, "x^2 - 1", -2, 2)'
PROGRESS = """String bar = show("epoch 0/3", null);
for (int epoch = 1; epoch <= 3; epoch++) {
    Thread.sleep(100);
    update(bar, "epoch " + epoch + "/3");
}"""
WIDGET = """interact(a -> plotDoubleFunction(x -> a * x * x, "a x^2", -2, 2),
         slider("a", -3, 3, 0.5, 1.0));"""


def write(path: pathlib.Path, kernel_name: str) -> pathlib.Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": kernel_name, "display_name": "Java (workbook)", "language": "java"}
    nb.metadata["language_info"] = {"name": "java", "file_extension": ".jshell"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Kernel demo\nA chart, a progress display and a slider."),
        nbformat.v4.new_code_cell(CHART),
        nbformat.v4.new_code_cell(PROGRESS),
        nbformat.v4.new_code_cell(WIDGET),
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path
