"""Chart geometry: bars in proportion, round axes, every value labelled."""

from __future__ import annotations

from registry.statistics import charts

SERIES = [charts.Series("Geaccrediteerd", charts.LINT_BLUE), charts.Series("Niet", charts.SKY_BLUE)]


def test_stacked_bars_are_in_proportion_and_labelled_with_their_total():
    chart = charts.bars([("Babyscholing", [3, 1]), ("Kinder-EHBO", [1, 1]), ("Hygiëne", [0, 0])], SERIES)
    widths = [rect.width for rect in chart.rects]
    assert widths == [240.0, 80.0, 80.0, 80.0]  # 320 units for the largest total, 4
    assert [t.text for t in chart.texts] == ["Babyscholing", "4", "Kinder-EHBO", "2", "Hygiëne", "0"]
    assert chart.legend == SERIES
    assert chart.width == 400 and chart.height == 3 * 36 + 8


def test_axes_end_on_a_round_number_in_at_most_five_steps():
    assert charts._axis(49) == (10, 5)
    assert charts._axis(7) == (2, 4)
    assert charts._axis(437) == (100, 5)
    assert charts._axis(0) == (1, 1)
    chart = charts.columns([("dec", [49]), ("jan", [0])], SERIES[:1])
    assert [t.text for t in chart.texts][:6] == ["0", "10", "20", "30", "40", "50"]
    assert chart.legend == []  # one series needs no legend


def test_box_plot_marks_quartiles_and_median():
    chart = charts.boxes([("Babyscholing", 30, 40, 50, 50, 50)])
    box = chart.rects[0]
    assert (box.x, box.width) == (round(4 + 370 * 40 / 50, 1), round(370 * 10 / 50, 1))
    assert chart.texts[0].text == "Babyscholing (€ 50)"
