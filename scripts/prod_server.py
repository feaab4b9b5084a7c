"""`reflex run`, but granian replaces a worker that dies instead of shutting the app down.

Reflex's prod runner (reflex 0.10.1, `reflex.utils.exec.run_granian_backend_prod`) builds
granian's `Server` with its defaults, and granian's default is `respawn_failed_workers=False`:
one worker killed (OOM killer, segfault, `kill -9`) made granian stop every other worker and
exit. Reflex offers no setting for it, and granian reads `GRANIAN_*` variables only in its
command line, not in the `Server` class Reflex calls. So this entry point hands Reflex a
`Server` whose default is to respawn, then runs Reflex's own command line unchanged (build,
frontend mount, fork preload, logging all stay Reflex's).

Granian itself gives up on a crash loop (the same worker dying again within 5.5 s of its
respawn): then the whole app exits, and the process supervisor above it (`scripts/apps.py`,
or systemd's `Restart=always` in production) starts it again.

With `DASNEZ_REUSE_BUILD=1` (what `scripts/apps.py` sets when it restarts an app that died)
the frontend built by the app's earlier start is served as it is: the code has not changed,
and Reflex would otherwise compile and build it again on every start (most of a restart).

Usage, from the repository root: `python -m scripts.prod_server run --env prod …`
(the same arguments as `reflex`).
"""

from __future__ import annotations

import os
import sys
from typing import Any


def install() -> None:
    """Make `granian.server.Server` respawn failed workers unless told otherwise."""
    import granian.server

    base = granian.server.Server
    if getattr(base, "_dasnez_respawns", False):
        return

    class RespawningServer(base):  # type: ignore[valid-type,misc]
        _dasnez_respawns = True

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("respawn_failed_workers", True)
            super().__init__(*args, **kwargs)

    RespawningServer.__name__ = base.__name__
    RespawningServer.__qualname__ = base.__qualname__
    # Reflex imports `Server` from `granian.server` inside its run function, so the
    # replacement is what it finds.
    granian.server.Server = RespawningServer  # type: ignore[misc]


def reuse_build() -> bool:
    """Skip Reflex's compile and frontend build if asked to and a build is there."""
    if os.environ.get("DASNEZ_REUSE_BUILD") != "1":
        return False
    from reflex.utils import build, prerequisites
    from reflex_base.constants import Dirs

    if not (prerequisites.get_web_dir() / Dirs.STATIC / "index.html").exists():
        return False
    import reflex.reflex

    # `_run_prod` looks both up at call time.
    reflex.reflex._compile_app = lambda **_: None
    build.setup_frontend_prod = lambda root: None
    return True


def keep_gitignore() -> None:
    """Leave the repository's .gitignore alone. On a first start (no build dir yet) `reflex
    run` re-initialises the project and rewrites .gitignore (truncate, then write); both apps
    start at once, so one could read the other's half-written file and drop lines such as
    `.venv/`. The repository's .gitignore already lists everything Reflex adds."""
    from reflex.utils import frontend_skeleton

    frontend_skeleton.initialize_gitignore = lambda *_args, **_kwargs: None


def keep_lockfiles() -> None:
    """Leave the tracked `reflex.lock/` files as they are. After installing the frontend
    packages Reflex copies `.web`'s bun.lock and package.json back over `reflex.lock/` on
    every start (both apps at once, racing as with .gitignore), so a run left the checkout
    dirty whenever bun wrote the lock a little differently. A start now only writes a
    lockfile that is missing (a new checkout); updating the pinned versions is a
    deliberate change: delete the file, start once, review and commit it."""
    from reflex.utils import frontend_skeleton

    def persist_missing_only() -> None:
        for name in frontend_skeleton.LOCKFILE_NAMES + frontend_skeleton.NO_PRUNE_LOCKFILE_NAMES:
            if not frontend_skeleton.get_root_lockfile_path(name).exists():
                frontend_skeleton.sync_web_lockfile_to_root(name)

    # Both callers (frontend_skeleton itself and js_runtimes) look it up on the module.
    frontend_skeleton.sync_web_lockfiles_to_root = persist_missing_only


def main() -> None:
    from reflex_base.utils import log

    if log.is_json_mode() and not log.is_output_supervised():
        # What `reflex run` does in JSON log mode, but re-running this module rather than
        # `python -m reflex` (which would start granian without the respawn default).
        args = [sys.executable, "-m", "scripts.prod_server", *sys.argv[1:]]
        raise SystemExit(log.supervise_output(args))
    install()
    keep_gitignore()
    keep_lockfiles()
    reuse_build()
    from reflex.reflex import cli

    sys.argv[0] = "reflex"
    cli()


if __name__ == "__main__":
    main()
