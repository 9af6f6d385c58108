"""Tables that become cards on a phone: each data cell learns its column's heading (``data-label``), which
the style sheet shows above the value when the rows stack. Wrap a table in ``{% filter cell_labels %}``."""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

from markupsafe import Markup


class _CellLabeller(HTMLParser):
    """Finds the column headings in <thead> and where each body cell's start tag ends."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[str] = []
        self.inserts: list[tuple[tuple[int, int], str]] = []  # (position of the start tag, its label)
        self._in_head = False
        self._heading: list[str] | None = None
        self._column = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "table":
            self.headings = []
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self._column = 0
        elif tag in ("th", "td") and self._in_head:
            self._heading = []
        elif tag in ("th", "td"):
            if self._column < len(self.headings) and not any(name == "data-label" for name, _ in attrs):
                self.inserts.append((self.getpos(), self.headings[self._column]))
            self._column += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "thead":
            self._in_head = False
        elif tag in ("th", "td") and self._heading is not None:
            self.headings.append(" ".join("".join(self._heading).split()))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)


def cell_labels(html: str) -> Markup:
    """The same table markup with ``data-label="<column heading>"`` on every body cell."""
    text = str(html)
    parser = _CellLabeller()
    parser.feed(text)
    parser.close()
    line_starts = [0]
    for line in text.splitlines(keepends=True):
        line_starts.append(line_starts[-1] + len(line))
    pieces, last = [], 0
    for (line, column), label in parser.inserts:
        start = line_starts[line - 1] + column
        name_end = start + 3  # after "<td" or "<th"
        pieces += [text[last:name_end], f' data-label="{escape(label)}"']
        last = name_end
    pieces.append(text[last:])
    return Markup("".join(pieces))
