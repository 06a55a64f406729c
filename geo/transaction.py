"""All-or-nothing change sets on a folder of files: stage, mark the commit, move into place, recover after a crash.

A change set maps file names (relative to the folder) to their new bytes. :meth:`FileStore.apply` writes it so
that, whatever happens to the writer — an exception, a full disk, a kill at any instant — readers find either
every old file or every new one:

1. **lock** the folder (a :mod:`filelock` lock file, so it works on Windows too) and finish any earlier commit
   (:meth:`FileStore.recover`);
2. **check** each file against the version (content hash) the caller read: a difference raises
   :class:`~geo.errors.WriteConflictError` before anything is written (optimistic concurrency);
3. **stage** every new file in ``.staging/<id>/`` (written and fsynced) and keep a copy of each file being
   replaced in ``.versions/`` (as :func:`geo.io.atomic_write` does);
4. **mark** the commit: write the journal ``.commit.json`` (staged name → target name and hash), fsync it and the
   folder — this is the commit point;
5. **move** each staged file over its target (``os.replace``, atomic per file) and fsync the folder;
6. **unmark**: remove the journal and the staging folder.

:meth:`FileStore.recover` (run at step 1, and by readers before reading a folder that shows signs of a
half-done commit: :func:`recover`) rolls a marked commit forward — moves the staged files still waiting — and
discards an unmarked one (the staging folder and stray ``*.tmp`` files). A crash before the mark therefore
leaves the old state, one after it the new state.

Fault injection for tests: every step calls the ``fault`` callback given to :class:`FileStore`, else the one
described by the environment variable :data:`FAULT_ENV` (``STEP[#N]:ACTION``, e.g. ``staged#2:kill``;
steps :data:`STEPS`; actions ``raise``, ``enospc``, ``kill``).

Another store (a database) offers the same operation with its own transaction; this module is the file store's.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout

from .errors import WriteConflictError
from .messages import Message, msg

#: Name of the commit journal (the commit mark) inside the folder.
JOURNAL = ".commit.json"
#: Folder holding the staged files of commits in progress.
STAGING = ".staging"
#: Folder with the previous versions of replaced files (next to each file).
VERSIONS = ".versions"
#: Lock file of the folder (inside :data:`VERSIONS`).
LOCK = ".transaction.lock"
#: Environment variable naming a fault to inject (tests only): ``STEP[#N]:ACTION``.
FAULT_ENV = "PARKMAP_FAULT"
#: Steps at which the fault hook is called, in order (``staged`` and ``moved`` once per file).
STEPS = ("staged", "before_mark", "after_mark", "moved", "unmarked")
#: Seconds to wait for another writer's lock before giving up.
LOCK_TIMEOUT_S = 60.0

FaultHook = Callable[[str, int, str], None]


class InjectedFault(RuntimeError):
    """Raised by the test fault hook (``ACTION`` ``raise``)."""


class SaveInterruptedError(OSError):
    """A committed change set could not be moved into place; the next reader or writer completes it."""


@dataclass
class Recovery:
    """What :meth:`FileStore.recover` found and did."""

    rolled_forward: list[str] = field(default_factory=list)  # files moved into place from a marked commit
    discarded: list[str] = field(default_factory=list)  # staged or temporary files of unfinished writes removed

    def __bool__(self) -> bool:
        return bool(self.rolled_forward or self.discarded)

    def message(self) -> Message | str:
        """One line for a user: what was finished or undone (English; ``.text("zh")`` in Chinese)."""
        parts = []
        if self.rolled_forward:
            parts.append(msg("finished an interrupted save ({files})", files=self.rolled_forward))
        if self.discarded:
            parts.append(msg("removed {n} file(s) of an unfinished save", n=len(self.discarded)))
        return msg("{first}; {second}", first=parts[0], second=parts[1]) if len(parts) == 2 else (parts or [""])[0]


def sha256(data: bytes) -> str:
    """Content version of bytes (the hash :func:`geo.io.file_version` gives a file)."""
    return hashlib.sha256(data).hexdigest()


def _file_version(path: Path) -> str:
    try:
        return sha256(path.read_bytes())
    except FileNotFoundError:
        return ""


def _fsync_dir(path: Path) -> None:
    """Make a rename or unlink in ``path`` durable (a no-op where folders cannot be opened, e.g. Windows)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def env_fault() -> FaultHook | None:
    """The fault hook described by :data:`FAULT_ENV` (``None`` when unset).

    ``STEP[#N]:ACTION``: at the N-th call (default 1) of step STEP, ``raise`` :class:`InjectedFault`, raise
    ``OSError(ENOSPC)`` (``enospc``) or end the process at once with ``os._exit(137)`` (``kill``, as SIGKILL would).
    """
    spec = os.environ.get(FAULT_ENV, "").strip()
    if not spec:
        return None
    where, _, action = spec.partition(":")
    step, _, nth = where.partition("#")
    if step not in STEPS or action not in ("raise", "enospc", "kill"):
        raise ValueError(f"{FAULT_ENV}={spec!r}: use STEP[#N]:ACTION with STEP in {STEPS} and raise|enospc|kill")
    return fault_hook(step, int(nth or 1), action)


def fault_hook(step: str, nth: int = 1, action: str = "raise") -> FaultHook:
    """A fault hook failing at the ``nth`` call of ``step`` (see :func:`env_fault`)."""

    def hook(at: str, n: int, name: str) -> None:
        if at != step or n != nth:
            return
        if action == "kill":
            os._exit(137)
        if action == "enospc":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), name)
        raise InjectedFault(f"injected fault at {at} #{n} ({name})")

    return hook


class FileStore:
    """A folder of files changed only by whole change sets (see the module docstring).

    Parameters
    ----------
    root : path-like
        The folder (e.g. ``data/``). Names in change sets are relative to it and may not leave it.
    fault : callable, optional
        ``fault(step, n, name)`` called at every step (tests); default: :func:`env_fault`.
    keep_previous : bool
        Copy each replaced file to ``.versions/`` next to it first.
    """

    def __init__(self, root: str | os.PathLike, fault: FaultHook | None = None, keep_previous: bool = True):
        self.root = Path(root)
        self._fault = fault
        self.keep_previous = keep_previous

    # ------------------------------------------------------------------ helpers

    def path(self, name: str) -> Path:
        """The file of a change-set name; raises ``ValueError`` for names leaving the folder."""
        rel = Path(name)
        if rel.is_absolute() or ".." in rel.parts or not rel.parts or rel.parts[0] in (STAGING, VERSIONS, JOURNAL):
            raise ValueError(f"'{name}' is not a file name inside {self.root}")
        return self.root / rel

    def versions(self, names) -> dict[str, str]:
        """Content versions of files (``""`` for a missing one), to pass as ``expected`` to :meth:`apply`."""
        return {n: _file_version(self.path(n)) for n in names}

    def _hit(self, step: str, n: int = 1, name: str = "") -> None:
        hook = self._fault if self._fault is not None else env_fault()
        if hook is not None:
            hook(step, n, name)

    @contextlib.contextmanager
    def lock(self, timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
        """Hold the folder's exclusive lock (other processes and threads wait)."""
        vdir = self.root / VERSIONS
        vdir.mkdir(parents=True, exist_ok=True)
        try:
            with FileLock(str(vdir / LOCK), timeout=timeout):
                yield
        except Timeout:
            raise WriteConflictError(msg(
                "{root} is being written by someone else for more than {timeout:g} s; try again later",
                root=str(self.root), timeout=timeout)) from None

    def needs_recovery(self) -> bool:
        """Whether the folder shows a half-done commit or temporary files (cheap; no lock)."""
        if (self.root / JOURNAL).exists() or (self.root / STAGING).exists():
            return True
        return any(True for _ in self._temp_files())

    def _temp_files(self) -> Iterator[Path]:
        """Temporary files of interrupted single-file writes (``.<name>.*.tmp``, the journal's ``.tmp``)."""
        if not self.root.is_dir():
            return
        folders = [self.root, *(p for p in self.root.iterdir() if p.is_dir() and not p.name.startswith("."))]
        for d in folders:
            yield from d.glob(".*.tmp")

    # ------------------------------------------------------------------ recovery

    def recover(self) -> Recovery:
        """Finish a marked commit, discard an unmarked one and remove temporary files (takes the lock).

        Returns
        -------
        Recovery
            What was done (empty when the folder was clean).
        """
        if not self.root.is_dir() or not self.needs_recovery():
            return Recovery()
        with self.lock():
            return self._recover_locked()

    def _recover_locked(self) -> Recovery:
        out = Recovery()
        journal = self.root / JOURNAL
        doc = None
        if journal.exists():
            try:
                doc = json.loads(journal.read_text(encoding="utf-8"))
                moves = [(m["staged"], m["target"], m["sha256"]) for m in doc["moves"]]
            except (OSError, ValueError, KeyError, TypeError):
                doc = None  # a torn journal cannot happen (it is renamed into place), but never trust one
        if doc is not None:
            for staged, target, digest in moves:
                src = self.root / staged
                dst = self.path(target)
                if src.exists():
                    dst.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(src, dst)
                    _fsync_dir(dst.parent)
                    out.rolled_forward.append(target)
                elif _file_version(dst) != digest:
                    raise RuntimeError(
                        f"{self.root}: the interrupted save of {target} cannot be finished (its staged copy is gone); "
                        f"restore {target} from {VERSIONS}/"
                    )
            journal.unlink()
            _fsync_dir(self.root)
        staging = self.root / STAGING
        if staging.exists():
            out.discarded += [str(p.relative_to(self.root)) for p in staging.rglob("*") if p.is_file()]
            shutil.rmtree(staging, ignore_errors=True)
        for tmp in list(self._temp_files()):
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
                out.discarded.append(str(tmp.relative_to(self.root)))
        if out:
            _fsync_dir(self.root)
        return out

    # ------------------------------------------------------------------ the transaction

    def apply(self, changes: Mapping[str, bytes], expected: Mapping[str, str]) -> dict[str, str]:
        """Write a change set all-or-nothing.

        Parameters
        ----------
        changes : mapping
            File name (relative to the folder) → new content.
        expected : mapping
            File name → the version the caller read (:meth:`versions`; ``""`` = must not exist). Every file in
            ``changes`` must be listed: a file without an expected version would be written blind.

        Returns
        -------
        dict
            File name → new version.

        Raises
        ------
        WriteConflictError
            If a file changed since the caller read it (nothing is written).
        OSError
            If the disk is full or unwritable before the commit mark (nothing is written; the old state stays).
        """
        missing = [n for n in changes if n not in expected]
        if missing:
            raise ValueError(f"no expected version given for {', '.join(missing)}")
        targets = {n: self.path(n) for n in changes}
        with self.lock():
            self._recover_locked()
            current = {n: _file_version(self.path(n)) for n in expected}
            changed = [n for n in expected if current[n] != expected[n]]
            if changed:
                raise WriteConflictError(msg(
                    "{files} changed since you read it (someone else saved); reload to see their changes, then "
                    "apply yours again — nothing was written", files=changed) if len(changed) == 1 else msg(
                    "{files} changed since you read them (someone else saved); reload to see their changes, then "
                    "apply yours again — nothing was written", files=changed))
            txid = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
            stage = self.root / STAGING / txid
            moves = []
            try:
                stage.mkdir(parents=True)
                for k, (name, data) in enumerate(changes.items(), start=1):
                    staged = stage / f"{k:03d}"
                    _write_synced(staged, data)
                    moves.append({"staged": str(staged.relative_to(self.root).as_posix()), "target": name,
                                  "sha256": sha256(data)})
                    self._hit("staged", k, name)
                _fsync_dir(stage)
                if self.keep_previous:
                    for p in targets.values():
                        if p.exists():
                            keep_version(p)
                self._hit("before_mark", 1, JOURNAL)
                doc = {"id": txid, "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "moves": moves}
                tmp = self.root / f"{JOURNAL}.{txid}.tmp"
                _write_synced(tmp, json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8"))
                os.replace(tmp, self.root / JOURNAL)
                _fsync_dir(self.root)
            except BaseException:
                # not committed: the old state stands; remove what was staged
                shutil.rmtree(stage, ignore_errors=True)
                for leftover in self.root.glob(f"{JOURNAL}.*.tmp"):
                    leftover.unlink(missing_ok=True)
                raise
            # committed: from here on the new state is the truth; a failure leaves the mark for recovery
            try:
                self._hit("after_mark", 1, JOURNAL)
                for k, m in enumerate(moves, start=1):
                    dst = targets[m["target"]]
                    dst.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(self.root / m["staged"], dst)
                    _fsync_dir(dst.parent)
                    self._hit("moved", k, m["target"])
                (self.root / JOURNAL).unlink()
                _fsync_dir(self.root)
                self._hit("unmarked", 1, JOURNAL)
            except Exception as exc:  # finish the commit now; if that fails too, the next reader finishes it
                try:
                    self._recover_locked()
                except Exception:
                    raise SaveInterruptedError(
                        f"the save was committed but could not be completed ({exc}); it will be completed the "
                        f"next time {self.root} is read or written"
                    ) from exc
            shutil.rmtree(stage, ignore_errors=True)
            with contextlib.suppress(OSError):
                (self.root / STAGING).rmdir()
            return {m["target"]: m["sha256"] for m in moves}


def keep_version(path: Path) -> Path:
    """Copy a file into ``.versions/`` next to it (``<name>.<timestamp>``); returns the copy."""
    vdir = path.parent / VERSIONS
    vdir.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S") + f"-{time.time_ns() % 10**9:09d}"
    dst = vdir / f"{path.name}.{stamp}"
    shutil.copy2(path, dst)
    return dst


def recover(root: str | os.PathLike) -> Recovery:
    """Bring a folder to a committed state before reading it (see :meth:`FileStore.recover`).

    Cheap when the folder is clean. A folder the process may not write is left as it is (readers then see
    the last committed state as far as the moves went; the next writer finishes the commit).
    """
    store = FileStore(root)
    try:
        return store.recover()
    except PermissionError:
        return Recovery()
