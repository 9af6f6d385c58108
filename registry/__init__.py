"""The Scholingsregister Kinderopvang: training-offer catalogue and quality-mark registry."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from registry import config as registry_config
from registry import models as _models
from registry.extensions import babel, csrf, db, migrate, talisman
from registry.transactions import use_write_ahead_log
from registry.web.locale import select_locale, vary_api_on_language

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


# Pages and API answers that are the same for every anonymous visitor (per language and address), so
# they may be served from the page cache; each depends only on the database and the day, and the search
# pages also on this host's search index.
SEARCH_PAGES = ("search.search_page", "search_api.search", "search_api.suggest")
PUBLIC_PAGES = (
    "web.home",
    "catalogue.course_list",
    "catalogue.course_detail",
    "catalogue.provider_list",
    "catalogue.provider_detail",
    "schemes.scheme_list",
    *SEARCH_PAGES,
    "api_v1.courses",
    "api_v1.course",
    "api_v1.providers",
    "api_v1.provider",
    "api_v1.schemes",
    "api_v1.scheme",
    "api_v1.quality_marks",
    "api_v1.topics",
    "ooapi.courses",
    "ooapi.course",
    "ooapi.course_offerings",
    "ooapi.offering",
    "ooapi.organizations",
    "ooapi.organization",
)


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

    db.init_app(app)
    with app.app_context():
        use_write_ahead_log(db.engine)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    app.after_request(vary_api_on_language)
    production = app.config["REGISTRY_ENV"] == "production"
    talisman.init_app(
        app,
        force_https=production,
        strict_transport_security=production,
        session_cookie_secure=production,
        content_security_policy=CONTENT_SECURITY_POLICY,
        # The same story as CSP's frame-ancestors 'none', for browsers that only know this header.
        frame_options="DENY",
        referrer_policy="strict-origin-when-cross-origin",
    )

    proxy_hops = int(app.config["REGISTRY_PROXY_HOPS"])
    if proxy_hops:
        # Behind a load balancer the client address (and so its rate limit) comes from X-Forwarded-For.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxy_hops, x_proto=proxy_hops, x_host=proxy_hops)  # type: ignore[method-assign]

    from registry.accounts.auth import init_auth
    from registry.catalogue.review_subjects import init_review_subjects
    from registry.feed.tracking import register_change_tracking
    from registry.http.cors import register_cors
    from registry.http.limits import register_storable_integers
    from registry.http.ratelimit import register_rate_limits
    from registry.http.timing import register_server_timing
    from registry.ooapi.identifiers import register_uuid_filling

    init_auth(app)
    init_review_subjects()
    register_change_tracking()
    register_uuid_filling()
    register_rate_limits(app)
    register_cors(app)
    register_storable_integers(app)
    register_server_timing(app)
    _register_blueprints(app)
    _register_cli(app)

    from registry.search.follower import install_session_hooks

    install_session_hooks()

    from registry.errors import register_error_handlers
    from registry.http.limits import refuse_oversized_requests
    from registry.web.filters import register_filters
    from registry.web.links import site_name
    from registry.web.navigation import current_link
    from registry.web.safety import refuse_nul_characters
    from registry.web.tables import cell_labels
    from registry.web.views import vendor_css_available

    register_error_handlers(app)
    register_filters(app)
    # First of all request hooks, so nothing reads a NUL into a query (PostgreSQL refuses it in text).
    app.before_request_funcs.setdefault(None, []).insert(0, refuse_nul_characters)
    # Before that, and before the CSRF check parses a form: the size of what the request carries.
    app.before_request_funcs[None].insert(0, refuse_oversized_requests)
    app.jinja_env.globals["nl_design_system"] = vendor_css_available()
    app.jinja_env.globals["current_locale"] = select_locale
    app.jinja_env.globals["current_link"] = current_link
    app.jinja_env.filters["cell_labels"] = cell_labels
    app.jinja_env.filters["site_name"] = site_name

    from registry.page_cache import register_page_cache
    from registry.search.follower import index_state

    # Last of all hooks: pages are looked up after every check and stored as their view made them.
    # Search pages also follow this host's index, which trails the database by its log.
    register_page_cache(
        app,
        PUBLIC_PAGES,
        _models.NOT_ON_PUBLIC_PAGES,
        outside_state={endpoint: index_state for endpoint in SEARCH_PAGES},
    )
    return app


def _register_blueprints(app: Flask) -> None:
    from registry import openapi
    from registry.accounts.views import bp as accounts_bp
    from registry.catalogue.api import bp as provider_api_bp
    from registry.catalogue.provider_views import bp as provider_bp
    from registry.catalogue.views import bp as catalogue_bp
    from registry.compliance.api import bp as organisation_api_bp
    from registry.compliance.views import bp as compliance_bp
    from registry.exchange.api import bp as exchange_api_bp
    from registry.exchange.views import bp as exchange_bp
    from registry.feed import api as feed_api
    from registry.health.views import bp as health_bp
    from registry.http.blueprint import api_blueprint
    from registry.jobs.views import bp as background_bp
    from registry.notifications.views import bp as mail_bp
    from registry.ooapi.api import bp as ooapi_bp
    from registry.organisations.views import bp as organisations_bp
    from registry.reference.views import bp as reference_admin_bp
    from registry.reference.views import public_bp as reference_bp
    from registry.reviews.api import bp as workflow_api_bp
    from registry.reviews.views import bp as reviews_bp
    from registry.schemes.views import bp as schemes_bp
    from registry.search.api import bp as search_api_bp
    from registry.search.views import bp as search_bp
    from registry.statistics.api import bp as statistics_api_bp
    from registry.statistics.views import bp as statistics_bp
    from registry.statistics.views import register_dashboard_panel
    from registry.web.locale import bp as locale_bp
    from registry.web.views import bp as web_bp

    api_v1 = api_blueprint()
    feed_api.register(api_v1)
    openapi.register(api_v1)

    blueprints = (
        health_bp,
        web_bp,
        catalogue_bp,
        schemes_bp,
        search_bp,
        search_api_bp,
        statistics_bp,
        statistics_api_bp,
        accounts_bp,
        provider_bp,
        reviews_bp,
        organisations_bp,
        reference_bp,
        reference_admin_bp,
        compliance_bp,
        organisation_api_bp,
        background_bp,
        mail_bp,
        provider_api_bp,
        workflow_api_bp,
        locale_bp,
        api_v1,
        openapi.docs_bp,
        ooapi_bp,
        exchange_bp,
        exchange_api_bp,
    )
    for blueprint in blueprints:
        app.register_blueprint(blueprint)
    register_dashboard_panel(app)
    # Bearer tokens only, never cookies: nothing for a forged request to ride.
    csrf.exempt(provider_api_bp)
    csrf.exempt(workflow_api_bp)
    csrf.exempt(exchange_api_bp)
    csrf.exempt(organisation_api_bp)


def _register_cli(app: Flask) -> None:
    from registry.accounts.cli import tokens_cli, users_cli
    from registry.backups.cli import backup_cli
    from registry.completeness.cli import courses_cli
    from registry.compliance.cli import compliance_cli
    from registry.demo.cli import demo_data_command
    from registry.jobs.cli import jobs_cli
    from registry.organisations.cli import searches_cli
    from registry.reference.cli import reference_cli
    from registry.reviews.cli import marks_cli, outbox_cli
    from registry.search.cli import search_cli
    from registry.statistics.cli import statistics_cli

    commands = (
        demo_data_command,
        reference_cli,
        users_cli,
        tokens_cli,
        marks_cli,
        outbox_cli,
        search_cli,
        searches_cli,
        courses_cli,
        compliance_cli,
        jobs_cli,
        backup_cli,
        statistics_cli,
    )
    for command in commands:
        app.cli.add_command(command)
