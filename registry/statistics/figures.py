"""The figures as people read them: title, how it is counted, a summary in words, a table and a chart.

Built from the cached raw figures on every request (cheap), in the reader's language, with the filters
applied. The same tables feed the page, the JSON API and the CSV downloads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _

from registry.catalogue.enums import Province
from registry.clock import AMSTERDAM
from registry.errors import NotFound
from registry.statistics import charts
from registry.statistics.activity_figures import demand_figure, reviews_figure, trend_figure
from registry.statistics.counting import ONLINE, coming_months
from registry.statistics.presenting import Figure, Filters, euro, month_label, place_label, share
from registry.statistics.service import GAP_HORIZON, current_figures, trend


def build_figures(raw: dict[str, Any], trend: list[dict[str, Any]], filters: Filters) -> list[Figure]:
    """Every figure, in the order the page shows them."""
    as_of = date.fromisoformat(raw["as_of"])
    return [
        coverage_figure(raw, filters, as_of),
        runs_figure(raw, filters, as_of),
        topics_figure(raw, "topics", as_of),
        topics_figure(raw, "roles", as_of),
        accreditation_figure(raw, as_of),
        delivery_figure(raw, as_of),
        price_figure(raw, as_of),
        study_load_figure(raw, as_of),
        reviews_figure(raw, as_of),
        demand_figure(raw, as_of),
        trend_figure(trend, as_of),
    ]


def _heat_level(count: int, largest: int) -> int:
    if count == 0:
        return 0
    return min(4, 1 + int(3 * count / largest)) if largest else 1


def coverage_figure(raw: dict[str, Any], filters: Filters, as_of: date) -> Figure:
    """Accredited courses per legal requirement and province: the gaps at a glance."""
    cells = raw["coverage"][filters.period]
    requirements = [r for r in raw["requirements"] if filters.requirement in (None, r["code"])]
    places = [p.value for p in Province] + [ONLINE]
    if filters.province:
        places = [filters.province] if filters.province == ONLINE else [filters.province, ONLINE]
    rows = [
        [place_label(place), *(cells.get(r["code"], {}).get(place, 0) for r in requirements)]
        for place in places
    ]
    largest = max((n for row in rows for n in row[1:]), default=0)
    heat = [[_heat_level(n, largest) for n in row[1:]] for row in rows]
    months = int(filters.period)
    summary = []
    for index, requirement in enumerate(requirements):
        empty = [row[0] for row in rows if row[index + 1] == 0 and row[0] != _("Online")]
        name = requirement["name"]
        if len(empty) == 1:
            summary.append(
                _(
                    "In %(province)s is geen geaccrediteerde opleiding voor ‘%(requirement)s’ met een "
                    "startdatum "
                    "in de komende %(months)s maanden.",
                    province=empty[0],
                    requirement=name,
                    months=months,
                )
            )
        elif empty:
            summary.append(
                _(
                    "Geen geaccrediteerde opleiding voor ‘%(requirement)s’ met een startdatum in de komende "
                    "%(months)s maanden in %(count)s provincies: %(provinces)s.",
                    requirement=name,
                    months=months,
                    count=len(empty),
                    provinces=", ".join(empty),
                )
            )
        elif not filters.province:
            summary.append(
                _(
                    "Voor ‘%(requirement)s’ start in elke provincie binnen %(months)s maanden een "
                    "geaccrediteerde opleiding.",
                    requirement=name,
                    months=months,
                )
            )
    if not requirements:
        summary.append(_("Er zijn nog geen wettelijke scholingseisen vastgelegd."))
    return Figure(
        "dekking",
        _(
            "Geaccrediteerd aanbod per wettelijke eis en provincie (komende %(months)s maanden)",
            months=months,
        ),
        as_of,
        _(
            "Telt per provincie de gepubliceerde, op deze datum geaccrediteerde opleidingen voor een "
            "wettelijke "
            "eis met ten minste één uitvoering op locatie in die provincie die start in de komende "
            "%(months)s "
            "maanden. Een opleiding met uitvoeringen in twee provincies telt in beide één keer; online "
            "uitvoeringen staan apart. Aanbieders die geschorst zijn tellen niet mee.",
            months=months,
        ),
        summary,
        [_("Provincie"), *(r["name"] for r in requirements)],
        rows,
        heatmap=heat,
    )


def runs_figure(raw: dict[str, Any], filters: Filters, as_of: date) -> Figure:
    months = coming_months(as_of)
    totals = {month: [0, 0] for month in months}
    for month, place, code, accredited, runs in raw["runs_per_month"]:
        if filters.province not in (None, place) or filters.requirement not in (None, code):
            continue
        if month in totals:
            totals[month][0 if accredited else 1] += runs
    series = [
        charts.Series(_("Geaccrediteerd"), charts.LINT_BLUE),
        charts.Series(_("Niet geaccrediteerd"), charts.SKY_BLUE),
    ]
    items = [(month_label(month, "MMM"), values) for month, values in totals.items()]
    rows = [[month_label(month), values[0], values[1], sum(values)] for month, values in totals.items()]
    total = sum(row[3] for row in rows)
    summary = [_("In de komende 12 maanden starten %(total)s uitvoeringen.", total=total)]
    if total:
        busiest = max(rows, key=lambda row: row[3])
        quietest = min(rows, key=lambda row: row[3])
        summary.append(
            _(
                "De meeste starten in %(busy)s (%(busy_n)s), de minste in %(quiet)s (%(quiet_n)s).",
                busy=busiest[0],
                busy_n=busiest[3],
                quiet=quietest[0],
                quiet_n=quietest[3],
            )
        )
    scope = []
    if filters.province:
        scope.append(place_label(filters.province))
    if filters.requirement:
        scope.append(next((r["name"] for r in raw["requirements"] if r["code"] == filters.requirement), ""))
    title = _("Uitvoeringen per maand")
    if scope:
        title += " — " + ", ".join(scope)
    return Figure(
        "uitvoeringen",
        title,
        as_of,
        _(
            "Telt de uitvoeringen van gepubliceerde opleidingen per maand waarin ze starten, vanaf deze "
            "datum "
            "tot het einde van de twaalfde maand; geaccrediteerd is een opleiding met een accreditatie die "
            "op "
            "deze datum geldt."
        ),
        summary,
        [_("Maand"), _("Geaccrediteerd"), _("Niet geaccrediteerd"), _("Totaal")],
        rows,
        charts.columns(items, series),
    )


def topics_figure(raw: dict[str, Any], key: str, as_of: date) -> Figure:
    entries = raw[key]
    series = [
        charts.Series(_("Geaccrediteerd"), charts.LINT_BLUE),
        charts.Series(_("Niet geaccrediteerd"), charts.SKY_BLUE),
    ]
    items = [(e["name"], [e["accredited"], e["courses"] - e["accredited"]]) for e in entries]
    rows = [[e["name"], e["courses"], e["accredited"]] for e in entries]
    without = [e["name"] for e in entries if e["accredited"] == 0]
    summary = []
    if entries and max(e["courses"] for e in entries):
        top = max(entries, key=lambda e: e["courses"])
        summary.append(
            _("Het meeste aanbod: ‘%(name)s’ (%(n)s opleidingen).", name=top["name"], n=top["courses"])
        )
    if without:
        summary.append(_("Zonder geaccrediteerde opleiding: %(names)s.", names=", ".join(without)))
    label = _("Thema") if key == "topics" else _("Functie")
    return Figure(
        "themas" if key == "topics" else "functies",
        _("Aanbod per thema") if key == "topics" else _("Aanbod per functie"),
        as_of,
        _(
            "Telt de gepubliceerde opleidingen per thema; een opleiding met meer thema's telt bij elk. "
            "Geaccrediteerd: met een accreditatie die op deze datum geldt."
        )
        if key == "topics"
        else _(
            "Telt de gepubliceerde opleidingen per functie; een opleiding voor meer functies telt bij elk. "
            "Geaccrediteerd: met een accreditatie die op deze datum geldt."
        ),
        summary,
        [label, _("Opleidingen"), _("Waarvan geaccrediteerd")],
        rows,
        charts.bars(items, series),
    )


def accreditation_figure(raw: dict[str, Any], as_of: date) -> Figure:
    shares = raw["accreditation"]
    labels = {
        "accredited": (_("Geaccrediteerd"), charts.GREEN),
        "expired": (_("Accreditatie verlopen"), charts.RED),
        "withdrawn": (_("Geschorst of ingetrokken"), charts.VIOLET),
        "none": (_("Nooit geaccrediteerd"), charts.GREY),
    }
    whole = sum(shares.values())
    rows = [[labels[k][0], n, share(n, whole)] for k, n in shares.items()]
    items = [(labels[k][0], [n]) for k, n in shares.items()]
    return Figure(
        "accreditatie",
        _("Geaccrediteerd, verlopen of zonder accreditatie"),
        as_of,
        _(
            "Telt de gepubliceerde opleidingen naar hun accreditatie op deze datum: geldig; anders verlopen "
            "als "
            "een eerdere accreditatie afliep; anders geschorst of ingetrokken; anders nooit geaccrediteerd."
        ),
        [
            _(
                "Van de %(whole)s gepubliceerde opleidingen is %(share)s geaccrediteerd; bij %(expired)s is "
                "de "
                "accreditatie verlopen.",
                whole=whole,
                share=share(shares["accredited"], whole),
                expired=share(shares["expired"], whole),
            )
        ],
        [_("Accreditatie"), _("Opleidingen"), _("Aandeel")],
        rows,
        charts.bars(items, [charts.Series(_("Opleidingen"), charts.LINT_BLUE)]),
    )


def delivery_figure(raw: dict[str, Any], as_of: date) -> Figure:
    d = raw["delivery"]
    runs = d["online_runs"] + d["on_site_runs"]
    items = [(_("Op locatie"), [d["on_site_runs"]]), (_("Online"), [d["online_runs"]])]
    return Figure(
        "online",
        _("Online of op locatie"),
        as_of,
        _(
            "Telt de uitvoeringen van gepubliceerde opleidingen die starten in de komende 12 maanden, en de "
            "opleidingen met zulke uitvoeringen (een opleiding met beide soorten telt bij beide)."
        ),
        [
            _(
                "Van de %(runs)s uitvoeringen in de komende 12 maanden is %(share)s online.",
                runs=runs,
                share=share(d["online_runs"], runs),
            )
        ],
        [_("Vorm"), _("Uitvoeringen"), _("Opleidingen")],
        [
            [_("Op locatie"), d["on_site_runs"], d["on_site_courses"]],
            [_("Online"), d["online_runs"], d["online_courses"]],
        ],
        charts.bars(items, [charts.Series(_("Uitvoeringen"), charts.ORANGE)]),
    )


def price_figure(raw: dict[str, Any], as_of: date) -> Figure:
    spread = raw["price_per_hour"]
    topics = sorted(spread["topics"], key=lambda t: (-t["median"], t["name"]))  # dearest first
    rows = [
        [
            t["name"],
            t["courses"],
            euro(t["min"]),
            euro(t["q1"]),
            euro(t["median"]),
            euro(t["q3"]),
            euro(t["max"]),
        ]
        for t in topics
    ]
    summary = [_("De mediane prijs per studie-uur is %(median)s.", median=euro(spread["all"]["median"]))]
    if topics:
        dear = max(topics, key=lambda t: t["median"])
        cheap = min(topics, key=lambda t: t["median"])
        summary.append(
            _(
                "Het hoogst is de mediaan bij ‘%(dear)s’ (%(dear_p)s), het laagst bij ‘%(cheap)s’ "
                "(%(cheap_p)s).",
                dear=dear["name"],
                dear_p=euro(dear["median"]),
                cheap=cheap["name"],
                cheap_p=euro(cheap["median"]),
            )
        )
    items = [(t["name"], t["min"], t["q1"], t["median"], t["q3"], t["max"]) for t in topics]
    return Figure(
        "prijs",
        _("Prijs per studie-uur per thema"),
        as_of,
        _(
            "De prijs van elke gepubliceerde opleiding gedeeld door haar studiebelasting in uren; per thema "
            "de "
            "laagste, het eerste kwartiel, de mediaan, het derde kwartiel en de hoogste (kwartielen met "
            "lineaire "
            "interpolatie), de duurste mediaan eerst. Opleidingen zonder studiebelasting tellen niet mee."
        ),
        summary,
        [_("Thema"), _("Opleidingen"), _("Laagste"), _("25%"), _("Mediaan"), _("75%"), _("Hoogste")],
        rows,
        charts.boxes(items) if items else None,
    )


def study_load_figure(raw: dict[str, Any], as_of: date) -> Figure:
    def band(entry: dict[str, Any]) -> str:
        if entry["high"] is None:
            return _("%(low)s uur of meer", low=entry["low"])
        return _("%(low)s–%(high)s uur", low=entry["low"], high=entry["high"])

    bands = raw["study_load"]
    rows = [[band(b), b["courses"]] for b in bands]
    summary = []
    if any(b["courses"] for b in bands):
        most = max(bands, key=lambda b: b["courses"])
        summary.append(
            _(
                "De meeste opleidingen hebben een studiebelasting van %(band)s (%(n)s).",
                band=band(most),
                n=most["courses"],
            )
        )
    return Figure(
        "studiebelasting",
        _("Studiebelasting"),
        as_of,
        _("Telt de gepubliceerde opleidingen naar hun studiebelasting in uren."),
        summary,
        [_("Studiebelasting"), _("Opleidingen")],
        rows,
        charts.bars(
            [(row[0], [row[1]]) for row in rows], [charts.Series(_("Opleidingen"), charts.LINT_BLUE)]
        ),
    )


@dataclass(frozen=True)
class StatisticsView:
    as_of: date
    computed_at: datetime | None  # when the background job counted them (Dutch time)
    filters: Filters
    figures: list[Figure]
    requirements: list[dict[str, str]]


def statistics_view(args: dict[str, Any], day: date | None = None) -> StatisticsView:
    """The figures of the day with the filters in ``args`` (loaded by ``StatisticsArgsSchema``).

    :raise NotFound: the requirement filter names no legal requirement (a filter for what is not there).
    """
    raw = current_figures(day)
    as_of = date.fromisoformat(raw["as_of"])
    codes = {r["code"] for r in raw["requirements"]}
    if args.get("eis") and args["eis"] not in codes:
        raise NotFound(_("Deze wettelijke eis bestaat niet."))
    filters = Filters(
        args.get("periode") or GAP_HORIZON, args.get("provincie") or None, args.get("eis") or None
    )
    computed_at = raw.get("computed_at") and datetime.fromisoformat(raw["computed_at"]).astimezone(AMSTERDAM)
    figures = build_figures(raw, trend(as_of, raw), filters)
    return StatisticsView(as_of, computed_at, filters, figures, raw["requirements"])
