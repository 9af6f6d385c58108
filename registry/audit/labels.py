"""What an audit event's action and subject are called in words, for the audit trail and its export.

Actions are written as ``<subject>.<what happened>`` codes; people read these labels instead. A
review step (``review.take``) is named by the workflow's own label for that step, which the caller
passes in, since the workflow lives above this package.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l

ACTION_LABELS = {
    "api_token.created": _l("API-sleutel aangemaakt"),
    "api_token.revoked": _l("API-sleutel ingetrokken"),
    "backup.restored": _l("Back-up teruggezet"),
    "certificate.added": _l("Certificaat toegevoegd"),
    "certificate.removed": _l("Certificaat verwijderd"),
    "course.created": _l("Opleiding aangemaakt"),
    "course.updated": _l("Opleiding gewijzigd"),
    "course.run_added": _l("Uitvoering toegevoegd"),
    "course.run_removed": _l("Uitvoering verwijderd"),
    "course.runs_imported": _l("Uitvoeringen geïmporteerd"),
    "courses.imported": _l("Opleidingen geïmporteerd"),
    "criteria.versioned": _l("Nieuwe versie van de criteria"),
    "demo_data.loaded": _l("Demogegevens geladen"),
    "location.created": _l("Locatie toegevoegd"),
    "mail_preference.updated": _l("E-mailvoorkeur gewijzigd"),
    "mail_preference.unsubscribed": _l("Afgemeld voor e-mail"),
    "organisation.registered": _l("Organisatie aangemeld"),
    "organisation.updated": _l("Organisatiegegevens gewijzigd"),
    "organisation.staff_set": _l("Personeel per functie bijgewerkt"),
    "outbox_message.requeued": _l("E-mail opnieuw in de wachtrij gezet"),
    "planner_rule.updated": _l("Plannerregel gewijzigd"),
    "provider.updated": _l("Aanbiedersprofiel gewijzigd"),
    "quality_mark.awarded": _l("Keurmerk of accreditatie toegekend"),
    "quality_mark.expired": _l("Keurmerk of accreditatie verlopen"),
    "quality_mark.suspended": _l("Keurmerk of accreditatie geschorst"),
    "quality_mark.revoked": _l("Keurmerk of accreditatie ingetrokken"),
    "quality_mark.valid": _l("Keurmerk of accreditatie weer geldig"),
    "reference.added": _l("Referentiegegeven toegevoegd"),
    "reference.updated": _l("Referentiegegeven gewijzigd"),
    "reference.retired": _l("Referentiegegeven buiten gebruik gesteld"),
    "review.checklist": _l("Checklist bijgewerkt"),
    "review.comment": _l("Opmerking geplaatst"),
    "review.renewal_started": _l("Verlenging gestart"),
    "saved_search.created": _l("Zoekopdracht gevolgd"),
    "saved_search.deleted": _l("Zoekopdracht niet meer gevolgd"),
    "shortlist.added": _l("Op de bewaarlijst gezet"),
    "shortlist.removed": _l("Van de bewaarlijst gehaald"),
    "staff.certificate_added": _l("Certificaat van medewerker toegevoegd"),
    "staff.course_planned": _l("Scholing voor medewerker gepland"),
    "staff.deleted": _l("Medewerker verwijderd"),
    "staff.imported": _l("Medewerkers geïmporteerd"),
    "staff.retention_erased": _l("Gegevens van oud-medewerker verwijderd"),
    "staff.viewed": _l("Gegevens van medewerker ingezien"),
    "statistics.gap_alert": _l("Signaal over ontbrekend aanbod"),
    "statistics.snapshot": _l("Statistieken vastgelegd"),
    "age_group.updated": _l("Leeftijdsgroep gewijzigd"),
    "legal_requirement.updated": _l("Wettelijke eis gewijzigd"),
    "subsidy_scheme.updated": _l("Regeling gewijzigd"),
    "target_role.updated": _l("Functie gewijzigd"),
    "topic.updated": _l("Thema gewijzigd"),
    "user.activated": _l("Account geactiveerd"),
    "user.created": _l("Account aangemaakt"),
    "user.invited": _l("Uitgenodigd"),
    "user.login": _l("Ingelogd"),
    "user.logout": _l("Uitgelogd"),
    "user.password_changed": _l("Wachtwoord gewijzigd"),
    "user.password_reset": _l("Wachtwoord opnieuw ingesteld"),
    "user.reset_requested": _l("Nieuw wachtwoord aangevraagd"),
}
SUBJECT_LABELS = {
    "age_group": _l("Leeftijdsgroep"),
    "coverage_gap": _l("Signaal"),
    "course": _l("Opleiding"),
    "criteria": _l("Criteria"),
    "database": _l("Database"),
    "legal_requirement": _l("Wettelijke eis"),
    "location": _l("Locatie"),
    "mail_preference": _l("E-mailvoorkeur"),
    "organisation": _l("Organisatie"),
    "outbox_message": _l("E-mail"),
    "planner_rule": _l("Plannerregel"),
    "provider": _l("Aanbieder"),
    "quality_mark": _l("Keurmerk of accreditatie"),
    "reference": _l("Referentiegegeven"),
    "registry": _l("Register"),
    "review": _l("Zaak"),
    "scheme": _l("Regeling"),
    "subsidy_scheme": _l("Regeling"),
    "target_role": _l("Functie"),
    "topic": _l("Thema"),
    "staff_member": _l("Medewerker"),
    "statistics_snapshot": _l("Statistieken"),
    "user": _l("Account"),
}


def action_label(action: str, review_steps: Mapping[str, object] | None = None) -> str:
    """The words for an audit action; a review step by the workflow's label for it."""
    if action in ACTION_LABELS:
        return str(ACTION_LABELS[action])
    subject, _dot, step = action.partition(".")
    if subject == "review" and review_steps and step in review_steps:
        return str(review_steps[step])
    return str(_l("Wijziging van %(subject)s", subject=subject_label(subject).lower()))


def subject_label(subject_type: str) -> str:
    """The words for the kind of thing an audit event is about."""
    return str(SUBJECT_LABELS.get(subject_type, _l("Onderdeel")))
