"""Messages of the legal texts (Impressum, privacy notice, terms, accessibility statement),
the renewed consent, the Leichte-Sprache and sign-language offers, and the footer."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "legal.kind.imprint": ("Impressum", "Legal notice"),
    "legal.kind.privacy": ("Datenschutzerklärung", "Privacy notice"),
    "legal.kind.terms": ("Nutzungsbedingungen", "Terms of use"),
    "legal.kind.accessibility": ("Erklärung zur Barrierefreiheit", "Accessibility statement"),
    "legal.easy.title": ("Leichte Sprache", "Easy-to-read German (Leichte Sprache)"),
    "legal.easy.intro": (
        "Hier erklären wir die Seite in Leichter Sprache.",
        "This page explains the site in easy-to-read German.",
    ),
    "legal.version": ("Version {version}", "Version {version}"),
    "legal.published_on": ("veröffentlicht am {date}", "published on {date}"),
    "legal.template_note": (
        "Mitgelieferte Vorlage: Stellen mit „[Bitte ergänzen: …]“ füllt die Verwaltung noch aus.",
        "Shipped template: the administration still fills in the places marked "
        "“[Bitte ergänzen: …]”.",
    ),
    "legal.older_version": (
        "Sie sehen eine ältere Version dieses Textes.",
        "You are looking at an older version of this text.",
    ),
    "legal.to_current": ("Zur aktuellen Version", "To the current version"),
    "legal.german_only": (
        "Dieser Text ist nur auf Deutsch verbindlich.",
        "This text is binding in German only.",
    ),
    "legal.version_not_found": (
        "Diese Version des Textes gibt es nicht.",
        "This version of the text does not exist.",
    ),
    "legal.body_too_short": (
        "Der Text ist zu kurz (mindestens {min} Zeichen).",
        "The text is too short (at least {min} characters).",
    ),
    "legal.body_too_long": (
        "Der Text ist zu lang (höchstens {max} Zeichen).",
        "The text is too long (at most {max} characters).",
    ),
    "legal.body_html": (
        "HTML ist nicht erlaubt. Bitte schreiben Sie einfachen Text: „## “ am Zeilenanfang "
        "für Überschriften, „- “ für Aufzählungen.",
        "HTML is not allowed. Please write plain text: “## ” at the start of a line for "
        "headings, “- ” for lists.",
    ),
    "legal.dgs_https": (
        "Bitte geben Sie eine sichere Adresse an, die mit https:// beginnt.",
        "Please enter a secure address starting with https://.",
    ),
    "legal.dgs.title": ("Deutsche Gebärdensprache", "German Sign Language"),
    "legal.dgs.link": (
        "Video: Diese Seite in Deutscher Gebärdensprache erklärt",
        "Video: this site explained in German Sign Language",
    ),
    "legal.dgs.alternative": (
        "Den Inhalt des Videos finden Sie als Text auf der Seite in Leichter Sprache.",
        "The video's content is available as text on the easy-to-read page.",
    ),
    "footer.label": ("Rechtliches und Hilfe", "Legal notices and help"),
    # renewed consent
    "consent.due": (
        "Bitte stimmen Sie zuerst der aktuellen Datenschutzerklärung und den "
        "Nutzungsbedingungen zu.",
        "Please first accept the current privacy notice and terms of use.",
    ),
    "consent.outdated_page": (
        "Inzwischen gibt es eine neuere Version. Bitte lesen Sie die Seite erneut.",
        "A newer version has been published meanwhile. Please read the page again.",
    ),
    "consent.title": ("Neue Bedingungen: Ihre Zustimmung", "New terms: your consent"),
    "consent.text": (
        "Ihre Kommune hat die Datenschutzerklärung oder die Nutzungsbedingungen geändert. "
        "Bitte lesen Sie die aktuellen Versionen. Erst wenn Sie zustimmen, können Sie die "
        "Plattform weiter nutzen.",
        "Your Kommune has changed its privacy notice or terms of use. Please read the "
        "current versions. You can go on using the platform once you accept them.",
    ),
    "consent.read_privacy": (
        "Datenschutzerklärung lesen (Version {version})",
        "Read the privacy notice (version {version})",
    ),
    "consent.read_terms": (
        "Nutzungsbedingungen lesen (Version {version})",
        "Read the terms of use (version {version})",
    ),
    "consent.submit": ("Zustimmen und weiter", "Accept and continue"),
    "consent.refuse": ("Nicht zustimmen und abmelden", "Decline and log out"),
    "consent.refuse_hint": (
        "Ohne Zustimmung können Sie nichts veröffentlichen und niemandem schreiben. Ihr Konto "
        "und Ihre Daten können Sie nach einer Zustimmung unter „Mein Konto“ löschen oder "
        "herunterladen; oder schreiben Sie der Verwaltung Ihrer Kommune.",
        "Without your consent you cannot publish or write to anyone. To delete or download "
        "your account, accept first and use “My account”, or write to your Kommune's "
        "administration.",
    ),
    "consent.nothing_due": (
        "Sie haben den aktuellen Versionen bereits zugestimmt.",
        "You have already accepted the current versions.",
    ),
    "consent.saved": (
        "Danke, Ihre Zustimmung ist gespeichert.",
        "Thank you, your consent is saved.",
    ),
    "consent.banner": (
        "Es gibt eine neue Datenschutzerklärung oder neue Nutzungsbedingungen.",
        "There is a new privacy notice or new terms of use.",
    ),
    "consent.banner_link": ("Jetzt lesen und zustimmen", "Read and accept now"),
    "register.read_versions": (
        "Die Texte öffnen sich in einem neuen Tab:",
        "The texts open in a new tab:",
    ),
    # admin portal
    "legal.nav": ("Rechtstexte", "Legal texts"),
    "legal.admin.title": ("Rechtstexte", "Legal texts"),
    "legal.admin.intro": (
        "Impressum, Datenschutzerklärung, Nutzungsbedingungen und Erklärung zur "
        "Barrierefreiheit Ihrer Kommune. Jeder Text beginnt mit einer Vorlage; Stellen mit "
        "„[Bitte ergänzen: …]“ müssen Sie ausfüllen. Jede veröffentlichte Version bleibt "
        "abrufbar.",
        "Your Kommune's legal notice, privacy notice, terms of use and accessibility "
        "statement. Each starts from a template; fill in the places marked “[Bitte ergänzen: "
        "…]”. Every published version stays available.",
    ),
    "legal.admin.choose": ("Text", "Text"),
    "legal.admin.current": (
        "Aktuell veröffentlicht: Version {version}",
        "Currently published: version {version}",
    ),
    "legal.admin.current_template": (
        "Aktuell gilt die mitgelieferte Vorlage (Version {version}).",
        "The shipped template currently applies (version {version}).",
    ),
    "legal.admin.todo_left": (
        "Der Text enthält noch Platzhalter „[Bitte ergänzen: …]“.",
        "The text still contains placeholders “[Bitte ergänzen: …]”.",
    ),
    "legal.admin.body": ("Text der neuen Version", "Text of the new version"),
    "legal.admin.format_hint": (
        "Einfacher Text: „## “ am Zeilenanfang für eine Überschrift, „- “ für eine "
        "Aufzählung, eine Leerzeile zwischen Absätzen. HTML ist nicht erlaubt.",
        "Plain text: “## ” at the start of a line for a heading, “- ” for a list item, an "
        "empty line between paragraphs. HTML is not allowed.",
    ),
    "legal.admin.consent_warning": (
        "Achtung: Nach dem Veröffentlichen einer neuen Version müssen alle Mitglieder Ihrer "
        "Kommune erneut zustimmen, bevor sie die Plattform weiter nutzen können.",
        "Caution: once you publish a new version, every member of your Kommune must accept "
        "it again before they can go on using the platform.",
    ),
    "legal.admin.publish": ("Neue Version veröffentlichen", "Publish a new version"),
    "legal.admin.published": (
        "Version {version} ist veröffentlicht.",
        "Version {version} is published.",
    ),
    "legal.admin.view_public": ("Öffentliche Seite ansehen", "View the public page"),
    "legal.admin.history": ("Veröffentlichte Versionen", "Published versions"),
    "legal.admin.history_empty": (
        "Noch keine eigene Version veröffentlicht.",
        "No own version published yet.",
    ),
    "legal.admin.dgs_title": (
        "Video in Deutscher Gebärdensprache",
        "Video in German Sign Language",
    ),
    "legal.admin.dgs_hint": (
        "Nach BITV 2.0 § 4 erklärt die Startseite das Angebot auch in Deutscher "
        "Gebärdensprache. Geben Sie die Adresse Ihres Videos an (https://…); leer lassen "
        "entfernt es.",
        "BITV 2.0 § 4 asks the start page to explain the site in German Sign Language too. "
        "Enter your video's address (https://…); leave it empty to remove it.",
    ),
    "legal.admin.dgs_field": ("Adresse des Videos", "Address of the video"),
    "legal.admin.dgs_save": ("Video-Adresse speichern", "Save the video address"),
    "legal.admin.dgs_saved": ("Die Video-Adresse ist gespeichert.", "The video address is saved."),
    "audit.action.publish_legal_text": ("Rechtstext veröffentlicht", "Legal text published"),
    "audit.action.set_dgs_video": ("Gebärdensprach-Video geändert", "Sign-language video changed"),
}
