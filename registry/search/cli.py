"""``flask --app registry search …``: rebuild, check, follow the log, and report the index's status."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from registry.extensions import db
from registry.search import sync, thesaurus_store
from registry.search.documents import published_ids
from registry.search.index import IndexMissing

search_cli = AppGroup("search", help="Full-text search index.")


@search_cli.command("reindex")
@click.option(
    "--if-empty", is_flag=True, help="Only when there is no index yet, or it does not know its log position."
)
def reindex_command(if_empty: bool) -> None:
    """Rebuild the index from the database in a new directory and swap it in atomically."""
    store = sync.current_store()
    if if_empty and store.position() is not None:
        try:
            with store.open_index().searcher() as searcher:
                click.echo(f"De zoekindex bevat al {searcher.doc_count()} opleidingen.")
                return
        except IndexMissing:
            pass
    with db.engine.connect() as connection:
        total = len(published_ids(connection))
    thesaurus = thesaurus_store.use_latest_saved()  # officials' last thesaurus goes live with the index
    with click.progressbar(length=total, label="Zoekindex opbouwen", file=sys.stderr) as bar:
        count = sync.rebuild(store, db.engine, progress=bar.update)
    thesaurus_store.mark_indexed(thesaurus)
    click.echo(f"Zoekindex opnieuw opgebouwd: {count} opleidingen.")


@search_cli.command("check")
@click.option("--repair", is_flag=True, help="Bring the index in line with the database.")
def check_command(repair: bool) -> None:
    """Report courses missing from, stale in or extra in the index; exit 1 on drift."""
    store = sync.current_store()
    report = sync.check(store, db.engine)
    for label, ids in (
        ("ontbrekend", report.missing),
        ("verouderd", report.stale),
        ("overbodig", report.extra),
    ):
        shown = ", ".join(map(str, ids[:20])) + (" …" if len(ids) > 20 else "")
        click.echo(f"{label}: {len(ids)}" + (f" ({shown})" if ids else ""))
    if report.pending:
        click.echo("Het wijzigingenlogboek loopt voor op deze index (sync of check --repair verwerkt het).")
    if repair and (report.drifted or report.pending):
        applied = sync.repair(store, db.engine, report)
        click.echo(f"Hersteld: {applied} wijzigingen verwerkt.")
        return
    if report.drifted:
        sys.exit(1)


@search_cli.command("sync")
def sync_command() -> None:
    """Apply the search log's entries after the index's position (rebuild when that is not possible)."""
    store = sync.current_store()
    try:
        applied = sync.follow(store, db.engine, lock_timeout=60)
    except IndexMissing as error:
        click.echo(f"De zoekindex moet opnieuw worden opgebouwd ({error}).")
        count = sync.rebuild(store, db.engine)
        click.echo(f"Zoekindex opnieuw opgebouwd: {count} opleidingen.")
        return
    click.echo(f"{applied} wijzigingen verwerkt.")


@search_cli.command("status")
def status_command() -> None:
    """This host's index beside the database: documents, log position and the log's head."""
    status = sync.index_status(sync.current_store(), db.engine)
    click.echo(f"generatie: {status.generation or '-'}")
    click.echo(f"documenten: {'-' if status.documents is None else status.documents}")
    click.echo(f"gepubliceerde opleidingen: {status.published}")
    click.echo(f"positie in het wijzigingenlogboek: {'-' if status.position is None else status.position}")
    click.echo(f"laatste positie van het logboek: {status.log_head}")
