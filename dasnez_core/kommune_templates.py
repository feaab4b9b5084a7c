"""What a new Kommune starts with: the categories of each exchange (German, English).

The platform's new-Kommune wizard (dasnez_core.services.onboarding) copies the template of
every exchange the Kommune switches on; its admins rename, add or deactivate afterwards.
"""

from __future__ import annotations

from dasnez_core.models import ExchangeType

CATEGORY_TEMPLATES: dict[ExchangeType, tuple[tuple[str, str], ...]] = {
    ExchangeType.TASCHENGELD: (
        ("Garten", "Garden"),
        ("Einkaufen", "Shopping"),
        ("Haustiere", "Pets"),
        ("Computerhilfe", "Computer help"),
        ("Haushalt", "Housework"),
        ("Nachhilfe", "Tutoring"),
    ),
    ExchangeType.ZEITSPENDE: (
        ("Besuche und Gespräche", "Visits and conversation"),
        ("Begleitung", "Accompaniment"),
        ("Vorlesen", "Reading aloud"),
        ("Vereine und Feste", "Clubs and festivals"),
    ),
    ExchangeType.TAUSCH: (
        ("Werkzeug", "Tools"),
        ("Kinderkleidung", "Children's clothes"),
        ("Bücher", "Books"),
        ("Haushaltsgeräte", "Household appliances"),
    ),
    ExchangeType.NACHBARSCHAFT: (
        ("Fahrdienste", "Lifts"),
        ("Handwerk", "Handiwork"),
        ("Alltagshilfe", "Everyday help"),
        ("Behördengänge", "Help with authorities"),
    ),
}
