"""The figures about activity: the review process, demand signals and the trend over months."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import format_decimal, format_percent
from flask_babel import gettext as _

from registry.statistics import charts
from registry.statistics.presenting import Figure, month_label


def reviews_figure(raw: dict[str, Any], as_of: date) -> Figure:
    r = raw["reviews"]
    rows = [[month_label(s["month"]), s["cases"]] for s in r["submissions"]]
    submitted = sum(s["cases"] for s in r["submissions"])
    summary = [_("In de afgelopen 12 maanden zijn %(n)s zaken ingediend.", n=submitted)]
    if r["decisions"]:
        summary.append(
            _(
                "Van de %(n)s besluiten in het afgelopen jaar is %(rate)s goedgekeurd. Een besluit kwam na "
                "mediaan %(median)s dagen; 90%% binnen %(p90)s dagen.",
                n=r["decisions"],
                rate=format_percent(r["approval_rate"], format="#,##0%"),
                median=format_decimal(r["median_days"]),
                p90=format_decimal(r["p90_days"]),
            )
        )
    else:
        summary.append(_("In het afgelopen jaar is nog geen besluit genomen."))
    items = [(month_label(s["month"], "MMM"), [s["cases"]]) for s in r["submissions"]]
    return Figure(
        "beoordelingen",
        _("Het beoordelingsproces"),
        as_of,
        _(
            "Ingediende zaken (opleidingen en aanbieders) per maand van indienen. Doorlooptijd: dagen van "
            "indienen tot het besluit van de tweede beoordelaar, over de besluiten van de afgelopen 365 "
            "dagen; "
            "het 90e percentiel met lineaire interpolatie. Goedkeuring: het aandeel besluiten dat goedkeurt."
        ),
        summary,
        [_("Maand"), _("Ingediend")],
        rows,
        charts.columns(items, [charts.Series(_("Ingediend"), charts.LINT_BLUE)]),
    )


def demand_figure(raw: dict[str, Any], as_of: date) -> Figure:
    d = raw["demand"] or {"threshold": 5, "followed": [], "zero_results": None}
    rows = [[_("Gevolgde zoekopdracht"), e["term"], e["searches"]] for e in d["followed"]]
    rows += [[_("Zoekopdracht zonder resultaat"), e["term"], e["searches"]] for e in d["zero_results"] or []]
    summary = []
    if d["followed"]:
        summary.append(
            _(
                "Het meest gevolgd: ‘%(term)s’ (%(n)s organisaties).",
                term=d["followed"][0]["term"],
                n=d["followed"][0]["searches"],
            )
        )
    else:
        summary.append(
            _("Nog geen zoekopdracht wordt door %(n)s of meer organisaties gevolgd.", n=d["threshold"])
        )
    if d["zero_results"] is None:
        summary.append(_("Zoekopdrachten zonder resultaat worden nog niet bijgehouden."))
    elif not d["zero_results"]:
        summary.append(_("Geen zoekterm zonder resultaat is %(n)s keer of vaker gebruikt.", n=d["threshold"]))
    return Figure(
        "vraag",
        _("Waar wordt naar gezocht?"),
        as_of,
        _(
            "Zoekopdrachten die organisaties volgen (per zoekopdracht het aantal verschillende organisaties, "
            "opgeslagen in de afgelopen 12 maanden) en zoektermen zonder resultaat. Alleen getallen: geen "
            "personen, organisaties of adressen; een zoekterm staat er pas als ten minste %(n)s "
            "verschillende "
            "zoekopdrachten hem gebruikten.",
            n=d["threshold"],
        ),
        summary,
        [_("Soort"), _("Zoekopdracht"), _("Aantal")],
        rows,
    )


def trend_figure(trend: list[dict[str, Any]], as_of: date) -> Figure:
    series = [
        charts.Series(_("Gepubliceerd"), charts.SKY_BLUE),
        charts.Series(_("Geaccrediteerd"), charts.LINT_BLUE),
        charts.Series(_("Witte vlekken"), charts.RED),
    ]
    rows = [[month_label(t["month"]), t["published"], t["accredited"], t["gaps"]] for t in trend]
    first, last = trend[0], trend[-1]
    summary = [
        _(
            "Sinds %(month)s: geaccrediteerde opleidingen van %(a)s naar %(b)s, witte vlekken van %(c)s "
            "naar %(d)s.",
            month=month_label(first["month"]),
            a=first["accredited"],
            b=last["accredited"],
            c=first["gaps"],
            d=last["gaps"],
        )
    ]
    items = [(month_label(t["month"], "MMM yy"), [t["published"], t["accredited"], t["gaps"]]) for t in trend]
    return Figure(
        "verloop",
        _("Verloop per maand"),
        as_of,
        _(
            "Uit de maandelijkse momentopnamen die de dagelijkse taak bewaart (per maand de laatste), "
            "aangevuld "
            "met vandaag. Witte vlekken: combinaties van wettelijke eis en provincie zonder geaccrediteerde "
            "uitvoering op locatie in de komende 3 maanden."
        ),
        summary,
        [_("Maand"), _("Gepubliceerd"), _("Geaccrediteerd"), _("Witte vlekken")],
        rows,
        charts.lines(items, series) if len(items) > 1 else None,
    )
