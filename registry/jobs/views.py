"""/beheer/achtergrond: the clock's runs, the outbox queue and its failures, for administrators."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from registry.clock import utcnow
from registry.jobs import service
from registry.jobs.permissions import can_manage_background_work
from registry.jobs.schedule import job_label

bp = Blueprint("background", __name__, url_prefix="/beheer/achtergrond")


@bp.app_context_processor
def _background_flags() -> dict[str, bool]:
    """Templates ask this instead of comparing role names."""
    return {"can_manage_background_work": can_manage_background_work(current_user)}


@bp.get("")
@login_required
def overview():
    """Schedule, recent runs, the queue and what failed."""
    return render_template(
        "jobs/overview.html",
        overview=service.background_overview(current_user._get_current_object(), utcnow()),
        job_label=job_label,
    )


@bp.post("/berichten/<int:message_id>/opnieuw")
@login_required
def retry(message_id: int):
    message = service.retry_message(current_user._get_current_object(), message_id)
    flash(_("Het bericht aan %(address)s staat weer in de wachtrij.", address=message.recipient))
    return redirect(url_for("background.overview"))
