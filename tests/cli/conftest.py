import pytest

import main as app_main


@pytest.fixture
def cli(tmp_path, capsys):
    """Runs `sas-roster --db sqlite:///<tmp> ARGS…` in-process; returns (exit code, stdout, stderr)."""
    url = f"sqlite:///{tmp_path / 'sas.db'}"

    def run(*args: str):
        code = app_main.main(["--db", url, *args])
        out, err = capsys.readouterr()
        return code, out, err

    run.url = url
    return run


@pytest.fixture
def demo_cli(cli):
    code, _, err = cli("demo", "--today", "2026-11-23")
    assert code == 0, err
    return cli
