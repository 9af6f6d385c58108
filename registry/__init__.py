"""The Scholingsregister Kinderopvang: training-offer catalogue and quality-mark registry."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from registry import config as registry_config
from registry.extensions import babel, csrf, db, migrate, talisman

ROOT = Path(__file__).resolve().parent.parent

# Styles and images come from our own origin only; no inline scripts anywhere.
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "img-src": "'self' data:",
    "style-src": "'self'",
    "script-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the application: defaults, then the environment, then ``config`` (used by tests)."""
    app = Flask(
        __name__,
        instance_path=str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.update(registry_config.build(app.instance_path, config))
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    logging.basicConfig(level=logging.INFO)

    import registry.models  # noqa: F401  (registers every table on the metadata)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=lambda: "nl")
    production = app.config["REGISTRY_ENV"] == "production"
    talisman.init_app(
        app,
        force_https=production,
        strict_transport_security=production,
        session_cookie_secure=production,
        content_security_policy=CONTENT_SECURITY_POLICY,
        referrer_policy="strict-origin-when-cross-origin",
    )

    _register_blueprints(app)
    _register_cli(app)

    from registry.search.sync import install_session_hooks

    install_session_hooks()

    from registry.errors import register_error_handlers
    from registry.web.filters import register_filters

    register_error_handlers(app)
    register_filters(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from registry.catalogue.views import bp as catalogue_bp
    from registry.schemes.views import bp as schemes_bp
    from registry.search.api import bp as search_api_bp
    from registry.search.views import bp as search_bp
    from registry.web.views import bp as web_bp

    for blueprint in (web_bp, catalogue_bp, schemes_bp, search_bp, search_api_bp):
        app.register_blueprint(blueprint)


def _register_cli(app: Flask) -> None:
    from registry.demo.cli import demo_data_command
    from registry.search.cli import search_cli

    app.cli.add_command(demo_data_command)
    app.cli.add_command(search_cli)
