"""Checks notebook files with Jupyter's own nbformat library.

Every notebook must validate against the nbformat 4.5 schema and be laid out
byte for byte as nbformat writes it. Notebooks built from lessons must also
pick the workbook kernel and hold no outputs; student copies must hold no
solution and carry nbgrader metadata whose checksums nbgrader itself
computes. The files under --invalid must all be rejected, which shows the
validator is really looking. Prints one line per file and a pytest-like
summary; exits 1 when anything failed.

    python validate_notebooks.py --built notebooks/ --student build/student/ --invalid tests/notebook/invalid/
"""
import argparse
import copy
import importlib.util
import json
import os
import re
import sys
import sysconfig
import time
import warnings

import nbformat
from nbformat.validator import ValidationError, validate

GRADE_ID = re.compile(r"^[A-Za-z0-9_-]+$")
STUB = 'throw new UnsupportedOperationException("your code here");'


def nbgrader_utils():
    """nbgrader.utils, loaded alone: importing the nbgrader package starts its server extensions."""
    path = os.path.join(sysconfig.get_paths()["purelib"], "nbgrader", "utils.py")
    if not os.path.exists(path):
        return None
    spec = importlib.util.spec_from_file_location("nbgrader_utils", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a.split("\n"), b.split("\n"))):
        if x != y:
            return "line %d: %r, nbformat writes %r" % (i + 1, x, y)
    return "lengths differ (%d vs %d characters)" % (len(a), len(b))


def check_any(path):
    """Schema 4.5 and Jupyter's own layout; returns the notebook and its raw JSON."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    raw = json.loads(text)
    if (raw.get("nbformat"), raw.get("nbformat_minor")) != (4, 5):
        raise AssertionError("nbformat %s.%s, expected 4.5" % (raw.get("nbformat"), raw.get("nbformat_minor")))
    ids = [c.get("id") for c in raw.get("cells", [])]
    if None in ids or len(ids) != len(set(ids)):
        raise AssertionError("every cell needs an id, and ids must be unique: %s" % ids)
    # nbformat repairs some problems with a warning instead of failing: count those as failures.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        validate(copy.deepcopy(raw), version=4, version_minor=5)
        nb = nbformat.reads(text, as_version=4)
    written = nbformat.writes(nb) + "\n"
    if written != text:
        raise AssertionError("not laid out as nbformat writes it: " + first_difference(text, written))
    return nb


def check_nbgrader(nb, utils, student):
    seen = set()
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader")
        if meta is None:
            continue
        if meta.get("schema_version") != 3:
            raise AssertionError("nbgrader schema_version %r, expected 3" % meta.get("schema_version"))
        gid = meta.get("grade_id", "")
        if not GRADE_ID.match(gid) or gid in seen:
            raise AssertionError("bad or repeated grade_id %r" % gid)
        seen.add(gid)
        for key in ("grade", "solution", "locked", "task"):
            if not isinstance(meta.get(key), bool):
                raise AssertionError("%s: nbgrader.%s must be true or false" % (gid, key))
        if meta["grade"] and not (isinstance(meta.get("points"), (int, float)) and meta["points"] > 0):
            raise AssertionError("%s: a graded cell needs points > 0" % gid)
        if meta["grade"] and "check" not in cell.metadata.get("tags", []):
            raise AssertionError("%s: a graded cell is tagged 'check'" % gid)
        if student:
            if "checksum" not in meta:
                raise AssertionError("%s: student copies carry nbgrader checksums" % gid)
            if meta["solution"] and STUB not in cell.source:
                raise AssertionError("%s: a task cell in a student copy holds the stub" % gid)
            if meta["grade"] and cell.metadata.get("editable") is not False:
                raise AssertionError("%s: check cells are locked in student copies" % gid)
        if "checksum" in meta and utils is not None and meta["checksum"] != utils.compute_checksum(cell):
            raise AssertionError("%s: checksum %s, nbgrader computes %s" % (gid, meta["checksum"],
                                                                          utils.compute_checksum(cell)))


def check_built(nb):
    spec = nb.metadata.get("kernelspec", {})
    if spec.get("name") != "java-workbook" or nb.metadata.get("language_info", {}).get("name") != "java":
        raise AssertionError("kernelspec/language_info do not pick the java-workbook kernel")
    for cell in nb.cells:
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None):
            raise AssertionError("cell %s has outputs; built notebooks have none" % cell.id)


def check_student(nb):
    for cell in nb.cells:
        if "BEGIN SOLUTION" in cell.source or "END SOLUTION" in cell.source:
            raise AssertionError("cell %s still holds a solution region" % cell.id)


def notebooks_in(paths):
    for p in paths:
        if os.path.isdir(p):
            for name in sorted(os.listdir(p)):
                if name.endswith(".ipynb"):
                    yield os.path.join(p, name)
        elif os.path.exists(p):
            yield p


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--any", nargs="*", default=[], help="notebooks checked for schema and layout only")
    ap.add_argument("--built", nargs="*", default=[], help="notebooks built from lessons (no outputs)")
    ap.add_argument("--student", nargs="*", default=[], help="student copies")
    ap.add_argument("--invalid", nargs="*", default=[], help="notebooks that must be rejected")
    args = ap.parse_args()
    utils = nbgrader_utils()
    start = time.time()
    passed, failed = 0, []
    jobs = [(p, "any") for p in notebooks_in(args.any)] + [(p, "built") for p in notebooks_in(args.built)] \
        + [(p, "student") for p in notebooks_in(args.student)] + [(p, "invalid") for p in notebooks_in(args.invalid)]
    for path, kind in jobs:
        try:
            if kind == "invalid":
                try:
                    check_any(path)
                except (ValidationError, ValueError, AssertionError, KeyError, Warning) as e:
                    print("PASSED %s (rejected: %s)" % (path, str(e).split("\n")[0][:100]))
                    passed += 1
                    continue
                raise AssertionError("the validator accepted a notebook that is invalid")
            nb = check_any(path)
            check_nbgrader(nb, utils, kind == "student")
            if kind in ("built", "student"):
                check_built(nb)
            if kind == "student":
                check_student(nb)
            print("PASSED %s" % path)
            passed += 1
        except (ValidationError, ValueError, AssertionError, KeyError, Warning) as e:
            message = str(e).split("\n")[0]
            print("FAILED %s: %s" % (path, message))
            failed.append(path)
    if not jobs:
        print("FAILED: no notebooks were given to check")
        failed.append("(none)")
    seconds = time.time() - start
    parts = (["%d failed" % len(failed)] if failed else []) + ["%d passed" % passed]
    line = " %s in %.2fs " % (", ".join(parts), seconds)
    print(line.center(72, "="))
    if utils is None:
        print("note: nbgrader is not installed here, so checksums were not compared with nbgrader's")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
