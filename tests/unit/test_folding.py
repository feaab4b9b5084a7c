"""Spelling-tolerant text: folded Kommune names and the words listings are found by."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from dasnez_core.folding import fold, query_words, search_words
from dasnez_core.services.kommunen import list_kommunen
from tests import factories as f


@pytest.mark.parametrize("spelling", ["Delbrück", "DELBRÜCK", "Delbrueck", "delbruck", "DELBRUECK"])
def test_every_spelling_of_a_name_folds_alike(spelling: str) -> None:
    assert fold(spelling) == fold("Delbrück") == "delbruck"


def test_folding_keeps_names_with_ue_findable() -> None:
    assert fold("Kreuel") == fold("KREUEL")
    assert fold("Straße") == fold("STRASSE") == "strasse"


def test_search_words_are_stems_without_stop_words() -> None:
    assert search_words("Die Hecken schneiden", "und Rasen mähen") == "heck schneid ras mah"
    assert query_words("Hecke maehen") == ["heck", "mah"]
    assert query_words("der die das x") == []


@pytest.mark.parametrize("query", ["DELBRÜCK", "Delbrueck", "delbruck", "Delbrück", "brück"])
def test_kommune_search_ignores_case_and_umlaut_spelling(db: Session, query: str) -> None:
    f.kommune(db)
    f.kommune(db, slug="salzkotten", name="Salzkotten")
    assert [k.name for k in list_kommunen(db, query)] == ["Delbrück"]


def test_kommune_search_by_postcode_and_renamed_kommune(db: Session) -> None:
    delbrueck = f.kommune(db, postcodes="33129")
    f.kommune(db, slug="salzkotten", name="Salzkotten", postcodes="33154")
    assert [k.name for k in list_kommunen(db, "33129")] == ["Delbrück"]
    assert [k.name for k in list_kommunen(db, "331")] == ["Delbrück", "Salzkotten"]
    assert list_kommunen(db, "%") == []
    delbrueck.name = "Hövelhof"
    db.add(delbrueck)
    db.flush()
    assert [k.name for k in list_kommunen(db, "hoevelhof")] == ["Hövelhof"]
