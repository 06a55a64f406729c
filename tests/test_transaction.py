"""Fault injection on saves: at every step of a transaction (error, full disk, kill) the data is the old or the new."""

from __future__ import annotations

import errno
import io
import os
import shutil
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from cli.main import main as cli_main
from geo import add_plan as ap
from geo import settings
from geo.errors import WriteConflictError
from geo.transaction import FAULT_ENV, JOURNAL, STAGING, FileStore, InjectedFault, fault_hook, recover

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
sys.path.insert(0, str(Path(__file__).parent))
from test_add_plan import PLAN, _meta, _review, _sites  # noqa: E402

#: Every step of a save of four files (plan text, parks, clusters, plans), in order, and whether the save counts
#: as committed once the writer stops there.
STEPS = [("staged", 1, False), ("staged", 2, False), ("staged", 3, False), ("staged", 4, False),
         ("before_mark", 1, False), ("after_mark", 1, True), ("moved", 1, True), ("moved", 2, True),
         ("moved", 3, True), ("moved", 4, True), ("unmarked", 1, True)]
IDS = [f"{s}#{n}" for s, n, _ in STEPS]


def snapshot(d: Path) -> dict[str, bytes]:
    """Every data file of a folder (hidden files and folders — versions, journal, staging — left out)."""
    out = {}
    for p in sorted(d.rglob("*")):
        rel = p.relative_to(d)
        if p.is_file() and not any(part.startswith(".") for part in rel.parts):
            out[rel.as_posix()] = p.read_bytes()
    return out


def leftovers(d: Path) -> list[str]:
    """Staging, journal and temporary files still in the folder."""
    out = [str(p) for p in d.rglob("*.tmp")]
    out += [str(p) for p in (d / STAGING, d / JOURNAL) if p.exists()]
    return out


def validate_ok(d: Path) -> tuple[int, str]:
    """``geo validate --data-dir d`` (in-process): exit status and output."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        rc = cli_main(["validate", "--data-dir", str(d)])
    return rc, out.getvalue() + err.getvalue()


@pytest.fixture(scope="module")
def states(tmp_path_factory) -> dict:
    """The data before and after saving the test plan, and the update that does it."""
    base = tmp_path_factory.mktemp("tx") / "data"
    shutil.copytree(DATA, base, ignore=shutil.ignore_patterns("_draft", ".versions"))
    rv = _review(base)
    upd = ap.build_update(base, _meta(), PLAN, rv, _sites(rv))
    old = snapshot(base)
    after = base.parent / "after"
    shutil.copytree(base, after)
    ap.save_update(after, upd, ap.read_versions(after))
    by_cli = base.parent / "after_cli"
    shutil.copytree(base, by_cli)
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        assert cli_main(_cli_args(by_cli, base.parent)) == 0
    return {"base": base, "update": upd, "old": old, "new": snapshot(after), "review": rv,
            "new_cli": snapshot(by_cli)}


def _copy(states: dict, tmp_path: Path) -> Path:
    d = tmp_path / "data"
    shutil.copytree(states["base"], d)
    return d


# ----------------------------------------------------------------------------- the store on its own


def test_apply_writes_all_keeps_previous_and_checks_versions(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"a0")
    store = FileStore(tmp_path)
    v = store.versions(["a.txt", "b.txt"])
    assert v["b.txt"] == ""
    store.apply({"a.txt": b"a1", "b.txt": b"b1"}, v)
    assert (tmp_path / "a.txt").read_bytes() == b"a1" and (tmp_path / "b.txt").read_bytes() == b"b1"
    assert [p.read_bytes() for p in (tmp_path / ".versions").glob("a.txt.*")] == [b"a0"]
    assert leftovers(tmp_path) == []
    with pytest.raises(WriteConflictError, match="a.txt"):  # v is stale now
        store.apply({"a.txt": b"a2"}, {"a.txt": v["a.txt"]})
    assert (tmp_path / "a.txt").read_bytes() == b"a1"
    with pytest.raises(ValueError):
        store.apply({"../x": b""}, {"../x": ""})
    with pytest.raises(ValueError, match="expected version"):
        store.apply({"a.txt": b"a3"}, {})


@pytest.mark.parametrize("action", ["raise", "enospc"])
@pytest.mark.parametrize(("step", "nth", "committed"), STEPS[:2] + STEPS[4:8], ids=IDS[:2] + IDS[4:8])
def test_store_fault_leaves_old_or_new(tmp_path, step, nth, committed, action):
    files = {"a.txt": b"a0", "b.txt": b"b0"}
    for k, v in files.items():
        (tmp_path / k).write_bytes(v)
    store = FileStore(tmp_path, fault=fault_hook(step, nth, action))
    new = {"a.txt": b"a1", "b.txt": b"b1"}
    try:
        store.apply(new, store.versions(new))
    except InjectedFault:
        assert action == "raise" and not committed
    except OSError as exc:
        assert action == "enospc" and exc.errno == errno.ENOSPC and not committed
    else:
        assert committed  # a failure after the commit mark is completed at once
    recover(tmp_path)
    assert {k: (tmp_path / k).read_bytes() for k in files} == (new if committed else files)
    assert leftovers(tmp_path) == []


def test_marked_commit_is_rolled_forward_by_a_reader(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"a0")
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); from geo.transaction import FileStore, fault_hook; "
            f"s = FileStore({str(tmp_path)!r}, fault=fault_hook('moved', 1, 'kill')); "
            "s.apply({'a.txt': b'a1', 'b.txt': b'b1'}, s.versions(['a.txt', 'b.txt']))")
    rc = subprocess.run([sys.executable, "-c", code], timeout=60).returncode
    assert rc == 137
    assert (tmp_path / JOURNAL).exists() and not (tmp_path / "b.txt").exists()  # half done, marked
    done = recover(tmp_path)
    assert done.rolled_forward == ["b.txt"] and "finished an interrupted save" in done.message()
    assert (tmp_path / "a.txt").read_bytes() == b"a1" and (tmp_path / "b.txt").read_bytes() == b"b1"
    assert leftovers(tmp_path) == []


def test_geo_imports_without_fcntl():
    """Windows has no fcntl: the package must still import (the lock is filelock's)."""
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); sys.modules['fcntl'] = None; "
            "import geo.io, geo.add_plan, geo.transaction; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "import fcntl" not in (ROOT / "geo" / "io.py").read_text(encoding="utf-8")


# ----------------------------------------------------------------------------- the add-plan save


@pytest.mark.parametrize("action", ["raise", "enospc"])
@pytest.mark.parametrize(("step", "nth", "committed"), STEPS, ids=IDS)
def test_save_fault_in_process(states, tmp_path, step, nth, committed, action):
    d = _copy(states, tmp_path)
    upd = states["update"]
    try:
        ap.save_update(d, upd, ap.read_versions(d), validate=False, fault=fault_hook(step, nth, action))
        saved = True
    except (InjectedFault, OSError):
        saved = False
    assert saved == committed
    rc, out = validate_ok(d)
    assert rc == 0, out
    assert snapshot(d) == (states["new"] if committed else states["old"])
    assert leftovers(d) == []
    # the user can simply save again when it failed (no orphan text blocks the plan id)
    if not saved:
        again = ap.build_update(d, _meta(), PLAN, states["review"], _sites(states["review"]))
        assert again.plan_id == upd.plan_id
        ap.save_update(d, again, ap.read_versions(d), validate=False)
        assert snapshot(d) == states["new"]


def _cli_args(d: Path, tmp: Path) -> list[str]:
    text = tmp / "plan.txt"
    text.write_text(PLAN, encoding="utf-8")
    rows = tmp / "draft.csv"
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(io.StringIO()):
        assert cli_main(["ingest", str(text), "--district", "合川区", "--horizon", "2028", "--data-dir", str(d)]) == 0
    rows.write_text(out.getvalue(), encoding="utf-8")
    return ["add-plan", str(text), "--district", "合川区", "--title", "合川区制造业发展行动方案",
            "--issued", "2024-05-01", "--horizon", "2028", "--rows", str(rows), "--doc-number", "合川府发〔2024〕1号",
            "--site", "西城工业园=106.45743,30.21469", "--site", "白沙镇=106.5558,30.18416", "--data-dir", str(d)]


@pytest.mark.parametrize(("step", "nth", "committed"), STEPS, ids=IDS)
def test_save_killed_in_subprocess(states, tmp_path, step, nth, committed):
    """``geo add-plan`` killed (os._exit, as SIGKILL) at each step; a later ``geo validate`` finds old or new data."""
    d = _copy(states, tmp_path)
    args = _cli_args(d, tmp_path)
    env = {**os.environ, FAULT_ENV: f"{step}#{nth}:kill", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "geo", *args], env=env, capture_output=True, text=True,
                          timeout=300, cwd=ROOT)
    assert proc.returncode == 137, proc.stderr
    rc, out = validate_ok(d)  # reading rolls a marked commit forward, discards an unmarked one
    assert rc == 0, out
    assert snapshot(d) == (states["new_cli"] if committed else states["old"])
    assert leftovers(d) == []


def test_add_plan_cli_exits(states, tmp_path):
    d = _copy(states, tmp_path)
    args = _cli_args(d, tmp_path)
    # 1: invalid — a new park without a location
    out, err = io.StringIO(), io.StringIO()
    i = args.index("白沙镇=106.5558,30.18416")
    bad = args[:i - 1] + args[i + 1:]
    with redirect_stdout(out), redirect_stderr(err):
        assert cli_main(bad) == 1
    assert "白沙镇" in err.getvalue() and "needs a location" in err.getvalue()
    assert snapshot(d) == states["old"]
    # 0: saved, one line naming the plan id
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(io.StringIO()):
        assert cli_main(args) == 0
    assert out.getvalue().count("\n") == 1 and "hechuan-2024" in out.getvalue()
    assert snapshot(d) == states["new_cli"]
    # 3: write conflict — someone saves between reading the versions and writing
    real = ap.read_versions

    def stale(data_dir):
        v = real(data_dir)
        with open(Path(data_dir) / settings.PLANS_FILE, "ab") as fh:
            fh.write(b"\n")
        return v

    args2 = [a.replace("合川区制造业发展行动方案", "第二个方案").replace("2024-05-01", "2024-07-01") for a in args]
    err = io.StringIO()
    try:
        ap.read_versions = stale
        with redirect_stdout(io.StringIO()), redirect_stderr(err):
            assert cli_main(args2) == 3
    finally:
        ap.read_versions = real
    assert "CONFLICT" in err.getvalue() and "plans.csv" in err.getvalue()


def test_add_plan_cli_full_disk_says_nothing_was_written(states, tmp_path, monkeypatch):
    d = _copy(states, tmp_path)
    args = _cli_args(d, tmp_path)
    monkeypatch.setenv(FAULT_ENV, "staged#3:enospc")
    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        assert cli_main(args) == 1
    assert "nothing was written" in err.getvalue() and "space" in err.getvalue().lower()
    monkeypatch.delenv(FAULT_ENV)
    assert validate_ok(d)[0] == 0 and snapshot(d) == states["old"]


def test_orphan_text_and_temp_files_of_an_old_crash_do_not_block(states, tmp_path):
    d = _copy(states, tmp_path)
    (d / "plans" / "hechuan-2024.txt").write_text("half a plan", encoding="utf-8")  # left by an old crashed save
    (d / ".plans.csv.abc123.tmp").write_text("junk", encoding="utf-8")
    (d / "plans" / ".hechuan-2024.txt.x.tmp").write_text("junk", encoding="utf-8")
    upd = ap.build_update(d, _meta(), PLAN, states["review"], _sites(states["review"]))
    assert upd.plan_id == "hechuan-2024"
    ap.save_update(d, upd, ap.read_versions(d))
    assert snapshot(d) == states["new"] and leftovers(d) == []
    kept = list((d / "plans" / ".versions").glob("hechuan-2024.txt.*"))
    assert [p.read_text(encoding="utf-8") for p in kept] == ["half a plan"]


def _mount_tmpfs(where: Path, size_kb: int) -> bool:
    where.mkdir(parents=True, exist_ok=True)
    try:
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(where)],
                           capture_output=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return False
    return r.returncode == 0


def test_full_disk_on_a_small_tmpfs(states, tmp_path):
    """A real full disk where the machine allows mounting a tmpfs (root); else the injected ENOSPC above covers it."""
    used = sum(len(v) for v in states["old"].values())
    staged = sum(len(v) for k, v in states["new"].items() if k in states["update"].files)
    mnt = tmp_path / "small"
    if not _mount_tmpfs(mnt, (used + staged // 2) // 1024 + 64):
        pytest.skip("cannot mount a tmpfs here; full disk tested by injected ENOSPC")
    try:
        d = mnt / "data"
        try:
            shutil.copytree(states["base"], d)
        except OSError:
            pytest.skip("the tmpfs is too small for the data itself")
        with pytest.raises(OSError) as err:
            ap.save_update(d, states["update"], ap.read_versions(d), validate=False)
        assert err.value.errno == errno.ENOSPC
        assert validate_ok(d)[0] == 0
        assert snapshot(d) == states["old"] and leftovers(d) == []
    finally:
        subprocess.run(["umount", str(mnt)], capture_output=True, timeout=20)
