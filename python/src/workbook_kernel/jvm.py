"""The JVM command line of the kernel: the project's flags, then options for a container.

The project's flags (native access, incubator modules...) come from ``_build/jvm.json``,
which ``./workbook wheel`` wrote from the jar's own kernelspec, so they are never copied by
hand. The container options below are defaults; ``WORKBOOK_JVM_OPTS`` (appended last, so it
wins) overrides any of them, e.g. ``WORKBOOK_JVM_OPTS="-Xmx4g"``.
"""
from __future__ import annotations

import hashlib
import json
import os
import shlex
from pathlib import Path

from . import BUILD, JAR
from .java import Jdk

# Heap ceiling as a share of the memory limit (the pod's cgroup limit, else the machine's RAM).
# The rest of a 1 GiB pod holds what is not heap: metaspace and the code of JShell's compiled
# cells, the JIT's code cache, GC tables, thread stacks and malloc arenas (bench/memory.sh). Lesson 03
# needs ~540 MB of heap at once (three 157 MB copies of MNIST while normalising), which 60 % missed.
RAM_PERCENT = 65
# An idle kernel runs a concurrent GC after this long without one (checked at the same period, so
# within twice this), which gives unused heap back to the pod (G1 uncommits down to what
# MaxHeapFreeRatio leaves free).
IDLE_GC_MS = 20_000

_HEAP_FLAGS = ("-Xmx", "-XX:MaxRAMPercentage=", "-XX:MaxRAMFraction=")   # -XX:MaxRAM= only sets the base
_GC_FLAGS = ("-XX:+UseSerialGC", "-XX:+UseParallelGC", "-XX:+UseZGC", "-XX:+UseShenandoahGC", "-XX:+UseEpsilonGC")


def project_flags() -> list[str]:
    """The flags every JVM of the project takes, as the jar's KernelSpec wrote them at build time."""
    with open(BUILD / "jvm.json", encoding="utf-8") as f:
        return list(json.load(f)["flags"])


def cache_dir(env: dict[str, str]) -> Path:
    base = env.get("XDG_CACHE_HOME") or os.path.join(env.get("HOME") or str(Path.home()), ".cache")
    return Path(base) / "workbook-kernel"


def cds_archive(jdk: Jdk, env: dict[str, str]) -> Path:
    """Where this jar + JDK's class-data archive lives (a new jar or JDK gets a new one)."""
    st = JAR.stat()
    key = f"{JAR}|{st.st_size}|{st.st_mtime_ns}|{jdk.home}|{jdk.feature}"
    return cache_dir(env) / f"kernel-{hashlib.sha256(key.encode()).hexdigest()[:16]}.jsa"


def container_options(jdk: Jdk, user: list[str], env: dict[str, str]) -> list[str]:
    opts: list[str] = []
    if not any(u.startswith(_HEAP_FLAGS) for u in user):
        opts.append(f"-XX:MaxRAMPercentage={RAM_PERCENT}")
    if not any(u in _GC_FLAGS for u in user):
        # Chosen explicitly: in a pod with under 2 CPUs or 1792 MB the JVM would pick Serial GC,
        # which never gives memory back while idle.
        opts += ["-XX:+UseG1GC", f"-XX:G1PeriodicGCInterval={IDLE_GC_MS}",
                 "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30"]
    if jdk.feature >= 19 and not any(u.startswith(("-Xshare", "-XX:SharedArchiveFile")) for u in user):
        # Class-data sharing for the kernel's own classes (the JDK's are shared by default):
        # the first start writes the archive at exit, later starts map it.
        archive = cds_archive(jdk, env)
        try:
            archive.parent.mkdir(parents=True, exist_ok=True)
            # Quiet: writing the archive lists every class it skips on stderr, into the server's log.
            opts += ["-XX:+AutoCreateSharedArchive", f"-XX:SharedArchiveFile={archive}",
                     "-Xlog:cds=off", "-Xlog:cds+dynamic=off"]
        except OSError:
            pass    # no writable cache folder (a read-only home): start without the archive
    return opts


def command(jdk: Jdk, connection_file: str, env: dict[str, str]) -> list[str]:
    """The full java command line for one kernel."""
    user = shlex.split(env.get("WORKBOOK_JVM_OPTS", ""))
    return [str(jdk.java), *project_flags(), *container_options(jdk, user, env), *user,
            "-jar", str(JAR), connection_file]
