"""Set-up from a fresh clone: the browser install script, ignored files and the static folder."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "install-browser.sh"


def _fake_bin(d: Path, fonts_first: str, candidate: bool) -> Path:
    """Fake chromium, node, fc-list (a long font list), apt-get (logs its calls) and apt-cache."""
    b = d / "bin"
    b.mkdir()
    log = d / "apt.log"
    scripts = {
        "chromium": "#!/bin/sh\nexit 0\n",
        "node": "#!/bin/sh\nexit 0\n",
        # ~4 MB of fonts after the first line: `grep -q` stops at line 1 and fc-list gets SIGPIPE
        "fc-list": f"#!/bin/sh\necho '{fonts_first}'\n"
                   "i=0; while [ $i -lt 40000 ]; do echo \"/usr/share/fonts/x/DejaVuSans-$i.ttf: DejaVu Sans:style=Book "
                   "padding-padding-padding-padding-padding-padding-padding\"; i=$((i+1)); done\n",
        "apt-get": f"#!/bin/sh\necho \"apt-get $*\" >> '{log}'\n",
        "apt-cache": "#!/bin/sh\necho \"$1:\"\necho '  Installed: (none)'\n"
                     + ("echo '  Candidate: 1.0'\n" if candidate else "echo '  Candidate: (none)'\n"),
    }
    for name, text in scripts.items():
        p = b / name
        p.write_text(text)
        p.chmod(0o755)
    return b


def _run(tmp_path: Path, fonts_first: str, candidate: bool = True) -> tuple[int, str]:
    b = _fake_bin(tmp_path, fonts_first, candidate)
    env = {**os.environ, "PATH": f"{b}:{os.environ['PATH']}"}
    r = subprocess.run(["bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=120)
    log = tmp_path / "apt.log"
    return r.returncode, log.read_text() if log.exists() else ""


@pytest.mark.skipif(os.geteuid() != 0, reason="the script calls sudo when not root")
@pytest.mark.parametrize("attempt", range(3))
def test_font_present_means_nothing_to_do_even_with_a_long_font_list(tmp_path, attempt):
    code, apt = _run(tmp_path, "/usr/share/fonts/NotoSansCJK-Regular.ttc: Noto Sans CJK SC:style=Regular")
    assert code == 0
    assert apt == ""  # neither apt-get update nor install


@pytest.mark.skipif(os.geteuid() != 0, reason="the script calls sudo when not root")
def test_missing_font_is_installed_without_update_when_the_lists_have_it(tmp_path):
    code, apt = _run(tmp_path, "/usr/share/fonts/DejaVuSans.ttf: DejaVu Sans:style=Book", candidate=True)
    assert code == 0
    assert "update" not in apt
    assert "install" in apt and "fonts-noto-cjk" in apt


@pytest.mark.skipif(os.geteuid() != 0, reason="the script calls sudo when not root")
def test_missing_font_without_candidate_refreshes_the_lists_first(tmp_path):
    code, apt = _run(tmp_path, "/usr/share/fonts/DejaVuSans.ttf: DejaVu Sans:style=Book", candidate=False)
    assert code == 0
    lines = apt.splitlines()
    assert lines[0].startswith("apt-get update") and "fonts-noto-cjk" in lines[1]


def _git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git checkout")
@pytest.mark.parametrize("path", ["data/plans/.versions/clusters.csv.20260101", "data/.versions/x.csv", "static/leaflet.js"])
def test_generated_files_are_ignored(path):
    assert _git("check-ignore", "-q", path).returncode == 0, path


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git checkout")
def test_static_folder_ships_with_the_clone():
    """Streamlit warns on start when static serving is on and static/ is missing: a clone carries the folder."""
    assert "static/.gitignore" in _git("ls-files", "static").stdout.split()
    assert _git("check-ignore", "-q", "static/.gitignore").returncode == 1


def test_readme_set_up_names_python_version_virtualenv_and_windows():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "Python 3.10" in text
    assert "python -m venv .venv" in text or "python3 -m venv .venv" in text
    assert r".venv\Scripts\activate" in text
