"""Demo data: Delbrück with its real Ortsteile, and a smaller second Kommune.

Idempotent: a Kommune that exists already is left exactly as it is (never wiped), and
each Kommune is seeded in one transaction, so a run is all or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, select

from dasnez_core.models import (
    Area,
    AreaKind,
    Category,
    ConsentDocument,
    ConsentRecord,
    Exchange,
    ExchangeType,
    InfoItem,
    Kommune,
    Listing,
    ListingSocialSpace,
    ListingStatus,
    RepresentedPerson,
    Role,
    RoleGrant,
    SocialSpace,
    SocialSpaceKind,
    Sponsor,
    User,
    UserStatus,
    id_of,
    new_handle,
    utcnow,
)
from dasnez_core.models.represented import NO_PASSWORD, placeholder_email
from dasnez_core.passwords import hash_password

DEMO_PASSWORD = "nachbarn-helfen-2026"  # noqa: S105  (published demo login)

DELBRUECK_ORTSTEILE = (
    "Anreppen",
    "Bentfeld",
    "Boke",
    "Delbrück",
    "Hagen",
    "Lippling",
    "Ostenland",
    "Schöning",
    "Steinhorst",
    "Sudhagen",
    "Westenholz",
    "Westerloh",
)

CATEGORIES = {
    ExchangeType.TASCHENGELD: ("Garten", "Einkaufen", "Haustiere", "Computerhilfe"),
    ExchangeType.ZEITSPENDE: ("Besuche und Gespräche", "Begleitung", "Vorlesen"),
    ExchangeType.TAUSCH: ("Werkzeug", "Kinderkleidung", "Bücher"),
    ExchangeType.NACHBARSCHAFT: ("Fahrdienste", "Handwerk", "Alltagshilfe"),
}
# The names the English version shows (a Kommune may leave them empty: German then).
CATEGORY_NAMES_EN = {
    "Garten": "Garden",
    "Einkaufen": "Shopping",
    "Haustiere": "Pets",
    "Computerhilfe": "Computer help",
    "Besuche und Gespräche": "Visits and conversation",
    "Begleitung": "Accompaniment",
    "Vorlesen": "Reading aloud",
    "Werkzeug": "Tools",
    "Kinderkleidung": "Children's clothes",
    "Bücher": "Books",
    "Fahrdienste": "Lifts",
    "Handwerk": "Handiwork",
    "Alltagshilfe": "Everyday help",
}


@dataclass(frozen=True)
class DemoLogin:
    role: str
    kommune: str
    email: str
    password: str


@dataclass(frozen=True)
class _Person:
    key: str
    email: str
    name: str
    area: str
    status: str
    roles: tuple[str, ...] = ()


# (title, body, kind, exchange, category, area, author key, social space or "")
_DELBRUECK_LISTINGS = (
    (
        "Rasenmähen am Samstag",
        "Ich suche jemanden, der meinen Rasen mäht. Mäher ist da.",
        "request",
        ExchangeType.TASCHENGELD,
        "Garten",
        "Boke",
        "maria",
        "",
    ),
    (
        "Einkaufen für Senioren",
        "Ich gehe gern für Sie einkaufen, nachmittags nach der Schule.",
        "offer",
        ExchangeType.TASCHENGELD,
        "Einkaufen",
        "Delbrück",
        "jonas",
        "Gymnasium Delbrück",
    ),
    (
        "Hund ausführen",
        "Ich führe Ihren Hund aus, am liebsten am Wochenende.",
        "offer",
        ExchangeType.TASCHENGELD,
        "Haustiere",
        "Westenholz",
        "jonas",
        "",
    ),
    (
        "Hilfe mit dem Smartphone",
        "Wer erklärt mir WhatsApp und Fotos auf dem Handy?",
        "request",
        ExchangeType.TASCHENGELD,
        "Computerhilfe",
        "Ostenland",
        "helga",
        "",
    ),
    (
        "Vorlesen im Kindergarten",
        "Ich lese gern einmal pro Woche Geschichten vor.",
        "offer",
        ExchangeType.ZEITSPENDE,
        "Vorlesen",
        "Delbrück",
        "maria",
        "Kindergarten St. Marien",
    ),
    (
        "Begleitung zum Arzt",
        "Ich suche Begleitung zu Arztterminen in Paderborn.",
        "request",
        ExchangeType.ZEITSPENDE,
        "Begleitung",
        "Hagen",
        "helga",
        "",
    ),
    (
        "Besuchsdienst für Alleinstehende",
        "Wir besuchen ältere Menschen für ein Gespräch.",
        "offer",
        ExchangeType.ZEITSPENDE,
        "Besuche und Gespräche",
        "Steinhorst",
        "caritas",
        "Pfarrei St. Johannes Baptist",
    ),
    (
        "Bohrmaschine zu verleihen",
        "Gute Schlagbohrmaschine, gegen Kuchen zu verleihen.",
        "offer",
        ExchangeType.TAUSCH,
        "Werkzeug",
        "Lippling",
        "maria",
        "",
    ),
    (
        "Kinderkleidung Größe 110",
        "Suche Winterjacke Größe 110, tausche gegen Größe 98.",
        "request",
        ExchangeType.TAUSCH,
        "Kinderkleidung",
        "Sudhagen",
        "maria",
        "",
    ),
    (
        "Fahrt zum Wochenmarkt",
        "Ich nehme freitags jemanden zum Wochenmarkt mit.",
        "offer",
        ExchangeType.NACHBARSCHAFT,
        "Fahrdienste",
        "Anreppen",
        "maria",
        "",
    ),
    (
        "Regal aufhängen",
        "Wer hilft mir, ein Regal an die Wand zu bringen?",
        "request",
        ExchangeType.NACHBARSCHAFT,
        "Handwerk",
        "Bentfeld",
        "helga",
        "",
    ),
    (
        "Blumen gießen im Urlaub",
        "Ich gieße Ihre Blumen, wenn Sie verreist sind.",
        "offer",
        ExchangeType.NACHBARSCHAFT,
        "Alltagshilfe",
        "Schöning",
        "jonas",
        "",
    ),
)


def seed_demo(db: Session) -> list[DemoLogin]:
    """Create the demo Kommunen if they are missing; return the demo logins."""
    logins = _seed_delbrueck(db)
    db.commit()
    logins += _seed_bad_lippspringe(db)
    db.commit()
    return logins


def _kommune(db: Session, **fields: object) -> tuple[Kommune, bool]:
    existing = db.exec(select(Kommune).where(Kommune.slug == fields["slug"])).first()
    if existing is not None:
        return existing, False
    kommune = Kommune(**fields)  # type: ignore[arg-type]
    db.add(kommune)
    db.flush()
    return kommune, True


def _exchanges(db: Session, kommune_id: int) -> dict[str, tuple[Exchange, dict[str, Category]]]:
    result: dict[str, tuple[Exchange, dict[str, Category]]] = {}
    for ex_type, names in CATEGORIES.items():
        exchange = Exchange(kommune_id=kommune_id, type=ex_type, enabled=True)
        db.add(exchange)
        db.flush()
        assert exchange.id is not None
        cats = {
            n: Category(
                kommune_id=kommune_id, exchange_id=exchange.id, name=n, name_en=CATEGORY_NAMES_EN[n]
            )
            for n in names
        }
        db.add_all(cats.values())
        result[ex_type] = (exchange, cats)
    db.flush()
    return result


def _people(
    db: Session, kommune: Kommune, areas: dict[str, Area], people: tuple[_Person, ...]
) -> dict[str, User]:
    assert kommune.id is not None
    password_hash = hash_password(DEMO_PASSWORD)
    users: dict[str, User] = {}
    now = utcnow()
    for p in people:
        user = User(
            email=p.email,
            password_hash=password_hash,
            display_name=p.name,
            kommune_id=kommune.id,
            area_id=areas[p.area].id,
            status=p.status,
            approved_at=now if p.status == UserStatus.APPROVED else None,
        )
        db.add(user)
        db.flush()
        assert user.id is not None
        for role in p.roles:
            scope = None if role == Role.PLATFORM_ADMIN else kommune.id
            db.add(RoleGrant(user_id=user.id, role=role, kommune_id=scope))
        users[p.key] = user
    db.flush()
    return users


def _logins(kommune: Kommune, people: tuple[_Person, ...]) -> list[DemoLogin]:
    logins = []
    for p in people:
        role = p.roles[-1] if p.roles else "citizen"
        if p.status == UserStatus.PENDING:
            role = "citizen (pending)"
        logins.append(DemoLogin(role, kommune.name, p.email, DEMO_PASSWORD))
    return logins


_DELBRUECK_PEOPLE = (
    _Person(
        "admin",
        "admin@delbrueck.example",
        "Verwaltung Delbrück",
        "Delbrück",
        UserStatus.APPROVED,
        (Role.KOMMUNE_ADMIN,),
    ),
    _Person("maria", "maria@delbrueck.example", "Maria Schneider", "Boke", UserStatus.APPROVED),
    _Person("jonas", "jonas@delbrueck.example", "Jonas Becker", "Delbrück", UserStatus.APPROVED),
    _Person(
        "helga",
        "helga@delbrueck.example",
        "Helga Vogt (Stellvertretung)",
        "Hagen",
        UserStatus.APPROVED,
        (Role.PROXY,),
    ),
    _Person(
        "caritas",
        "caritas@delbrueck.example",
        "Caritas Delbrück",
        "Delbrück",
        UserStatus.APPROVED,
        (Role.INSTITUTION_MEMBER,),
    ),
    _Person("pending", "neu@delbrueck.example", "Peter Neumann", "Westerloh", UserStatus.PENDING),
    _Person(
        "platform",
        "betrieb@dasnez.example",
        "Plattformbetrieb",
        "Delbrück",
        UserStatus.APPROVED,
        (Role.PLATFORM_ADMIN,),
    ),
)

_LIPPSPRINGE_PEOPLE = (
    _Person(
        "admin",
        "admin@bad-lippspringe.example",
        "Verwaltung Bad Lippspringe",
        "Kernstadt",
        UserStatus.APPROVED,
        (Role.KOMMUNE_ADMIN,),
    ),
    _Person(
        "anna", "anna@bad-lippspringe.example", "Anna Krüger", "Kernstadt", UserStatus.APPROVED
    ),
    _Person(
        "pending", "neu@bad-lippspringe.example", "Karl Brandt", "Kernstadt", UserStatus.PENDING
    ),
)


def _seed_delbrueck(db: Session) -> list[DemoLogin]:
    kommune, created = _kommune(
        db,
        slug="delbrueck",
        name="Delbrück",
        postcodes="33129",
        contact_name="Gleichstellungs- und Familienbeauftragte",
        contact_email="dasnez@delbrueck.example",
        contact_phone="05250 996 281",
        contact_address="Lange Str. 45, 33129 Delbrück",
        listing_days=60,
    )
    if not created:
        return _logins(kommune, _DELBRUECK_PEOPLE)
    assert kommune.id is not None
    areas = {
        n: Area(kommune_id=kommune.id, kind=AreaKind.DISTRICT, name=n) for n in DELBRUECK_ORTSTEILE
    }
    db.add_all(areas.values())
    db.flush()
    spaces = {
        name: SocialSpace(kommune_id=kommune.id, kind=kind, name=name, area_id=areas[area].id)
        for name, kind, area in (
            ("Pfarrei St. Johannes Baptist", SocialSpaceKind.PARISH, "Delbrück"),
            ("Kindergarten St. Marien", SocialSpaceKind.KINDERGARTEN, "Delbrück"),
            ("Gymnasium Delbrück", SocialSpaceKind.SCHOOL, "Delbrück"),
            ("Grundschule Westenholz", SocialSpaceKind.SCHOOL, "Westenholz"),
        )
    }
    db.add_all(spaces.values())
    exchanges = _exchanges(db, kommune.id)
    users = _people(db, kommune, areas, _DELBRUECK_PEOPLE)
    today = date.today()
    db.add_all(
        [
            InfoItem(
                kommune_id=kommune.id,
                position=1,
                title="Sprechstunde im Rathaus",
                body="Jeden Dienstag von 10 bis 12 Uhr helfen wir bei der Anmeldung.",
                link_url="",
            ),
            InfoItem(
                kommune_id=kommune.id,
                position=2,
                title="Ehrenamtstag im Stadtpark",
                body="Vereine und Initiativen stellen sich vor.",
                event_date=today + timedelta(days=21),
            ),
            InfoItem(
                kommune_id=kommune.id,
                position=3,
                title="Seniorenbeirat Delbrück",
                body="Informationen und Ansprechpersonen.",
                link_url="https://www.delbrueck.de/",
            ),
        ]
    )
    db.add(
        Sponsor(
            kommune_id=kommune.id,
            name="Volksbank Delbrück-Hövelhof",
            url="https://www.volksbank-delbrueck-hoevelhof.de/",
            position=1,
        )
    )
    _listings(db, kommune, areas, exchanges, users, spaces, _DELBRUECK_LISTINGS)
    _represented_demo(db, kommune, areas, exchanges, users, spaces)
    return _logins(kommune, _DELBRUECK_PEOPLE)


def _seed_bad_lippspringe(db: Session) -> list[DemoLogin]:
    kommune, created = _kommune(
        db,
        slug="bad-lippspringe",
        name="Bad Lippspringe",
        postcodes="33175",
        contact_email="dasnez@bad-lippspringe.example",
        listing_days=45,
    )
    if not created:
        return _logins(kommune, _LIPPSPRINGE_PEOPLE)
    assert kommune.id is not None
    district = Area(kommune_id=kommune.id, kind=AreaKind.DISTRICT, name="Kernstadt")
    db.add(district)
    db.flush()
    areas = {"Kernstadt": district}
    spaces = {
        "Pfarrei St. Martin": SocialSpace(
            kommune_id=kommune.id,
            kind=SocialSpaceKind.PARISH,
            name="Pfarrei St. Martin",
            area_id=district.id,
        )
    }
    db.add_all(spaces.values())
    exchanges = _exchanges(db, kommune.id)
    users = _people(db, kommune, areas, _LIPPSPRINGE_PEOPLE)
    db.add(
        InfoItem(
            kommune_id=kommune.id,
            title="Willkommen bei dasnez Bad Lippspringe",
            body="Hier finden Sie Hilfe in Ihrer Nachbarschaft.",
        )
    )
    _listings(
        db,
        kommune,
        areas,
        exchanges,
        users,
        spaces,
        (
            (
                "Gartenhilfe im Kurpark-Viertel",
                "Suche Hilfe beim Laub rechen, zwei Stunden.",
                "request",
                ExchangeType.TASCHENGELD,
                "Garten",
                "Kernstadt",
                "anna",
                "",
            ),
            (
                "Kuchen gegen Fahrradreparatur",
                "Ich backe Ihnen einen Kuchen für eine Reparatur.",
                "offer",
                ExchangeType.TAUSCH,
                "Werkzeug",
                "Kernstadt",
                "anna",
                "Pfarrei St. Martin",
            ),
        ),
    )
    return _logins(kommune, _LIPPSPRINGE_PEOPLE)


def _listings(
    db: Session,
    kommune: Kommune,
    areas: dict[str, Area],
    exchanges: dict[str, tuple[Exchange, dict[str, Category]]],
    users: dict[str, User],
    spaces: dict[str, SocialSpace],
    rows: tuple[tuple[str, str, str, str, str, str, str, str], ...],
) -> None:
    assert kommune.id is not None
    now = utcnow()
    for age, (title, body, kind, ex_type, cat, area, author, space) in enumerate(rows):
        exchange, cats = exchanges[ex_type]
        created = now - timedelta(hours=age * 7 + 1)
        listing = Listing(
            kommune_id=kommune.id,
            kind=kind,
            exchange_id=id_of(exchange),
            category_id=id_of(cats[cat]),
            title=title,
            body=body,
            area_id=areas[area].id,
            district_id=areas[area].id,
            author_id=id_of(users[author]),
            status=ListingStatus.PUBLISHED,
            created_at=created,
            updated_at=created,
            expires_at=created + timedelta(days=kommune.listing_days),
        )
        db.add(listing)
        db.flush()
        if space:
            db.add(
                ListingSocialSpace(social_space_id=id_of(spaces[space]), listing_id=id_of(listing))
            )
    db.flush()


# Stellvertretung: the people the demo proxy (Helga) represents, with a signed consent and
# one listing each: (key, full name, district, year of birth, phone, postal address).
_DELBRUECK_REPRESENTED = (
    ("erika", "Erika Brandt", "Hagen", 1937, "05250 4471", ""),
    ("wilhelm", "Wilhelm Kröger", "Westenholz", 1941, "", "Kirchweg 3, 33129 Delbrück"),
)
_DELBRUECK_REPRESENTED_LISTINGS = (
    (
        "Begleitung zum Arzt gesucht",
        "Ich brauche alle vier Wochen eine Begleitung zur Hausärztin in Delbrück.",
        "request",
        ExchangeType.ZEITSPENDE,
        "Begleitung",
        "Hagen",
        "erika",
        "",
    ),
    (
        "Gartengeräte zu verschenken",
        "Spaten, Harke und Schubkarre suchen ein neues Zuhause. Gern gegen ein Buch.",
        "offer",
        ExchangeType.TAUSCH,
        "Werkzeug",
        "Westenholz",
        "wilhelm",
        "",
    ),
)


def _represented_demo(
    db: Session,
    kommune: Kommune,
    areas: dict[str, Area],
    exchanges: dict[str, tuple[Exchange, dict[str, Category]]],
    users: dict[str, User],
    spaces: dict[str, SocialSpace],
) -> None:
    """Helga's represented persons: login-less accounts (first name shown), their record
    with contact and paper consent, approved, each with a public listing."""
    assert kommune.id is not None
    now = utcnow()
    proxy_id = id_of(users["helga"])
    persons: dict[str, User] = {}
    for key, full_name, area, year, phone, address in _DELBRUECK_REPRESENTED:
        handle = new_handle()
        person = User(
            email=placeholder_email(handle),
            password_hash=NO_PASSWORD,
            display_name=full_name.split()[0],
            kommune_id=kommune.id,
            area_id=areas[area].id,
            status=UserStatus.APPROVED,
            handle=handle,
            approved_at=now,
        )
        db.add(person)
        db.flush()
        db.add(
            RepresentedPerson(
                kommune_id=kommune.id,
                user_id=id_of(person),
                proxy_id=proxy_id,
                full_name=full_name,
                birth_year=year,
                phone=phone,
                postal_address=address,
                consent_version=kommune.privacy_version,
                consent_signed_on=date.today() - timedelta(days=3),
                consent_recorded_at=now,
                consent_recorded_by=proxy_id,
            )
        )
        db.add(
            ConsentRecord(
                user_id=id_of(person),
                kommune_id=kommune.id,
                document=ConsentDocument.PRIVACY,
                version=kommune.privacy_version,
            )
        )
        persons[key] = person
    db.flush()
    _listings(db, kommune, areas, exchanges, persons, spaces, _DELBRUECK_REPRESENTED_LISTINGS)
