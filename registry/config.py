"""Configuration: safe development defaults, overridden by the environment, then by tests."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

# Keys that were ever public (in this repository's history): they never sign a session, anywhere.
PUBLISHED_SECRET_KEYS = frozenset({"dev-only-secret-key-do-not-use-in-production"})
ENVIRONMENTS = ("development", "production")
DEVELOPMENT_BASE_URL = "http://127.0.0.1:5000"
_LOCAL_HOSTS = {"127.0.0.1", "localhost", "0.0.0.0", "::1"}


class ConfigError(RuntimeError):
    """The configuration is unsafe or incomplete for the chosen environment."""


def defaults(instance_path: str) -> dict[str, Any]:
    """Development defaults: an embedded SQLite database in the instance folder."""
    return {
        "REGISTRY_ENV": "development",
        # Development signs sessions with a random key made on first start and kept here.
        "SECRET_KEY_FILE": str(Path(instance_path) / "secret_key"),
        # A connection the database dropped (a restart, a failover) is noticed and replaced before use.
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(instance_path) / 'registry.db'}",
        "SEARCH_INDEX_DIR": str(Path(instance_path) / "search-index"),
        "REGISTRY_DUMP_DIR": str(Path(instance_path) / "dumps"),
        "REGISTRY_BACKUP_DIR": str(Path(instance_path) / "backups"),
        "MAIL_FROM_NAME": "Scholingsregister Kinderopvang",
        # How long a sender holds a claimed e-mail before another may take it over (it died).
        "OUTBOX_LEASE_SECONDS": 600,
        "BABEL_DEFAULT_LOCALE": "nl",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Amsterdam",
        "COURSES_PER_PAGE": 20,
        "PROVIDERS_PER_PAGE": 100,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": False,
        "WTF_CSRF_TIME_LIMIT": 8 * 3600,
        "SESSION_IDLE_MINUTES": 30,
        "SESSION_ABSOLUTE_HOURS": 12,
        "MARK_VALIDITY_YEARS": 3,
        # An organisation's sign-up whose link lapsed this many days ago, with nothing in it, is removed.
        "ABANDONED_SIGNUP_DAYS": 30,
        # Shared by every worker of the host through a small file; Redis instead when REDIS_URL is set
        # (and then shared by every host), or the database with "registry-db://".
        "RATELIMIT_STORAGE_URI": f"registry-local://{Path(instance_path) / 'ratelimits.sqlite'}",
        "REGISTRY_API_RATE_LIMIT": "300 per minute",
        "REGISTRY_DUMP_RATE_LIMIT": "20 per hour",
        # Each worker keeps the course listing's records, encoded, up to this size (a record is ~2.5 KB).
        "REGISTRY_FEED_RECORD_CACHE_MB": 256,
        # ... and every worker of the host shares them in this file, which a nightly job fills ("": none).
        "REGISTRY_FEED_RECORD_STORE": str(Path(instance_path) / "feed-records.sqlite"),
        # ... or, on a host where it did not run, one worker when a walk finds the day's records unmade.
        "REGISTRY_FEED_RECORDS_AHEAD": True,
        # Public pages rendered by any worker of the host, shared through this file ("": none).
        "REGISTRY_PAGE_STORE": str(Path(instance_path) / "pages.sqlite"),
        "REGISTRY_FORM_RATE_LIMIT": "10 per minute; 60 per hour",
        "REGISTRY_PROXY_HOPS": 0,
        # Request ceilings by kind (registry/http/limits.py); bulk is for files and batches of many rows.
        "MAX_FORM_BYTES": 512 * 1024,
        "MAX_JSON_BYTES": 1024 * 1024,
        "MAX_BULK_BYTES": 16 * 1024 * 1024,
        "MAX_CONTENT_LENGTH": 16 * 1024 * 1024,  # the largest of them, should anything read early
        "MAX_QUERY_CHARACTERS": 4096,  # a search with every filter set stays far below it
        # The address OOAPI's service metadata names for questions about the interface.
        "REGISTRY_OOAPI_CONTACT": "register@scholingsregister-kinderopvang.nl",
        # Where people write with questions, requests under the AVG and accessibility problems.
        "REGISTRY_CONTACT_EMAIL": "register@scholingsregister-kinderopvang.nl",
        # How often a worker looks whether the search log moved past its host's index (seconds).
        "SEARCH_FOLLOW_SECONDS": 0.5,
        # After the index could not be written (full disk, permissions), wait this long before trying again.
        "SEARCH_RETRY_SECONDS": 5.0,
        # A missing index over at most this many courses is rebuilt inside the request; a larger one in the
        # background while searches are answered from the database.
        "SEARCH_INLINE_REBUILD_MAX": 2000,
    }


def normalise_database_url(url: str) -> str:
    """Use the psycopg 3 driver for PostgreSQL URLs as hosting platforms hand them out."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


# Environment variables taken over under their own name.
PASSED_THROUGH = (
    "SEARCH_INDEX_DIR",
    "PUBLIC_BASE_URL",
    "MAIL_SERVER",
    "MAIL_PORT",
    "MAIL_USE_TLS",
    "MAIL_USERNAME",
    "MAIL_PASSWORD",
    "MAIL_FROM",
    "MAIL_FROM_NAME",
    "MAIL_CA_FILE",
    "RATELIMIT_STORAGE_URI",
)


def from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    """Settings taken from environment variables (``DATABASE_URL``, ``SECRET_KEY``, ``REGISTRY_*``)."""
    settings: dict[str, Any] = {}
    if environ.get("DATABASE_URL"):
        settings["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(environ["DATABASE_URL"])
    if environ.get("SECRET_KEY"):
        settings["SECRET_KEY"] = environ["SECRET_KEY"]
    for key in PASSED_THROUGH:
        if environ.get(key):
            settings[key] = environ[key]
    if environ.get("REDIS_URL") and not environ.get("RATELIMIT_STORAGE_URI"):
        settings["RATELIMIT_STORAGE_URI"] = environ["REDIS_URL"]
    known = defaults("")
    for key, value in environ.items():
        if not key.startswith("REGISTRY_"):
            continue
        name = key if key in known else key.removeprefix("REGISTRY_")
        settings[name] = _typed(value, known.get(name))
    for flag in ("MAIL_USE_TLS",):
        if flag in settings:
            settings[flag] = _typed(settings[flag], False)
    return settings


def _typed(value: str, like: Any) -> Any:
    """An environment string as the type of the setting it replaces (numbers and yes/no flags)."""
    if isinstance(like, bool):
        return value.strip().lower() in {"1", "true", "yes", "ja", "on"}
    if isinstance(like, int):
        try:
            return int(value)
        except ValueError as error:
            raise ConfigError(f"{value!r} is not a whole number") from error
    return value


def check_environment(config: Mapping[str, Any]) -> None:
    """Refuse an unknown ``REGISTRY_ENV`` (``Production``, ``prod``) instead of running as development."""
    if config.get("REGISTRY_ENV") not in ENVIRONMENTS:
        raise ConfigError(
            f"REGISTRY_ENV={config.get('REGISTRY_ENV')!r} is unknown; use one of: {', '.join(ENVIRONMENTS)}."
        )
    if config.get("SECRET_KEY") in PUBLISHED_SECRET_KEYS:
        raise ConfigError("SECRET_KEY is a published key; set a random value of at least 32 characters.")


def check_production_safety(config: Mapping[str, Any]) -> None:
    """Refuse to run in production with development secrets or the embedded database."""
    if config.get("REGISTRY_ENV") != "production":
        return
    secret = config.get("SECRET_KEY") or ""
    if len(secret) < 32:
        raise ConfigError("In production SECRET_KEY must be set to a random value of at least 32 characters.")
    if str(config.get("SQLALCHEMY_DATABASE_URI", "")).startswith("sqlite"):
        raise ConfigError(
            "In production DATABASE_URL must point at PostgreSQL, not the embedded SQLite file."
        )
    if not config.get("MAIL_SERVER"):
        # Without SMTP the outbox writes e-mails (with their one-time links) to the log.
        raise ConfigError("In production MAIL_SERVER must be set, so e-mail is sent and never logged.")
    if not config.get("PUBLIC_BASE_URL"):
        raise ConfigError("In production PUBLIC_BASE_URL must be set to the public https:// address.")
    base = urlparse(str(config.get("PUBLIC_BASE_URL") or ""))
    if base.scheme != "https" or not base.hostname or base.hostname in _LOCAL_HOSTS:
        # Reset and invitation links in e-mails are built from it; a default points at 127.0.0.1.
        raise ConfigError(
            "In production PUBLIC_BASE_URL must be the public https:// address of the registry."
        )
    if str(config.get("RATELIMIT_STORAGE_URI", "")).startswith("memory://"):
        # Per-process counters would multiply the rate limits by the number of gunicorn workers.
        raise ConfigError(
            "In production rate limits must be shared: registry-local://, registry-db:// or Redis."
        )


def production_overrides(config: Mapping[str, Any]) -> dict[str, Any]:
    """Stricter cookie settings whenever the registry runs in production."""
    if config.get("REGISTRY_ENV") != "production":
        return {}
    return {
        "SESSION_COOKIE_SECURE": True,
        # __Host-: the browser only keeps it when Secure, for Path=/ and without Domain, so no
        # sibling (sub)domain can plant or overwrite the session cookie.
        "SESSION_COOKIE_NAME": "__Host-session",
        "SESSION_COOKIE_PATH": "/",
        "SESSION_COOKIE_DOMAIN": None,
        "PREFERRED_URL_SCHEME": "https",
    }


def development_fallbacks(config: Mapping[str, Any]) -> dict[str, Any]:
    """What development may leave unset: a local address for links, and a session key of its own."""
    if config.get("REGISTRY_ENV") != "development":
        return {}
    fallbacks: dict[str, Any] = {}
    if not config.get("PUBLIC_BASE_URL"):
        fallbacks["PUBLIC_BASE_URL"] = DEVELOPMENT_BASE_URL
    if not config.get("SECRET_KEY"):
        fallbacks["SECRET_KEY"] = instance_secret_key(Path(config["SECRET_KEY_FILE"]))
    return fallbacks


def instance_secret_key(path: Path) -> str:
    """A random key made on first start and kept (owner-readable only) so sessions survive restarts."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written in full under a private name, then linked into place: a worker starting at the same
        # moment finds either no file or the whole key, and the first link wins.
        draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another worker's key is in place; use that one
        finally:
            draft.unlink()
    key = path.read_text().strip()
    if len(key) < 32:
        raise ConfigError(f"{path} holds no usable session key; delete it to have a new one made.")
    return key


def build(instance_path: str, overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Merge defaults, environment and explicit overrides, then check the environment's safety."""
    config = defaults(instance_path)
    config.update(from_environment(os.environ))
    config.update(overrides or {})
    check_environment(config)
    config.update(development_fallbacks(config))
    config.update(production_overrides(config))
    check_environment(config)
    check_production_safety(config)
    return config
