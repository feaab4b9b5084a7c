"""Catalog part: contact texts (key → (German, English))."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- header ------------------------------------------------------------------------------
    "nav.messages": ("Nachrichten", "Messages"),
    "nav.messages_count": ("Nachrichten ({count})", "Messages ({count})"),
    "nav.messages_unread_label": (
        "Nachrichten, {count} ungelesene",
        "Messages, {count} unread",
    ),
    # --- conversation list ---------------------------------------------------------------------
    "contact.list_title": ("Ihre Nachrichten", "Your messages"),
    "contact.list_empty": (
        "Sie haben noch keine Nachrichten. Wenn Sie jemandem zu einem Angebot oder Gesuch "
        "schreiben, finden Sie das Gespräch hier.",
        "You have no messages yet. When you write to someone about an offer or request, "
        "you will find the conversation here.",
    ),
    "contact.list_label": ("Ihre Gespräche", "Your conversations"),
    "contact.unread": ("ungelesen", "unread"),
    "contact.with": ("mit", "with"),
    "contact.last_message": ("Letzte Nachricht:", "Last message:"),
    "contact.no_messages_yet": ("Noch keine Nachricht", "No message yet"),
    "contact.newer_page": ("Neuere Gespräche", "Newer conversations"),
    "contact.older_page": ("Ältere Gespräche", "Older conversations"),
    # --- thread ------------------------------------------------------------------------------
    "contact.back_to_list": ("Alle Nachrichten", "All messages"),
    "contact.about": ("Gespräch zum Eintrag", "Conversation about"),
    "contact.to_listing": ("Eintrag ansehen", "View the entry"),
    "contact.to_profile": ("Profil ansehen", "View profile"),
    "contact.shared_email": ("E-Mail-Adresse:", "Email address:"),
    "contact.messages_label": ("Nachrichten in diesem Gespräch", "Messages in this conversation"),
    "contact.thread_empty": (
        "Noch keine Nachrichten. Schreiben Sie die erste!",
        "No messages yet. Write the first one!",
    ),
    "contact.older_messages": ("Ältere Nachrichten anzeigen", "Show older messages"),
    "contact.newer_messages": ("Neuere Nachrichten anzeigen", "Show newer messages"),
    "contact.reply_label": ("Ihre Nachricht", "Your message"),
    "contact.reply_hint": (
        "Höchstens 2000 Zeichen. Bitte schreiben Sie keine Passwörter oder Bankdaten.",
        "At most 2000 characters. Please do not write passwords or bank details.",
    ),
    "contact.send": ("Senden", "Send"),
    "contact.sent": ("Ihre Nachricht wurde gesendet.", "Your message has been sent."),
    "contact.opening": ("Das Gespräch wird geöffnet …", "Opening the conversation …"),
    "contact.write_title": ("Nachricht schreiben", "Write a message"),
    # --- contact errors ------------------------------------------------------------------------
    "contact.account_pending": (
        "Ihr Konto wartet noch auf die Freischaltung durch Ihre Kommune. Danach können Sie "
        "anderen Menschen schreiben.",
        "Your account is still waiting for approval by your municipality. After that you "
        "can write to other people.",
    ),
    "contact.listing_inactive": (
        "Dieser Eintrag ist nicht mehr aktiv (beendet, abgelaufen oder entfernt). Sie können "
        "dazu keine Nachricht mehr schreiben.",
        "This entry is no longer active (finished, expired or removed). You can no longer "
        "write about it.",
    ),
    "contact.listing_not_found": (
        "Diesen Eintrag gibt es nicht (mehr).",
        "This entry does not exist (any more).",
    ),
    "contact.listing_missing": (
        "Es fehlt die Angabe, zu welchem Eintrag Sie schreiben möchten. Bitte öffnen Sie den "
        "Eintrag und tippen Sie dort auf „Nachricht schreiben“.",
        "It is missing which entry you want to write about. Please open the entry and tap "
        "“Write a message” there.",
    ),
    "contact.own_listing": (
        "Das ist Ihr eigener Eintrag. Sie können sich nicht selbst schreiben.",
        "This is your own entry. You cannot write to yourself.",
    ),
    "contact.not_found": (
        "Dieses Gespräch wurde nicht gefunden.",
        "This conversation was not found.",
    ),
    "contact.partner_blocked": (
        "Diese Person ist gesperrt. Sie können das Gespräch lesen, aber nicht mehr antworten.",
        "This person is blocked. You can read the conversation but no longer reply.",
    ),
    "contact.body_required": ("Bitte schreiben Sie eine Nachricht.", "Please write a message."),
    "contact.body_too_long": (
        "Die Nachricht darf höchstens {max} Zeichen haben.",
        "The message may have at most {max} characters.",
    ),
    # --- agreement ---------------------------------------------------------------------------
    "agreement.title": ("Hat die Hilfe stattgefunden?", "Did the help take place?"),
    "agreement.intro": (
        "Wenn die Hilfe stattgefunden hat, bestätigen Sie das hier. Beide Seiten bestätigen "
        "einzeln; danach können Sie einander bewerten.",
        "When the help has taken place, confirm it here. Each side confirms separately; "
        "then you can rate each other.",
    ),
    "agreement.hours_label": (
        "Geleistete Stunden (zum Beispiel 1,5)",
        "Hours given (for example 1.5)",
    ),
    "agreement.amount_label": (
        "Taschengeld in Euro (zum Beispiel 12,50)",
        "Pocket money in euros (for example 12.50)",
    ),
    "agreement.value_hint": (
        "Nur zur Information. Über dasnez wird kein Geld überwiesen.",
        "For information only. No money is transferred through dasnez.",
    ),
    "agreement.mark_done": ("Hilfe hat stattgefunden", "Help has taken place"),
    "agreement.waiting": (
        "Sie haben bestätigt, dass die Hilfe stattgefunden hat. Jetzt fehlt noch die "
        "Bestätigung von {name}.",
        "You have confirmed that the help took place. Now {name} still needs to confirm.",
    ),
    "agreement.other_confirmed": (
        "{name} hat bestätigt, dass die Hilfe stattgefunden hat. Bitte bestätigen Sie auch, "
        "wenn das stimmt.",
        "{name} has confirmed that the help took place. Please confirm too if that is right.",
    ),
    "agreement.done": (
        "Die Hilfe hat stattgefunden – von beiden Seiten bestätigt.",
        "The help has taken place – confirmed by both sides.",
    ),
    "agreement.hours_value": ("Geleistete Stunden: {value}", "Hours given: {value}"),
    "agreement.amount_value": ("Taschengeld: {value} €", "Pocket money: €{value}"),
    "agreement.saved": (
        "Vielen Dank! Ihre Bestätigung ist gespeichert.",
        "Thank you! Your confirmation has been saved.",
    ),
    "agreement.already_confirmed": (
        "Sie haben schon bestätigt, dass die Hilfe stattgefunden hat.",
        "You have already confirmed that the help took place.",
    ),
    "agreement.needs_messages": (
        "Bitte schreiben Sie zuerst eine Nachricht.",
        "Please write a message first.",
    ),
    "agreement.hours_required": (
        "Bitte geben Sie an, wie viele Stunden geholfen wurde.",
        "Please enter how many hours of help were given.",
    ),
    "agreement.hours_invalid": (
        "Bitte geben Sie die Stunden als Zahl zwischen {min} und {max} an (zum Beispiel 1,5).",
        "Please enter the hours as a number between {min} and {max} (for example 1.5).",
    ),
    "agreement.amount_required": (
        "Bitte geben Sie den Betrag in Euro an (0, wenn kein Taschengeld gezahlt wurde).",
        "Please enter the amount in euros (0 if no pocket money was paid).",
    ),
    "agreement.amount_invalid": (
        "Bitte geben Sie den Betrag als Zahl zwischen {min} und {max} Euro an "
        "(zum Beispiel 12,50).",
        "Please enter the amount as a number between {min} and {max} euros (for example 12.50).",
    ),
    # --- rating ------------------------------------------------------------------------------
    "rating.title": ("Bewertung", "Rating"),
    "rating.question": (
        "Wie zufrieden waren Sie mit {name}?",
        "How satisfied were you with {name}?",
    ),
    "rating.star_1": ("1 Stern – gar nicht zufrieden", "1 star – not satisfied at all"),
    "rating.star_2": ("2 Sterne – wenig zufrieden", "2 stars – hardly satisfied"),
    "rating.star_3": ("3 Sterne – zufrieden", "3 stars – satisfied"),
    "rating.star_4": ("4 Sterne – sehr zufrieden", "4 stars – very satisfied"),
    "rating.star_5": ("5 Sterne – rundum zufrieden", "5 stars – completely satisfied"),
    "rating.comment_label": (
        "Ihr Kommentar (freiwillig, höchstens 1000 Zeichen)",
        "Your comment (optional, at most 1000 characters)",
    ),
    "rating.admin_only_label": (
        "Nur für die Verwaltung (wird nicht im Profil gezeigt)",
        "Only for the administration (not shown on the profile)",
    ),
    "rating.submit": ("Bewertung abgeben", "Submit rating"),
    "rating.saved": ("Vielen Dank für Ihre Bewertung.", "Thank you for your rating."),
    "rating.given": (
        "Ihre Bewertung: {stars} von 5 Sternen.",
        "Your rating: {stars} out of 5 stars.",
    ),
    "rating.stars_required": ("Bitte wählen Sie 1 bis 5 Sterne.", "Please choose 1 to 5 stars."),
    "rating.comment_too_long": (
        "Der Kommentar darf höchstens {max} Zeichen haben.",
        "The comment may have at most {max} characters.",
    ),
    "rating.already_rated": (
        "Sie haben diese Person für diese Hilfe schon bewertet. Jede Seite kann nur einmal "
        "bewerten.",
        "You have already rated this person for this help. Each side can rate only once.",
    ),
    "rating.not_done": (
        "Bewerten können Sie erst, wenn beide bestätigt haben, dass die Hilfe stattgefunden hat.",
        "You can rate only after both sides have confirmed that the help took place.",
    ),
    "rating.partner_gone": (
        "Diese Person ist nicht mehr Mitglied und kann nicht bewertet werden.",
        "This person is no longer a member and cannot be rated.",
    ),
    "rating.stars_of_5": ("{stars} von 5 Sternen", "{stars} out of 5 stars"),
    # --- public profile ------------------------------------------------------------------------
    "profile.member_since": ("Mitglied seit {date}", "Member since {date}"),
    "profile.district": ("Ortsteil:", "District:"),
    "profile.introduction": ("Über mich", "About me"),
    "profile.ratings": ("Bewertungen", "Ratings"),
    "profile.rating_one": (
        "1 Bewertung: {average} von 5 Sternen",
        "1 rating: {average} out of 5 stars",
    ),
    "profile.rating_many": (
        "{count} Bewertungen, im Durchschnitt {average} von 5 Sternen",
        "{count} ratings, on average {average} out of 5 stars",
    ),
    "profile.no_ratings": ("Noch keine Bewertungen.", "No ratings yet."),
    "profile.members_only_title": ("Nur für Mitglieder", "Members only"),
    "profile.members_only": (
        "Dieses Profil sehen nur angemeldete Mitglieder dieser Kommune. Bitte melden Sie sich an.",
        "Only logged-in members of this Kommune can see this profile. Please log in.",
    ),
    "profile.former_member": ("ehemaliges Mitglied", "former member"),
    "profile.rated_by": ("von", "by"),
    "profile.more_ratings": ("Ältere Bewertungen", "Older ratings"),
    "profile.newer_ratings": ("Neuere Bewertungen", "Newer ratings"),
    # --- mail --------------------------------------------------------------------------------
    "mail.new_message.subject": ("Neue Nachricht zu {title}", "New message about {title}"),
    "mail.new_message.body": (
        "Hallo {name},\n\n"
        "{sender} hat Ihnen eine Nachricht zu „{title}“ geschrieben.\n\n"
        "Sie können sie hier lesen und beantworten:\n"
        "{url}/nachrichten/{conversation_id}\n\n"
        "Weitere Nachrichten in diesem Gespräch melden wir Ihnen erst wieder, wenn Sie es "
        "gelesen haben.\n\n"
        "Ihr dasnez-Team",
        "Hello {name},\n\n"
        "{sender} has written to you about “{title}”.\n\n"
        "You can read it and reply here:\n"
        "{url}/nachrichten/{conversation_id}\n\n"
        "We will tell you about further messages in this conversation only after you have "
        "read it.\n\n"
        "Your dasnez team",
    ),
}
