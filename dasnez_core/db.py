"""Engine and session setup shared by both apps, the CLI and the tests."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime, event
from sqlalchemy.engine import Connection, Dialect, Engine
from sqlalchemy.exc import (
    DBAPIError,
    DisconnectionError,
    InterfaceError,
    OperationalError,
)
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import TypeDecorator
from sqlmodel import Session, create_engine

from dasnez_core.config import ENV_PREFIX, load_settings
from dasnez_core.formatting import LOCAL_TIME, local_moment

POOL_SIZE = 10
# The session settings of every PostgreSQL connection (see make_engine).
PG_OPTIONS = "-c plan_cache_mode=force_custom_plan -c max_parallel_workers_per_gather=0"


def make_engine(url: str, *, foreign_keys: bool = True) -> Engine:
    """Create an engine with the connection options this project relies on.

    PostgreSQL: psycopg would turn repeated queries into prepared statements whose generic
    plan ignores partial indexes (see PERF-NOTES), so custom plans are forced; queries run
    without parallel workers (their start-up cost more than they saved). A pooled
    connection is tested before use only after it sat idle (`_ping_if_idle`).
    SQLite: foreign keys on, WAL so that two app processes can read while one writes.
    """
    kwargs: dict[str, Any] = {}
    if url.startswith("postgresql"):
        # No parallel workers: a page's query that walks a few thousand rows was planned
        # with two, which start, coordinate and stop with the query, and on two busy cores
        # cost more than they saved (bench/load.py, 1,000 live tabs at 1M listings: event
        # p50 1.5 s -> 0.5 s; 600 filter changes one after another: SQL mean 4.1 -> 3.6 ms).
        kwargs["connect_args"] = {"options": PG_OPTIONS}
        # Kept open for the event handlers' database threads (dasnez_ui.db_thread): a
        # connection beyond the pool is closed again after each use.
        kwargs["pool_size"] = POOL_SIZE
    elif url.startswith("sqlite"):
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, **kwargs)
    if url.startswith("postgresql"):
        _ping_if_idle(engine)
    if url.startswith("sqlite"):
        event.listen(engine, "connect", _sqlite_pragmas if foreign_keys else _sqlite_pragmas_no_fk)
    return engine


# A connection back in the pool for longer than this is tested before it is handed out.
IDLE_PING_SECONDS = 10.0


def _ping_if_idle(engine: Engine) -> None:
    """Pessimistic disconnect handling for idle connections only.

    `pool_pre_ping` costs a round trip (SELECT 1) on every checkout, i.e. on every event a
    page handles; a connection in steady use needs none. One that sat idle (the server may
    have restarted, a firewall may have dropped it) is tested, and a dead one is replaced.
    """

    @event.listens_for(engine, "checkin")
    def _mark(_dbapi_connection: Any, record: Any) -> None:
        record.info["checked_in"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get("checked_in")
        if since is None or time.monotonic() - since < IDLE_PING_SECONDS:
            return
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("SELECT 1")
        except Exception as err:
            # The pool drops this connection and hands out a fresh one.
            raise DisconnectionError() from err
        finally:
            cursor.close()


def _sqlite_pragmas_no_fk(dbapi_connection: Any, _record: Any) -> None:
    """For migrations: SQLite's batch mode recreates tables, which foreign keys would block."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=OFF")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


@lru_cache(maxsize=4)
def _engine_for(url: str) -> Engine:
    return make_engine(url)


def get_engine() -> Engine:
    """The engine for the configured database URL (one per URL and process)."""
    return _engine_for(_configured_url(os.environ.get(f"{ENV_PREFIX}DATABASE_URL", "")))


@lru_cache(maxsize=8)
def _configured_url(_variable: str) -> str:
    # Reading the settings costs about 2 ms (pydantic-settings), and get_engine runs for
    # every session; the URL follows from this one variable, so its value is the key
    # (tests change it between runs).
    return load_settings().database_url


@contextmanager
def session_scope() -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error."""
    with Session(get_engine(), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


class ReadSession(Session):
    """A session whose statements run each on their own (autocommit), for a visit that
    reads: no BEGIN and COMMIT round trips around a page's one or two queries.

    It may write one row (a login's last-seen touch), which its own statement commits; a
    flush of more than one row is refused, because nothing would undo the first if a later
    one failed. Writes that belong together need `session_scope`."""


@event.listens_for(ReadSession, "before_flush")
def _one_row_at_most(session: Session, _context: Any, _instances: Any) -> None:
    # Counted over the scope: it does not flush before its queries (autoflush off), so its
    # writes reach the database together at the end, or not at all.
    rows = session.info.get("rows_written", 0)
    rows += len(session.new) + len(session.dirty) + len(session.deleted)
    if rows > 1:
        raise RuntimeError("a read_scope writes at most one row; use session_scope")
    session.info["rows_written"] = rows


@lru_cache(maxsize=4)
def _autocommit_engine_for(engine: Engine) -> Engine:
    # The same pool: a connection is switched to autocommit while it is lent (no round trip).
    return engine.execution_options(isolation_level="AUTOCOMMIT")


@contextmanager
def read_scope() -> Iterator[Session]:
    """A visit that reads (a page's search, a listing's view): see ReadSession.

    Its queries may see different moments of the database (no transaction holds one
    snapshot); a page's rows and its count, read a millisecond apart, may differ by a
    listing published in between. On PostgreSQL this saves two of a search's four round
    trips; SQLite reads without a transaction anyway."""
    engine = _autocommit_engine_for(get_engine())
    with ReadSession(engine, expire_on_commit=False, autoflush=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@dataclass(frozen=True)
class _DriverForm:
    sql: str
    # The parameters' order for a positional driver (SQLite's `?`); None: by name.
    positions: tuple[str, ...] | None
    binds: tuple[tuple[str, Callable[[Any], Any]], ...]
    compiled: Any
    # The result columns that need a conversion, with theirs: known after the first run,
    # because some depend on the type the driver reports (PostgreSQL's numeric results).
    results: list[tuple[tuple[int, Callable[[Any], Any]], ...]] = field(default_factory=list)

    def conversions(self, dialect: Dialect, cursor: Any) -> tuple[Any, ...]:
        if not self.results:
            # Read once: psycopg builds the description's objects on every access.
            description = cursor.description
            codes = [d[1] for d in description] if description else []
            processors = [
                column.type._cached_result_processor(dialect, code)
                for column, code in zip(self.compiled._result_columns, codes, strict=True)
            ]
            self.results.append(tuple((i, p) for i, p in enumerate(processors) if p is not None))
        return self.results[0]


def _watched(connection: Connection) -> bool:
    """Whether anything listens to the statements `connection` runs."""
    dispatch = connection.dispatch
    return bool(
        dispatch.before_execute
        or dispatch.after_execute
        or dispatch.before_cursor_execute
        or dispatch.after_cursor_execute
    )


class DriverStatement:
    """A fixed Core statement compiled once per dialect and run on the driver's cursor.

    SQLAlchemy's `execute` looks up the statement's compiled form by its cache key and
    builds an execution context and a result object on every call: about 0.1 ms of CPU
    over a public search's 0.5 (issue 15). A statement built once per process (a search
    shape's plan) needs none of that. The values are converted as `execute` converts them
    (the compiled statement's bind and result processors: aware UTC datetimes, SQLite's
    stored dates), a driver error becomes SQLAlchemy's (`is_outage` reads it, a lost
    connection is dropped from the pool), and while anything listens to the connection's
    statements (a test counting them, echo) the statement goes through `execute`.

    `generic`: PostgreSQL may keep one plan of the statement for all values (see
    `_run_generic`), for statements whose best plan does not depend on them.
    """

    def __init__(self, statement: Any, *, generic: bool = False) -> None:
        self.statement = statement
        self.generic = generic
        self._forms: dict[str, _DriverForm] = {}

    def _form(self, dialect: Dialect) -> _DriverForm:
        form = self._forms.get(dialect.name)
        if form is not None:
            return form
        compiled: Any = self.statement.compile(dialect=dialect)
        if compiled.post_compile_params or compiled.literal_execute_params:
            raise ValueError("a statement with expanding parameters is compiled per call")
        form = _DriverForm(
            sql=compiled.string,
            positions=tuple(compiled.positiontup) if compiled.positional else None,
            binds=tuple(compiled._bind_processors.items()),
            compiled=compiled,
        )
        self._forms[dialect.name] = form
        return form

    def rows(self, connection: Connection, params: Mapping[str, Any]) -> Sequence[Any]:
        """The statement's rows (tuples) for `params`, on `connection`."""
        if connection._echo or _watched(connection):
            return connection.execute(self.statement, dict(params)).all()
        form = self._form(connection.dialect)
        values = form.compiled.construct_params(params)
        for name, process in form.binds:
            values[name] = process(values[name])
        arguments: Any = (
            values if form.positions is None else tuple(values[n] for n in form.positions)
        )
        cursor = None
        try:
            cursor = connection.connection.cursor()
            if self.generic and connection.dialect.name == "postgresql":
                _run_generic(cursor, form.sql, arguments)
            else:
                cursor.execute(form.sql, arguments)
            rows = cursor.fetchall()
            results = form.conversions(connection.dialect, cursor)
            cursor.close()
        except Exception as err:
            connection._handle_dbapi_exception(err, form.sql, arguments, cursor, None)
        if not results:
            return rows
        converted = []
        for row in rows:
            fields = list(row)
            for index, process in results:
                fields[index] = process(fields[index])
            converted.append(fields)
        return converted


# For the current transaction only: PostgreSQL undoes it when the transaction ends.
_PLAN_GENERIC = "SELECT set_config('plan_cache_mode', 'force_generic_plan', true)"


def _run_generic(cursor: Any, sql: str, arguments: Any) -> None:
    """Run `sql` on a psycopg `cursor` with PostgreSQL's generic plan of it.

    Every connection plans each statement anew for its values (`plan_cache_mode =
    force_custom_plan`, PG_OPTIONS): a generic plan, made once for all values, cannot
    tell a Kommune of 80,000 listings from one of 200, nor a frequent word from a rare one
    (PERF-NOTES: a text search 2 -> 111 ms). Where the best plan is the same whatever the
    values (a Kommune's newest listings, or those of one category, district or village:
    one ordered walk of an index led by the Kommune), planning is half of a search's time
    in the database (0.4-0.6 of 0.9-1.2 ms at 1M listings), and psycopg's prepared
    statement keeps the generic plan once made.

    The setting and the statement go in one round trip (a pipeline) and share one
    implicit transaction, whose end restores the connection's custom plans: after the
    statement, after an error in the database, and also when the statement never reached
    the database (a value the driver cannot send). Only on a connection in autocommit with
    no transaction open (read_scope); inside a transaction the switch would last until
    its end, so the statement is planned for its values there.
    """
    connection = cursor.connection
    idle = connection.info.transaction_status == 0  # psycopg.pq.TransactionStatus.IDLE
    if not (connection.autocommit and idle):
        cursor.execute(sql, arguments)
        return
    setting = connection.cursor()
    try:
        with connection.pipeline():
            setting.execute(_PLAN_GENERIC)
            cursor.execute(sql, arguments)
    finally:
        setting.close()


class _GermanDayType(TypeDecorator[date]):
    """The day in German time of a stored moment (german_day): PostgreSQL sends the day,
    SQLite the stored UTC moment, which is converted here."""

    impl = DateTime
    cache_ok = True

    def result_processor(self, dialect: Dialect, coltype: Any) -> Any:
        if dialect.name == "postgresql":
            return None  # a date already
        return super().result_processor(dialect, coltype)

    def process_result_value(self, value: Any, dialect: Dialect) -> date | None:
        if isinstance(value, datetime):
            return local_moment(value).date()
        return value  # type: ignore[no-any-return]


class german_day(FunctionElement[date]):
    """The day in German time (formatting.LOCAL_TIME) of a stored moment, as a `date`.

    A page of 20 cards shows 40 such days; PostgreSQL converts them as it reads the rows
    (`AT TIME ZONE`), which spares the worker two time-zone conversions per day (the
    driver's result to UTC, then to German time: a fifth of a search's CPU at 1M
    listings). SQLite has no time zones: there the stored moment is converted in Python.
    """

    type = _GermanDayType()
    inherit_cache = True
    name = "german_day"


@compiles(german_day, "postgresql")
def _german_day_postgresql(element: german_day, compiler: SQLCompiler, **kw: Any) -> str:
    (moment,) = element.clauses
    return f"(({compiler.process(moment, **kw)}) AT TIME ZONE '{LOCAL_TIME.key}')::date"


@compiles(german_day)
def _german_day_stored(element: german_day, compiler: SQLCompiler, **kw: Any) -> str:
    (moment,) = element.clauses
    return str(compiler.process(moment, **kw))


# Schema objects written by hand in the migrations that autogenerate cannot compare: ordered
# partial indexes (SQLite reflects them without DESC and WHERE) and the full-text search
# objects that exist on one dialect only (FTS5 tables on SQLite, a tsvector on PostgreSQL).
HAND_WRITTEN_INDEXES = frozenset(
    {
        "ix_listing_public_newest",
        "ix_listing_public_exchange",
        "ix_listing_public_district",
        "ix_listing_tsv",
        "ix_listing_public_expiry",
        "ix_listing_public_category",
        "ix_listing_public_area",
        "ix_listing_public_institution",
        "ix_listing_social_space_public",
        # PostgreSQL only (migration 0023): a published listing's checked columns by id.
        "ix_listing_public_id",
        # SQLite only (migration 0010): its stand-in for ix_listing_dashboard's INCLUDE.
        "ix_listing_dashboard_cover",
    }
)
HAND_WRITTEN_TABLES = frozenset(
    {
        "listing_fts",
        "listing_fts_data",
        "listing_fts_idx",
        "listing_fts_content",
        "listing_fts_docsize",
        "listing_fts_config",
    }
)


def include_in_autogenerate(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Alembic `include_object` hook: leave the hand-written objects out of comparisons."""
    if type_ == "index" and name in HAND_WRITTEN_INDEXES:
        return False
    if type_ == "table" and name in HAND_WRITTEN_TABLES:
        return False
    return not (type_ == "column" and name == "tsv" and obj.table.name == "listing")


def is_outage(exc: BaseException) -> bool:
    """Whether `exc` means the database cannot be reached right now (server down or
    restarting, connection lost, pool exhausted, SQLite locked too long), as opposed to
    a mistake in what was asked (a constraint, a bad query). Such a failure saved
    nothing; the same action may simply be tried again."""
    if isinstance(exc, (OperationalError, InterfaceError, PoolTimeout, DisconnectionError)):
        return True
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)
