"""The public page of subsidy schemes and funds."""

from flask import Blueprint, render_template

from registry.clock import today
from registry.schemes import service

bp = Blueprint("schemes", __name__)


@bp.get("/regelingen")
def scheme_list():
    """Every scheme with its state at today's date, what it pays for and what it does not."""
    day = today()
    schemes = [(scheme, scheme.status_on(day)) for scheme in service.all_schemes()]
    return render_template("schemes/scheme_list.html", schemes=schemes, today=day)
