"""Spelling-tolerant text: one folded form for names and one word list for full-text search.

Germans write "Delbrück", "DELBRÜCK", "Delbrueck" or "Delbruck" for the same place. Both
the stored text and the query are folded to one form (lower case, ß → ss, accents and
umlauts dropped, ae/oe/ue → a/o/u), so every spelling meets every other. Folding both sides
the same way also keeps names like "Kreuel" findable: stored and typed they fold alike.

Full-text search stems the folded words with the Snowball German stemmer in Python, on
SQLite and PostgreSQL alike ("Hecken" and "Hecke" both become "heck"); the databases only
index and match the finished words, so both answer the same.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer  # type: ignore[import-untyped]

_DIGRAPHS = re.compile(r"ae|oe|(?<!q)ue")
_WORD = re.compile(r"[^\W_]+")
_MIN_QUERY_WORD = 2
_MAX_QUERY_WORDS = 8


def fold(text: str) -> str:
    """`text` in one comparable spelling: "Delbrück", "DELBRUECK" → "delbruck"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _DIGRAPHS.sub(lambda m: m.group(0)[0], bare)


# Frequent German function words carry no meaning for a search; left out of the index
# (smaller posting lists) and of the query (so "Hilfe beim Einkaufen" finds "Einkaufshilfe").
_STOP_WORDS = frozenset(
    fold(w)
    for line in (
        "der die das den dem des ein eine einer eines einem einen und oder aber auch",
        "als am an auf aus bei beim bis für im in ins mit nach über um von vom vor zu zum",
        "zur ich du er sie es wir ihr mich mir dich dir uns euch mein meine ist sind",
        "bin hat habe haben wird werden kann noch nicht kein keine",
    )
    for w in line.split()
)
_STEMMER = snowballstemmer.stemmer("german")


@lru_cache(maxsize=4096)
def _stem(word: str) -> str:
    return str(_STEMMER.stemWord(word))


def search_words(*texts: str) -> str:
    """The words a listing is found by: folded, stemmed, stop words left out, each once."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in _WORD.findall(fold(text)):
            if word not in _STOP_WORDS:
                seen.setdefault(_stem(word), None)
    return " ".join(seen)


def query_words(query: str) -> list[str]:
    """The stems a search query asks for (at most eight, each at least two letters)."""
    words: dict[str, None] = {}
    for word in _WORD.findall(fold(query)):
        if len(word) >= _MIN_QUERY_WORD and word not in _STOP_WORDS:
            words.setdefault(_stem(word), None)
    return list(words)[:_MAX_QUERY_WORDS]
