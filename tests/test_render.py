import io

from cchc_cli.views.i18n import Lang
from cchc_cli.views.render import (
    Column,
    OutputFormat,
    Report,
    Section,
    formatter_for,
    plain_columns,
)
from cchc_cli.views.textout import ColourFormatter, PlainFormatter


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


SECTION = Section(
    "rows",
    [Column("name", "label.name"), Column("count", "label.member-count", right=True)],
    [{"name": "Xã Vĩnh Hòa", "count": 3}, {"name": "Phòng Nội vụ", "count": 12}],
)


def test_plain_columns_align_by_display_width_with_decomposed_text():
    lines = plain_columns([["Vi\u0303nh", "1"], ["Hồ Xá", "22"]], [False, True])
    assert lines == ["Vi\u0303nh    1", "Hồ Xá  22"]


def test_a_terminal_gets_a_rich_table_with_colour(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    out = Terminal()
    formatter = formatter_for(OutputFormat.TABLE, Lang.VI, out)
    assert isinstance(formatter, ColourFormatter)
    formatter.emit(Report([SECTION]))
    assert "\x1b[" in out.getvalue()
    assert "Xã Vĩnh Hòa" in out.getvalue()


def test_no_color_gives_plain_text_even_on_a_terminal(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    out = Terminal()
    formatter = formatter_for(OutputFormat.TABLE, Lang.VI, out)
    assert isinstance(formatter, PlainFormatter)
    formatter.emit(Report([SECTION]))
    assert (
        out.getvalue()
        == "Tên           Số đơn vị\nXã Vĩnh Hòa           3\nPhòng Nội vụ         12\n"
    )


def test_a_pipe_gets_plain_text():
    assert isinstance(formatter_for(OutputFormat.TABLE, Lang.VI, io.StringIO()), PlainFormatter)
