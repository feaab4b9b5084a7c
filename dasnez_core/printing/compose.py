"""From what the notices service returns to what is printed: labels in the reader's
language, the number to call and whose it is, the logo file. The addresses come from the
app (its routes), as functions of a listing id."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dasnez_core.exchanges import RULES
from dasnez_core.formatting import format_date
from dasnez_core.i18n import translate
from dasnez_core.models import ExchangeType, ListingKind, utcnow
from dasnez_core.printing.document import Letterhead, kommune_letterhead
from dasnez_core.printing.notice import Notice
from dasnez_core.printing.weekly import Sheet, SheetEntry
from dasnez_core.services.notices import CallBack, NoticeData, PrintedKommune, WeeklyData

SHEET_TEXT_CHARS = 320


def letterhead(kommune: PrintedKommune, upload_dir: Path, lang: str) -> Letterhead:
    return kommune_letterhead(kommune.name, kommune.logo_path, upload_dir, lang)


def kind_label(kind: str, lang: str) -> str:
    return translate("kind.offer" if kind == ListingKind.OFFER else "kind.request", lang)


def exchange_label(exchange_type: str, lang: str) -> str:
    try:
        return translate(RULES[ExchangeType(exchange_type)].label_key, lang)
    except ValueError:
        return exchange_type


def call_lines(call: CallBack, kommune_name: str, lang: str) -> tuple[str, str]:
    """(number to call, whose it is); without any phone: ("", whom to turn to)."""
    if call.is_proxy:
        return call.phone, translate("print.proxy_owner", lang, name=call.name)
    owner = call.name or translate("print.office_owner", lang, name=kommune_name)
    if not call.phone and call.email:
        owner = f"{owner}, {call.email}"
    return call.phone, owner


def notice(data: NoticeData, url: str, upload_dir: Path, lang: str = "de") -> Notice:
    """The Aushang of `data`, its QR code pointing at `url` (the listing's public page)."""
    listing = data.listing
    phone, owner = call_lines(data.call, data.kommune.name, lang)
    return Notice(
        head=letterhead(data.kommune, upload_dir, lang),
        listing_id=listing.id,
        is_offer=listing.kind == ListingKind.OFFER,
        kind=kind_label(listing.kind, lang),
        exchange=exchange_label(listing.exchange_type, lang),
        title=listing.title,
        body=listing.body,
        area=listing.area,
        category=listing.category,
        url=url,
        phone=phone,
        phone_owner=owner,
        printed_on=format_date(utcnow(), lang),
    )


def sheet(
    data: WeeklyData,
    listing_url: Callable[[int], str],
    more_url: str,
    upload_dir: Path,
    lang: str = "de",
) -> Sheet:
    """The weekly sheet of `data`; `listing_url(id)` gives each listing's public page."""
    phone, owner = call_lines(data.call, data.kommune.name, lang)
    return Sheet(
        head=letterhead(data.kommune, upload_dir, lang),
        place=data.place,
        start=data.start,
        end=data.end,
        phone=phone,
        phone_owner=owner,
        entries=[
            SheetEntry(
                kind=kind_label(item.card.kind, lang),
                is_offer=item.card.kind == ListingKind.OFFER,
                exchange=exchange_label(item.card.exchange_type, lang),
                day=item.published_on,
                title=item.card.title,
                text=item.card.body[:SHEET_TEXT_CHARS],
                area=item.card.area if item.card.area != data.place else "",
                url=listing_url(item.card.id),
            )
            for item in data.listings
        ],
        more=data.more,
        more_url=more_url,
        printed_on=format_date(utcnow(), lang),
    )
