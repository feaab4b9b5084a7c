"""Reading the public marketplace: filtered search, the newest listings, one listing.

Public means: published, not expired, by an approved author, in the Kommune being viewed.
Every page of results is one query for the rows (plus one for the count), on the partial
indexes of migrations 0001 and 0010 and the full-text index of 0006; the labels come from
the Kommune's cached master data (masterdata_cache).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cached_property, lru_cache
from typing import Any

from sqlalchemy import DateTime, Integer, Select, String, bindparam, func, literal_column, text
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from dasnez_core.actor import Actor
from dasnez_core.db import DriverStatement, german_day
from dasnez_core.errors import NotFound
from dasnez_core.folding import query_words
from dasnez_core.formatting import format_date, format_day, format_euros, locale_of
from dasnez_core.listing_cache import VersionedCache
from dasnez_core.models import (
    AdmissionStatus,
    Institution,
    InstitutionAdmission,
    Listing,
    ListingPhoto,
    ListingSocialSpace,
    ListingStatus,
    ProfileVisibility,
    User,
    UserStatus,
    utcnow,
)
from dasnez_core.services import filters as vocabulary
from dasnez_core.services import youth
from dasnez_core.services.masterdata_cache import MasterData, master
from dasnez_core.services.representation import represented_proxy_names

PAGE_SIZE = 20
COUNT_CAP = 1000
MAX_PAGE = COUNT_CAP // PAGE_SIZE
# A word found in more listings than this is paged by walking the Kommune's listings in
# order, a rarer one from the full-text index (search_public).
WALK_FROM = COUNT_CAP
# Beside a narrower filter, a frequent word's matches in that filter are walked from this
# many on, and read and sorted below it (at 1M listings, the load's word searches took
# 15 % less time than with WALK_FROM, 20 % less than always walking).
WALK_WITHIN = 100
SORTS = ("newest", "expiry")


@dataclass(frozen=True)
class SearchFilters:
    """The filters of a public search (the public app reads them from its URL)."""

    exchange: str = ""
    kind: str = ""
    category: int | None = None
    area: int | None = None
    space: int | None = None
    q: str = ""
    sort: str = "newest"
    page: int = 1
    # Only listings that became public after this moment (the mails of saved searches);
    # not in URLs.
    published_after: datetime | None = None
    # Only listings posted as an institution; only those of the institution with this handle.
    institutions_only: bool = False
    institution: str = ""


@dataclass(frozen=True)
class ListingCard:
    """A listing as the public sees it: no email, no address, no phone."""

    id: int
    kind: str
    exchange_type: str
    category: str
    title: str
    body: str
    area: str
    author: str
    created_at: str
    expires_on: str
    # Tauschbörse: "gift" or "swap" (with what it asks in return); "" elsewhere.
    swap_mode: str = ""
    swap_for: str = ""
    # The upload name of the first photo's thumbnail ("" without photos).
    thumb: str = ""


@dataclass(frozen=True)
class SearchPage:
    cards: list[ListingCard]
    total: int
    page: int
    pages: int
    filters: SearchFilters
    page_was_clamped: bool
    total_capped: bool = False


_AUTHOR_APPROVED = col(User.status) == UserStatus.APPROVED
# A card shows at most this much of the body; the database sends no more than that.
BODY_SHOWN = 280


def _public(kommune_id: int) -> list[Any]:
    return [
        col(Listing.kommune_id) == kommune_id,
        vocabulary.PUBLISHED,
        col(Listing.expires_at) > utcnow(),
        _AUTHOR_APPROVED,
    ]


def public_conditions(kommune_id: int) -> list[Any]:
    """The conditions of a public listing of a Kommune (the query joins the author)."""
    return _public(kommune_id)


# Listing plus author only: the labels of exchange, category and area come from the
# Kommune's cached master data. Joining their six tables made PostgreSQL plan for 4.9 ms a
# query that ran in 0.5 ms (PERF-NOTES).
_CARD_COLUMNS: tuple[Any, ...] = (
    col(Listing.id),
    col(Listing.kind),
    col(Listing.exchange_id),
    col(Listing.category_id),
    col(Listing.title),
    func.substr(col(Listing.body), 1, BODY_SHOWN + 1),
    col(Listing.area_id),
    # A listing posted as an institution shows the institution as its author.
    func.coalesce(col(Institution.name), col(User.display_name)),
    # Days in German time (a listing posted at 00:30 shows that day, not the UTC one).
    german_day(col(Listing.created_at)),
    german_day(col(Listing.expires_at)),
    col(Listing.swap_mode),
    col(Listing.swap_for),
    # The first photo's thumbnail (one indexed lookup per card; NULL without photos).
    sa_select(col(ListingPhoto.thumb_name))
    .where(col(ListingPhoto.listing_id) == Listing.id, col(ListingPhoto.removed_at).is_(None))
    .order_by(col(ListingPhoto.id))
    .limit(1)
    .correlate(Listing)
    .scalar_subquery(),
)
# How many columns a card reads; a detail's own columns follow.
_CARD_WIDTH = 13


def _card_select(*extra: Any) -> Select[Any]:
    return (
        sa_select(*_CARD_COLUMNS, *extra)
        .join(User, col(User.id) == Listing.author_id)
        .join(Institution, col(Institution.id) == Listing.institution_id, isouter=True)
    )


def _institution_condition(kommune_id: int, handle: str) -> Any:
    """Listings of the institution `handle`, if this Kommune admitted it (a subquery: the
    search stays one statement)."""
    admitted = (
        sa_select(col(Institution.id))
        .join(InstitutionAdmission, col(InstitutionAdmission.institution_id) == Institution.id)
        .where(
            col(Institution.handle) == handle,
            col(InstitutionAdmission.kommune_id) == kommune_id,
            col(InstitutionAdmission.status) == AdmissionStatus.APPROVED,
        )
        .scalar_subquery()
    )
    return col(Listing.institution_id) == admitted


def _shortened(body: str) -> str:
    return body if len(body) <= BODY_SHOWN else body[: BODY_SHOWN - 3] + "…"


def _card(row: Any, data: MasterData, lang: str) -> ListingCard:
    (lid, kind, exchange_id, category_id, title, body, area_id, author, created, expires) = row[:10]
    swap_mode, swap_for, thumb = row[10:_CARD_WIDTH]
    locale = locale_of(lang)
    return ListingCard(
        id=lid,
        kind=kind,
        exchange_type=data.exchange_type(exchange_id),
        category=data.category_label(category_id, lang),
        title=title,
        body=_shortened(body),
        area=data.area_label(area_id),
        author=author,
        # German days already (german_day).
        created_at=format_day(created, locale),
        expires_on=format_day(expires, locale),
        swap_mode=swap_mode or "",
        swap_for=swap_for or "",
        thumb=thumb or "",
    )


def newest_public(
    db: Session, kommune_id: int, limit: int = PAGE_SIZE, lang: str = "de"
) -> list[ListingCard]:
    """The newest public listings of a Kommune (start page)."""
    data = master(db, kommune_id)
    stmt = (
        _card_select()
        .where(*_public(kommune_id))
        .order_by(col(Listing.created_at).desc(), col(Listing.id).desc())
        .limit(min(max(limit, 1), 50))
    )
    return [_card(row, data, lang) for row in db.execute(stmt).all()]


def _text_value(dialect: str, kommune_id: int, q: str, prefix_last: bool) -> str | None:
    """The full-text parameter of `q`: listings whose words (dasnez_core.folding) hold every
    stem of it; None without words.

    Exact stems: a prefix over the GIN index costs about eight times as much (PERF-NOTES:
    `rasen:*` 31 ms, the stem 3.8 ms). `prefix_last` makes the last word a prefix, for a
    search that runs while the word is being typed.
    """
    words = query_words(q)
    if not words:
        return None
    # Each word is indexed with its Kommune (PostgreSQL: migration 0022, SQLite's FTS5:
    # 0025): only this Kommune's words are read from the index.
    own = [f"k{int(kommune_id)}x{word}" for word in words]
    if dialect == "postgresql":
        if prefix_last:
            own[-1] += ":*"
        return " & ".join(own)
    star = "*" if prefix_last else ""
    return " ".join([*(f'"{w}"' for w in own[:-1]), f'"{own[-1]}"{star}'])


def _text_condition(dialect: str, walk: bool) -> Any:
    """Listings matching the full-text parameter `text` (_text_value).

    `walk`: as a filter on the rows an ordered index walk reads (the planner cannot use
    the full-text index for it: `coalesce` hides the match from PostgreSQL's, `+ 0` from
    SQLite's, which would otherwise look up and sort every matching listing: 19,000 for
    "rasen" in a Kommune of 82,000, 29 ms)."""
    if dialect == "postgresql":
        match = "listing.tsv @@ to_tsquery('simple', :text)"
        return text(f"coalesce({match}, false)" if walk else match)
    listing_id = col(Listing.id) + 0 if walk else col(Listing.id)
    return listing_id.in_(
        sa_select(literal_column("rowid"))
        .select_from(text("listing_fts"))
        .where(text("listing_fts MATCH :text"))
    )


@dataclass(frozen=True)
class _Shape:
    """What decides the SQL of a search; the values are bound parameters (_Query.params)."""

    dialect: str
    exchange: bool = False
    kind: bool = False
    category: bool = False
    district: bool = False
    village: bool = False
    space: bool = False
    # Full text: "" none; "indexed" from the full-text index; "walk" as a filter of an
    # ordered walk through the Kommune's listings (words in many listings); "sorted" as
    # "indexed", every match read and then sorted (few matches, counted first); "alone"
    # from the full-text index alone, the other filters checked on its few rows (a rare
    # word beside a narrower filter).
    text: str = ""
    institutions_only: bool = False
    sort: str = "newest"

    @property
    def narrowed(self) -> bool:
        """A filter whose own index (led by the Kommune) narrows the listings to read."""
        return self.exchange or self.category or self.district or self.village or self.space

    @property
    def planned_alike(self) -> bool:
        """PostgreSQL's best plan is the same for every Kommune and value: the Kommune's
        listings (either order), or one category's, district's or village's newest, walked
        in order on an index led by the Kommune; or a social space's listings without a
        word, whatever else is filtered and in either order, read from the one index of
        its links (migration 0024; at 1M listings the same plan for its largest space and
        a small one). Such a shape keeps one generic plan (DriverStatement's `generic`):
        0.4-1 ms of planning saved per search. Not so an exchange or a kind (few values of
        very different sizes), full text, two filters together, or a filter sorted by
        expiry (no index holds both: the generic plan sorts the filter's listings, the
        custom one walks the Kommune's expiry index for a large filter): measured at 1M
        listings, their generic plans were up to 10 ms slower for some values (a kind in
        the largest Kommune 1.5 -> 7.3 ms; its largest district by expiry 1.3 -> 2.7 ms)."""
        if self.dialect != "postgresql" or self.text or self.institutions_only:
            return False
        if self.space:
            return True
        narrowing = int(self.category) + int(self.district) + int(self.village)
        return (narrowing == 0 or (narrowing == 1 and self.sort == "newest")) and not (
            self.exchange or self.kind
        )

    @property
    def reads_space_links(self) -> bool:
        """The ids come from the space's links (_space_links): for every search in a space
        but a rare word's, which is read from the full-text index."""
        return self.space and self.text != "alone"

    @property
    def word_alone(self) -> bool:
        """The ids come from the full-text index alone: the Kommune's condition is left to
        the stored words (migration 0022) and to the cards."""
        return (self.text in ("indexed", "sorted") and not self.narrowed) or self.text == "alone"


@dataclass(frozen=True)
class _Query:
    """A search as checked against the Kommune: its shape, the values of its parameters,
    the conditions that are not part of the shape, and the filters kept."""

    shape: _Shape
    params: dict[str, Any]
    extra: tuple[Any, ...]
    kept: SearchFilters
    # The filters contradict each other: nothing can match.
    empty: bool = False


def _query(db: Session, data: MasterData, filters: SearchFilters, prefix_last: bool) -> _Query:
    """The search's shape and values, with the filters this Kommune does not have dropped.

    Every id is checked against the Kommune's master data, not the database.
    """
    dialect = db.get_bind().dialect.name
    kommune_id = data.kommune.id
    params: dict[str, Any] = {"kommune_id": kommune_id, "now": utcnow()}
    shape = _Shape(dialect, sort="expiry" if filters.sort == "expiry" else "newest")
    kept = filters
    extra: list[Any] = []
    category = data.category_by_id.get(filters.category) if filters.category is not None else None
    if filters.category is not None and category is None:
        kept = replace(kept, category=None)
    empty = False
    if filters.exchange:
        exchange_id = data.exchange_id_by_type.get(filters.exchange)
        # An exchange the Kommune does not have, or a category of another exchange, matches
        # nothing: no statement needed. With a category of that exchange the category says
        # it all (a listing's exchange is its category's): a condition the planner would
        # take for independent and count twice.
        mismatch = category is not None and category.exchange_id != exchange_id
        empty = exchange_id is None or mismatch
        if category is None:
            params["exchange_id"] = exchange_id
            shape = replace(shape, exchange=True)
    if filters.kind:
        params["kind"] = filters.kind
        shape = replace(shape, kind=True)
    if category is not None:
        params["category_id"] = category.id
        shape = replace(shape, category=True)
    area = data.area_by_id.get(filters.area) if filters.area is not None else None
    if area is not None:
        # A district uses the denormalised `district_id`, which repeats the district on its
        # villages' listings and has its own index (filters.listing_area_condition).
        params["area_id"] = area.id
        shape = replace(shape, district=area.is_district, village=not area.is_district)
    elif filters.area is not None:
        kept = replace(kept, area=None)
    if filters.space is not None and filters.space in data.space_by_id:
        params["space_id"] = filters.space
        shape = replace(shape, space=True)
    elif filters.space is not None:
        kept = replace(kept, space=None)
    if filters.institution:
        extra.append(_institution_condition(kommune_id, filters.institution))
    elif filters.institutions_only:
        shape = replace(shape, institutions_only=True)
    words = _text_value(dialect, kommune_id, filters.q, prefix_last)
    if words is not None:
        params["text"] = words
        shape = replace(shape, text="indexed")
    if filters.published_after is not None:
        # Rows written without the ORM (bulk loads) may lack published_at.
        published = func.coalesce(col(Listing.published_at), col(Listing.created_at))
        extra.append(published > filters.published_after)
    return _Query(shape, params, tuple(extra), kept, empty)


# The values of a search, bound by name (_Query.params).
_KOMMUNE = bindparam("kommune_id", type_=Integer)
_PAGE_OFFSET = bindparam("page_offset", type_=Integer)


@dataclass(frozen=True)
class _Plan:
    """The statements of one search shape, built once per process (_plan): a filter change
    then costs neither building them nor their cache key (issue 15: about 0.5 ms a search)."""

    ids: Select[Any]  # the matching ids in the page's order
    count_ids: Select[Any]  # the same, in the order that ends a capped count soonest
    on_cards: tuple[Any, ...]  # conditions that only the cards' statement checks
    order: tuple[Any, ...]
    # "newest" or "expiry": every match is read, then sorted so (the "sorted" full text on
    # PostgreSQL: _sorted_ids); "": the page is read in its order.
    sorts_matches: str = ""
    # One plan for all values (_Shape.planned_alike).
    generic: bool = False
    # Whether `ids` reads the listing table (a social space's read its links alone).
    listing_joined: bool = True

    def with_conditions(self, extra: tuple[Any, ...]) -> _Plan:
        """This plan with conditions that are not part of the shape (built per call)."""
        ids, count_ids = self.ids, self.count_ids
        if not self.listing_joined:
            # The conditions read the listing: joined to the links, never a cross product.
            on = col(Listing.id) == ListingSocialSpace.listing_id
            ids, count_ids = ids.join(Listing, on), count_ids.join(Listing, on)
        return replace(
            self,
            ids=ids.where(*extra),
            count_ids=count_ids.where(*extra),
            generic=False,  # run through `execute`, planned for their values
            listing_joined=True,
        )

    @cached_property
    def page(self) -> Select[Any]:
        """The cards of one page (parameter `page_offset`). A deferred join: the page's ids
        from an index alone (an index-only scan, also at OFFSET 980), then the columns of
        those 20 rows with their authors."""
        ids = _sorted_ids(self.ids, self.sorts_matches) if self.sorts_matches else self.ids
        ids = ids.limit(PAGE_SIZE).offset(_PAGE_OFFSET)
        return _card_select().where(col(Listing.id).in_(ids), *self.on_cards).order_by(*self.order)

    @cached_property
    def count(self) -> Select[Any]:
        """How many match, capped: beyond COUNT_CAP hits a person refines the filters
        anyway, and the cap keeps the count cheap in a large Kommune."""
        counted = self.count_ids.limit(COUNT_CAP + 1).subquery()
        return sa_select(func.count()).select_from(counted)

    @cached_property
    def page_run(self) -> DriverStatement:
        """`page`, run on the driver's cursor (a plan built once per process)."""
        return DriverStatement(self.page, generic=self.generic)

    @cached_property
    def count_run(self) -> DriverStatement:
        return DriverStatement(self.count, generic=self.generic)

    def page_counted(self, counted: _Plan) -> Select[Any]:
        """The page's cards, each with `counted`'s count as its last column: one statement
        where a page and its count would take two. The count is a subquery of its own
        (the planner plans it apart and runs it once, when the first card is read; no card,
        no count), and both see one moment of the database."""
        return self.page.add_columns(counted.count.scalar_subquery())


@lru_cache(maxsize=512)
def _page_counted(shape: _Shape, counted: _Shape) -> DriverStatement:
    """_Plan.page_counted of two shapes, built once per process."""
    generic = shape.planned_alike and counted.planned_alike
    return DriverStatement(_plan(shape).page_counted(_plan(counted)), generic=generic)


@lru_cache(maxsize=512)
def _plan(shape: _Shape) -> _Plan:
    in_kommune = col(Listing.kommune_id) == _KOMMUNE
    public_now = (vocabulary.PUBLISHED, col(Listing.expires_at) > bindparam("now", type_=DateTime))
    conditions: list[Any] = list(public_now)

    def narrowing(column: Any, name: str) -> Any:
        # A rare word's few rows are checked against the other filters; `+ 0` keeps the
        # planner from reading their indexes too (it took the word for 850 listings, and
        # intersected it with the 12,000 of an exchange: 2-16 ms for no row).
        value = bindparam(name, type_=Integer)
        return (column + 0 if shape.text == "alone" else column) == value

    if not shape.word_alone:
        # Every indexed word holds its Kommune (PostgreSQL: migration 0022; SQLite: the
        # match names the Kommune's column). With only the Kommune's condition beside
        # it, the planner counted the Kommune twice, expected a twelfth of the rows and
        # intersected the word's listings with the Kommune's whole index (7-13 ms);
        # without it, the word's listings are read alone. With a narrower filter the
        # Kommune leads that filter's index, which is then worth intersecting. The cards
        # check the Kommune all the same.
        conditions.insert(0, in_kommune)
    if shape.exchange:
        conditions.append(narrowing(col(Listing.exchange_id), "exchange_id"))
    if shape.kind:
        conditions.append(col(Listing.kind) == bindparam("kind", type_=String))
    if shape.category:
        conditions.append(narrowing(col(Listing.category_id), "category_id"))
    if shape.district:
        conditions.append(narrowing(col(Listing.district_id), "area_id"))
    if shape.village:
        conditions.append(narrowing(col(Listing.area_id), "area_id"))
    if shape.institutions_only:
        conditions.append(col(Listing.institution_id).is_not(None))
    if shape.text:
        conditions.append(_text_condition(shape.dialect, walk=shape.text == "walk"))
    newest: tuple[Any, ...] = (col(Listing.created_at).desc(), col(Listing.id).desc())
    order = newest
    if shape.sort == "expiry":
        order = (col(Listing.expires_at).asc(), col(Listing.id).asc())
        if shape.dialect == "sqlite" and shape.village:
            # SQLite walked the Kommune's expiry index for this order, checking each
            # listing against the filter: unbounded when few match (an exchange in a
            # village at 1M listings: 58.6 ms). The unary `+` keeps the order from any
            # index, so the village's few thousand listings are read and sorted (2.7 ms).
            # A district or category holds too many to sort (a district of 16,000:
            # 174 ms); the walk finds theirs soon. (A space's are read from its links.)
            order = (literal_column("+listing.expires_at"), literal_column("+listing.id"))
    # Blocked authors' listings are suspended when they are blocked (and only approved
    # people publish), so neither the page's ids nor the count need the authors' table.
    ids = sa_select(col(Listing.id)).where(*conditions).order_by(*order)
    # Counting needs no order on PostgreSQL (it then intersects indexes), except where the
    # order is what stops the walk early. SQLite counts in the order of the filter's own
    # index (newest first) without full text: unordered, it counted a district's listings
    # by walking the Kommune's expiry index (29-96 ms at 1M listings); ordered, it walks
    # the district's own index. With full text it starts from the FTS match, unordered
    # (ordered: 26 -> 43 ms), unless the word is walked (_counts_by_walking).
    if shape.dialect == "sqlite" and shape.text in ("", "walk"):
        count_ids = ids.order_by(None).order_by(*newest)
    else:
        count_ids = ids.order_by(None)
    on_cards: tuple[Any, ...] = (_AUTHOR_APPROVED, in_kommune)
    space = bindparam("space_id", type_=Integer)
    listing_joined = True
    if shape.reads_space_links:
        # The space's published links, in the page's order, from their own index (migration
        # 0024): each link repeats the columns its listing is filtered by, so neither the
        # page nor the count looks up a listing, except to check a word (a frequent one,
        # walked: search_public) or an institution. The space is one of this Kommune's
        # (master data), so its links are too; the Kommune's condition stays on the cards.
        # (Before 0024 each link's listing was looked up: the capped count of the largest
        # space at 1M listings read 1,301 listings, 4.1 ms; now 0.6.)
        ids, count_ids, listing_joined = _space_links(shape, space)
        # The cards check their listing's own status and expiry too: a link whose copy
        # were ever out of date could hide a listing, never show one that is not public.
        on_cards = (*on_cards, *public_now)
    elif shape.space:
        # A rare word's few listings, each checked for the space (its links by their key).
        in_space = col(Listing.id).in_(
            sa_select(col(ListingSocialSpace.listing_id)).where(
                col(ListingSocialSpace.social_space_id) == space
            )
        )
        ids, count_ids = ids.where(in_space), count_ids.where(in_space)
    sorted_first = shape.text == "sorted" and shape.dialect == "postgresql"
    sorts_matches = shape.sort if sorted_first else ""
    return _Plan(
        ids, count_ids, on_cards, order, sorts_matches, shape.planned_alike, listing_joined
    )


# A link of a published listing (the condition of ix_listing_social_space_public).
_LINK_PUBLISHED = text(f"listing_social_space.listing_status = '{ListingStatus.PUBLISHED.value}'")


def _space_links(shape: _Shape, space: Any) -> tuple[Select[Any], Select[Any], bool]:
    """The ids of a space's matching listings in the page's order, the same to count, and
    whether they join the listing, read from the space's links (migration 0024); the
    listing is joined only for a word or an institution."""
    link = ListingSocialSpace
    conditions: list[Any] = [
        col(link.social_space_id) == space,
        _LINK_PUBLISHED,
        col(link.listing_expires_at) > bindparam("now", type_=DateTime),
    ]
    copied = (
        (shape.exchange, link.listing_exchange_id, "exchange_id", Integer),
        (shape.kind, link.listing_kind, "kind", String),
        (shape.category, link.listing_category_id, "category_id", Integer),
        (shape.district, link.listing_district_id, "area_id", Integer),
        (shape.village, link.listing_area_id, "area_id", Integer),
    )
    for used, column, name, type_ in copied:
        if used:
            conditions.append(col(column) == bindparam(name, type_=type_))
    if shape.sort == "expiry":
        order = (col(link.listing_expires_at).asc(), col(link.listing_id).asc())
    else:
        order = (col(link.listing_created_at).desc(), col(link.listing_id).desc())
    ids = sa_select(col(link.listing_id)).where(*conditions)
    joined = bool(shape.text or shape.institutions_only)
    if joined:
        ids = ids.join(Listing, col(Listing.id) == link.listing_id)
    if shape.institutions_only:
        ids = ids.where(col(Listing.institution_id).is_not(None))
    if shape.text:
        ids = ids.where(_text_condition(shape.dialect, walk=shape.text == "walk"))
    return ids.order_by(*order), ids, joined


def _sorted_ids(ids: Select[Any], sort: str) -> Select[Any]:
    """`ids` (its conditions) with every match read first and then sorted by `sort`.

    The planner intersects the word's and the filters' indexes; the subquery's OFFSET 0
    keeps it from walking an ordered index instead, which it chose for a LIMIT 20 although
    few listings match ("laub" among the Zeitspende of the largest Kommune: none, after
    12,000 rows read in 130 ms; the intersection and the count take 5 ms). Applied to the
    page only, after any conditions beside the shape (_Plan.with_conditions): they must
    hold inside the subquery."""
    matches = (
        ids.order_by(None)
        .add_columns(col(Listing.created_at), col(Listing.expires_at))
        .offset(0)
        .subquery()
    )
    if sort == "expiry":
        by = (matches.c.expires_at.asc(), matches.c.id.asc())
    else:
        by = (matches.c.created_at.desc(), matches.c.id.desc())
    return sa_select(matches.c.id).order_by(*by)


# How many public listings of a Kommune hold a word (capped at COUNT_CAP + 1), by the
# full-text parameter: only how a search reads its page depends on it, never what it finds,
# so a value some minutes old will do.
_word_counts: VersionedCache[int] = VersionedCache(ttl=600.0, size=4000)


def _word_hits(db: Session, kommune_id: int, params: dict[str, Any]) -> int:
    """The Kommune's listings holding the word of `params["text"]`, counted from the
    full-text index alone (one statement when not known yet)."""
    alone = _plan(_Shape(db.get_bind().dialect.name, text="indexed"))

    def counted() -> int:
        return int(alone.count_run.rows(db.connection(), params)[0][0])

    return _word_counts.get(kommune_id, params["text"], counted)


def _counts_by_walking(shape: _Shape) -> bool:
    """SQLite counts a frequent word beside a category, district or village by walking
    that filter's own index in order, each listing checked against the word's matches
    (read once): 2-4 ms at 1M listings, where reading the word's matches and looking up
    each of them took 11-20 ms ("gart" or "hund" in the largest Kommune, 13-16k matches).
    Beside an exchange or a kind alone (12,000 listings and more) the matches first stay
    faster (5 against 13 ms). PostgreSQL intersects the two indexes itself."""
    return shape.dialect == "sqlite" and (shape.category or shape.district or shape.village)


def _pages(total: int) -> int:
    """How many pages a (capped) count fills; one at least."""
    return max(1, math.ceil(min(total, COUNT_CAP) / PAGE_SIZE))


def search_public(
    db: Session,
    kommune_id: int,
    filters: SearchFilters,
    lang: str = "de",
    *,
    master_data: MasterData | None = None,
    prefix_last: bool = False,
    viewer: Actor | None = None,
) -> SearchPage:
    """One page of a Kommune's public listings matching `filters`.

    Filter ids of another Kommune (or unknown ones) are ignored, not errors: a link that
    a school put on its website keeps working for the filters that still exist.

    Usually one statement: the page with its count. A second when the page asked for
    lies beyond the end (the count, then the last page), or to learn how often a searched
    word occurs. Full text without other filters counts first: the count decides how the
    page is read.

    Args:
        master_data: the Kommune's master data if the caller holds it already.
        prefix_last: the last word of `filters.q` also matches longer words (search as you
            type); by default every word matches its exact stem.
        viewer: the person looking; a minor sees only the Taschengeld jobs that fit their
            age (dasnez_core.services.youth).
    """
    data = master_data if master_data is not None else master(db, kommune_id)
    if data.kommune.id != kommune_id:
        raise ValueError("master data of another Kommune")
    query = _query(db, data, filters, prefix_last)
    if query.empty:
        return SearchPage(
            cards=[],
            total=0,
            page=1,
            pages=1,
            filters=replace(query.kept, page=1),
            page_was_clamped=filters.page != 1,
        )
    extra = query.extra
    if viewer is not None:
        extra += tuple(youth.search_conditions(db, viewer, kommune_id))

    # The statements run on the session's connection without the ORM's execution layer
    # (they select columns, not objects: about 0.1 ms a statement); a shape's own plan,
    # built once, on the driver's cursor (DriverStatement: 0.1 ms more). Conditions
    # beside the shape (a minor's age, an institution) are built per call.
    connection = db.connection()

    def planned(shape: _Shape) -> _Plan:
        plan = _plan(shape)
        return plan.with_conditions(extra) if extra else plan

    def count(shape: _Shape) -> int:
        if extra:
            return int(connection.execute(planned(shape).count, query.params).scalar_one())
        return int(_plan(shape).count_run.rows(connection, query.params)[0][0])

    # The shape the page is read by, and the one it is counted by.
    shape = counted = query.shape
    total: int | None = None
    if (
        shape.text == "indexed"
        and shape.narrowed
        and _word_hits(db, kommune_id, query.params) <= WALK_FROM
    ):
        # A word few of the Kommune's listings hold (known from an earlier search), beside
        # a narrower filter: the page comes first, as for any search, from the full-text
        # index alone, the other filters checked on its rows.
        shape = counted = replace(shape, text="alone")
    elif shape.text == "indexed" and shape.space:
        # A frequent word in a social space: its listings are walked in order (the
        # space's own links, or a filter's index beside it), the count riding on the
        # page. Counting first and sorting the matches took 2-3 times as long: the word's
        # listings in the whole Kommune are read to intersect them with the space's.
        shape = replace(shape, text="walk")
    elif shape.text == "indexed":
        # Full text alone, or a word that many of the Kommune's listings hold beside a
        # narrower filter: the count comes first (alone from the index: "garten" as typed,
        # 13,691 of 82k, in 3-4 ms; beside a filter the two indexes intersected) and
        # decides how the page is read. Many matches: by walking the filter's or the
        # Kommune's listings in order (the first 20 come early); few: every match,
        # sorted; none: no page to read. Beside a filter "many" starts lower (WALK_WITHIN):
        # the walk reads the filter's listings until 20 match, about 20 / total of them.
        total = count(replace(shape, text="walk") if _counts_by_walking(shape) else shape)
        walk_from = WALK_WITHIN if shape.narrowed else WALK_FROM
        shape = replace(shape, text="walk" if total > walk_from else "sorted")

    def rows_of(page: int, with_count: bool = False) -> list[Any]:
        params = {**query.params, "page_offset": (page - 1) * PAGE_SIZE}
        if extra:
            plan = planned(shape)
            statement = plan.page_counted(planned(counted)) if with_count else plan.page
            return list(connection.execute(statement, params).all())
        if with_count:
            return list(_page_counted(shape, counted).rows(connection, params))
        return list(_plan(shape).page_run.rows(connection, params))

    page = min(max(filters.page, 1), MAX_PAGE)
    if total is None:
        # The page with its count (the count rides on every card: _Plan.page_counted).
        rows = rows_of(page, with_count=True)
        if page == 1 and len(rows) < PAGE_SIZE:
            total = len(rows)  # the cards are all there are
        elif rows:
            total = int(rows[0][-1])
        else:
            total = count(counted)
        pages = _pages(total)
        if page > pages:
            page = pages
            rows = rows_of(page)
    else:
        # Counted first: the page asked for is known to exist before it is read.
        pages = _pages(total)
        page = min(page, pages)
        rows = rows_of(page) if total else []
    total_capped = total > COUNT_CAP
    total = min(total, COUNT_CAP)
    return SearchPage(
        cards=[_card(r, data, lang) for r in rows],
        total=total,
        page=page,
        pages=pages,
        filters=replace(query.kept, page=page),
        page_was_clamped=page != filters.page,
        total_capped=total_capped,
    )


@dataclass(frozen=True)
class ListingDetail:
    """Everything the public may see of one listing (never the author's email or phone)."""

    id: int
    kind: str
    exchange_type: str
    category: str
    title: str
    body: str
    area: str
    social_spaces: list[str]
    author_id: int
    author: str
    # The author's profile address; "" when they show their profile to nobody (the name
    # stays: it is needed to arrange help).
    author_handle: str
    created_at: str
    updated_at: str
    expires_on: str
    pocket_money: str
    estimated_hours: int
    swap_for: str
    status: str
    is_public: bool
    is_own: bool
    # Posted as an institution: its page's handle (its name is `author`); "" otherwise.
    institution_handle: str = ""
    swap_mode: str = ""
    # Stellvertretung: the author is a represented person (shown by first name only) and
    # the name of their proxy ("" when the Kommune's office looks after them).
    represented: bool = False
    represented_by: str = ""


def get_listing_detail(
    db: Session, viewer: Actor, kommune_id: int, listing_id: int, lang: str = "de"
) -> ListingDetail:
    """A public listing of this Kommune; its author also sees it while it is a draft,
    closed or expired. Anything else (another Kommune's, removed, deleted) is not found."""
    row = db.execute(
        _card_select(
            col(Listing.author_id),
            col(Listing.status),
            col(Listing.updated_at),
            col(Listing.pocket_money_cents),
            col(Listing.estimated_hours),
            col(Listing.swap_for),
            col(User.status),
            col(Listing.body),
            col(User.handle),
            col(User.profile_visibility),
            col(Institution.handle),
            col(Listing.expires_at),
        ).where(col(Listing.id) == listing_id, col(Listing.kommune_id) == kommune_id)
    ).first()
    if row is None:
        raise NotFound("listing.not_found")
    data = master(db, kommune_id)
    card = _card(row[:_CARD_WIDTH], data, lang)
    extra = row[_CARD_WIDTH:]
    author_id, status, updated, cents, hours, swap_for, author_status, body = extra[:8]
    handle, visibility, institution_handle, expires_at = extra[8:]
    is_public = (
        status == ListingStatus.PUBLISHED
        and expires_at > utcnow()
        and author_status == UserStatus.APPROVED
    )
    is_own = viewer.user_id is not None and viewer.user_id == author_id
    if status in (ListingStatus.REMOVED, ListingStatus.DELETED) or not (is_public or is_own):
        raise NotFound("listing.not_found")
    space_ids = db.execute(
        sa_select(col(ListingSocialSpace.social_space_id)).where(
            col(ListingSocialSpace.listing_id) == listing_id
        )
    ).scalars()
    spaces = sorted(
        (data.space_name(space_id) for space_id in space_ids if space_id in data.space_by_id),
        key=str.casefold,
    )
    proxies = represented_proxy_names(db, [author_id])
    return ListingDetail(
        id=card.id,
        kind=card.kind,
        exchange_type=card.exchange_type,
        category=card.category,
        title=card.title,
        body=body,
        area=card.area,
        social_spaces=list(spaces),
        author_id=author_id,
        author=card.author,
        author_handle="" if visibility == ProfileVisibility.NOBODY else handle,
        created_at=card.created_at,
        updated_at=format_date(updated, lang),
        expires_on=card.expires_on,
        pocket_money="" if cents is None else format_euros(cents, lang),
        estimated_hours=hours or 0,
        swap_for=swap_for,
        swap_mode=card.swap_mode,
        status=status,
        is_public=is_public,
        is_own=is_own,
        institution_handle=institution_handle or "",
        represented=author_id in proxies,
        represented_by=proxies.get(author_id, ""),
    )
