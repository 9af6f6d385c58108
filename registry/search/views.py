"""The search page: ``/zoeken`` with facets, works without JavaScript and shares by URL."""

from datetime import timedelta
from urllib.parse import urlencode

import sqlalchemy.exc as sa_exc
from flask import Blueprint, render_template, request, url_for
from flask_babel import format_decimal
from flask_login import current_user, login_required
from werkzeug.datastructures import MultiDict, iter_multi_items

from registry.clock import today
from registry.errors import ValidationFailed
from registry.extensions import db
from registry.search import demand, service, thesaurus_store
from registry.search.places import RADII_KM

bp = Blueprint("search", __name__)


@bp.before_app_request
def _follow_thesaurus() -> None:
    """Every process searches and writes documents with the thesaurus the index was built with."""
    if request.path.startswith(("/health/", "/static/", "/vendor/")):
        return  # a probe or a file must answer whatever the database does
    try:
        thesaurus_store.follow_live_thesaurus()
    except sa_exc.OperationalError:
        db.session.rollback()  # keep the thesaurus in use; the next request looks again


@bp.get("/zoeken")
def search_page():
    """Search results with facet counts; every choice is a plain link or GET form field.

    :raise 422: a parameter is out of range.
    """
    place_error = None
    try:
        args = service.parse_search_args(request.args)
    except ValidationFailed as error:
        if set(error.fields) != {"bij"}:
            raise
        # A place we do not know: say so beside the field, and show the rest of the search.
        place_error = " ".join(map(str, error.fields["bij"]))
        args = service.parse_search_args(_without(request.args, "bij", "straal"))
    day = today()
    outcome = service.search(args, day)
    hits = service.load_hits(outcome, lambda cid: url_for("catalogue.course_detail", course_id=cid))
    facets = service.facets_for(outcome, service.facet_labels())
    return render_template(
        "search/results.html",
        place_error=place_error,
        typed_place=request.args.get("bij", "")[:100],
        outcome=outcome,
        hits=hits,
        facets=facets,
        words=args["q"],
        today=day,
        radii=sorted(RADII_KM),
        radius=args["straal"],
        search_path=url_for("search.search_page"),
    ), (422 if place_error else 200)


def _without(args: MultiDict, *names: str) -> MultiDict:
    return MultiDict([(key, value) for key, value in args.items(multi=True) if key not in names])


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
    if outcome.near is not None:
        args["bij"] = outcome.place_query
        args["straal"] = outcome.near.radius_km
    if outcome.sort != ("afstand" if outcome.near else "relevantie"):
        args["sorteer"] = outcome.sort
    args.update(changes)
    return {key: value for key, value in args.items() if value not in (None, [], "")}


# The characters werkzeug's URL building leaves unquoted in a query string.
URL_QUERY_SAFE = "!$'()*,/:;?@"


@bp.app_template_global()
def search_query(outcome: service.SearchOutcome, changes: dict) -> str:
    """The query string (with its "?") of ``outcome``'s search with ``changes`` applied, encoded as
    ``url_for`` encodes it: a result page has a hundred such links, and routing each cost more than
    the rest of the page's links together."""
    args = iter_multi_items(search_args(outcome, **changes))
    query = urlencode([(key, value) for key, value in args if value is not None], safe=URL_QUERY_SAFE)
    return f"?{query}" if query else ""


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


@bp.app_template_filter()
def km(distance: float | None) -> str:
    """A distance as people say it: "3,4 km" close by, "27 km" further away."""
    if distance is None:
        return ""
    return f"{format_decimal(round(distance, 1) if distance < 10 else round(distance), '#,##0.#')} km"
