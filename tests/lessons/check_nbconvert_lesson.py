"""Checks lesson 01 as `jupyter nbconvert --to notebook --execute` left it, run on the installed Java kernel.

Usage: python check_nbconvert_lesson.py EXECUTED.ipynb
Prints PASSED/FAILED per check and a closing "N passed, M failed" line; exits 1 when a check failed.
"""
from __future__ import annotations

import base64
import sys

import nbformat

# Figures lesson 01 prints exactly as the course does (../shared/LESSONS.md marks them exact).
EXACT = [
    ("the first noisy value, numpy seed 42", "tensor([[11.8690],"),
    ("the MAE of a = b = c = 1.1", "tensor(2.4219, dtype=torch.float64"),
    ("the gradient of that MAE", "tensor([-1.3529, -0.0316, -0.5000])"),
    ("one step of lr 0.01", "loss=2.40"),
    ("ten steps with accumulating gradients", "step=9; loss=1.46"),
    ("the parameters after those steps", "tensor([1.9634, 1.1381, 1.4100], requires_grad=True)"),
]
MIN_IMAGES = 8  # the plots, the scatter, the slider cells' first states, the exercise's fit
PNG = b"\x89PNG\r\n\x1a\n"


def texts(nb) -> str:
    """Everything the cells printed or showed as text, in order."""
    out = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            if o.output_type == "stream":
                out.append(o.text)
            elif o.output_type in ("execute_result", "display_data"):
                out.append(o.data.get("text/plain", ""))
    return "\n".join(out)


def checks(nb):
    code = [c for c in nb.cells if c.cell_type == "code"]
    outputs = [(i, o) for i, c in enumerate(nb.cells) for o in c.get("outputs", [])]

    errors = [f"cell {i}: {o.ename}: {o.evalue}" for i, o in outputs if o.output_type == "error"]
    yield "no error outputs", not errors, "; ".join(errors)

    stderr = [f"cell {i}: {o.text.strip()[:200]}" for i, o in outputs
              if o.output_type == "stream" and o.name == "stderr"]
    yield "nothing written to stderr", not stderr, "; ".join(stderr)

    unrun = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.execution_count is None
             and "skip-execution" not in c.metadata.get("tags", [])]
    yield f"every code cell ran ({len(code)} cells)", not unrun, f"cells never executed: {unrun}"

    kernel = nb.metadata.get("kernelspec", {}).get("name")
    yield "run on the java-workbook kernel", kernel == "java-workbook", f"kernelspec name is {kernel!r}"

    pngs = [(i, o.data["image/png"]) for i, o in outputs
            if o.output_type in ("execute_result", "display_data") and "image/png" in o.data]
    bad = [i for i, p in pngs if not base64.b64decode(p)[:8] == PNG]
    yield (f"at least {MIN_IMAGES} PNG images ({len(pngs)} found)", len(pngs) >= MIN_IMAGES and not bad,
           f"{len(pngs)} PNG outputs; not PNG data in cells {bad}")

    shown = texts(nb)
    for name, want in EXACT:
        yield f"exact figure: {name} ({want})", want in shown, f"{want!r} not in the outputs"


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    nb = nbformat.read(argv[1], as_version=4)
    passed = failed = 0
    for name, ok, why in checks(nb):
        if ok:
            passed += 1
            print(f"PASSED {name}")
        else:
            failed += 1
            print(f"FAILED {name}: {why}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
