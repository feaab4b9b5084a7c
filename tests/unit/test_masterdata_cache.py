"""Master data cached per process: hits without SQL, invalidation by the database version
(also when another worker made the change), and each Kommune's copy holding only its own."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlmodel import Session, select

from dasnez_core.actor import Actor
from dasnez_core.db import get_engine
from dasnez_core.errors import NotFound
from dasnez_core.models import Institution, Kommune, LegalKind
from dasnez_core.services import account, institutions, legal
from dasnez_core.services.masterdata_areas import (
    SocialSpaceInput,
    add_area,
    add_social_space,
    delete_area,
    rename_area,
)
from dasnez_core.services.masterdata_cache import (
    MasterDataCache,
    master,
    master_by_slug,
    process_cache,
)
from dasnez_core.services.masterdata_catalog import add_category, set_category_active
from dasnez_ui.masterdata_refresh import check_master_data
from tests import factories as f
from tests.unit.test_institutions import FORM as INSTITUTION_FORM
from tests.unit.test_institutions import _approved_institution as approved_institution
from tests.unit.test_institutions import _world as institution_world

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def w(db: Session) -> dict[str, Any]:
    w = f.masterdata_world(db)
    w["actor"] = f.actor(db, w["admin"])
    w["space"] = f.social_space(db, w["here"])
    db.commit()
    return w


@contextmanager
def _statements() -> Iterator[list[str]]:
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    engine = get_engine()
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _worker_session() -> Session:
    """A session of another app worker: its own connection and transaction."""
    return Session(get_engine(), expire_on_commit=False)


def test_master_data_holds_the_kommune_and_its_labels(db: Session, w: dict) -> None:
    data = master(db, w["here"].id)
    assert data.kommune.slug == "delbrueck" and data.kommune.name == "Delbrück"
    assert [a.name for a in data.districts] == ["Boke", "Hagen"]
    assert data.area_label(w["heide"].id) == "Boke › Boker Heide"
    assert data.area_label(w["boke"].id) == "Boke"
    assert data.category_label(w["cat"].id) == "Alltagshilfe"
    assert data.exchange_type(w["exchange"].id) == "nachbarschaft"
    assert data.exchange_id_by_type["nachbarschaft"] == w["exchange"].id
    assert data.space_name(w["space"].id) == "Pfarrei St. Johannes"
    assert master_by_slug(db, " Delbrueck ") is data


def test_a_second_read_is_served_without_sql(db: Session, w: dict) -> None:
    cache = MasterDataCache(ttl=60)
    first = cache.master(db, w["here"].id)
    with _statements() as seen:
        again = cache.master(db, w["here"].id)
        by_slug = cache.master_by_slug(db, "delbrueck")
    assert again is first and by_slug is first
    assert seen == []


def test_after_the_ttl_only_the_version_is_read(db: Session, w: dict) -> None:
    clock = _Clock()
    cache = MasterDataCache(ttl=1.0, clock=clock)
    first = cache.master(db, w["here"].id)
    clock.now += 1.5
    with _statements() as seen:
        assert cache.master(db, w["here"].id) is first
    assert len(seen) == 1 and "master_version" in seen[0]


def test_another_workers_change_is_seen_after_the_ttl(db: Session, w: dict) -> None:
    clock = _Clock()
    worker = MasterDataCache(ttl=1.0, clock=clock)
    before = worker.master(db, w["here"].id)
    db.commit()
    with _worker_session() as admin_db:
        admin = f.actor(admin_db, admin_db.get(type(w["admin"]), w["admin"].id))
        new_id = add_category(admin_db, admin, w["here"].id, w["exchange"].id, "Fenster putzen")
        admin_db.commit()
    with _worker_session() as reader:
        # Within the ttl the worker keeps its copy; then the version tells it to reload.
        assert worker.master(reader, w["here"].id) is before
        clock.now += 1.5
        after = worker.master(reader, w["here"].id)
    assert after.version > before.version
    assert after.category_label(new_id) == "Fenster putzen"
    assert before.category_label(new_id) == ""


def test_a_commit_in_this_process_drops_the_copy_at_once(db: Session, w: dict) -> None:
    before = master(db, w["here"].id)
    db.commit()
    rename_area(db, w["actor"], w["here"].id, w["hagen"].id, "Hagen-Süd")
    db.commit()
    after = master(db, w["here"].id)
    assert after.area_label(w["hagen"].id) == "Hagen-Süd"
    assert after.version == before.version + 1


def test_an_open_transaction_reads_its_own_change(db: Session, w: dict) -> None:
    master(db, w["here"].id)
    set_category_active(db, w["actor"], w["here"].id, w["cat"].id, False)
    assert master(db, w["here"].id).category_by_id[w["cat"].id].active is False
    db.rollback()
    # Nothing was committed: the shared copy still holds the active category.
    assert master(db, w["here"].id).category_by_id[w["cat"].id].active is True


def _add_village(db: Session, admin: Actor, w: dict) -> None:
    add_area(db, admin, w["here"].id, "Schöning", w["boke"].id)


def _delete_area(db: Session, admin: Actor, w: dict) -> None:
    delete_area(db, admin, w["here"].id, w["hagen"].id)


def _add_space(db: Session, admin: Actor, w: dict) -> None:
    add_social_space(db, admin, w["here"].id, SocialSpaceInput("school", "Grundschule", None))


def _publish_privacy(db: Session, admin: Actor, w: dict) -> None:
    legal.publish(db, admin, w["here"].id, LegalKind.PRIVACY, "Wir schützen Ihre Daten. " * 5)


@pytest.mark.parametrize(
    "change",
    [_add_village, _delete_area, _add_space, _publish_privacy],
    ids=["add village", "delete area", "add social space", "publish privacy notice"],
)
def test_every_master_data_write_raises_the_version(
    db: Session, w: dict, change: Callable[[Session, Actor, dict], None]
) -> None:
    before = master(db, w["here"].id)
    other_before = master(db, w["other"].id)
    change(db, w["actor"], w)
    db.commit()
    assert master(db, w["here"].id).version == before.version + 1
    # Another Kommune's copy is untouched by this Kommune's change.
    assert master(db, w["other"].id) is other_before


def test_each_kommune_sees_only_its_own_master_data(db: Session, w: dict) -> None:
    here = master(db, w["here"].id)
    other = master(db, w["other"].id)
    assert w["other_cat"].id not in here.category_by_id
    assert here.area_label(w["other_district"].id) == ""
    assert [a.name for a in other.areas] == ["Kernstadt"]
    assert w["space"].id not in other.space_by_id
    assert master_by_slug(db, "bad-lippspringe") is other


def test_unknown_or_inactive_kommunen_are_not_found(db: Session, w: dict) -> None:
    with pytest.raises(NotFound):
        master(db, 999_999)
    with pytest.raises(NotFound):
        master_by_slug(db, "gibt-es-nicht")
    master_by_slug(db, "bad-lippspringe")
    other = db.get(Kommune, w["other"].id)
    assert other is not None
    other.active = False
    db.add(other)
    db.commit()
    with pytest.raises(NotFound):
        master_by_slug(db, "bad-lippspringe")


def test_process_cache_is_shared(db: Session, w: dict) -> None:
    assert master(db, w["here"].id) is process_cache().master(db, w["here"].id)


# --- the background check ---------------------------------------------------------------------


def test_one_background_check_serves_every_copy_without_a_round_trip(db: Session, w: dict) -> None:
    clock = _Clock()
    worker = MasterDataCache(ttl=1.0, clock=clock)
    here, other = worker.master(db, w["here"].id), worker.master(db, w["other"].id)
    clock.now += 0.6
    with _statements() as seen:
        assert worker.revalidate(db) == 0
    assert len(seen) == 1 and "master_version" in seen[0]
    # Past the ttl of the first reads, but within that of the check: no request reads.
    clock.now += 0.6
    with _statements() as seen:
        assert worker.master(db, w["here"].id) is here
        assert worker.master_by_slug(db, "bad-lippspringe") is other
    assert seen == []


def test_the_background_check_reads_another_workers_change_and_forgets_a_gone_kommune(
    db: Session, w: dict
) -> None:
    clock = _Clock()
    worker = MasterDataCache(ttl=1.0, clock=clock)
    before = worker.master(db, w["here"].id)
    gone = f.kommune(db, slug="gibt-es-bald-nicht", name="Weg")
    worker.master(db, gone.id)
    db.commit()
    with _worker_session() as admin_db:
        admin = f.actor(admin_db, admin_db.get(type(w["admin"]), w["admin"].id))
        new_id = add_category(admin_db, admin, w["here"].id, w["exchange"].id, "Fenster putzen")
        admin_db.delete(admin_db.get(Kommune, gone.id))
        admin_db.commit()
    with _worker_session() as reader:
        assert worker.revalidate(reader) == 2
        with _statements() as seen:
            after = worker.master(reader, w["here"].id)
        assert seen == []
        assert after.version > before.version
        assert after.category_label(new_id) == "Fenster putzen"
        with pytest.raises(NotFound):
            worker.master(reader, gone.id)


async def _until(done: Callable[[], bool], deadline: float = 10.0) -> None:
    """Wait until `done()` holds (the test fails after `deadline` seconds)."""
    waited = 0.0
    while not done():
        assert waited < deadline, "not reached in time"
        await asyncio.sleep(0.01)
        waited += 0.01


def test_each_worker_checks_its_copies_every_half_ttl_until_stopped() -> None:
    checks: list[float] = []

    class Counting(MasterDataCache):
        def revalidate(self, db: Session) -> int:
            checks.append(time.monotonic())
            return 0

    async def run(ttl: float) -> None:
        task = asyncio.create_task(check_master_data(Counting(ttl=ttl)))
        await _until(lambda: len(checks) >= 3)
        assert not task.done()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(run(0.2))
    # Half the ttl apart (a busy machine may wake the task late, never early).
    gaps = [b - a for a, b in itertools.pairwise(checks)]
    assert min(gaps) >= 0.09
    # A ttl of 0 (every request checks itself): no task keeps running.
    asyncio.run(check_master_data(Counting(ttl=0)))


def test_an_outage_of_the_background_check_is_logged_once_and_its_end_too(
    caplog: pytest.LogCaptureFixture,
) -> None:
    calls: list[int] = []

    class Failing(MasterDataCache):
        def revalidate(self, db: Session) -> int:
            calls.append(1)
            if len(calls) <= 3:
                raise OSError("database away")
            return 0

    async def run() -> None:
        task = asyncio.create_task(check_master_data(Failing(ttl=0.1)))
        await _until(lambda: "works again" in caplog.text)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    asyncio.run(run())
    assert len(calls) >= 4
    # The outage is logged once with its cause, and its end with how many checks failed.
    assert caplog.text.count("checking the cached master data failed") == 1
    assert "database away" in caplog.text
    assert "works again (3 checks failed)" in caplog.text


def test_both_apps_check_their_master_data_in_the_background() -> None:
    for module in ("dasnez_app/dasnez_app.py", "admin_portal/admin_portal.py"):
        source = (ROOT / module).read_text()
        assert "app.register_lifespan_task(check_master_data)" in source, module


# --- the networks (admitted institutions) -----------------------------------------------------


def test_the_networks_come_with_the_master_data_and_follow_admission_rename_and_removal(
    db: Session,
) -> None:
    w = institution_world(db)
    here = w["here"].id
    assert master(db, here).networks == ()
    handle = approved_institution(db, w)
    db.commit()
    admitted = master(db, here)
    assert [(n.name, n.handle) for n in admitted.networks] == [("Caritas Delbrück", handle)]
    # Another Kommune did not admit it.
    assert master(db, w["there"].id).networks == ()
    # A rename raises the version of every Kommune that admitted it.
    institution = db.exec(select(Institution).where(Institution.handle == handle)).one()
    institution.name = "Caritas im Kreis"
    db.add(institution)
    db.commit()
    renamed = master(db, here)
    assert renamed.version == admitted.version + 1
    assert [n.name for n in renamed.networks] == ["Caritas im Kreis"]
    # Another detail (the description) leaves the cached copy alone.
    institution.description = "Neu beschrieben."
    db.add(institution)
    db.commit()
    assert master(db, here) is renamed
    # The institution removed: gone from the networks at once.
    account.delete_account(db, f.actor(db, w["lead"]), here, password=f.PASSWORD, confirmed=True)
    db.commit()
    assert db.exec(select(Institution)).first() is None
    assert master(db, here).networks == ()


def test_another_workers_admission_reaches_the_networks_by_the_background_check(
    db: Session,
) -> None:
    w = institution_world(db)
    db.commit()
    clock = _Clock()
    worker = MasterDataCache(ttl=1.0, clock=clock)
    assert worker.master(db, w["here"].id).networks == ()
    # Admitted through this session: a commit drops only this process's shared copies,
    # `worker` stands for another worker's.
    approved_institution(db, w)
    db.commit()
    assert worker.master(db, w["here"].id).networks == ()
    assert worker.revalidate(db) == 1
    assert [n.name for n in worker.master(db, w["here"].id).networks] == ["Caritas Delbrück"]


def test_a_copy_read_before_a_commit_here_or_older_than_the_cached_one_is_not_kept(
    db: Session, w: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The background check and a request may read the same Kommune at once."""
    from dasnez_core.services import masterdata_cache

    clock = _Clock()
    cache = MasterDataCache(ttl=1.0, clock=clock)
    here = w["here"].id
    stale = cache.master(db, here)
    real_load = masterdata_cache.load_master

    def load_while_a_commit_drops_the_copies(session: Session, kommune_id: int) -> Any:
        data = real_load(session, kommune_id)
        cache.clear({kommune_id})  # this process committed a change meanwhile
        return data

    monkeypatch.setattr(masterdata_cache, "load_master", load_while_a_commit_drops_the_copies)
    cache.clear({here})
    assert cache.master(db, here) == stale  # served, but not kept
    monkeypatch.setattr(masterdata_cache, "load_master", real_load)
    with _statements() as seen:
        cache.master(db, here)
    assert len(seen) > 1  # read again: nothing was kept

    # A newer copy stored by another thread stays when an older read finishes later.
    newer = replace(stale, version=stale.version + 5)
    monkeypatch.setattr(
        masterdata_cache,
        "load_master",
        lambda session, kommune_id: (
            cache._entries.__setitem__(
                kommune_id,
                masterdata_cache._Entry(newer, (newer.version, newer.kommune.created_at), 0.0),
            ),
            stale,
        )[1],
    )
    cache.clear({here})
    cache.master(db, here)
    assert cache._entries[here].data is newer


def test_revalidate_forgets_a_kommune_deleted_while_it_is_read_again(
    db: Session, w: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dasnez_core.services import masterdata_cache

    clock = _Clock()
    cache = MasterDataCache(ttl=1.0, clock=clock)
    cache.master(db, w["here"].id)
    other = cache.master(db, w["other"].id)
    db.commit()
    rename_area(db, w["actor"], w["here"].id, w["hagen"].id, "Hagen-Süd")
    db.commit()

    def gone(_session: Session, _kommune_id: int) -> Any:
        raise NotFound("kommune.not_found")

    monkeypatch.setattr(masterdata_cache, "load_master", gone)
    assert cache.revalidate(db) == 1
    # The other Kommune was still checked; the deleted one is read by the next request.
    assert set(cache._entries) == {w["other"].id}
    assert cache._entries[w["other"].id].data is other


def test_an_admission_raises_the_version_only_when_it_is_or_was_approved(db: Session) -> None:
    w = institution_world(db)
    here = w["here"].id
    db.commit()
    before = master(db, here).version
    ref = institutions.register_institution(db, f.actor(db, w["lead"]), here, INSTITUTION_FORM)
    db.commit()
    # Waiting for the Kommune: not among its networks, no worker reads anew.
    assert master(db, here).version == before
    iid = db.exec(select(Institution.id).where(Institution.handle == ref.handle)).one()
    institutions.approve_institution(db, f.actor(db, w["admin"]), here, iid)
    db.commit()
    assert master(db, here).version == before + 1
    assert [n.handle for n in master(db, here).networks] == [ref.handle]
