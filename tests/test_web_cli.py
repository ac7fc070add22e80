"""``crosswire serve``: options reach uvicorn and the app; a bad database is one clear line."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from crosswire.cli import _load_commands, app


@pytest.fixture
def served(monkeypatch):
    """Run `crosswire serve ...` with uvicorn.run replaced: returns what it was given."""
    import uvicorn
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda web_app, **kw: calls.append((web_app, kw)))
    _load_commands()

    def run(*args, env=None):
        result = CliRunner().invoke(app, ["serve", *args], env=env)
        return result, calls
    return run


def test_defaults_are_local_and_read_only(served, tmp_path, monkeypatch):
    monkeypatch.delenv("CROSSWIRE_TOKEN", raising=False)
    result, calls = served("--db", str(tmp_path / "x.db"))
    assert result.exit_code == 0, result.output
    web_app, options = calls[0]
    assert options["host"] == "127.0.0.1" and options["port"] == 8000
    assert web_app.state.token is None
    assert "read-only" in result.output
    assert "no articles yet" in result.output


def test_options_and_token_from_the_environment(served, tmp_path):
    result, calls = served("--db", f"sqlite:///{tmp_path / 'y.db'}", "--host", "0.0.0.0",
                           "--port", "8123", env={"CROSSWIRE_TOKEN": "tok"})
    assert result.exit_code == 0, result.output
    web_app, options = calls[0]
    assert (options["host"], options["port"]) == ("0.0.0.0", 8123)
    assert web_app.state.token == "tok"


def test_unreachable_database_is_one_clear_line(served, tmp_path):
    result, calls = served("--db", f"sqlite:///{tmp_path / 'no' / 'such' / 'dir.db'}")
    assert result.exit_code == 1
    assert "cannot open" in result.output and "Traceback" not in result.output
    assert calls == []
