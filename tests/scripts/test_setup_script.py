"""scripts/setup run by a user who is neither root nor allowed to sudo: it names the apt
packages and the command to run, then goes on with the Python environment."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _fake(bin_dir: Path, name: str, body: str) -> None:
    path = bin_dir / name
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(0o755)


def test_setup_without_root_or_sudo_prints_the_packages_and_goes_on(tmp_path):
    repo = tmp_path / "repo"
    (repo / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "setup", repo / "scripts" / "setup")
    (repo / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    venv_bin = repo / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    calls = tmp_path / "python-calls"
    _fake(venv_bin, "python", f'echo "$@" >> "{calls}"')
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    _fake(fake_bin, "id", 'if [ "$1" = "-u" ]; then echo 1000; else echo "uid=1000(coord)"; fi')
    _fake(fake_bin, "dpkg-query", "exit 1")  # nothing installed
    _fake(fake_bin, "sudo", 'echo "sudo: a password is required" >&2; exit 1')
    _fake(fake_bin, "apt-get", f'echo apt-get "$@" >> "{tmp_path / "apt-calls"}"; exit 100')
    env = {**os.environ, "PATH": f"{fake_bin}:/usr/bin:/bin"}
    done = subprocess.run(["bash", str(repo / "scripts" / "setup")], env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert "can neither be root nor use sudo" in done.stderr
    assert "sudo apt-get install --no-install-recommends libglib2.0-0" in done.stderr
    assert "postgresql" in done.stderr and "going on" in done.stderr
    assert not (tmp_path / "apt-calls").exists()  # apt was never tried
    assert "pip install" in calls.read_text()  # the Python part still ran
