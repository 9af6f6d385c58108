"""The search page: ``/zoeken`` with facets, works without JavaScript and shares by URL."""

from datetime import timedelta

from flask import Blueprint, render_template, request, url_for
from flask_login import current_user, login_required

from registry.clock import today
from registry.search import demand, service, thesaurus_store

bp = Blueprint("search", __name__)


@bp.before_app_request
def _follow_thesaurus() -> None:
    """Every process searches and writes documents with the thesaurus the index was built with."""
    thesaurus_store.follow_live_thesaurus()


@bp.get("/zoeken")
def search_page():
    """Search results with facet counts; every choice is a plain link or GET form field.

    :raise 422: a parameter is out of range.
    """
    args = service.parse_search_args(request.args)
    day = today()
    outcome = service.search(args, day)
    hits = service.load_hits(outcome, lambda cid: url_for("catalogue.course_detail", course_id=cid))
    facets = service.facets_for(outcome, service.facet_labels())
    return render_template(
        "search/results.html", outcome=outcome, hits=hits, facets=facets, words=args["q"], today=day
    )


@bp.get("/zoeken/vraag")
@login_required
def demand_page():
    """For officials: the words people searched for in the last 30 days and found little for.

    :raise 403: the user is not a sector official.
    """
    until = today()
    since = until - timedelta(days=DEMAND_DAYS - 1)
    rows = demand.search_demand(current_user._get_current_object(), since, until)
    return render_template("search/demand.html", rows=rows, since=since, until=until)


DEMAND_DAYS = 30


@bp.app_template_global()
def search_args(outcome: service.SearchOutcome, **changes) -> dict:
    """The query-string arguments of ``outcome`` with ``changes`` applied (None drops a key).

    A new filter or query starts again at page one, so links never point past the last page.
    """
    args: dict = {
        "q": outcome.query or None,
        **{name: list(values) for name, values in outcome.filters.items()},
    }
    if outcome.sort != "relevantie":
        args["sorteer"] = outcome.sort
    args.update(changes)
    return {key: value for key, value in args.items() if value not in (None, [], "")}


@bp.app_template_global()
def toggle(outcome: service.SearchOutcome, facet: str, value: str) -> dict:
    """The change that adds ``value`` to, or removes it from, the ``facet`` filter."""
    chosen = set(outcome.filters.get(facet, ()))
    chosen ^= {value}
    return {facet: sorted(chosen), "pagina": None}


@bp.app_template_global()
def label_of(facets: list[service.Facet], facet: str, value: str) -> str:
    """The Dutch label of a facet value."""
    for candidate in facets:
        if candidate.name == facet:
            return next((v.label for v in candidate.values if v.value == value), value)
    return value
