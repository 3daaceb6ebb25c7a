"""Publish a build all at once: build in a folder beside the output, then swap it in.

MkDocs empties ``site_dir`` first and writes into it page by page; a build that
fails half-way (a plugin error, strict mode's warnings, a full disk, Ctrl-C)
leaves a half-written site where the last good one was, and a web server or a
deploy step publishes it. Building into a sibling folder and renaming it over
``site_dir`` only after success means ``site_dir`` always holds one complete
build: the old one or the new one.

On Linux the two folders are exchanged in one ``renameat2(RENAME_EXCHANGE)``
call, so there is no instant without a site; elsewhere two renames leave a gap
of microseconds in which ``site_dir`` is missing (never half-written).
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
import tempfile
from pathlib import Path

STAGING_MARK = ".building-"
PREVIOUS_MARK = ".previous-"


class PublishError(Exception):
    """The output folder could not be written or swapped; the message says what the site is now."""


def staging_dir(site_dir: Path, *, keep_existing: bool = False) -> Path:
    """A new folder beside ``site_dir`` (same file system, so the swap is a rename).

    ``keep_existing`` starts it as a copy of the current site (for ``--dirty``
    builds, which rewrite only changed pages; modification times are kept
    because MkDocs compares them). Folders left by builds that were killed are
    removed first; the name carries the builder's process id, so a build still
    running beside this one keeps its folder.
    """
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(site_dir)
        staged = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}{STAGING_MARK}{os.getpid()}-",
                                       dir=site_dir.parent))
        if keep_existing and site_dir.is_dir():
            shutil.copytree(site_dir, staged, symlinks=True, dirs_exist_ok=True)
    except OSError as exc:
        raise PublishError(f"could not make the build folder beside {site_dir}: {why(exc)}. "
                           "Nothing was built; the previous site is unchanged") from None
    return staged


def remove_leftovers(site_dir: Path) -> list[Path]:
    """Remove the staging and previous-site folders of builds whose process is gone."""
    removed = []
    for mark in (STAGING_MARK, PREVIOUS_MARK):
        for path in site_dir.parent.glob(f".{site_dir.name}{mark}*"):
            pid = path.name[len(site_dir.name) + 1 + len(mark):].split("-", 1)[0]
            if path.is_dir() and not path.is_symlink() and not _alive(pid):
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
    return removed


def _alive(pid: str) -> bool:
    if not pid.isdigit():
        return False  # a name from before process ids were recorded: its build has ended
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's running process
    return True


def why(exc: OSError) -> str:
    """An OS error in words, with the path it concerns."""
    words = {errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is used up",
             errno.EROFS: "the file system is read-only",
             errno.EACCES: "permission denied", errno.EPERM: "the operation is not permitted "
             "(is the folder immutable, chattr +i?)"}.get(exc.errno, exc.strerror or str(exc))
    return f"{words} ({exc.filename})" if exc.filename else words


def publish(staged: Path, site_dir: Path) -> None:
    """Make ``staged`` the new ``site_dir``; the previous site is deleted afterwards.

    Entries of the old site whose names start with a dot (``.git`` of a
    gh-pages checkout, ``.well-known``) move into the new one unless the build
    made its own: MkDocs's own clean keeps them too.
    """
    moved: list[str] = []
    try:
        # mkdtemp makes a private (0700) folder; a web server running as another user
        # must read the site as it read the old one.
        if site_dir.is_dir():
            shutil.copymode(site_dir, staged)
        else:
            os.chmod(staged, 0o777 & ~_umask())
        if not site_dir.is_dir():
            os.rename(staged, site_dir)
            return
        for name in os.listdir(site_dir):
            if name.startswith(".") and not os.path.lexists(staged / name):
                os.rename(site_dir / name, staged / name)
                moved.append(name)
        if _exchange(staged, site_dir):
            old = staged  # it now holds the previous site
        else:
            old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}{PREVIOUS_MARK}{os.getpid()}-",
                                        dir=site_dir.parent))
            os.rename(site_dir, old / "site")
            try:
                os.rename(staged, site_dir)
            except OSError:
                os.rename(old / "site", site_dir)
                raise
    except OSError as exc:
        for name in moved:  # give the previous site its dot folders back
            try:
                os.rename(staged / name, site_dir / name)
            except OSError:
                pass
        discard(staged)
        raise PublishError(f"could not replace {site_dir} with the new build: {why(exc)}. "
                           "The previous site is unchanged") from None
    try:
        shutil.rmtree(old)
    except OSError as exc:
        raise PublishError(f"the new site was published to {site_dir}; the old copy could not "
                           f"be removed from {old}: {why(exc)}. Delete that folder by hand "
                           "(the next build also tries)") from None


def discard(staged: Path) -> None:
    """Remove an unfinished build."""
    shutil.rmtree(staged, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2``); False where that is unavailable."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):  # glibc before 2.28, musl
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):  # kernel or file system says no
        return False
    raise OSError(err, os.strerror(err), str(b))
