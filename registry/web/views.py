"""The home page and site-wide pages."""

from flask import Blueprint, render_template

from registry.catalogue.service import catalogue_counts

bp = Blueprint("web", __name__)


@bp.get("/")
def home():
    """What the registry is, with a search box and headline figures."""
    return render_template("home.html", counts=catalogue_counts())
