"""The home page and site-wide pages."""

from pathlib import Path

from flask import Blueprint, abort, current_app, render_template, send_from_directory

from registry.catalogue.service import catalogue_counts

bp = Blueprint("web", __name__)


@bp.get("/")
def home():
    """What the registry is, with a search box and headline figures."""
    return render_template("home.html", counts=catalogue_counts())


@bp.get("/favicon.ico")
def favicon():
    """Browsers ask for it at the root whatever the page says; answer instead of a logged 404."""
    return send_from_directory(current_app.static_folder, "favicon.ico", max_age=7 * 24 * 3600)


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
    return send_from_directory(path.parent, path.name, max_age=7 * 24 * 3600)
