"""Demo data: Delbrück with its real Ortsteile, and a smaller second Kommune.

Idempotent: a Kommune that exists already is left exactly as it is (never wiped), and
each Kommune is seeded in one transaction, so a run is all or nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, select

from dasnez_core.kommune_templates import CATEGORY_TEMPLATES
from dasnez_core.models import (
    Agreement,
    Area,
    AreaKind,
    Category,
    ConsentDocument,
    ConsentRecord,
    Exchange,
    ExchangeType,
    InfoItem,
    InterestRole,
    InterestSignup,
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
    TimebankMode,
    TimebankSettings,
    TimeEntry,
    TimeEntryKind,
    User,
    UserSocialSpace,
    UserStatus,
    id_of,
    new_handle,
    utcnow,
)
from dasnez_core.models.represented import NO_PASSWORD, placeholder_email
from dasnez_core.passwords import hash_password
from dasnez_core.youth_rules import LightWork

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
    _seed_operations(db)
    logins += _seed_onboarding(db)
    logins += _seed_coordinators(db)
    _seed_printing(db)
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
        kreis="Paderborn",
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
    _caritas(db, kommune, areas, users, spaces)
    _taschengeld_for_minors(db, kommune, exchanges)
    _timebank_demo(db, kommune, users)
    _represented_demo(db, kommune, areas, exchanges, users, spaces)
    return _logins(kommune, _DELBRUECK_PEOPLE)


def _seed_bad_lippspringe(db: Session) -> list[DemoLogin]:
    kommune, created = _kommune(
        db,
        slug="bad-lippspringe",
        name="Bad Lippspringe",
        postcodes="33175",
        kreis="Paderborn",
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


# --- operations (mail outbox, retention) -------------------------------------------------------


def _seed_operations(db: Session) -> None:
    """Something to see under "Postausgang" and "Aufbewahrungsfristen": a mail that could
    not be delivered (platform staff may send it again) and Delbrück's own period for
    conversations. Added once (a second seed finds them)."""
    from dasnez_core.models.operations import MailOutbox, MailStatus, RetentionSetting

    delbrueck = db.exec(select(Kommune).where(Kommune.slug == "delbrueck")).first()
    if delbrueck is None or delbrueck.id is None:
        return
    if db.exec(select(RetentionSetting).where(RetentionSetting.kommune_id == delbrueck.id)).first():
        return
    db.add(RetentionSetting(kommune_id=delbrueck.id, kind="conversations_inactive", days=180))
    db.add(
        MailOutbox(
            to_address="unbekannt@delbrueck.example",
            subject="Willkommen bei dasnez Delbrück",
            body="Hallo,\n\nIhr Konto ist freigeschaltet.\n\nIhr dasnez-Team",
            status=MailStatus.FAILED,
            attempts=10,
            last_error="SMTPRecipientsRefused",
            created_at=utcnow() - timedelta(hours=7),
            next_attempt_at=utcnow() - timedelta(hours=1),
        )
    )
    db.flush()


# Confirmed sign-ups of "Ihre Kommune ist noch nicht dabei." (postcode, Kreis, role): the
# demand platform staff read under /nachfrage. 33154 is Salzkotten's: going live mails them.
_DEMO_INTEREST = (
    ("33154", "Paderborn", InterestRole.CITIZEN),
    ("33154", "Paderborn", InterestRole.CITIZEN),
    ("33154", "", InterestRole.ADMINISTRATION),
    ("33142", "Paderborn", InterestRole.INSTITUTION),
    ("59555", "Soest", InterestRole.CITIZEN),
    ("32756", "Lippe", InterestRole.CITIZEN),
)


def _seed_onboarding(db: Session) -> list[DemoLogin]:
    """Salzkotten, set up but not live ("bald verfügbar", for platform staff to switch live
    under /kommunen), and the demand of towns not on dasnez yet."""
    kommune, created = _kommune(
        db,
        slug="salzkotten",
        name="Salzkotten",
        postcodes="33154",
        kreis="Paderborn",
        contact_name="Bürgerbüro",
        contact_email="dasnez@salzkotten.example",
        contact_address="Marktstraße 8, 33154 Salzkotten",
    )
    logins = [
        DemoLogin(
            "kommune_admin (not live yet)", "Salzkotten", "admin@salzkotten.example", DEMO_PASSWORD
        )
    ]
    if not created:
        return logins
    kommune.live_since = None
    db.add(kommune)
    exchange = Exchange(kommune_id=id_of(kommune), type=ExchangeType.NACHBARSCHAFT)
    db.add(exchange)
    db.flush()
    for name, name_en in CATEGORY_TEMPLATES[ExchangeType.NACHBARSCHAFT]:
        db.add(
            Category(
                kommune_id=id_of(kommune), exchange_id=id_of(exchange), name=name, name_en=name_en
            )
        )
    for name in ("Kernstadt", "Verne", "Upsprunge"):
        db.add(Area(kommune_id=id_of(kommune), kind=AreaKind.DISTRICT, name=name))
    admin = User(
        email="admin@salzkotten.example",
        password_hash=hash_password(DEMO_PASSWORD),
        display_name="Sven Salz",
        kommune_id=id_of(kommune),
        status=UserStatus.APPROVED,
        approved_at=utcnow(),
    )
    db.add(admin)
    db.flush()
    db.add(RoleGrant(user_id=id_of(admin), role=Role.KOMMUNE_ADMIN, kommune_id=kommune.id))
    now = utcnow()
    for number, (postcode, kreis, role) in enumerate(_DEMO_INTEREST, start=1):
        db.add(
            InterestSignup(
                email=f"interesse{number}@example.org",
                postcode=postcode,
                kreis=kreis,
                role=role,
                token_hash=hashlib.sha256(f"demo-interest-{number}".encode()).hexdigest(),
                created_at=now - timedelta(days=number * 9),
                confirmed_at=now - timedelta(days=number * 9),
            )
        )
    db.flush()
    return logins


# --- coordinators (Ortsteil- und Sozialraum-Verwaltung) --------------------------------------

DEMO_COORDINATOR = "westenholz@delbrueck.example"

# People waiting for approval in Westenholz and in Boke: the demo coordinator of Westenholz
# sees the first and not the second.
_COORDINATED_PEOPLE = (
    _Person(
        "coordinator",
        DEMO_COORDINATOR,
        "Klara Wiese (Ortsteil Westenholz)",
        "Westenholz",
        UserStatus.APPROVED,
    ),
    _Person(
        "wilma", "wilma@delbrueck.example", "Wilma Westermann", "Westenholz", UserStatus.PENDING
    ),
    _Person("bernd", "bernd@delbrueck.example", "Bernd Bokelmann", "Boke", UserStatus.PENDING),
)


def _seed_coordinators(db: Session) -> list[DemoLogin]:
    """A coordinator for Westenholz (and for its primary school, so the portal shows her
    the switcher), with a pending person in Westenholz and one in Boke. Added once."""
    login = [DemoLogin("coordinator", "Delbrück", DEMO_COORDINATOR, DEMO_PASSWORD)]
    kommune = db.exec(select(Kommune).where(Kommune.slug == "delbrueck")).first()
    if kommune is None or kommune.id is None:
        return []
    if db.exec(select(User.id).where(User.email == DEMO_COORDINATOR)).first() is not None:
        return login
    areas = {a.name: a for a in db.exec(select(Area).where(Area.kommune_id == kommune.id)).all()}
    school = db.exec(
        select(SocialSpace).where(
            SocialSpace.kommune_id == kommune.id, SocialSpace.name == "Grundschule Westenholz"
        )
    ).first()
    users = _people(db, kommune, areas, _COORDINATED_PEOPLE)
    coordinator = id_of(users["coordinator"])
    db.add(
        RoleGrant(
            user_id=coordinator,
            role=Role.COORDINATOR,
            kommune_id=kommune.id,
            area_id=areas["Westenholz"].id,
        )
    )
    db.flush()
    if school is not None:
        db.add(
            RoleGrant(
                user_id=coordinator,
                role=Role.COORDINATOR,
                kommune_id=kommune.id,
                social_space_id=school.id,
            )
        )
        db.add(UserSocialSpace(user_id=coordinator, social_space_id=id_of(school)))
    db.flush()
    return login


def _caritas(
    db: Session,
    kommune: Kommune,
    areas: dict[str, Area],
    users: dict[str, User],
    spaces: dict[str, SocialSpace],
) -> None:
    """The demo institution "Caritas Delbrück", admitted by Delbrück, with the demo Caritas
    account as its responsible person, a notice and its listing posted as the institution."""
    from dasnez_core.models import (
        AdmissionStatus,
        Institution,
        InstitutionAdmission,
        InstitutionMember,
        InstitutionNotice,
        InstitutionPlace,
    )

    kommune_id = id_of(kommune)
    lead = users["caritas"]
    institution = Institution(
        kommune_id=kommune_id,
        handle="caritas-delbruck",
        name="Caritas Delbrück",
        kind="welfare",
        description=(
            "Der Caritasverband berät und begleitet Familien, Seniorinnen und Senioren und "
            "Menschen in schwierigen Lebenslagen. Ehrenamtliche besuchen Alleinstehende."
        ),
        contact="Caritas-Treff, Lange Str. 12, 33129 Delbrück · Telefon 05250 123 45 · "
        "Sprechzeit dienstags 10–12 Uhr",
        website="https://www.caritas-delbrueck.example",
        responsible_id=id_of(lead),
    )
    db.add(institution)
    db.flush()
    institution_id = id_of(institution)
    db.add(
        InstitutionAdmission(
            kommune_id=kommune_id,
            institution_id=institution_id,
            status=AdmissionStatus.APPROVED,
            requested_by=id_of(lead),
            approved_at=utcnow(),
        )
    )
    db.add(InstitutionMember(institution_id=institution_id, user_id=id_of(lead), is_lead=True))
    for area in ("Delbrück", "Steinhorst"):
        db.add(
            InstitutionPlace(
                kommune_id=kommune_id, institution_id=institution_id, area_id=areas[area].id
            )
        )
    db.add(
        InstitutionPlace(
            kommune_id=kommune_id,
            institution_id=institution_id,
            social_space_id=spaces["Pfarrei St. Johannes Baptist"].id,
        )
    )
    db.add(
        InstitutionNotice(
            kommune_id=kommune_id,
            institution_id=institution_id,
            title="Offener Seniorentreff",
            body="Kaffee, Kuchen und Beratung: jeden ersten Mittwoch im Monat im Caritas-Treff.",
            event_date=(utcnow() + timedelta(days=9)).date(),
            created_by=id_of(lead),
        )
    )
    for listing in db.exec(
        select(Listing).where(Listing.kommune_id == kommune_id, Listing.author_id == lead.id)
    ).all():
        listing.institution_id = institution_id
        db.add(listing)


# Delbrück's light-work categories (KindArbSchV § 2); Computerhilfe is on no list.
_LIGHT_WORK = {
    "Garten": LightWork.HOUSEHOLD_GARDEN,
    "Einkaufen": LightWork.SHOPPING,
    "Haustiere": LightWork.PETS,
}


def _taschengeld_for_minors(
    db: Session, kommune: Kommune, exchanges: dict[str, tuple[Exchange, dict[str, Category]]]
) -> None:
    """Marks the light-work categories and gives Maria's lawn request a day, a window and a
    length, so that young people can find it (dasnez_core.youth_rules)."""
    _, categories = exchanges[ExchangeType.TASCHENGELD]
    for name, kind in _LIGHT_WORK.items():
        categories[name].light_work = kind
        db.add(categories[name])
    lawn = db.exec(
        select(Listing).where(
            Listing.kommune_id == kommune.id, Listing.title == "Rasenmähen am Samstag"
        )
    ).first()
    if lawn is not None:
        soon = date.today() + timedelta(days=3)
        lawn.job_date = soon + timedelta(days=(5 - soon.weekday()) % 7)  # a Saturday
        lawn.job_from, lawn.job_until, lawn.job_minutes = 10 * 60, 13 * 60, 90
        db.add(lawn)
    db.flush()


# The demo proxy's phone number, printed on her Aushänge and weekly sheets (issue 10).
HELGA_PHONE = "05250 931 77 42"


def _seed_printing(db: Session) -> None:
    """Give the demo proxy a phone number if she has none (idempotent)."""
    helga = db.exec(select(User).where(User.email == "helga@delbrueck.example")).first()
    if helga is not None and not helga.phone:
        helga.phone = HELGA_PHONE
        db.add(helga)


# (listing title, helper key, receiver key, hours, days ago): past Zeitspende help in
# Delbrück, booked on the time accounts as a confirmed agreement would have booked it.
_DELBRUECK_TIME_DONATIONS = (
    ("Vorlesen im Kindergarten", "maria", "helga", 2.0, 75),
    ("Besuchsdienst für Alleinstehende", "caritas", "helga", 1.5, 40),
    ("Vorlesen im Kindergarten", "maria", "jonas", 1.0, 12),
    ("Besuchsdienst für Alleinstehende", "caritas", "maria", 3.0, 5),
)


def _timebank_demo(db: Session, kommune: Kommune, users: dict[str, User]) -> None:
    """Delbrück runs a time bank (10 hours overdraft): a few past agreements with their
    credits and debits, spread over the last months for the totals per Ortsteil."""
    assert kommune.id is not None
    db.add(TimebankSettings(kommune_id=kommune.id, mode=TimebankMode.TIMEBANK, overdraft_hours=10))
    now = utcnow()
    for title, helper, receiver, hours, days in _DELBRUECK_TIME_DONATIONS:
        listing = db.exec(
            select(Listing).where(Listing.kommune_id == kommune.id, Listing.title == title)
        ).one()
        moment = now - timedelta(days=days)
        agreement = Agreement(
            kommune_id=kommune.id,
            listing_id=listing.id,
            helper_id=users[helper].id,
            seeker_id=users[receiver].id,
            hours=hours,
            helper_done_at=moment,
            seeker_done_at=moment,
            created_at=moment,
        )
        db.add(agreement)
        db.flush()
        minutes = round(hours * 60)
        for user, kind, signed in (
            (users[helper], TimeEntryKind.CREDIT, minutes),
            (users[receiver], TimeEntryKind.DEBIT, -minutes),
        ):
            db.add(
                TimeEntry(
                    kommune_id=kommune.id,
                    user_id=id_of(user),
                    kind=kind,
                    minutes=signed,
                    agreement_id=agreement.id,
                    district_id=listing.district_id,
                    title=listing.title,
                    booked_at=moment,
                )
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
