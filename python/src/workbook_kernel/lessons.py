"""Copies the lesson notebooks that ship in the wheel into a folder of the student's."""
from __future__ import annotations

import shutil
from pathlib import Path

from . import BUILD


def shipped() -> list[Path]:
    return sorted((BUILD / "notebooks").glob("*.ipynb"))


def copy(dest: Path, force: bool = False) -> tuple[list[Path], list[Path]]:
    """Copies each lesson into dest; a file already there is the student's work and is kept unless force.
    Returns (copied, kept)."""
    dest.mkdir(parents=True, exist_ok=True)
    copied, kept = [], []
    for src in shipped():
        target = dest / src.name
        if target.exists() and not force:
            kept.append(target)
            continue
        shutil.copyfile(src, target)
        copied.append(target)
    return copied, kept
