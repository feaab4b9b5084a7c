"""What each Börse (exchange type) asks of a listing and records in an agreement.

One entry per `ExchangeType`: its label, the listing's extra field(s), the value the
"Hilfe hat stattgefunden" agreement records, and the dashboard figures that value feeds.
Listings, agreements and both apps read this table, so a new exchange type is one entry
here, its catalog texts and its enum value.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from dasnez_core.models import ExchangeType


class FieldInput(StrEnum):
    """How a listing's extra field is typed and checked."""

    MONEY = "money"  # euros as people type them ("8", "8,50"); stored in cents
    WHOLE_HOURS = "whole_hours"  # a whole number of hours from 1 to `maximum`
    TEXT = "text"  # one line of text, cut at `maximum` characters


@dataclass(frozen=True)
class ListingField:
    """An exchange-specific detail of a listing (informational only).

    `name` is the form field and the `ListingDraft` attribute, `column` the `Listing`
    column; `maximum` is in cents (money), hours (whole hours) or characters (text);
    `input_mode` the on-screen keyboard a phone shows."""

    name: str
    column: str
    label_key: str
    detail_key: str
    input: FieldInput
    maximum: int
    max_length: int
    input_mode: str | None = None
    hint_key: str | None = None


POCKET_MONEY = ListingField(
    name="pocket_money",
    column="pocket_money_cents",
    label_key="listing.pocket_money",
    detail_key="detail.pocket_money",
    input=FieldInput.MONEY,
    maximum=100_00,
    max_length=10,
    input_mode="decimal",
)
ESTIMATED_HOURS = ListingField(
    name="estimated_hours",
    column="estimated_hours",
    label_key="listing.estimated_hours",
    detail_key="detail.hours",
    input=FieldInput.WHOLE_HOURS,
    maximum=100,
    max_length=3,
    input_mode="numeric",
)
SWAP_FOR = ListingField(
    name="swap_for",
    column="swap_for",
    label_key="listing.swap_for",
    detail_key="detail.swap_for",
    input=FieldInput.TEXT,
    maximum=200,
    max_length=200,
)


class AgreementUnit(StrEnum):
    """What the first person confirming an agreement enters ("" = nothing)."""

    NONE = ""
    HOURS = "hours"
    AMOUNT = "amount"


@dataclass(frozen=True)
class AgreementValue:
    """The value an agreement records, its limits and the catalog keys that ask for it.

    `column` is the `Agreement` column (hours as a number, the amount in cents)."""

    unit: AgreementUnit
    column: str
    label_key: str
    shown_key: str
    required_key: str
    invalid_key: str
    minimum: Decimal
    maximum: Decimal


HOURS_GIVEN = AgreementValue(
    unit=AgreementUnit.HOURS,
    column="hours",
    label_key="agreement.hours_label",
    shown_key="agreement.hours_value",
    required_key="agreement.hours_required",
    invalid_key="agreement.hours_invalid",
    minimum=Decimal("0.25"),
    maximum=Decimal("100"),
)
AMOUNT_PAID = AgreementValue(
    unit=AgreementUnit.AMOUNT,
    column="amount_cents",
    label_key="agreement.amount_label",
    shown_key="agreement.amount_value",
    required_key="agreement.amount_required",
    invalid_key="agreement.amount_invalid",
    minimum=Decimal("0"),
    maximum=Decimal("500"),
)


class DashboardFigure(StrEnum):
    """A sum over confirmed agreements on the admin dashboard; the value is its catalog
    key suffix (dash.<value>)."""

    HOURS_DONATED = "hours_donated"
    POCKET_MONEY = "pocket_money"

    @property
    def label_key(self) -> str:
        return f"dash.{self.value}"


@dataclass(frozen=True)
class ExchangeRule:
    """Everything that differs between exchange types."""

    type: ExchangeType
    label_key: str
    fields: tuple[ListingField, ...] = ()
    agreement: AgreementValue | None = None
    feeds: frozenset[DashboardFigure] = frozenset()

    @property
    def agreement_unit(self) -> AgreementUnit:
        return self.agreement.unit if self.agreement else AgreementUnit.NONE


RULES: dict[ExchangeType, ExchangeRule] = {
    rule.type: rule
    for rule in (
        ExchangeRule(
            type=ExchangeType.TASCHENGELD,
            label_key="exchange.taschengeld",
            fields=(POCKET_MONEY,),
            agreement=AMOUNT_PAID,
            feeds=frozenset({DashboardFigure.POCKET_MONEY}),
        ),
        ExchangeRule(
            type=ExchangeType.ZEITSPENDE,
            label_key="exchange.zeitspende",
            fields=(ESTIMATED_HOURS,),
            agreement=HOURS_GIVEN,
            feeds=frozenset({DashboardFigure.HOURS_DONATED}),
        ),
        ExchangeRule(
            type=ExchangeType.TAUSCH,
            label_key="exchange.tausch",
            fields=(SWAP_FOR,),
        ),
        ExchangeRule(
            type=ExchangeType.NACHBARSCHAFT,
            label_key="exchange.nachbarschaft",
        ),
    )
}


def rule_of(exchange_type: str) -> ExchangeRule:
    """The rule of an exchange type (ValueError for a type that does not exist)."""
    return RULES[ExchangeType(exchange_type)]


def listing_fields() -> tuple[ListingField, ...]:
    """Every extra field any exchange has, once each, in the order of the rules (the
    listing form shows them all; the listing keeps only those of its exchange)."""
    seen: dict[str, ListingField] = {}
    for rule in RULES.values():
        for field in rule.fields:
            seen.setdefault(field.name, field)
    return tuple(seen.values())


def agreement_values() -> tuple[AgreementValue, ...]:
    """Every kind of agreement value some exchange records, once each."""
    seen: dict[AgreementUnit, AgreementValue] = {}
    for rule in RULES.values():
        if rule.agreement is not None:
            seen.setdefault(rule.agreement.unit, rule.agreement)
    return tuple(seen.values())


def types_feeding(figure: DashboardFigure) -> tuple[ExchangeType, ...]:
    """The exchange types whose confirmed agreements add to a dashboard figure."""
    return tuple(t for t, rule in RULES.items() if figure in rule.feeds)
