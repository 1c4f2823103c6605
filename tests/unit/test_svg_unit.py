"""The SVG charts: geometry proportional to the figures, text escaped, labels that fit."""

from __future__ import annotations

import html
import itertools
import re

import lxml.etree
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_cli.core.safetext import for_terminal
from cchc_cli.views.svg import (
    LABEL_COLUMNS,
    Point,
    RateRow,
    Series,
    StackRow,
    column_chart,
    count_ticks,
    esc,
    rate_bars,
    stacked_bars,
    swatch,
)

DONE, ON_TIME = Series("Done", "#a7dbb0"), Series("On time", "#1a7f37")
SIX = [Series(f"s{i}", f"#00000{i}", hatched=i == 4) for i in range(6)]


def tree(svg: str):
    """The chart as XML: it must be well-formed on its own (no HTML leniency)."""
    return lxml.etree.fromstring(svg.encode("utf-8"))


def percent(value: str) -> float:
    assert value.endswith("%"), value
    return float(value[:-1])


def bars_of(svg: str, fill: str) -> list[float]:
    return [percent(r.get("width")) for r in tree(svg).iter("rect") if r.get("fill") == fill]


def test_rate_bars_are_as_long_as_their_rate_and_the_second_is_drawn_over_the_first():
    rows = [RateRow("A", (80.0, 50.0), "80 · 50", "A"), RateRow("B", (20.0, 0.0), "20 · 0", "B")]
    svg = rate_bars(rows, (DONE, ON_TIME), "c1", "Rates", "How to read")
    assert bars_of(svg, DONE.fill) == [pytest.approx(56.0), pytest.approx(14.0)]  # 70% track
    assert bars_of(svg, ON_TIME.fill) == [pytest.approx(35.0)]  # a 0 draws nothing
    order = [r.get("fill") for r in tree(svg).iter("rect")]
    assert order.index(DONE.fill) < order.index(ON_TIME.fill)


def test_a_rate_over_100_or_missing_does_not_leave_the_track():
    rows = [RateRow("A", (130.0, None), "?", "A")]
    svg = rate_bars(rows, (DONE, ON_TIME), "c1", "t", "d")
    assert bars_of(svg, DONE.fill) == [pytest.approx(70.0)]


def test_stacked_segments_follow_the_series_order_on_a_common_scale():
    rows = [
        StackRow("A", (2, 0, 1, 0, 1, 0), "4", "A: 4"),
        StackRow("B", (0, 0, 0, 0, 0, 8), "8", "B: 8"),
    ]
    svg = stacked_bars(rows, SIX, "c2", "t", "d")
    rects = [r for r in tree(svg).iter("rect") if r.get("height") == "15"]
    segments = [(r.get("fill"), percent(r.get("x")), percent(r.get("width"))) for r in rects]
    # B's 8 fills the 86% track; A's 4 half of it, its segments end to end.
    assert segments == [
        ("#000000", 0.0, pytest.approx(21.5)),
        ("#000002", pytest.approx(21.5), pytest.approx(10.75)),
        ("#000004", pytest.approx(32.25), pytest.approx(10.75)),
        ("url(#c2-hatch)", pytest.approx(32.25), pytest.approx(10.75)),
        ("#000005", 0.0, pytest.approx(86.0)),
    ]
    assert tree(svg).find(".//pattern").get("id") == "c2-hatch"


def test_a_count_is_written_in_its_segment_only_where_it_fits():
    rows = [StackRow("A", (1, 0, 0, 0, 0, 99), "100", "A")]
    svg = stacked_bars(rows, SIX, "c2", "t", "d")
    counts = [t.text for t in tree(svg).iter("text") if t.get("text-anchor") == "middle"]
    assert "99" in counts and "1" not in counts


def test_columns_are_as_tall_as_their_value_and_a_missing_one_is_a_dash():
    points = [
        Point("T1", "2024", None, "–", "none"),
        Point("T2", "", 10, "10", "ten"),
        Point("T3", "", 25, "25", "twenty-five", current=True),
    ]
    svg = column_chart(points, "#aaaaaa", "#bb0000", "c3", "Trend", "d")
    rects = list(tree(svg).iter("rect"))
    assert [(r.get("fill"), r.get("height")) for r in rects] == [
        ("#aaaaaa", "60"),  # 10 of a 25 scale (ticks 0..25 step 5) on 150 px
        ("#bb0000", "150"),
    ]
    values = [t.text for t in tree(svg).iter("text") if t.get("class") == "value"]
    assert values == ["–", "10", "25"]
    labels = [t.text for t in tree(svg).iter("text") if t.get("font-weight") == "700"]
    assert labels == ["T3"]


@pytest.mark.parametrize(
    ("largest", "ticks"),
    [(0, [0]), (1, [0, 1]), (7, [0, 2, 4, 6, 8]), (43, [0, 10, 20, 30, 40, 50]),
     (100, [0, 20, 40, 60, 80, 100]), (18462, [0, 5000, 10000, 15000, 20000])],
)  # fmt: skip
def test_axis_ticks_are_round_and_cover_the_largest_value(largest, ticks):
    assert count_ticks(largest) == ticks


@given(st.integers(min_value=0, max_value=10**9))
def test_ticks_always_cover_the_value_in_at_most_seven_steps(largest):
    ticks = count_ticks(largest)
    assert ticks[0] == 0 and ticks[-1] >= largest and len(ticks) <= 7
    steps = {b - a for a, b in itertools.pairwise(ticks)}
    assert len(steps) <= 1


def test_every_chart_is_an_image_with_a_title_and_a_description():
    rows = [RateRow("A", (50.0, 10.0), "50", "A")]
    for svg, ident in (
        (rate_bars(rows, (DONE, ON_TIME), "c1", "Title", "Desc"), "c1"),
        (stacked_bars([StackRow("A", (1,) * 6, "6", "A")], SIX, "c2", "Title", "Desc"), "c2"),
        (column_chart([Point("T1", "", 1, "1", "x")], "#a", "#b", "c3", "Title", "Desc"), "c3"),
    ):
        root = tree(svg)
        assert root.get("role") == "img"
        assert root.get("aria-labelledby") == f"{ident}-t {ident}-d"
        assert root.find("title").get("id") == f"{ident}-t" and root.find("title").text == "Title"
        assert root.find("desc").get("id") == f"{ident}-d"
        assert "viewBox" not in svg  # percentages: the text keeps its size on a phone


def test_no_rows_make_an_empty_but_valid_chart():
    assert tree(rate_bars([], (DONE, ON_TIME), "c1", "t", "d")).get("height") == "26"
    assert tree(stacked_bars([], SIX, "c2", "t", "d")) is not None
    assert tree(column_chart([], "#a", "#b", "c3", "t", "d")) is not None


HOSTILE = [
    "</svg><script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "'quoted' & <b>bold</b>",
    "\u202eevil\u202c \x1b[2J \x00 \ud800",
    "[/] [link=file:///etc/passwd]x[/link]",
]


@pytest.mark.parametrize("name", HOSTILE)
def test_text_from_data_is_text_in_labels_titles_and_descriptions(name):
    rows = [RateRow(name, (50.0, 10.0), name, name)]
    for svg in (
        rate_bars(rows, (DONE, ON_TIME), "c1", name, name),
        stacked_bars([StackRow(name, (1,) * 6, name, name, (name,) * 6)], SIX, "c2", name, name),
        column_chart([Point(name, name, 1, name, name)], "#a", "#b", "c3", name, name),
    ):
        root = tree(svg)  # still well-formed XML
        assert not root.findall(".//script") and not root.findall(".//{*}script")
        assert all(not a.startswith("on") for e in root.iter() for a in e.attrib)
        assert {e.tag for e in root.iter()} <= {"svg", "title", "desc", "defs", "pattern",
                                                  "line", "rect", "text", "g"}  # fmt: skip
        texts = [e.text for e in root.iter("title", "desc", "text") if e.text]
        assert for_terminal(name) in texts or any(
            t.endswith("…") and for_terminal(name).startswith(t[:-1]) for t in texts
        )


def test_a_label_longer_than_a_phone_line_is_cut_and_whole_in_its_tooltip():
    name = "Phòng Nông nghiệp và Phát triển nông thôn " + "rất dài " * 10
    svg = rate_bars([RateRow(name, (1.0, 1.0), "1", name)], (DONE, ON_TIME), "c1", "t", "d")
    root = tree(svg)
    label = root.find(".//g/text")
    assert label.text.endswith("…") and len(label.text) == LABEL_COLUMNS
    assert root.find(".//g/title").text == name


@given(st.text())
def test_esc_is_html_escape_of_the_text_made_visible(text):
    assert esc(text) == html.escape(for_terminal(text), quote=True)


def test_swatches_are_hidden_from_screen_readers():
    assert 'aria-hidden="true"' in swatch(SIX[0])
    assert "<line" in swatch(SIX[4]) and "<line" not in swatch(SIX[0])
    assert not re.search(r"https?:|//", swatch(SIX[4]))
