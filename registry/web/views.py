"""The home page and site-wide pages."""

import mimetypes
from functools import cache
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, render_template, request

from registry.catalogue.service import catalogue_counts
from registry.compliance.service import LEAVER_RETENTION_DAYS

bp = Blueprint("web", __name__)


@bp.get("/")
def home():
    """What the registry is, with a search box and headline figures."""
    return render_template("home.html", counts=catalogue_counts())


@bp.get("/favicon.ico")
def favicon():
    """Browsers ask for it at the root whatever the page says; answer instead of a logged 404.

    Sent from memory (1 kB): a browser asks for it after the page has loaded and may leave mid-answer,
    which must not leave an open file behind.
    """
    icon = Response(Path(current_app.static_folder, "favicon.ico").read_bytes(), mimetype="image/x-icon")
    icon.cache_control.public = True
    icon.cache_control.max_age = 7 * 24 * 3600
    return icon


def _statement(template: str):
    """A page of the footer: what the register is, does with personal data, and how to reach it."""
    config = current_app.config
    return render_template(
        template,
        contact=config["REGISTRY_CONTACT_EMAIL"],
        idle_minutes=config["SESSION_IDLE_MINUTES"],
        absolute_hours=config["SESSION_ABSOLUTE_HOURS"],
        leaver_days=LEAVER_RETENTION_DAYS,
    )


@bp.get("/privacyverklaring")
def privacy():
    """Which personal data the register keeps, why, for how long, and the rights people have (AVG)."""
    return _statement("pages/privacy.html")


@bp.get("/toegankelijkheidsverklaring")
def accessibility():
    """How accessible the register is (WCAG 2.2 AA), what is known not to be, and where to report it."""
    return _statement("pages/accessibility.html")


@bp.get("/contact")
def contact():
    """How to reach the people behind the register."""
    return _statement("pages/contact.html")


@bp.get("/colofon")
def colophon():
    """What the register is made with and where its data comes from."""
    return _statement("pages/colophon.html")


# Front-end packages installed from npm by scripts/run and scripts/test (never copied into the repository).
NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
VENDOR_FILES = {
    "nl-design-system/tokens.css": NODE_MODULES / "@utrecht/design-tokens/dist/index.css",
    "nl-design-system/components.css": NODE_MODULES / "@utrecht/component-library-css/dist/index.css",
}


def vendor_css_available() -> bool:
    return all(path.is_file() for path in VENDOR_FILES.values())


@bp.get("/vendor/<path:name>")
def vendor(name: str):
    """One of the whitelisted front-end files; nothing else under node_modules is reachable."""
    path = VENDOR_FILES.get(name)
    if path is None or not path.is_file():
        abort(404)
    # From memory, like the favicon: a browser that leaves mid-answer must not leave an open file behind.
    response = Response(_vendor_bytes(path), mimetype=mimetypes.guess_type(path.name)[0] or "text/plain")
    response.cache_control.public = True
    response.cache_control.max_age = 7 * 24 * 3600
    response.add_etag()
    return response.make_conditional(request)


@cache
def _vendor_bytes(path: Path) -> bytes:
    return path.read_bytes()
