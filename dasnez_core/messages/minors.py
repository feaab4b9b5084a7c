"""Catalog part: minors in the Taschengeldbörse — age, parental consent, youth-labour
rules, the Kommune's settings (key → (German, English))."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- registration --------------------------------------------------------------------
    "youth.birth_date": ("Geburtsdatum", "Date of birth"),
    "youth.not_blockable": (
        "Dieses Konto ist abgeschaltet, weil die Zustimmung der Eltern fehlt oder zurückgezogen "
        "wurde. Es kann erst wieder genutzt werden, wenn die Eltern zustimmen; sperren oder "
        "entsperren ist dafür nicht nötig.",
        "This account is switched off because the parents' consent is missing or was "
        "withdrawn. It can only be used again once the parents consent; there is no need to "
        "block or unblock it.",
    ),
    "youth.birth_date_hint": (
        "Andere sehen nur Ihre Altersgruppe (13–14, 15–17 oder erwachsen), nie das Datum.",
        "Others see only your age group (13–14, 15–17 or adult), never the date.",
    ),
    "youth.parent_email": (
        "Mail eines Elternteils (unter 16 Jahren nötig)",
        "A parent's mail (needed under 16)",
    ),
    "youth.parent_email_hint": (
        "Unter 16 Jahren schalten wir Ihr Konto erst frei, wenn ein Elternteil oder Vormund "
        "zugestimmt hat. Mit 16 und 17 Jahren können Sie das Feld leer lassen: Die "
        "Zustimmung braucht es nur für die Taschengeldbörse, und Sie können sie auch später "
        "unter „Mein Konto“ anfordern.",
        "Under 16 we approve your account only once a parent or guardian has agreed. At 16 "
        "and 17 you may leave this empty: their agreement is needed only for the "
        "pocket-money exchange, and you can also ask for it later under “My account”.",
    ),
    "youth.out_of_school": (
        "Ich gehe nicht mehr zur Schule (keine Vollzeitschulpflicht mehr)",
        "I no longer go to school (no longer in full-time compulsory schooling)",
    ),
    "youth.birth_date_required": (
        "Bitte geben Sie Ihr Geburtsdatum an.",
        "Please enter your date of birth.",
    ),
    "youth.birth_date_invalid": (
        "Bitte geben Sie ein gültiges Geburtsdatum an (zum Beispiel 24.05.2011).",
        "Please enter a valid date of birth (for example 24.05.2011).",
    ),
    "youth.under_13": (
        "Bei dasnez {kommune} kann man sich erst ab 13 Jahren anmelden: Jüngere Kinder "
        "dürfen nach dem Jugendarbeitsschutzgesetz (§ 5) keine Taschengeld-Jobs übernehmen. "
        "Fragen dazu beantwortet Ihre Kommune: {contact}",
        "You can register at dasnez {kommune} from the age of 13: younger children may not "
        "take on pocket-money jobs under the Youth Labour Protection Act (§ 5). Your "
        "municipality answers questions: {contact}",
    ),
    "youth.parent_email_required": (
        "Unter 16 Jahren brauchen wir die E-Mail-Adresse eines Elternteils oder Vormunds.",
        "Under 16 we need the email address of a parent or guardian.",
    ),
    "youth.parent_email_own": (
        "Bitte geben Sie die Adresse eines Elternteils an, nicht Ihre eigene.",
        "Please enter a parent's address, not your own.",
    ),
    "youth.confirmed_awaiting_parent": (
        "Ihre E-Mail-Adresse ist bestätigt. Wir haben Ihren Eltern eine E-Mail geschickt: "
        "Sobald ein Elternteil zugestimmt hat, prüft {kommune} Ihre Anmeldung.",
        "Your email address is confirmed. We have sent your parents an email: as soon as a "
        "parent has agreed, {kommune} checks your registration.",
    ),
    "youth.login_awaiting_parent": (
        "Ihr Konto wartet noch auf die Zustimmung Ihrer Eltern. Bitte bitten Sie sie, den "
        "Link in unserer E-Mail zu öffnen.",
        "Your account is still waiting for your parents' agreement. Please ask them to open "
        "the link in our email.",
    ),
    "youth.login_deactivated": (
        "Ihr Konto ist abgeschaltet, weil Ihre Eltern ihre Zustimmung zurückgezogen haben.",
        "Your account is switched off because your parents withdrew their agreement.",
    ),
    # --- the young person's account page ------------------------------------------------------
    "youth.account_heading": ("Taschengeldbörse", "Pocket-money exchange"),
    "youth.account_state_title": (
        "Zustimmung eines Elternteils",
        "A parent's agreement",
    ),
    "youth.account_state.none": (
        "Noch nicht angefordert. Ohne die Zustimmung eines Elternteils können Sie keine "
        "Taschengeld-Jobs übernehmen; alle anderen Börsen stehen Ihnen offen.",
        "Not requested yet. Without a parent's agreement you cannot take on pocket-money "
        "jobs; all other exchanges are open to you.",
    ),
    "youth.account_state.requested": (
        "Angefordert am {date} bei {email}. Die Antwort steht noch aus.",
        "Requested on {date} from {email}. The answer is still open.",
    ),
    "youth.account_state.given": (
        "Erteilt am {date} von {name} ({relation}).",
        "Given on {date} by {name} ({relation}).",
    ),
    "youth.account_state.withdrawn": (
        "Am {date} zurückgezogen. Taschengeld-Jobs können Sie nicht übernehmen.",
        "Withdrawn on {date}. You cannot take on pocket-money jobs.",
    ),
    "youth.account_request_title": (
        "Einverständnis eines Elternteils für die Taschengeldbörse anfordern",
        "Request a parent's consent for the pocket-money exchange",
    ),
    "youth.account_request_text": (
        "Mit 16 und 17 Jahren dürfen Sie Taschengeld-Jobs erst übernehmen, wenn ein "
        "Elternteil oder Vormund zugestimmt hat. Wir schicken ihm oder ihr eine E-Mail mit "
        "einem Link zum Zustimmen. Eine neue Anfrage ersetzt die alte: Deren Link gilt "
        "dann nicht mehr.",
        "At 16 and 17 you may take on pocket-money jobs only once a parent or guardian has "
        "agreed. We send them an email with a link to agree. A new request replaces the "
        "old one: its link no longer works.",
    ),
    "youth.account_parent_email": (
        "E-Mail-Adresse eines Elternteils",
        "A parent's email address",
    ),
    "youth.account_request_submit": ("Einverständnis anfordern", "Request consent"),
    "youth.account_request_sent": (
        "Wir haben eine E-Mail an {email} geschickt. Sobald ein Elternteil zugestimmt hat, "
        "können Sie Taschengeld-Jobs übernehmen.",
        "We have sent an email to {email}. As soon as a parent has agreed, you can take on "
        "pocket-money jobs.",
    ),
    "youth.account_school_title": ("Schule", "School"),
    "youth.account_school_hint": (
        "Davon hängt ab, welche Jobs Sie übernehmen dürfen: Wer noch zur Schule geht, darf "
        "außerhalb der Ferien nur leichte Arbeiten bis 2 Stunden am Tag übernehmen "
        "(§ 2 Abs. 3, § 5 JArbSchG).",
        "This decides which jobs you may take on: whoever still goes to school may, outside "
        "the holidays, take on only light work of up to 2 hours a day (§ 2 (3), § 5 "
        "JArbSchG).",
    ),
    "youth.account_school_save": ("Angabe speichern", "Save"),
    "youth.account_school_saved": (
        "Ihre Angabe zur Schule ist gespeichert.",
        "Your school information is saved.",
    ),
    "youth.account_adult": (
        "Das gilt nur für Jugendliche unter 18 Jahren.",
        "This applies only to young people under 18.",
    ),
    "youth.account_under_16": (
        "Unter 16 Jahren holen wir die Zustimmung eines Elternteils schon bei der Anmeldung "
        "ein; eine weitere Anfrage ist nicht nötig.",
        "Under 16 we ask a parent's agreement at registration already; no further request "
        "is needed.",
    ),
    "youth.consent_request_given": (
        "Ein Elternteil hat bereits zugestimmt.",
        "A parent has agreed already.",
    ),
    "youth.consent_request_withdrawn": (
        "Ein Elternteil hat die Zustimmung zurückgezogen; eine neue Anfrage ist hier nicht "
        "möglich. Bitte sprechen Sie mit Ihren Eltern. Fragen beantwortet {kommune}: "
        "{contact}",
        "A parent has withdrawn the agreement; a new request is not possible here. Please "
        "talk to your parents. {kommune} answers questions: {contact}",
    ),
    # --- the parent's page ---------------------------------------------------------------
    "youth.parent_title": ("Zustimmung der Eltern", "Parents' agreement"),
    "youth.parent_intro": (
        "{child} möchte bei dasnez {kommune} mitmachen, dem Marktplatz für "
        "Nachbarschaftshilfe der Kommune.",
        "{child} would like to take part in dasnez {kommune}, the municipality's "
        "neighbourhood-help marketplace.",
    ),
    "youth.parent_account_text": (
        "Weil {child} jünger als 16 Jahre ist, braucht das Konto Ihre Zustimmung "
        "(Art. 8 DSGVO). Danach prüft die Kommune die Anmeldung.",
        "As {child} is younger than 16, the account needs your agreement (GDPR Art. 8). "
        "Then the municipality checks the registration.",
    ),
    "youth.parent_jobs_text": (
        "Mit Ihrer Zustimmung darf {child} Jobs der Taschengeldbörse übernehmen, im Rahmen "
        "des Jugendarbeitsschutzgesetzes. Sie bekommen von jeder Vereinbarung eine Kopie "
        "per E-Mail.",
        "With your agreement {child} may take on jobs of the pocket-money exchange, within "
        "the Youth Labour Protection Act. You get a copy of each agreement by email.",
    ),
    "youth.parent_name": ("Ihr Name", "Your name"),
    "youth.parent_name_required": (
        "Bitte geben Sie Ihren Namen an ({min} bis {max} Zeichen).",
        "Please enter your name ({min} to {max} characters).",
    ),
    "youth.relation": ("Sie sind", "You are"),
    "youth.relation_required": (
        "Bitte wählen Sie, in welcher Beziehung Sie zum Kind stehen.",
        "Please choose how you are related to the child.",
    ),
    "youth.relation.mother": ("Mutter", "Mother"),
    "youth.relation.father": ("Vater", "Father"),
    "youth.relation.parent": ("Elternteil", "Parent"),
    "youth.relation.guardian": ("Vormund / sorgeberechtigte Person", "Guardian"),
    "youth.parent_accept_privacy": (
        "Ich stimme der Datenschutzerklärung (Fassung {version}) für mein Kind zu.",
        "I accept the privacy notice (version {version}) on my child's behalf.",
    ),
    "youth.parent_accept_terms": (
        "Ich stimme den Nutzungsbedingungen (Fassung {version}) für mein Kind zu.",
        "I accept the terms of use (version {version}) on my child's behalf.",
    ),
    "youth.parent_privacy_required": (
        "Bitte stimmen Sie der Datenschutzerklärung für Ihr Kind zu.",
        "Please accept the privacy notice on your child's behalf.",
    ),
    "youth.parent_terms_required": (
        "Bitte stimmen Sie den Nutzungsbedingungen für Ihr Kind zu.",
        "Please accept the terms of use on your child's behalf.",
    ),
    "youth.parent_submit": ("Zustimmen", "Agree"),
    "youth.parent_given": (
        "Vielen Dank! Ihre Zustimmung ist gespeichert. Sie können sie jederzeit über den "
        "Link in der E-Mail zurückziehen.",
        "Thank you! Your agreement is saved. You can withdraw it at any time with the link "
        "in the email.",
    ),
    "youth.parent_withdraw_text": (
        "Sie können Ihre Zustimmung jederzeit zurückziehen. Das Konto von {child} wird dann "
        "sofort abgeschaltet (unter 16 Jahren) bzw. die Taschengeldbörse gesperrt, und die "
        "Einträge sind nicht mehr zu sehen.",
        "You can withdraw your agreement at any time. {child}'s account is then switched "
        "off at once (under 16) or the pocket-money exchange closed to them, and the "
        "entries are no longer shown.",
    ),
    "youth.parent_withdraw": ("Zustimmung zurückziehen", "Withdraw agreement"),
    "youth.parent_withdraw_unknown": (
        "Sie kennen diese Anmeldung nicht? Dann lehnen Sie hier ab: Das Konto wird abgeschaltet.",
        "You do not know this registration? Then decline here: the account is switched off.",
    ),
    "youth.parent_decline": ("Ablehnen", "Decline"),
    "youth.parent_withdrawn": (
        "Die Zustimmung ist zurückgezogen. Das Konto ist abgeschaltet bzw. die "
        "Taschengeldbörse gesperrt, die Einträge sind nicht mehr zu sehen.",
        "The agreement is withdrawn. The account is switched off or the pocket-money "
        "exchange closed, the entries are no longer shown.",
    ),
    "youth.consent_token_invalid": (
        "Dieser Link ist ungültig. Bitte öffnen Sie den Link aus der E-Mail vollständig.",
        "This link is not valid. Please open the complete link from the email.",
    ),
    "youth.consent_withdrawn_already": (
        "Diese Zustimmung ist bereits zurückgezogen.",
        "This agreement has been withdrawn already.",
    ),
    "youth.consent_given_already": (
        "Sie haben bereits zugestimmt.",
        "You have agreed already.",
    ),
    # --- mails -----------------------------------------------------------------------------
    "mail.parent_consent.subject": (
        "Ihr Kind möchte bei dasnez {kommune} mitmachen: Ihre Zustimmung",
        "Your child would like to join dasnez {kommune}: your agreement",
    ),
    "mail.parent_consent.body": (
        "Guten Tag,\n\n"
        "{child} hat sich bei dasnez {kommune} angemeldet, dem Marktplatz für "
        "Nachbarschaftshilfe und Taschengeld-Jobs der Kommune, und Ihre E-Mail-Adresse als "
        "Elternteil angegeben.\n\n"
        "Bitte lesen Sie die Informationen und stimmen Sie zu (oder lehnen Sie ab):\n\n"
        "{url}/eltern-zustimmung?token={token}\n\n"
        "Über denselben Link können Sie Ihre Zustimmung später jederzeit zurückziehen.\n\n"
        "Viele Grüße\ndasnez {kommune}",
        "Hello,\n\n"
        "{child} has registered at dasnez {kommune}, the municipality's marketplace for "
        "neighbourhood help and pocket-money jobs, and gave your email address as a "
        "parent's.\n\n"
        "Please read the information and agree (or decline):\n\n"
        "{url}/eltern-zustimmung?token={token}\n\n"
        "With the same link you can withdraw your agreement at any time later.\n\n"
        "Kind regards\ndasnez {kommune}",
    ),
    "mail.parent_consent_given.subject": (
        "Ihre Zustimmung für {child} bei dasnez {kommune}",
        "Your agreement for {child} at dasnez {kommune}",
    ),
    "mail.parent_consent_given.body": (
        "Guten Tag {parent},\n\n"
        "Ihre Zustimmung für {child} bei dasnez {kommune} ist gespeichert. Sie bekommen eine "
        "Kopie jeder Vereinbarung, die {child} trifft.\n\n"
        "Zurückziehen können Sie sie jederzeit hier:\n\n"
        "{url}/eltern-zustimmung?token={token}\n\n"
        "Viele Grüße\ndasnez {kommune}",
        "Hello {parent},\n\n"
        "your agreement for {child} at dasnez {kommune} is saved. You get a copy of each "
        "agreement {child} makes.\n\n"
        "You can withdraw it at any time here:\n\n"
        "{url}/eltern-zustimmung?token={token}\n\n"
        "Kind regards\ndasnez {kommune}",
    ),
    "mail.parent_consent_withdrawn.subject": (
        "Die Zustimmung Ihrer Eltern wurde zurückgezogen",
        "Your parents' agreement was withdrawn",
    ),
    "mail.parent_consent_withdrawn.body": (
        "Hallo {name},\n\n"
        "Ihre Eltern haben ihre Zustimmung für dasnez {kommune} zurückgezogen. Ihre "
        "Einträge sind nicht mehr zu sehen. Sprechen Sie am besten mit ihnen darüber.\n\n"
        "Viele Grüße\ndasnez {kommune}",
        "Hello {name},\n\n"
        "your parents have withdrawn their agreement for dasnez {kommune}. Your entries are "
        "no longer shown. Best talk to them about it.\n\n"
        "Kind regards\ndasnez {kommune}",
    ),
    "mail.parent_agreement_copy.subject": (
        "Kopie: {child} hat einen Taschengeld-Job vereinbart",
        "Copy: {child} has agreed a pocket-money job",
    ),
    "mail.parent_agreement_copy.body": (
        "Guten Tag,\n\n"
        "{child} hat bei dasnez {kommune} eine Vereinbarung getroffen:\n\n"
        "Eintrag: {title}\n"
        "Mit: {other}\n"
        "Wann: {when}\n"
        "Dauer: {hours} Stunden\n\n"
        "Sie bekommen diese Kopie, weil Sie als Elternteil zugestimmt haben.\n\n"
        "Viele Grüße\ndasnez {kommune}",
        "Hello,\n\n"
        "{child} has made an agreement at dasnez {kommune}:\n\n"
        "Entry: {title}\n"
        "With: {other}\n"
        "When: {when}\n"
        "Length: {hours} hours\n\n"
        "You get this copy because you agreed as a parent.\n\n"
        "Kind regards\ndasnez {kommune}",
    ),
    # --- rules (each names its paragraph) --------------------------------------------------
    "youth.rule.time_invalid": (
        "Bitte geben Sie eine gültige Uhrzeit und Dauer an.",
        "Please enter a valid time and length.",
    ),
    "youth.rule.past_midnight": (
        "Ein Job muss am selben Tag enden.",
        "A job must end on the same day.",
    ),
    "youth.rule.under_13": (
        "Kinder unter 13 Jahren dürfen nicht beschäftigt werden (§ 5 Abs. 1 JArbSchG).",
        "Children under 13 may not be employed (§ 5 (1) JArbSchG).",
    ),
    "youth.rule.light_work": (
        "Kinder und Schülerinnen und Schüler dürfen nur leichte, geeignete Arbeiten "
        "übernehmen; diese Kategorie hat die Kommune nicht als leichte Arbeit freigegeben "
        "(§ 5 Abs. 3 JArbSchG, § 2 KindArbSchV).",
        "Children and pupils may only take on light, suitable work; the municipality has "
        "not marked this category as light work (§ 5 (3) JArbSchG, § 2 KindArbSchV).",
    ),
    "youth.rule.child_2h": (
        "Höchstens 2 Stunden am Tag sind erlaubt, dieser Job dauert {hours} Stunden "
        "(§ 5 Abs. 3 JArbSchG).",
        "At most 2 hours a day are allowed, this job takes {hours} hours (§ 5 (3) JArbSchG).",
    ),
    "youth.rule.child_2h_day": (
        "Mit den anderen Vereinbarungen dieses Tages wären es {hours} Stunden; erlaubt sind "
        "höchstens 2 Stunden am Tag (§ 5 Abs. 3 JArbSchG).",
        "With the other agreements of this day it would be {hours} hours; at most 2 hours "
        "a day are allowed (§ 5 (3) JArbSchG).",
    ),
    "youth.rule.child_hours": (
        "Nicht zwischen 18 und 8 Uhr: Dieser Job liegt von {start} bis {end} Uhr "
        "(§ 5 Abs. 3 JArbSchG).",
        "Not between 6 pm and 8 am: this job runs from {start} to {end} (§ 5 (3) JArbSchG).",
    ),
    "youth.rule.school_hours": (
        "Nicht vor oder während des Schulunterrichts: An Schultagen erst ab {school_end} "
        "Uhr. In den Ferien kreuzen Sie bitte „Schulferien“ an (§ 5 Abs. 3 JArbSchG).",
        "Not before or during school lessons: on school days only from {school_end}. In "
        "the holidays please tick “school holidays” (§ 5 (3) JArbSchG).",
    ),
    "youth.rule.holiday_weeks": (
        "In den Schulferien sind höchstens {weeks} Wochen im Kalenderjahr erlaubt; diese "
        "wäre die fünfte (§ 5 Abs. 4 JArbSchG).",
        "In the school holidays at most {weeks} weeks a calendar year are allowed; this "
        "would be the fifth (§ 5 (4) JArbSchG).",
    ),
    "youth.rule.youth_8h": (
        "Höchstens 8 Stunden am Tag sind erlaubt, dieser Job dauert {hours} Stunden "
        "(§ 8 Abs. 1 JArbSchG).",
        "At most 8 hours a day are allowed, this job takes {hours} hours (§ 8 (1) JArbSchG).",
    ),
    "youth.rule.youth_8h_day": (
        "Mit den anderen Vereinbarungen dieses Tages wären es {hours} Stunden; erlaubt sind "
        "höchstens 8 Stunden am Tag (§ 8 Abs. 1 JArbSchG).",
        "With the other agreements of this day it would be {hours} hours; at most 8 hours "
        "a day are allowed (§ 8 (1) JArbSchG).",
    ),
    "youth.rule.youth_40h": (
        "Mit den anderen Vereinbarungen dieser Woche wären es {hours} Stunden; erlaubt sind "
        "höchstens 40 Stunden in der Woche (§ 8 Abs. 1 JArbSchG).",
        "With the other agreements of this week it would be {hours} hours; at most 40 hours "
        "a week are allowed (§ 8 (1) JArbSchG).",
    ),
    "youth.rule.youth_hours": (
        "Jugendliche arbeiten nur zwischen 6 und 20 Uhr: Dieser Job liegt von {start} bis "
        "{end} Uhr (§ 14 Abs. 1 JArbSchG).",
        "Adolescents work only between 6 am and 8 pm: this job runs from {start} to {end} "
        "(§ 14 (1) JArbSchG).",
    ),
    "youth.min_age": (
        "Die Taschengeldbörse Ihrer Kommune steht erst ab {age} Jahren offen.",
        "Your municipality's pocket-money exchange is open from the age of {age}.",
    ),
    "youth.consent_needed": (
        "Taschengeld-Jobs dürfen Sie unter 18 Jahren erst übernehmen, wenn ein Elternteil "
        "oder Vormund zugestimmt hat (Regel der Taschengeldbörse, nach § 5 Abs. 3 JArbSchG "
        "und § 107 BGB). Sie können die Zustimmung unter „Mein Konto“ anfordern: "
        "„Einverständnis eines Elternteils für die Taschengeldbörse anfordern“.",
        "Under 18 you may take on pocket-money jobs only once a parent or guardian has "
        "agreed (rule of the pocket-money exchange, after § 5 (3) JArbSchG and § 107 BGB). "
        "You can ask for the agreement under “My account”: “Request a parent's consent for "
        "the pocket-money exchange”.",
    ),
    "youth.consent_needed_link": (
        "Einverständnis eines Elternteils anfordern",
        "Request a parent's consent",
    ),
    "youth.not_a_job": (
        "Unter 18 Jahren können Sie in der Taschengeldbörse nur Jobs (Gesuche) übernehmen.",
        "Under 18 you can only take on jobs (requests) in the pocket-money exchange.",
    ),
    "youth.job_details_missing": (
        "Dieser Job nennt keinen Tag, kein Zeitfenster oder keine Dauer; unter 18 Jahren "
        "können wir ihn daher nicht anbieten.",
        "This job names no day, time window or length; under 18 we therefore cannot offer it.",
    ),
    "youth.job_past": ("Der Tag dieses Jobs ist vorbei.", "This job's day is over."),
    "youth.job_window": (
        "In das Zeitfenster dieses Jobs passt er nicht nach den Regeln für Ihr Alter.",
        "This job does not fit its time window under the rules for your age.",
    ),
    # --- agreement form ----------------------------------------------------------------------
    "youth.job_date": ("Tag des Jobs", "Day of the job"),
    "youth.job_start": ("Beginn (Uhrzeit)", "Start (time)"),
    "youth.job_hours": ("Dauer in Stunden", "Length in hours"),
    "youth.school_holiday": (
        "An diesem Tag ist keine Schule (Schulferien oder Feiertag)",
        "There is no school on that day (school holidays or public holiday)",
    ),
    "youth.job_hint": (
        "Bei Jugendlichen prüfen wir den Job nach dem Jugendarbeitsschutzgesetz.",
        "For young people we check the job against the Youth Labour Protection Act.",
    ),
    "youth.date_invalid": (
        "Bitte geben Sie ein gültiges Datum an (zum Beispiel 24.05.2027).",
        "Please enter a valid date (for example 24.05.2027).",
    ),
    "youth.time_invalid": (
        "Bitte geben Sie eine Uhrzeit wie 15:00 an.",
        "Please enter a time such as 15:00.",
    ),
    "youth.duration_invalid": (
        "Bitte geben Sie die Dauer in Stunden an, zwischen 0,25 und {max}.",
        "Please enter the length in hours, between 0.25 and {max}.",
    ),
    "youth.date_required": ("Bitte geben Sie den Tag an.", "Please enter the day."),
    "youth.time_required": ("Bitte geben Sie den Beginn an.", "Please enter the start."),
    "youth.duration_required": (
        "Bitte geben Sie die Dauer in Stunden an.",
        "Please enter the length in hours.",
    ),
    # --- listing form ---------------------------------------------------------------------
    "youth.listing_job_title": ("Wann ist der Job?", "When is the job?"),
    "youth.listing_job_hint": (
        "Nur Jobs mit Tag, Zeitfenster und Dauer können Jugendlichen angezeigt werden. "
        "Vorschlag Ihrer Kommune für das Taschengeld: {rate} pro Stunde.",
        "Only jobs with a day, time window and length can be shown to young people. Your "
        "municipality suggests a pocket money of {rate} an hour.",
    ),
    "youth.listing_from": ("Frühester Beginn", "Earliest start"),
    "youth.listing_until": ("Spätestes Ende", "Latest end"),
    "youth.window_invalid": (
        "Das Zeitfenster muss lang genug für die Dauer sein.",
        "The time window must be long enough for the length.",
    ),
    "youth.job_incomplete": (
        "Bitte geben Sie Tag, Zeitfenster und Dauer vollständig an (oder gar nicht).",
        "Please give the day, time window and length completely (or not at all).",
    ),
    "youth.job_in_past": (
        "Der Tag des Jobs darf nicht in der Vergangenheit liegen.",
        "The day of the job must not be in the past.",
    ),
    "youth.job_when": ("Wann", "When"),
    "youth.job_line": (
        "Job am {day}, zwischen {start} und {end} Uhr, etwa {hours} Stunden",
        "Job on {day}, between {start} and {end}, about {hours} hours",
    ),
    # --- what an adult sees ----------------------------------------------------------------
    "youth.band.13_14": ("13–14 Jahre", "13–14 years"),
    "youth.band.15_17": ("15–17 Jahre", "15–17 years"),
    "youth.band_label": ("Alter:", "Age:"),
    "youth.note.child": (
        "Erlaubt sind nur leichte Arbeiten, höchstens 2 Stunden am Tag, zwischen 8 und 18 "
        "Uhr und nicht während der Schulzeit (§ 5 JArbSchG, KindArbSchV).",
        "Only light work is allowed, at most 2 hours a day, between 8 am and 6 pm and not "
        "during school time (§ 5 JArbSchG, KindArbSchV).",
    ),
    "youth.note.pupil": (
        "Schülerin oder Schüler: leichte Arbeiten, höchstens 2 Stunden am Tag zwischen 8 und "
        "18 Uhr, nicht während der Schulzeit; in den Ferien bis zu 4 Wochen im Jahr, "
        "höchstens 8 Stunden am Tag zwischen 6 und 20 Uhr (§§ 2, 5, 8, 14 JArbSchG).",
        "Pupil: light work, at most 2 hours a day between 8 am and 6 pm, not during school "
        "time; in the holidays up to 4 weeks a year, at most 8 hours a day between 6 am "
        "and 8 pm (§§ 2, 5, 8, 14 JArbSchG).",
    ),
    "youth.note.youth": (
        "Höchstens 8 Stunden am Tag und 40 in der Woche, zwischen 6 und 20 Uhr "
        "(§§ 8, 14 JArbSchG).",
        "At most 8 hours a day and 40 a week, between 6 am and 8 pm (§§ 8, 14 JArbSchG).",
    ),
    # --- people lists ------------------------------------------------------------------------
    "adminlist.user_status.awaiting_parent": (
        "Wartet auf Zustimmung der Eltern",
        "Awaiting parents' agreement",
    ),
    "adminlist.user_status.deactivated": (
        "Abgeschaltet (Eltern haben widerrufen)",
        "Switched off (parents withdrew)",
    ),
    "people.status.awaiting_parent": ("wartet auf Zustimmung der Eltern", "awaiting parents"),
    "people.status.deactivated": ("abgeschaltet", "switched off"),
    # --- light work kinds (KindArbSchV § 2) ---------------------------------------------------
    "youth.light.none": ("Keine leichte Arbeit (nicht für Kinder)", "Not light work"),
    "youth.light.delivery": (
        "Zeitungen, Zeitschriften, Prospekte austragen (§ 2 Abs. 1 Nr. 1)",
        "Delivering newspapers, magazines, leaflets (§ 2 (1) no. 1)",
    ),
    "youth.light.household_garden": (
        "Haushalt und Garten (§ 2 Abs. 1 Nr. 2 a)",
        "Household and garden (§ 2 (1) no. 2 a)",
    ),
    "youth.light.errands": ("Botengänge (§ 2 Abs. 1 Nr. 2 b)", "Errands (§ 2 (1) no. 2 b)"),
    "youth.light.care": (
        "Betreuung von Kindern und Haushaltsmitgliedern (§ 2 Abs. 1 Nr. 2 c)",
        "Looking after children and household members (§ 2 (1) no. 2 c)",
    ),
    "youth.light.tutoring": ("Nachhilfe (§ 2 Abs. 1 Nr. 2 d)", "Tutoring (§ 2 (1) no. 2 d)"),
    "youth.light.pets": (
        "Betreuung von Haustieren (§ 2 Abs. 1 Nr. 2 e)",
        "Pet care (§ 2 (1) no. 2 e)",
    ),
    "youth.light.shopping": (
        "Einkäufe, ohne Alkohol und Tabak (§ 2 Abs. 1 Nr. 2 f)",
        "Shopping, no alcohol or tobacco (§ 2 (1) no. 2 f)",
    ),
    "youth.light.sports": (
        "Hilfe beim Sport (§ 2 Abs. 1 Nr. 3)",
        "Help at sports (§ 2 (1) no. 3)",
    ),
    "youth.light.events": (
        "Nichtgewerbliche Aktionen von Kirchen, Vereinen, Verbänden (§ 2 Abs. 1 Nr. 4)",
        "Non-commercial events of churches, associations, clubs (§ 2 (1) no. 4)",
    ),
    # --- Kommune settings (admin portal) -------------------------------------------------
    "youth.settings_title": ("Taschengeldbörse", "Pocket-money exchange"),
    "youth.settings_intro": (
        "Hier legen Sie fest, was für Jugendliche in der Taschengeldbörse gilt. Die Regeln "
        "des Jugendarbeitsschutzgesetzes prüft dasnez selbst; Sie bestimmen das "
        "empfohlene Taschengeld, ein höheres Mindestalter, das Ende des Unterrichts, die "
        "leichten Arbeiten und die Informationsseite.",
        "Here you set what applies to young people in the pocket-money exchange. dasnez "
        "checks the rules of the Youth Labour Protection Act itself; you decide the "
        "suggested pocket money, a higher minimum age, the end of lessons, the light work "
        "and the information page.",
    ),
    "youth.rate_min": (
        "Empfohlenes Taschengeld pro Stunde, von (€)",
        "Suggested rate an hour, from (€)",
    ),
    "youth.rate_max": ("bis (€)", "to (€)"),
    "youth.rate_required": ("Bitte geben Sie einen Betrag an.", "Please enter an amount."),
    "youth.rate_order": (
        "Der Höchstbetrag darf nicht kleiner als der Mindestbetrag sein.",
        "The highest amount must not be below the lowest.",
    ),
    "youth.min_age_label": (
        "Mindestalter für die Taschengeldbörse",
        "Minimum age for the pocket-money exchange",
    ),
    "youth.min_age_hint": (
        "Das Gesetz erlaubt leichte Arbeit ab 13 Jahren (§ 5 Abs. 3 JArbSchG); Sie können "
        "ein höheres Alter festlegen.",
        "The law allows light work from 13 (§ 5 (3) JArbSchG); you may set a higher age.",
    ),
    "youth.min_age_invalid": (
        "Bitte ein Alter zwischen {min} und {max} Jahren.",
        "Please an age between {min} and {max}.",
    ),
    "youth.school_end_label": (
        "Ende des Unterrichts an Schultagen (Uhrzeit)",
        "End of lessons on school days (time)",
    ),
    "youth.school_end_invalid": (
        "Bitte eine Uhrzeit zwischen 08:00 und 18:00.",
        "Please a time between 08:00 and 18:00.",
    ),
    "youth.light_work_title": (
        "Leichte Arbeiten (Kinderarbeitsschutzverordnung § 2)",
        "Light work (Child Labour Protection Ordinance § 2)",
    ),
    "youth.light_work_hint": (
        "Kinder und Schülerinnen und Schüler sehen nur Jobs in Kategorien, die Sie hier einer "
        "Art leichter Arbeit zuordnen. Schwere Lasten und gefährliche Arbeiten gehören nie "
        "dazu.",
        "Children and pupils see only jobs in categories you assign to a kind of light work "
        "here. Heavy loads and dangerous work never belong to it.",
    ),
    "youth.light_work_invalid": (
        "Bitte wählen Sie für jede Kategorie eine Art aus der Liste.",
        "Please choose a kind from the list for each category.",
    ),
    "youth.no_categories": (
        "Die Taschengeldbörse hat noch keine Kategorien.",
        "The pocket-money exchange has no categories yet.",
    ),
    "youth.info_label": (
        "Informationsseite für Erwachsene und Eltern",
        "Information page for adults and parents",
    ),
    "youth.info_hint": (
        "Vorlage von dasnez: Passen Sie Versicherung, Ansprechpartner und Regeln Ihrer Kommune an.",
        "Template by dasnez: adapt insurance, contacts and your municipality's rules.",
    ),
    "youth.settings_save": ("Einstellungen speichern", "Save settings"),
    "youth.settings_saved": ("Die Einstellungen sind gespeichert.", "The settings are saved."),
    "youth.info_title": ("Taschengeldbörse: Informationen", "Pocket-money exchange: information"),
    "youth.info_link": (
        "Informationen zur Taschengeldbörse für Erwachsene und Eltern",
        "Information on the pocket-money exchange for adults and parents",
    ),
    "youth.info_rate": (
        "Empfohlenes Taschengeld pro Stunde: {rate}",
        "Suggested rate an hour: {rate}",
    ),
    "youth.info_min_age": (
        "Mitmachen können Jugendliche ab {age} Jahren.",
        "Young people can take part from the age of {age}.",
    ),
    "youth.info_rules_title": ("Was das Gesetz erlaubt", "What the law allows"),
    "youth.info_template": (
        "Die Taschengeldbörse von {kommune} bringt Jugendliche und Erwachsene aus der "
        "Nachbarschaft zusammen: Jugendliche helfen bei kleinen Aufgaben im Haushalt und "
        "Garten, bei Einkäufen oder mit Haustieren und bekommen dafür ein Taschengeld.\n\n"
        "Für Erwachsene: Sie bleiben Privatperson, die Hilfe ist eine Gefälligkeit unter "
        "Nachbarn. Bitte vereinbaren Sie nur leichte Arbeiten ohne schwere Lasten und ohne "
        "Gefahren (keine Leitern, keine Motorsägen, kein Umgang mit Chemikalien). Halten Sie "
        "die Zeiten ein, die dasnez bei jeder Vereinbarung prüft.\n\n"
        "Versicherung: Prüfen Sie bitte Ihre private Haftpflichtversicherung; viele "
        "Versicherungen decken Gefälligkeiten ab. Jugendliche sind über die Haftpflicht ihrer "
        "Eltern versichert. Unfälle bei privaten Gefälligkeiten sind in der Regel nicht "
        "gesetzlich unfallversichert.\n\n"
        "Für Eltern: Unter 16 Jahren braucht das Konto Ihre Zustimmung, ab 16 Jahren die "
        "Teilnahme an der Taschengeldbörse. Sie erhalten eine Kopie jeder Vereinbarung und "
        "können Ihre Zustimmung jederzeit über den Link in unserer E-Mail zurückziehen.\n\n"
        "Fragen beantwortet: {contact}",
        "The pocket-money exchange of {kommune} brings young people and adults of the "
        "neighbourhood together: young people help with small tasks in the household and "
        "garden, with shopping or pets, and get some pocket money for it.\n\n"
        "For adults: you remain a private person, the help is a favour between neighbours. "
        "Please agree only light work without heavy loads and without dangers (no ladders, "
        "no chainsaws, no chemicals). Keep to the times dasnez checks with each "
        "agreement.\n\n"
        "Insurance: please check your private liability insurance; many cover favours. "
        "Young people are insured through their parents' liability insurance. Accidents "
        "during private favours are usually not covered by statutory accident "
        "insurance.\n\n"
        "For parents: under 16 the account needs your agreement, from 16 taking part in the "
        "pocket-money exchange does. You get a copy of each agreement and can withdraw "
        "your agreement at any time with the link in our email.\n\n"
        "Questions are answered by: {contact}",
    ),
}
