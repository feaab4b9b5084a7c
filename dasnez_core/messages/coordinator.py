"""Catalog part: coordinators (Ortsteil- und Sozialraum-Verwaltung) and the portal's
switcher of working contexts (key → (German, English))."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the admins' page of coordinators ---------------------------------------------------
    "coordinator.nav": ("Ortsteil-Verwaltung", "Area coordinators"),
    "coordinator.page_title": (
        "Ortsteil- und Sozialraum-Verwaltung",
        "Area and social-space coordinators",
    ),
    "coordinator.intro": (
        "Koordinatorinnen und Koordinatoren schalten Personen frei, bearbeiten Meldungen und "
        "sehen Listen und Übersicht – nur für ihren Ortsteil (mit seinen Dörfern), ihr Dorf "
        "oder ihren Sozialraum. Stammdaten, Verwaltungszugänge und Rechtstexte bleiben bei "
        "Ihnen.",
        "Coordinators approve people, handle reports and see the lists and the overview – "
        "only for their district (with its villages), their village or their social space. "
        "Master data, admin accounts and legal texts stay with you.",
    ),
    "coordinator.list_heading": ("Aktuelle Koordination", "Current coordinators"),
    "coordinator.none": (
        "Es gibt noch keine Koordination in Ihrer Kommune.",
        "There are no coordinators in your Kommune yet.",
    ),
    "coordinator.col_name": ("Name", "Name"),
    "coordinator.col_email": ("E-Mail", "Email"),
    "coordinator.col_scope": ("Zuständig für", "Responsible for"),
    "coordinator.col_since": ("Seit", "Since"),
    "coordinator.col_action": ("Aktion", "Action"),
    "coordinator.grant_heading": ("Koordination vergeben", "Appoint a coordinator"),
    "coordinator.email_label": (
        "E-Mail-Adresse der Person (freigeschaltetes Mitglied Ihrer Kommune)",
        "Email address of the person (an approved member of your Kommune)",
    ),
    "coordinator.scope_label": ("Zuständig für", "Responsible for"),
    "coordinator.scope_choose": ("Bitte wählen …", "Please choose …"),
    "coordinator.reason_label": ("Grund (steht im Protokoll)", "Reason (kept in the audit log)"),
    "coordinator.grant_button": ("Koordination vergeben", "Appoint"),
    "coordinator.revoke_button": ("Entziehen", "Revoke"),
    "coordinator.revoke_confirm": ("Koordination entziehen", "Revoke coordination"),
    "coordinator.revoke_for": (
        "Koordination von {name} ({scope}) entziehen",
        "Revoke {name}'s coordination ({scope})",
    ),
    "coordinator.cancel": ("Abbrechen", "Cancel"),
    "coordinator.granted": (
        "{name} ist jetzt für diesen Bereich zuständig.",
        "{name} is now responsible for this area.",
    ),
    "coordinator.revoked": (
        "Die Koordination von {name} ist entzogen; die Anmeldung im Verwaltungsportal endet.",
        "{name}'s coordination has been revoked; their portal login has ended.",
    ),
    # --- what a scope is, in words --------------------------------------------------------
    "coordinator.scope_district": (
        "Ortsteil {name} mit seinen Dörfern",
        "District {name} with its villages",
    ),
    "coordinator.scope_village": ("Dorf {name}", "Village {name}"),
    "coordinator.scope_space": ("Sozialraum {name}", "Social space {name}"),
    "coordinator.scope_gone": ("(Bereich nicht mehr vorhanden)", "(area no longer exists)"),
    # --- refusals ---------------------------------------------------------------------------
    "coordinator.scope_required": (
        "Bitte wählen Sie genau einen Ortsteil, ein Dorf oder einen Sozialraum.",
        "Please choose exactly one district, village or social space.",
    ),
    "coordinator.area_not_found": (
        "Dieser Ortsteil wurde nicht gefunden.",
        "This area was not found.",
    ),
    "coordinator.space_not_found": (
        "Dieser Sozialraum wurde nicht gefunden.",
        "This social space was not found.",
    ),
    "coordinator.email_required": (
        "Bitte geben Sie die E-Mail-Adresse der Person an.",
        "Please enter the person's email address.",
    ),
    "coordinator.person_not_found": (
        "Unter dieser Adresse gibt es kein Mitglied Ihrer Kommune.",
        "There is no member of your Kommune with this address.",
    ),
    "coordinator.refused_pending": (
        "{name} ist noch nicht freigeschaltet. Schalten Sie die Person zuerst frei; erst dann "
        "kann sie eine Koordination übernehmen.",
        "{name} has not been approved yet. Approve the person first; only then can they "
        "become a coordinator.",
    ),
    "coordinator.refused_blocked": (
        "{name} ist gesperrt und kann keine Koordination übernehmen.",
        "{name} is blocked and cannot become a coordinator.",
    ),
    "coordinator.is_admin": (
        "{name} verwaltet bereits die ganze Kommune.",
        "{name} already administers the whole Kommune.",
    ),
    "coordinator.already": (
        "{name} ist für diesen Bereich bereits zuständig.",
        "{name} is already responsible for this area.",
    ),
    "coordinator.not_found": (
        "Diese Koordination wurde nicht gefunden (vielleicht schon entzogen).",
        "This coordination was not found (perhaps already revoked).",
    ),
    "coordinator.in_use": (
        "„{name}“ hat noch eine Koordination. Entziehen Sie sie zuerst (oder führen Sie den "
        "Ortsteil mit einem anderen zusammen: die Koordination geht mit).",
        "“{name}” still has a coordinator. Revoke it first (or merge the area into another: "
        "the coordinator moves along).",
    ),
    # --- audit log --------------------------------------------------------------------------
    "audit.action.grant_coordinator": ("Koordination vergeben", "Coordinator appointed"),
    "audit.action.revoke_coordinator": ("Koordination entzogen", "Coordination revoked"),
    # --- the switcher of working contexts ---------------------------------------------------
    "coordinator.context_admin": ("Verwaltung der Kommune", "Kommune administration"),
    "coordinator.context_label": ("Sie arbeiten für", "You are working for"),
    "coordinator.context_switch": ("Wechseln", "Switch"),
    "coordinator.context_not_found": (
        "Diesen Arbeitsbereich gibt es für Sie nicht.",
        "This working area does not exist for you.",
    ),
    "coordinator.scope_note": (
        "Sie sehen nur: {scope}.",
        "You see only: {scope}.",
    ),
}
