"""Catalog part: account texts (key → (German, English))."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- errors from the account service ------------------------------------------------------
    "account.password_wrong": (
        "Ihr aktuelles Passwort stimmt nicht. Bitte versuchen Sie es noch einmal.",
        "Your current password is not correct. Please try again.",
    ),
    "account.email_same": (
        "Das ist bereits Ihre E-Mail-Adresse.",
        "That is already your email address.",
    ),
    "account.email_taken": (
        "Diese E-Mail-Adresse gehört schon zu einem anderen Konto.",
        "This email address already belongs to another account.",
    ),
    "account.email_change_pending": (
        "Solange Ihr Konto auf die Freischaltung wartet, lässt sich die E-Mail-Adresse nicht "
        "ändern. Sie können Ihr Konto löschen und sich mit der neuen Adresse neu registrieren.",
        "While your account is waiting for approval, its email address cannot be changed. "
        "You can delete your account and register again with the new address.",
    ),
    "registration.token_invalid": (
        "Dieser Link ist ungültig oder wurde schon benutzt. Haben Sie Ihre Adresse schon "
        "bestätigt, melden Sie sich einfach an; sonst registrieren Sie sich bitte noch einmal.",
        "This link is not valid or has been used already. If you have confirmed your address "
        "already, simply log in; otherwise please register again.",
    ),
    "registration.token_expired": (
        "Dieser Link ist abgelaufen. Bitte registrieren Sie sich noch einmal.",
        "This link has expired. Please register again.",
    ),
    "registration.address_taken": (
        "Mit dieser E-Mail-Adresse gibt es schon ein Konto. Bitte melden Sie sich an oder "
        "legen Sie über „Passwort vergessen?“ ein neues Passwort fest.",
        "There is already an account with this email address. Please log in, or set a new "
        "password with “Forgot your password?”.",
    ),
    "account.token_invalid": (
        "Dieser Link ist ungültig. Bitte kopieren Sie ihn vollständig aus der E-Mail "
        "oder fordern Sie einen neuen an.",
        "This link is not valid. Please copy it completely from the email or ask for a new one.",
    ),
    "account.token_used": (
        "Dieser Link wurde schon benutzt. Jeder Link gilt nur einmal. "
        "Bitte fordern Sie bei Bedarf einen neuen an.",
        "This link has already been used. Each link works only once. "
        "Please ask for a new one if you need it.",
    ),
    "account.token_expired": (
        "Dieser Link ist abgelaufen. Bitte fordern Sie einen neuen an.",
        "This link has expired. Please ask for a new one.",
    ),
    "account.delete_admin": (
        "Konten der Verwaltung können hier nicht gelöscht werden. Bitte bitten Sie eine "
        "andere Person der Verwaltung, Ihr Konto zu entfernen.",
        "Administration accounts cannot be deleted here. Please ask another administrator "
        "to remove your account.",
    ),
    "account.delete_confirm_required": (
        "Bitte setzen Sie das Häkchen, um zu bestätigen, dass Sie Ihr Konto endgültig "
        "löschen möchten.",
        "Please tick the box to confirm that you want to delete your account for good.",
    ),
    "account.visibility": ("Wer sieht mein Profil?", "Who sees my profile?"),
    "account.visibility_hint": (
        "Ihr Profil zeigt Ihren Namen, Ihren Ortsteil, seit wann Sie Mitglied sind, Ihre "
        "Vorstellung und die Bewertungen anderer. Ihr Name steht immer bei Ihren Einträgen "
        "und Nachrichten, damit man Hilfe mit Ihnen verabreden kann.",
        "Your profile shows your name, your district, since when you are a member, your "
        "introduction and the ratings of others. Your name always appears with your listings "
        "and messages, so that people can arrange help with you.",
    ),
    "account.visibility.members": (
        "Mitglieder meiner Kommune (angemeldet)",
        "Members of my Kommune (logged in)",
    ),
    "account.visibility.all": ("alle, auch ohne Anmeldung", "everybody, also without logging in"),
    "account.visibility.nobody": ("niemand", "nobody"),
    "account.visibility_unknown": (
        "Bitte wählen Sie, wer Ihr Profil sehen darf.",
        "Please choose who may see your profile.",
    ),
    "account.introduction_too_long": (
        "Ihre Vorstellung darf höchstens {max} Zeichen haben.",
        "Your introduction may have at most {max} characters.",
    ),
    "account.social_space_unknown": (
        "Bitte wählen Sie nur Sozialräume aus der Liste Ihrer Kommune.",
        "Please choose only social spaces from your municipality's list.",
    ),
    # --- navigation -------------------------------------------------------------------------
    "nav.account": ("Mein Konto", "My account"),
    "login.forgot_password": ("Passwort vergessen?", "Forgot your password?"),
    # --- /konto -----------------------------------------------------------------------------
    "account.title": ("Mein Konto", "My account"),
    "account.in_kommune": ("Kommune:", "Municipality:"),
    "account.my_listings": ("Meine Einträge", "My listings"),
    "account.messages": ("Nachrichten", "Messages"),
    "account.profile_heading": ("Mein Profil", "My profile"),
    "account.display_name": ("Ihr Name (so sehen ihn andere)", "Your name (as others see it)"),
    "account.area": ("Ihr Ortsteil", "Your district"),
    "account.social_spaces": (
        "Sozialräume, in denen Sie zu Hause sind (freiwillig)",
        "Social spaces you feel at home in (optional)",
    ),
    "account.introduction": (
        "Kurze Vorstellung (freiwillig, höchstens 1000 Zeichen)",
        "Short introduction (optional, at most 1000 characters)",
    ),
    "account.share_email": (
        "Meine E-Mail-Adresse an Personen weitergeben, denen ich schreibe",
        "Share my email address with people I write to",
    ),
    "account.profile_save": ("Profil speichern", "Save profile"),
    "account.profile_saved": ("Ihr Profil ist gespeichert.", "Your profile has been saved."),
    "account.email_heading": ("E-Mail-Adresse ändern", "Change email address"),
    "account.email_current": ("Ihre E-Mail-Adresse:", "Your email address:"),
    "account.new_email": ("Neue E-Mail-Adresse", "New email address"),
    "account.current_password": ("Ihr aktuelles Passwort", "Your current password"),
    "account.email_submit": ("Bestätigungslink senden", "Send confirmation link"),
    "account.email_sent": (
        "Wir haben eine E-Mail an {email} geschickt. Ihre Adresse ändert sich erst, wenn Sie "
        "den Link darin öffnen und bestätigen. Der Link gilt 24 Stunden.",
        "We have sent an email to {email}. Your address changes only once you open the link "
        "in it and confirm. The link is valid for 24 hours.",
    ),
    "account.password_heading": ("Passwort ändern", "Change password"),
    "account.new_password": (
        "Neues Passwort (mindestens 10 Zeichen)",
        "New password (at least 10 characters)",
    ),
    "account.password_submit": ("Passwort ändern", "Change password"),
    "account.password_changed": (
        "Ihr Passwort ist geändert. Auf allen anderen Geräten sind Sie jetzt abgemeldet.",
        "Your password has been changed. You are now logged out on all other devices.",
    ),
    "account.export_heading": ("Meine Daten", "My data"),
    "account.export_text": (
        "Hier laden Sie alle Daten herunter, die dasnez über Sie gespeichert hat: Profil, "
        "Einwilligungen, Einträge, Nachrichten, Vereinbarungen und Bewertungen (eine "
        "JSON-Datei).",
        "Download all data dasnez keeps about you: profile, consents, listings, messages, "
        "agreements and ratings (one JSON file).",
    ),
    "account.export_button": ("Meine Daten herunterladen", "Download my data"),
    "account.delete_heading": ("Konto löschen", "Delete account"),
    "account.delete_text": (
        "Ihr Konto wird mit Ihren Einträgen, Gesprächen und Nachrichten endgültig gelöscht. "
        "Bewertungen, die Sie anderen gegeben haben, bleiben ohne Ihren Namen erhalten. "
        "Das kann nicht rückgängig gemacht werden.",
        "Your account is deleted for good, together with your listings, conversations and "
        "messages. Ratings you gave others stay, without your name. This cannot be undone.",
    ),
    "account.delete_password": ("Ihr Passwort", "Your password"),
    "account.delete_confirm": (
        "Ja, ich möchte mein Konto endgültig löschen.",
        "Yes, I want to delete my account for good.",
    ),
    "account.delete_submit": ("Konto endgültig löschen", "Delete account for good"),
    "account.goodbye_title": ("Ihr Konto ist gelöscht.", "Your account has been deleted."),
    "account.goodbye_text": (
        "Schade, dass Sie gehen, und vielen Dank für Ihre Nachbarschaftshilfe! "
        "Sie sind jetzt abgemeldet.",
        "We are sorry to see you go, and thank you for helping your neighbours! "
        "You are now logged out.",
    ),
    # --- /passwort-vergessen and /passwort-neu ---------------------------------------------
    "forgot.title": ("Passwort vergessen", "Forgotten password"),
    "forgot.intro": (
        "Geben Sie die E-Mail-Adresse Ihres Kontos ein. Wir schicken Ihnen einen Link, mit "
        "dem Sie ein neues Passwort festlegen können.",
        "Enter the email address of your account. We will send you a link to set a new password.",
    ),
    "forgot.submit": ("Link anfordern", "Send link"),
    "forgot.sent": (
        "Wenn ein Konto mit dieser E-Mail-Adresse existiert, haben wir eine E-Mail mit einem "
        "Link geschickt. Der Link gilt eine Stunde. Bitte schauen Sie auch im Spam-Ordner nach.",
        "If an account with this email address exists, we have sent an email with a link. "
        "The link is valid for one hour. Please also look in your spam folder.",
    ),
    "reset.title": ("Neues Passwort festlegen", "Set a new password"),
    "reset.submit": ("Neues Passwort speichern", "Save new password"),
    "reset.done": (
        "Ihr neues Passwort ist gespeichert. Sie können sich jetzt damit anmelden.",
        "Your new password has been saved. You can log in with it now.",
    ),
    "reset.request_new": ("Neuen Link anfordern", "Ask for a new link"),
    # --- /email-bestaetigen -----------------------------------------------------------------
    "confirm_email.title": ("Neue E-Mail-Adresse bestätigen", "Confirm new email address"),
    "confirm_email.text": (
        "Bitte bestätigen Sie, dass Ihr Konto künftig diese E-Mail-Adresse verwenden soll:",
        "Please confirm that your account shall use this email address from now on:",
    ),
    "confirm_email.submit": ("E-Mail-Adresse bestätigen", "Confirm email address"),
    "confirm_email.done": (
        "Ihre E-Mail-Adresse ist geändert. Bitte melden Sie sich künftig mit {email} an.",
        "Your email address has been changed. Please log in with {email} from now on.",
    ),
    # --- /registrierung-bestaetigen ---------------------------------------------------------
    "confirm_registration.title": ("Registrierung bestätigen", "Confirm your registration"),
    "confirm_registration.text": (
        "Bitte bestätigen Sie Ihre Registrierung in {kommune} mit dieser E-Mail-Adresse:",
        "Please confirm your registration in {kommune} with this email address:",
    ),
    "confirm_registration.not_you": (
        "Haben Sie sich nicht registriert? Dann schließen Sie diese Seite einfach; ohne "
        "Bestätigung wird nichts angelegt.",
        "Did you not register? Then simply close this page; nothing is created without "
        "confirmation.",
    ),
    "confirm_registration.submit": ("Registrierung bestätigen", "Confirm registration"),
    "confirm_registration.done": (
        "Ihre E-Mail-Adresse ist bestätigt. {kommune} prüft jetzt Ihre Angaben und schaltet "
        "Ihr Konto frei. Anmelden können Sie sich schon jetzt.",
        "Your email address is confirmed. {kommune} now checks your details and approves "
        "your account. You can log in already.",
    ),
    # --- mails ------------------------------------------------------------------------------
    "mail.password_reset.subject": (
        "Neues Passwort für Ihr dasnez-Konto",
        "New password for your dasnez account",
    ),
    "mail.password_reset.body": (
        "Guten Tag {name},\n\n"
        "für Ihr Konto bei dasnez wurde ein neues Passwort angefordert. Über diesen Link "
        "können Sie ein neues Passwort festlegen:\n\n"
        "{url}/passwort-neu?token={token}\n\n"
        "Der Link gilt eine Stunde und nur einmal. Wenn Sie kein neues Passwort angefordert "
        "haben, löschen Sie diese E-Mail einfach; Ihr Passwort bleibt dann, wie es ist.\n\n"
        "Viele Grüße\ndasnez",
        "Hello {name},\n\n"
        "a new password was requested for your dasnez account. Use this link to set a new "
        "password:\n\n"
        "{url}/passwort-neu?token={token}\n\n"
        "The link is valid for one hour and only once. If you did not ask for a new "
        "password, simply delete this email; your password then stays as it is.\n\n"
        "Kind regards\ndasnez",
    ),
    "mail.password_changed.subject": (
        "Ihr dasnez-Passwort wurde geändert",
        "Your dasnez password has been changed",
    ),
    "mail.password_changed.body": (
        "Guten Tag {name},\n\n"
        "das Passwort Ihres Kontos bei dasnez wurde soeben geändert.\n\n"
        "Waren Sie das nicht? Dann legen Sie bitte sofort ein neues Passwort fest "
        "({url}/passwort-vergessen) und sagen Sie Ihrer Kommune Bescheid.\n\n"
        "Viele Grüße\ndasnez",
        "Hello {name},\n\n"
        "the password of your dasnez account has just been changed.\n\n"
        "Was it not you? Then please set a new password at once "
        "({url}/passwort-vergessen) and tell your municipality.\n\n"
        "Kind regards\ndasnez",
    ),
    "mail.email_confirm.subject": (
        "Bitte bestätigen Sie Ihre neue E-Mail-Adresse",
        "Please confirm your new email address",
    ),
    "mail.email_confirm.body": (
        "Guten Tag,\n\n"
        "jemand möchte ein Konto bei dasnez auf diese E-Mail-Adresse umstellen. Wenn Sie das "
        "waren, öffnen Sie bitte diesen Link und bestätigen Sie:\n\n"
        "{url}/email-bestaetigen?token={token}\n\n"
        "Der Link gilt 24 Stunden. Wenn Sie das nicht waren, löschen Sie diese E-Mail "
        "einfach; ohne Bestätigung ändert sich nichts.\n\n"
        "Viele Grüße\ndasnez",
        "Hello,\n\n"
        "someone would like a dasnez account to use this email address. If that was you, "
        "please open this link and confirm:\n\n"
        "{url}/email-bestaetigen?token={token}\n\n"
        "The link is valid for 24 hours. If this was not you, simply delete this email; "
        "nothing changes without confirmation.\n\n"
        "Kind regards\ndasnez",
    ),
    "mail.email_change_taken.subject": (
        "Ihre E-Mail-Adresse bei dasnez",
        "Your email address at dasnez",
    ),
    "mail.email_change_taken.body": (
        "Guten Tag {name},\n\n"
        "jemand wollte gerade ein anderes Konto bei dasnez auf Ihre E-Mail-Adresse umstellen. "
        "Das geht nicht, denn Ihre Adresse gehört schon zu Ihrem Konto; es hat sich nichts "
        "geändert.\n\n"
        "Sie müssen nichts tun. Wenn Sie sich Sorgen machen, legen Sie ein neues Passwort "
        "fest: {url}/passwort-vergessen\n\n"
        "Viele Grüße\ndasnez",
        "Hello {name},\n\n"
        "someone just tried to switch another dasnez account to your email address. That is "
        "not possible because your address belongs to your account already; nothing has "
        "changed.\n\n"
        "You need not do anything. If you are worried, set a new password: "
        "{url}/passwort-vergessen\n\n"
        "Kind regards\ndasnez",
    ),
    "mail.register_confirm.subject": (
        "Bitte bestätigen Sie Ihre Registrierung bei dasnez {kommune}",
        "Please confirm your registration at dasnez {kommune}",
    ),
    "mail.register_confirm.body": (
        "Guten Tag,\n\n"
        "mit dieser E-Mail-Adresse wurde eine Registrierung bei dasnez {kommune} begonnen. "
        "Wenn Sie das waren, bestätigen Sie Ihre Adresse bitte über diesen Link:\n\n"
        "{url}/registrierung-bestaetigen?token={token}\n\n"
        "Der Link gilt {days} Tage. Danach prüft Ihre Kommune Ihre Angaben und schaltet Ihr "
        "Konto frei.\n\n"
        "Wenn Sie das nicht waren, löschen Sie diese E-Mail einfach; ohne Bestätigung wird "
        "kein Konto angelegt.\n\n"
        "Viele Grüße\ndasnez {kommune}",
        "Hello,\n\n"
        "a registration at dasnez {kommune} was started with this email address. If that was "
        "you, please confirm your address with this link:\n\n"
        "{url}/registrierung-bestaetigen?token={token}\n\n"
        "The link is valid for {days} days. Then your municipality checks your details and "
        "approves your account.\n\n"
        "If this was not you, simply delete this email; no account is created without "
        "confirmation.\n\n"
        "Kind regards\ndasnez {kommune}",
    ),
    "mail.register_exists.subject": (
        "Registrierung mit Ihrer E-Mail-Adresse bei dasnez",
        "Registration with your email address at dasnez",
    ),
    "mail.register_exists.body": (
        "Guten Tag {name},\n\n"
        "jemand wollte sich gerade bei dasnez {kommune} mit Ihrer E-Mail-Adresse registrieren. "
        "Zu dieser Adresse gibt es schon Ihr Konto, deshalb wurde kein neues angelegt.\n\n"
        "Waren Sie das? Dann melden Sie sich einfach an: {url}/anmelden\n"
        "Passwort vergessen? Hier legen Sie ein neues fest: {url}/passwort-vergessen\n\n"
        "Waren Sie es nicht, müssen Sie nichts tun.\n\n"
        "Viele Grüße\ndasnez",
        "Hello {name},\n\n"
        "someone just tried to register at dasnez {kommune} with your email address. Your "
        "account already uses this address, so no new one was created.\n\n"
        "Was it you? Then simply log in: {url}/anmelden\n"
        "Forgot your password? Set a new one here: {url}/passwort-vergessen\n\n"
        "If it was not you, you need not do anything.\n\n"
        "Kind regards\ndasnez",
    ),
    "mail.email_changed.subject": (
        "Ihre E-Mail-Adresse bei dasnez wurde geändert",
        "Your email address at dasnez has been changed",
    ),
    "mail.email_changed.body": (
        "Guten Tag {name},\n\n"
        "Ihr Konto bei dasnez verwendet ab jetzt die E-Mail-Adresse {new_email}. "
        "An diese Adresse schreiben wir nicht mehr.\n\n"
        "Waren Sie das nicht? Dann wenden Sie sich bitte sofort an Ihre Kommune.\n\n"
        "Viele Grüße\ndasnez",
        "Hello {name},\n\n"
        "your dasnez account now uses the email address {new_email}. We will no longer "
        "write to this address.\n\n"
        "Was it not you? Then please contact your municipality at once.\n\n"
        "Kind regards\ndasnez",
    ),
    "mail.account_approved.subject": (
        "Ihr Konto bei dasnez {kommune} ist freigeschaltet",
        "Your account at dasnez {kommune} has been approved",
    ),
    "mail.account_approved.body": (
        "Guten Tag {name},\n\n"
        "Ihr Konto bei dasnez {kommune} ist freigeschaltet. Ab jetzt können Sie Angebote "
        "und Gesuche einstellen und Ihren Nachbarn schreiben:\n\n"
        "{url}/k/{slug}\n\n"
        "Viele Grüße\ndasnez {kommune}",
        "Hello {name},\n\n"
        "your account at dasnez {kommune} has been approved. From now on you can post "
        "offers and requests and write to your neighbours:\n\n"
        "{url}/k/{slug}\n\n"
        "Kind regards\ndasnez {kommune}",
    ),
}
