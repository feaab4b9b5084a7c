"""The exchange rules: one per exchange type, every text they name in the catalog, and the
listing and agreement services doing what the rules say."""

from __future__ import annotations

import dataclasses

import pytest
from sqlmodel import Session

from dasnez_core.exchanges import (
    RULES,
    AgreementUnit,
    DashboardFigure,
    agreement_values,
    listing_fields,
    rule_of,
    types_feeding,
)
from dasnez_core.messages import MESSAGES
from dasnez_core.models import Agreement, ExchangeType, Listing
from dasnez_core.services import contact
from dasnez_core.services.listings import ListingDraft, create_listing
from tests import factories as f


def _keys_named() -> set[str]:
    keys = {figure.label_key for figure in DashboardFigure}
    for rule in RULES.values():
        keys.add(rule.label_key)
        for field in rule.fields:
            keys |= {field.label_key, field.detail_key}
            if field.hint_key:
                keys.add(field.hint_key)
        if rule.agreement is not None:
            value = rule.agreement
            keys |= {value.label_key, value.shown_key, value.required_key, value.invalid_key}
    return keys


def test_every_exchange_type_has_its_rule() -> None:
    assert set(RULES) == set(ExchangeType)
    assert all(rule.type == exchange_type for exchange_type, rule in RULES.items())
    assert rule_of("zeitspende") is RULES[ExchangeType.ZEITSPENDE]


def test_every_text_a_rule_names_exists_in_both_languages() -> None:
    for key in _keys_named():
        assert key in MESSAGES, key
        german, english = MESSAGES[key]
        assert german.strip() and english.strip(), key


def test_fields_and_values_name_real_columns() -> None:
    draft_fields = {fl.name for fl in dataclasses.fields(ListingDraft)}
    for field in listing_fields():
        assert field.name in draft_fields
        assert field.column in Listing.model_fields
    for value in agreement_values():
        assert value.column in Agreement.model_fields
        assert value.minimum <= value.maximum


def test_dashboard_figures_come_from_the_agreement_values() -> None:
    assert types_feeding(DashboardFigure.HOURS_DONATED) == (ExchangeType.ZEITSPENDE,)
    assert types_feeding(DashboardFigure.POCKET_MONEY) == (ExchangeType.TASCHENGELD,)
    for rule in RULES.values():
        # A figure sums an agreement column, so only an exchange recording it can feed it.
        if DashboardFigure.HOURS_DONATED in rule.feeds:
            assert rule.agreement_unit == AgreementUnit.HOURS
        if DashboardFigure.POCKET_MONEY in rule.feeds:
            assert rule.agreement_unit == AgreementUnit.AMOUNT


@pytest.mark.parametrize("exchange_type", list(ExchangeType))
def test_a_listing_keeps_only_the_details_its_rule_names(
    db: Session, exchange_type: ExchangeType
) -> None:
    here = f.kommune(db)
    area = f.district(db, here, "Boke")
    _, category = f.exchange_with_category(db, here, exchange_type, "Allerlei")
    maria = f.actor(db, f.user(db, here, "maria@example.org", name="Maria"))
    sent = {"pocket_money": "8,50", "estimated_hours": "3", "swap_for": "Kuchen"}
    listing_id = create_listing(
        db,
        maria,
        here.id,
        ListingDraft(
            kind="offer",
            exchange_id=None,
            category_id=category.id,
            title="Hilfe im Garten",
            body="Ich helfe gern im Garten.",
            area_id=area.id,
            swap_mode="swap",  # asked of a Tauschbörse listing only, ignored elsewhere
            **sent,
        ),
    )
    listing = db.get(Listing, listing_id)
    stored = {"pocket_money": 850, "estimated_hours": 3, "swap_for": "Kuchen"}
    own = {field.name for field in RULES[exchange_type].fields}
    for field in listing_fields():
        expected = stored[field.name] if field.name in own else None
        if field.name == "swap_for" and expected is None:
            expected = ""
        assert getattr(listing, field.column) == expected, field.name


@pytest.mark.parametrize("exchange_type", list(ExchangeType))
def test_the_agreement_asks_for_the_value_its_rule_names(
    db: Session, exchange_type: ExchangeType
) -> None:
    here = f.kommune(db)
    _, category = f.exchange_with_category(db, here, exchange_type, "Allerlei")
    jonas = f.user(db, here, "jonas@example.org", name="Jonas")
    maria = f.actor(db, f.user(db, here, "maria@example.org", name="Maria"))
    listing = f.listing_of(db, jonas, category, title="Hilfe")
    cid = contact.start_conversation(db, maria, here.id, listing.id)
    contact.send_message(db, maria, here.id, cid, "Guten Tag!")
    view = contact.thread(db, maria, here.id, cid).agreement
    assert view.value_kind == RULES[exchange_type].agreement_unit.value
