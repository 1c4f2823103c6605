"""`cchc report --format html`: the page read back must say what the JSON report says.

The page is parsed (lxml) and its tables' text turned back into numbers
(tests/pageparse.py); each figure is compared with `cchc report --format json`
for the same period and filters, and each point of the trend with the JSON report
of that period. Then what the page must never do: fetch anything, run anything
that came from data, or let data break out of its text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import pageparse
from runner import cchc

NOTICE = "tb-ket-luan-cchc-vinh-linh-2023-11.yaml"
REF = "cchc-2023-11/"

#: Progress recorded on the bundled notice: some on time, some late, a note, an extension.
PROGRESS = {
    "noi-vu": [
        "- {task: cchc-2023-11/1.2, done: 2023-11-23}",
        "- {task: cchc-2023-11/2.3, done: 2023-11-24}",
        "- {task: cchc-2023-11/2.2, done: 2023-12-12}",
        "- {task: cchc-2023-11/1.1, done: 2023-12-15}",
        "- {task: cchc-2023-11/2.4, note: đã đạt 40%, on: 2024-01-10}",
    ],
    "gd-dt": [
        "- {task: cchc-2023-11/1.2, done: 2023-12-04}",
        "- {task: cchc-2023-11/7.1, done: 2023-12-01}",
        "- {task: cchc-2023-11/7.2, done: 2023-12-11}",
    ],
    "vinh-ha": [
        "- {task: cchc-2023-11/8.2, done: 2023-11-22}",
        "- {task: cchc-2023-11/8.3, done: 2023-12-12}",
        "- {task: cchc-2023-11/1.2, done: 2023-11-20}",
    ],
    "ho-xa": ["- {task: cchc-2023-11/8.2, done: 2023-11-30}"],
    "_office": [
        "- {task: cchc-2023-11/6, extended: 2024-01-15, reason: Chờ số liệu, on: 2023-12-05}"
    ],
}


@pytest.fixture
def progress(data_dir: Path) -> Path:
    for unit, lines in PROGRESS.items():
        path = data_dir / "progress" / f"{unit}.yaml"
        path.write_text("\n".join(lines) + "\n", "utf-8")
    return data_dir


def page_of(*args: str) -> str:
    result = cchc("report", "-f", "html", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("<!DOCTYPE html>")
    return result.stdout


def json_of(*args: str) -> dict:
    result = cchc("report", "-f", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def lang_of(args: tuple[str, ...]) -> str:
    return "en" if "en" in args else "vi"


def shown_date(iso: str | None, lang: str) -> str:
    if iso is None:
        return "chưa có" if lang == "vi" else "none"
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}" if lang == "vi" else iso


CASES = [
    ("--period", "2023-11"),
    ("--period", "2023-12"),
    ("--period", "2023-Q4"),
    ("--period", "2023-12-01..2023-12-13"),
    ("--period", "2023-11", "--as-of", "2023-11-22"),
    ("--period", "2024-02", "--unit", "noi-vu"),
    ("--period", "2023-12", "--unit", "xa-thi-tran"),
    ("--period", "2023-12", "--notice", "cchc-2023-11", "--order", "registry"),
    ("--period", "2023-12", "--lang", "en"),
    ("--period", "2024-03", "--lang", "en", "--unit", "Nội vụ"),
]


@pytest.mark.parametrize("args", CASES, ids=lambda a: " ".join(a))
def test_the_page_s_figures_are_the_json_report_s(progress, args):
    lang = lang_of(args)
    document = pageparse.parse(page_of(*args))
    expected = json_of(*args)
    keys = ("total", *pageparse.CATEGORIES, "overdue_rate", "completion_rate")
    assert pageparse.units(document, lang) == [
        {"name": u["name"], **{k: u[k] for k in keys}} for u in expected["units"]
    ]
    assert pageparse.totals(document, lang) == {k: expected["totals"][k] for k in keys}
    assert pageparse.overdue(document, lang) == [
        (o["name"], o["ref"], o["days_overdue"], o["long"]) for o in expected["overdue"]
    ]
    assert pageparse.quiet(document) == [
        (q["name"], q["ref"], shown_date(q["assigned"], lang), shown_date(q["last_report"], lang))
        for q in expected["quiet"]
    ]


def test_the_numbers_differ_between_periods_so_the_comparison_means_something(progress):
    november = pageparse.totals(pageparse.parse(page_of("--period", "2023-11")))
    december = pageparse.totals(pageparse.parse(page_of("--period", "2023-12")))
    assert november["overdue"] != december["overdue"]
    assert december["done_on_time"] > 0 and december["done_late"] > 0


def test_the_headline_figures(progress):
    document = pageparse.parse(page_of("--period", "2023-12"))
    expected = json_of("--period", "2023-12")["totals"]
    cards = pageparse.cards(document)
    assert pageparse.count(cards["Tổng số nhiệm vụ"][0]) == expected["total"]
    assert "17 nhiệm vụ của 1 thông báo, 31 đơn vị" in cards["Tổng số nhiệm vụ"][1]
    assert pageparse.count(cards["Hoàn thành đúng hạn"][0]) == expected["done_on_time"]
    assert pageparse.percent(cards["Tỷ lệ quá hạn"][0]) == expected["overdue_rate"]
    done = expected["done_on_time"] + expected["done_late"] + expected["done_no_deadline"]
    assert (
        f"đã hoàn thành {done} ({expected['completion_rate']:.1f}%)".replace(".", ",")
        in (cards["Hoàn thành đúng hạn"][1])
    )


def test_the_change_is_against_the_previous_period_s_own_report(progress):
    document = pageparse.parse(page_of("--period", "2023-12"))
    now = json_of("--period", "2023-12")["totals"]
    before = json_of("--period", "2023-11")["totals"]
    (label,) = [k for k in pageparse.cards(document) if k.startswith("So với kỳ trước")]
    assert label == "So với kỳ trước (tháng 11/2023)"
    big, sub = pageparse.cards(document)[label]
    points = round(now["overdue_rate"] - before["overdue_rate"], 1)
    word = "tăng" if points > 0 else "giảm"
    assert big == f"{word} {abs(points):.1f} điểm %".replace(".", ",")
    assert f"số quá hạn {before['overdue']} → {now['overdue']}" in sub


def test_no_previous_period_with_a_deadline_says_so(progress):
    document = pageparse.parse(page_of("--period", "2023-11"))
    (label,) = [k for k in pageparse.cards(document) if k.startswith("So với kỳ trước")]
    assert pageparse.cards(document)[label][0] == "–"
    assert "kỳ trước chưa có nhiệm vụ có thời hạn" in pageparse.cards(document)[label][1]


@pytest.mark.parametrize(
    "args",
    [
        ("--period", "2024-01"),
        ("--period", "2024-Q1", "--unit", "xa-thi-tran"),
        ("--period", "2023-12-01..2023-12-20", "--unit", "gd-dt"),
        ("--period", "2023-12", "--as-of", "2023-12-10"),
    ],
    ids=lambda a: " ".join(a),
)
def test_each_point_of_the_trend_is_that_period_s_own_report(progress, args):
    document = pageparse.parse(page_of(*args))
    points = pageparse.trend(document)
    assert len(points) == 12
    filters = [a for a in args[2:] if a != "--period"]
    as_of = args[args.index("--as-of") + 1] if "--as-of" in args else None
    for period, overdue, rate, total in points:
        extra = ["--as-of", as_of] if as_of else []
        expected = json_of("--period", period, *[f for f in filters if f not in extra], *extra)
        assert (overdue, rate, total) == (
            expected["totals"]["overdue"],
            expected["totals"]["overdue_rate"],
            expected["totals"]["total"],
        ), period
    assert points[-1][0] == json_of(*args)["period"]


def test_the_trend_of_a_month_is_the_twelve_months_before_it(progress):
    points = pageparse.trend(pageparse.parse(page_of("--period", "2024-01")))
    assert [p[0] for p in points] == [f"2023-{m:02d}" for m in range(2, 13)] + ["2024-01"]
    # Before the notice existed there is nothing: no figures that read as "0 overdue".
    document = pageparse.parse(page_of("--period", "2024-01"))
    (svg,) = document.xpath('//svg[@aria-labelledby="c3-t c3-d"]')
    values = [pageparse.text(v) for v in svg.xpath('.//*[@class="value"]')]
    months = ("2023-11", "2023-12", "2024-01")
    overdue = [str(json_of("--period", m)["totals"]["overdue"]) for m in months]
    assert values[:9] == ["–"] * 9 and values[9:] == overdue
    assert len(svg.xpath(".//rect")) == 3


def test_a_future_period_s_earlier_periods_have_not_begun(data_dir):
    page = page_of("--period", "2024-03", "--as-of", "2023-12-10")
    points = pageparse.trend(pageparse.parse(page))
    assert points[-1][0] == "2024-03" and points[-1][1] is not None
    assert [p[0] for p in points if p[1] is None] == ["2024-01", "2024-02"]


def test_every_task_of_the_report_is_listed_in_full(progress):
    document = pageparse.parse(page_of("--period", "2023-12"))
    listed = json.loads(cchc("list", "-f", "json").stdout)
    assert pageparse.task_refs(document) == [t["ref"] for t in listed]
    articles = {a.get("id"): a for a in document.xpath('//article[@class="task"]')}
    assert len(articles) == len(listed)
    (task_8_2,) = [a for a in articles.values() if pageparse.text(a).startswith(REF + "8.2")]
    whole = " ".join(next(t for t in listed if t["ref"] == REF + "8.2")["text"].split())
    assert whole in pageparse.text(task_8_2)  # the whole text, not cut
    assert "trước ngày 24/11/2023 (hạn cuối 23/11/2023)" in pageparse.text(task_8_2)
    groups = [pageparse.text(li) for li in task_8_2.xpath(".//li")]
    assert groups[0].startswith("Quá hạn chưa hoàn thành (16) Thị trấn Bến Quan, ")
    assert "Hoàn thành đúng hạn (1) Xã Vĩnh Hà" in groups
    assert "Hoàn thành quá hạn (1) Thị trấn Hồ Xá" in groups


def test_each_reference_in_the_lists_links_to_its_task(progress):
    document = pageparse.parse(page_of("--period", "2024-02"))
    links = document.xpath('//table[@id="overdue-table" or @id="quiet-table"]//a')
    assert links
    for link in links:
        (target,) = document.xpath(f'//article[@id="{link.get("href")[1:]}"]')
        assert pageparse.text(target).startswith(pageparse.text(link))


def test_the_overdue_list_marks_what_is_over_30_days(progress):
    document = pageparse.parse(page_of("--period", "2023-12", "--unit", "tc-kh"))
    assert pageparse.overdue(document) == [
        ("Phòng Tài chính - Kế hoạch", REF + "1.2", 37, True),
    ]
    (row,) = document.xpath('//table[@id="overdue-table"]/tbody/tr')
    assert row.get("class") == "long" and "quá 30 ngày" in pageparse.text(row)


def test_the_page_is_in_the_language_asked(progress):
    vi = page_of("--period", "2023-12")
    en = page_of("--period", "2023-12", "--lang", "en")
    assert '<html lang="vi">' in vi and "Tổng hợp theo đơn vị" in vi
    assert '<html lang="en">' in en and "By unit" in en and "Tổng hợp theo đơn vị" not in en
    assert "31/12/2023" in vi and "2023-12-31" in en


def test_the_title_block_names_the_office_the_period_and_the_filters(progress):
    config = progress / "config.yaml"
    config.write_text(config.read_text("utf-8") + "office: Văn phòng HĐND và UBND huyện\n", "utf-8")
    document = pageparse.parse(page_of("--period", "2023-12", "--unit", "noi vu"))
    header = pageparse.text(document.xpath("//header")[0])
    assert header.startswith("Văn phòng HĐND và UBND huyện BÁO CÁO TÌNH HÌNH")
    assert "kỳ báo cáo tháng 12/2023, số liệu tính đến ngày 31/12/2023" in header
    assert "Chỉ gồm đơn vị: Phòng Nội vụ" in header
    open_period = pageparse.parse(page_of("--period", "2023-12", "--as-of", "2023-12-10"))
    assert "(chưa kết thúc)" in pageparse.text(open_period.xpath("//header")[0])


@pytest.mark.parametrize(
    ("args", "named", "raw"),
    [
        (("--period", "2023-12"), "tháng 12/2023", "2023-12"),
        (("--period", "2024-02"), "tháng 02/2024", "2024-02"),
        (("--period", "2023-Q4"), "quý IV/2023", "2023-Q4"),
        (("--period", "2023"), "năm 2023", "kỳ 2023"),
        (("--period", "2023-12", "--lang", "en"), "December 2023", "2023-12 "),
    ],
)
def test_the_page_names_its_period_as_an_official_document_does(progress, args, named, raw):
    """Issue 21/22: "kỳ báo cáo 2023-12" is a file name, not how an office writes a period."""
    document = pageparse.parse(page_of(*args))
    title = pageparse.text(document.xpath("//title")[0])
    header = pageparse.text(document.xpath("//header")[0])
    trend = pageparse.text(document.xpath('//table[@id="trend-table"]')[0])
    assert named in title and named in header and named in trend
    assert raw not in title and raw not in header and raw not in trend


def test_a_period_with_no_task_yet_is_a_page_that_says_so(data_dir):
    document = pageparse.parse(page_of("--period", "2023-10"))
    assert pageparse.units(document) == []
    assert "Không có nhiệm vụ nào." in pageparse.text(document.xpath('//section[@id="units"]')[0])
    assert len(pageparse.trend(document)) == 12


def test_files_with_errors_are_named_on_the_page(data_dir):
    (data_dir / "notices" / "broken.yaml").write_text("id: [\n", "utf-8")
    result = cchc("report", "-f", "html", "--period", "2023-12")
    assert result.exit_code == 1  # the data have errors; the page is still made
    warning = pageparse.parse(result.stdout).xpath('//p[@class="warning"]')
    assert "broken.yaml" in pageparse.text(warning[0])


def test_the_page_is_written_whole_to_its_output_file(data_dir, tmp_path):
    result = cchc("report", "-f", "html", "--period", "2023-12", "-o", tmp_path / "bao-cao.html")
    assert result.exit_code == 0 and result.stdout == ""
    page = (tmp_path / "bao-cao.html").read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")
    refused = cchc("report", "-f", "html", "-o", data_dir / "units.yaml")
    assert refused.exit_code == 2 and "units.yaml" in refused.stderr


# -- nothing fetched, nothing run ---------------------------------------------------------

#: Every attribute through which a page may make a browser fetch or go somewhere.
FETCHING = ("src", "href", "xlink:href", "action", "formaction", "srcset", "poster", "data",
            "background", "manifest", "ping", "cite", "longdesc", "lowsrc", "dynsrc")  # fmt: skip
OUTSIDE = re.compile(r"(?i)(https?:|//|\\\\|@import|url\(\s*['\"]?(?!#))")


def assert_nothing_fetched(page: str) -> None:
    document = pageparse.parse(page)
    for element in document.iter():
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1]
            if local in FETCHING or name in FETCHING:
                assert value.startswith("#") and "/" not in value, (name, value)
    assert not document.xpath("//img|//link|//iframe|//object|//embed|//video|//audio|//source")
    assert not document.xpath("//base|//form|//meta[@http-equiv='refresh']")
    for style in document.xpath("//style"):
        assert not OUTSIDE.search(style.text), OUTSIDE.search(style.text)
    for element in document.xpath("//*[@style]"):
        raise AssertionError(f"style attribute on <{element.tag}>: the CSP would drop it")
    for value in re.findall(r"url\(([^)]*)\)", page):
        assert value.startswith("#"), value
    (policy,) = document.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert "default-src 'none'" in policy and "img-src data:" in policy


def test_the_page_fetches_nothing(progress):
    assert_nothing_fetched(page_of("--period", "2024-02"))
    assert_nothing_fetched(page_of("--period", "2023-12", "--lang", "en", "--unit", "noi-vu"))


def test_the_policy_allows_exactly_the_page_s_own_style_and_script(progress):
    import base64
    import hashlib

    document = pageparse.parse(page_of("--period", "2023-12"))
    (policy,) = document.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    (style,) = document.xpath("//style")
    (script,) = document.xpath("//script")
    for source, directive in ((style.text, "style-src"), (script.text, "script-src")):
        digest = base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in policy
    assert "unsafe-inline" not in policy


def test_ids_are_unique_and_made_by_cchc(progress):
    document = pageparse.parse(page_of("--period", "2024-02"))
    ids = document.xpath("//@id")
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9-]+", i) for i in ids)
    for target in document.xpath("//@href|//@fill[starts-with(., 'url(')]"):
        anchor = target[1:] if target.startswith("#") else target[5:-1]
        assert anchor in ids, target


def test_the_units_table_sorts_by_numbers_and_reads_in_order_without_the_script(progress):
    document = pageparse.parse(page_of("--period", "2023-12"))
    (table,) = document.xpath('//table[@id="units-table"]')
    assert "sortable" in table.get("class")
    heads = table.xpath("./thead/tr/th")
    assert [h.get("data-first") for h in heads[:3]] == ["ascending", "ascending", "descending"]
    for row in table.xpath("./tbody/tr"):
        cells = row.xpath("./td")
        assert len(cells) == len(heads)
        assert all(float(c.get("data-sort")) >= -1 for c in cells)
    stt = [int(pageparse.text(r.xpath("./td")[0])) for r in table.xpath("./tbody/tr")]
    assert stt == list(range(1, len(stt) + 1))


# -- hostile data -------------------------------------------------------------------------

HOSTILE_NAME = "Phòng </script><script>alert(1)</script> \"' <img src=x onerror=alert(2)> [/]"
HOSTILE_TEXT = (
    "</textarea></style></svg><svg onload=alert(3)> \u202eTrojan\u202c \x1b[31mred\x1b[0m "
    '{{7*7}} ${x} <a href="https://evil.example/">x</a> ' + "Ẽ" * 400
)


@pytest.fixture
def hostile(progress: Path) -> Path:
    units = progress / "units.yaml"
    text = units.read_text("utf-8")
    assert text.count("    name: Phòng Nội vụ\n") == 1
    units.write_text(
        text.replace("    name: Phòng Nội vụ\n", f"    name: {json.dumps(HOSTILE_NAME)}\n"), "utf-8"
    )
    notice = progress / "notices" / NOTICE
    text = notice.read_text("utf-8")
    start = text.index('  - id: "2.2"')
    body = text.index("    text: >-\n", start)
    end = text.index("    deadline:", body)
    notice.write_text(text[:body] + f"    text: {json.dumps(HOSTILE_TEXT)}\n" + text[end:], "utf-8")
    text = notice.read_text("utf-8")
    notice.write_text(text.replace('number: ""', 'number: "12/TB-</h3><b>bold</b>"'), "utf-8")
    config = progress / "config.yaml"
    office = 'office: "Văn phòng </p><iframe src=//evil.example></iframe>"\n'
    config.write_text(config.read_text("utf-8") + office, "utf-8")
    assert cchc("validate").exit_code == 0
    return progress


def test_hostile_text_stays_text(hostile):
    page = page_of("--period", "2023-12")
    document = pageparse.parse(page)
    assert len(document.xpath("//script")) == 1  # the page's own
    assert not document.xpath("//img|//a[starts-with(@href, 'http')]")
    for element in document.iter():
        assert not [a for a in element.attrib if a.lower().startswith("on")], element.tag
    assert len(document.xpath("//svg")) == len(document.xpath("//svg[@class]"))  # ours only
    shown = pageparse.text(document)
    assert "Phòng </script><script>alert(1)</script> \"' <img src=x onerror=alert(2)> [/]" in shown
    assert "<svg onload=alert(3)>" in shown
    assert "Văn phòng </p><iframe src=//evil.example></iframe>" in shown
    assert "Thông báo số 12/TB-</h3><b>bold</b> ngày 11/2023" in shown
    assert not document.xpath("//b|//iframe|//main//p/iframe")
    # A bidi override or an escape sequence is shown as what it is, not obeyed.
    assert "\u202e" not in page and "\\u202eTrojan\\u202c" in shown
    assert "\x1b" not in page and "\\x1b[31mred" in shown
    assert_nothing_fetched(page)


def test_hostile_names_in_attributes_stay_inside_them(hostile):
    document = pageparse.parse(page_of("--period", "2023-12"))
    titles = [pageparse.text(t) for t in document.xpath("//svg//g/title")]
    assert any(t.startswith(HOSTILE_NAME) for t in titles)
    labels = document.xpath('//svg[starts-with(@aria-labelledby, "c1-")]//g/text[1]')
    names = [pageparse.text(label) for label in labels]
    # The label is cut to what a phone shows (the whole name is in the tooltip).
    assert any(n.startswith("Phòng </script>") and n.endswith("…") for n in names)


def test_a_very_long_word_is_cut_in_the_lists_and_whole_in_the_task(hostile):
    document = pageparse.parse(page_of("--period", "2023-12", "--unit", "noi-vu"))
    (article,) = [
        a for a in document.xpath('//article[@class="task"]')
        if pageparse.text(a).startswith(REF + "2.2")
    ]  # fmt: skip
    assert "Ẽ" * 400 in pageparse.text(article)


# -- the mail's summary -------------------------------------------------------------------


def test_remind_attaches_the_month_s_page_to_the_office_summary(progress):
    config = progress / "config.yaml"
    config.write_text(
        config.read_text("utf-8")
        + "office_email: [vanphong@vinhlinh.example]\n"
        + 'smtp: {host: 127.0.0.1, security: none, sender: "cchc <cchc@vinhlinh.example>"}\n',
        "utf-8",
    )
    plain = cchc("remind", "--dry-run", "--as-of", "2023-12-10")
    assert plain.exit_code == 0 and ".html]" not in plain.stdout
    result = cchc("remind", "--dry-run", "--attach-report", "--as-of", "2023-12-10")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("[bao-cao-2023-12.html]") == 1  # the summary only
    assert "Kèm theo thư này: trang báo cáo của tháng đến hôm nay (bao-cao-2023-12.html)" in (
        " ".join(result.stdout.split())
    )


def test_the_attached_page_is_the_report_of_the_month_so_far(progress):
    from datetime import date
    from email.message import EmailMessage

    from cchc_cli.core.model import Dataset
    from cchc_cli.store.loader import load
    from cchc_cli.views.i18n import Lang
    from cchc_cli.views.page import month_page
    from cchc_cli.views.remind import messages

    dataset: Dataset = load(progress)
    name, content = month_page(dataset, date(2023, 12, 10), Lang.VI, None, "noi-vu")
    assert name == "bao-cao-2023-12.html"
    expected = json_of("--period", "2023-12", "--as-of", "2023-12-10", "--unit", "noi-vu")
    document = pageparse.parse(content.decode("utf-8"))
    assert pageparse.totals(document)["overdue"] == expected["totals"]["overdue"]
    sent = messages([], dataset.registry, date(2023, 12, 10), 3, Lang.VI, "c@x.example",
                    ("o@x.example",), {}, page=(name, content))  # fmt: skip
    message: EmailMessage = sent[-1].message
    (part,) = list(message.iter_attachments())
    assert (part.get_content_type(), part.get_filename()) == ("text/html", name)
    assert part.get_content() == content.decode("utf-8")
