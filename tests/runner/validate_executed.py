"""Checks that executed notebooks are valid nbformat 4.5, as Jupyter's own validator sees them.

usage: python validate_executed.py NOTEBOOK [OUTPUT_TYPE...]
The output types named (stream, display_data, execute_result, error) must all occur.
"""
import sys

import nbformat


def main(path, wanted):
    nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    if (nb.nbformat, nb.nbformat_minor) != (4, 5):
        raise SystemExit(f"{path}: nbformat {nb.nbformat}.{nb.nbformat_minor}, expected 4.5")
    nbformat.validate(nb, relax_add_props=False)
    seen = {o.output_type for c in nb.cells if c.cell_type == "code" for o in c.outputs}
    missing = set(wanted) - seen
    if missing:
        raise SystemExit(f"{path}: no {', '.join(sorted(missing))} output (found {', '.join(sorted(seen))})")
    pngs = sum(1 for c in nb.cells if c.cell_type == "code" for o in c.outputs
               if o.output_type in ("display_data", "execute_result") and "image/png" in o.data)
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code" and c.execution_count is not None]
    if counts != list(range(1, len(counts) + 1)):
        raise SystemExit(f"{path}: execution counts {counts} are not 1, 2, 3, ...")
    print(f"{path}: valid nbformat 4.5; outputs {', '.join(sorted(seen))}; {pngs} PNG(s)")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
