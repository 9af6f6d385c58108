"""Operator commands: `flask --app registry users create …` and `flask --app registry tokens create …`."""

from __future__ import annotations

import os

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from registry.accounts import service
from registry.accounts.models import Role, User
from registry.errors import DomainError
from registry.extensions import db

users_cli = AppGroup("users", help="Manage accounts.")
tokens_cli = AppGroup("tokens", help="Manage personal API tokens.")


@users_cli.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--provider", "provider_slug", help="Slug of the provider the user works for.")
@click.option("--organisation", "organisation_slug", help="Slug of the childcare organisation.")
@click.option("--name", default="", help="Display name.")
def create_user_command(
    email: str, role: str, provider_slug: str | None, organisation_slug: str | None, name: str
):
    """Create an account; the password comes from REGISTRY_PASSWORD or a prompt."""
    password = os.environ.get("REGISTRY_PASSWORD") or click.prompt(
        "Wachtwoord", hide_input=True, confirmation_prompt=True
    )
    try:
        user = service.create_user_by_operator(
            email,
            Role(role),
            password=password,
            name=name,
            provider_slug=provider_slug,
            organisation_slug=organisation_slug,
        )
    except DomainError as error:
        raise click.ClickException(error.message) from error
    click.echo(f"Account {user.email} ({user.role.value}) aangemaakt.")


@tokens_cli.command("create")
@click.argument("email")
@click.option("--name", default="CLI", help="What the token is for.")
def create_token_command(email: str, name: str) -> None:
    """Create a personal API token; the token is printed once, as the last line."""
    user = db.session.scalar(sa.select(User).where(User.email == email.strip().lower()))
    if user is None or not user.is_active:
        raise click.ClickException(f"Geen actief account met e-mailadres {email}.")
    _token, secret = service.create_api_token(user, name)
    click.echo(f"Token voor {user.email} aangemaakt. Bewaar het nu; het wordt niet nog eens getoond:")
    click.echo(secret)
