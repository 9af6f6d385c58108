"""Daily reminders to an organisation's administrators: certificates running out (90 and 30 days
ahead by default) and verdicts that turned red since yesterday. Safe to run more than once a day:
each e-mail has a key that is queued only once."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from registry.accounts.models import User
from registry.compliance.engine import ACTION, evaluate
from registry.compliance.models import Location
from registry.compliance.planning import facts
from registry.compliance.rules import all_rules
from registry.extensions import db
from registry.notifications.models import MailCategory
from registry.notifications.service import queue_email
from registry.transactions import unit_of_work

REMINDER_DAYS = (90, 30)


def send_reminders(day: date, days_ahead: tuple[int, ...] = REMINDER_DAYS) -> int:
    """Queue the reminders due on ``day`` for every organisation; returns how many were queued."""
    organisation_ids = db.session.scalars(sa.select(Location.organisation_id).distinct()).all()
    queued = 0
    for organisation_id in organisation_ids:
        recipients = _administrators(organisation_id)
        if not recipients:
            continue
        with unit_of_work():
            for key, subject, body in reminders_for(organisation_id, day, days_ahead):
                for email in recipients:
                    queued += queue_email(
                        email, subject, body, dedup_key=f"{key}:{email}", category=MailCategory.REMINDER
                    )
    return queued


def reminders_for(
    organisation_id: int, day: date, days_ahead: tuple[int, ...] = REMINDER_DAYS
) -> list[tuple[str, str, str]]:
    """(dedup key, subject, body) for each reminder of one organisation on ``day``."""
    locations, people = facts(organisation_id)
    rules = list(all_rules())
    found = []
    certificate_rules = [
        r for r in rules if r.certificate_kinds and r.default_validity_months and r.in_force_on(day)
    ]
    for person in people:
        for certificate in person.certificates:
            rule = next((r for r in certificate_rules if certificate.kind in r.certificate_kinds), None)
            ends = certificate.expires_on(rule) if rule else certificate.valid_until
            if ends is None or ends < day:
                continue
            for ahead in sorted(days_ahead):
                if (ends - day).days <= ahead:
                    found.append(
                        (
                            f"certificaat:{person.id}:{certificate.kind}:{ends}:{ahead}",
                            f"Certificaat {certificate.kind} van {person.name} verloopt op {ends}",
                            f"Het certificaat {certificate.kind} van {person.name} is geldig tot "
                            f"{ends.isoformat()}. Plan de herhaling op tijd; zie de naleving in het "
                            "Scholingsregister.",
                        )
                    )
                    break  # only the nearest threshold
    today_red = _red(evaluate(locations, people, rules, day))
    yesterday_red = _red(evaluate(locations, people, rules, day - timedelta(days=1)))
    for subject_key, title in sorted(today_red.items() - yesterday_red.items()):
        found.append(
            (
                f"rood:{organisation_id}:{subject_key}:{day.isoformat()}",
                f"Actie nodig: {title}",
                f"Sinds {day.isoformat()} is er actie nodig voor: {title}. "
                "Zie de naleving in het Scholingsregister.",
            )
        )
    return found


def _red(reports) -> dict[str, str]:
    red = {}
    for report in reports:
        for verdict in report.verdicts + report.person_verdicts:
            if verdict.status == ACTION:
                key = f"{verdict.rule.code}:{report.location.id}:{verdict.person_id or ''}"
                who = f" ({', '.join(verdict.people)})" if verdict.person_id else ""
                red[key] = f"{verdict.rule.title}, {report.location.name}{who}"
    return red


def _administrators(organisation_id: int) -> list[str]:
    return list(
        db.session.scalars(
            sa.select(User.email).where(
                User.organisation_id == organisation_id,
                User.organisation_admin.is_(True),
                User.is_active.is_(True),
            )
        )
    )
