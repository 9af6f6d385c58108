"""Configuration: safe development defaults, overridden by the environment, then by tests."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

DEV_SECRET_KEY = "dev-only-secret-key-do-not-use-in-production"


class ConfigError(RuntimeError):
    """The configuration is unsafe or incomplete for the chosen environment."""


def defaults(instance_path: str) -> dict[str, Any]:
    """Development defaults: an embedded SQLite database in the instance folder."""
    return {
        "REGISTRY_ENV": "development",
        "SECRET_KEY": DEV_SECRET_KEY,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(instance_path) / 'registry.db'}",
        "SEARCH_INDEX_DIR": str(Path(instance_path) / "search-index"),
        "REGISTRY_DUMP_DIR": str(Path(instance_path) / "dumps"),
        "BABEL_DEFAULT_LOCALE": "nl",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Amsterdam",
        "COURSES_PER_PAGE": 20,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": False,
        "WTF_CSRF_TIME_LIMIT": 8 * 3600,
        "RATELIMIT_STORAGE_URI": "memory://",
        "REGISTRY_API_RATE_LIMIT": "300 per minute",
        "REGISTRY_DUMP_RATE_LIMIT": "20 per hour",
        "REGISTRY_PROXY_HOPS": 0,
    }


def normalise_database_url(url: str) -> str:
    """Use the psycopg 3 driver for PostgreSQL URLs as hosting platforms hand them out."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    """Settings taken from environment variables (``DATABASE_URL``, ``SECRET_KEY``, ``REGISTRY_*``)."""
    settings: dict[str, Any] = {}
    if environ.get("DATABASE_URL"):
        settings["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(environ["DATABASE_URL"])
    if environ.get("SECRET_KEY"):
        settings["SECRET_KEY"] = environ["SECRET_KEY"]
    if environ.get("REDIS_URL"):
        settings["RATELIMIT_STORAGE_URI"] = environ["REDIS_URL"]
    if environ.get("SEARCH_INDEX_DIR"):
        settings["SEARCH_INDEX_DIR"] = environ["SEARCH_INDEX_DIR"]
    for key, value in environ.items():
        if key.startswith("REGISTRY_"):
            settings[key] = value
    return settings


def check_production_safety(config: Mapping[str, Any]) -> None:
    """Refuse to run in production with development secrets or the embedded database."""
    if config.get("REGISTRY_ENV") != "production":
        return
    secret = config.get("SECRET_KEY") or ""
    if secret == DEV_SECRET_KEY or len(secret) < 32:
        raise ConfigError("In production SECRET_KEY must be set to a random value of at least 32 characters.")
    if str(config.get("RATELIMIT_STORAGE_URI", "")).startswith("memory://"):
        # Per-process counters would multiply the API's rate limit by the number of gunicorn workers.
        raise ConfigError("In production REDIS_URL must be set: rate limits are shared through Redis.")


def production_overrides(config: Mapping[str, Any]) -> dict[str, Any]:
    """Stricter cookie settings whenever the registry runs in production."""
    if config.get("REGISTRY_ENV") != "production":
        return {}
    return {"SESSION_COOKIE_SECURE": True, "PREFERRED_URL_SCHEME": "https"}


def build(instance_path: str, overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Merge defaults, environment and explicit overrides, then check production safety."""
    config = defaults(instance_path)
    config.update(from_environment(os.environ))
    config.update(overrides or {})
    config.update(production_overrides(config))
    check_production_safety(config)
    return config
