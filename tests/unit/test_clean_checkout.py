"""A start leaves the checkout as it was: Reflex no longer copies `.web`'s lockfiles back
over the tracked `reflex.lock/` (only a missing one is written), nor rewrites .gitignore."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts import prod_server


def test_a_start_keeps_the_tracked_lockfiles_and_writes_only_missing_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reflex.utils import frontend_skeleton

    # Undone after the test: the patch replaces a module attribute.
    monkeypatch.setattr(
        frontend_skeleton,
        "sync_web_lockfiles_to_root",
        frontend_skeleton.sync_web_lockfiles_to_root,
    )
    monkeypatch.chdir(tmp_path)
    web = tmp_path / ".web-test"
    web.mkdir()
    monkeypatch.setenv("REFLEX_WEB_WORKDIR", str(web))
    (tmp_path / "reflex.lock").mkdir()
    (tmp_path / "reflex.lock" / "bun.lock").write_text("pinned")
    (web / "bun.lock").write_text("rewritten by bun")
    (web / "package.json").write_text("{}")
    assert frontend_skeleton.get_web_lockfile_path("bun.lock") == web / "bun.lock"

    prod_server.keep_lockfiles()
    frontend_skeleton.sync_web_lockfiles_to_root()

    assert (tmp_path / "reflex.lock" / "bun.lock").read_text() == "pinned"
    # A new checkout without one gets it.
    assert (tmp_path / "reflex.lock" / "package.json").read_text() == "{}"


def test_the_generated_files_stay_tracked_only_where_meant() -> None:
    """reflex.lock/ is tracked on purpose (pinned frontend versions); the build and state
    folders, the database, logs, outbox and backups (var/) are ignored."""
    ignored = (Path(prod_server.__file__).parent.parent / ".gitignore").read_text().split()
    for entry in (".web-public*/", ".web-admin*/", ".states-public*/", ".states-admin*/", "var/"):
        assert entry in ignored
