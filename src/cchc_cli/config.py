"""The data folder's settings: ``config.yaml`` beside ``units.yaml``, optional.

::

    timezone: Asia/Ho_Chi_Minh     # the office's time zone: decides what "today" is
"""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .diagnostics import Diagnostic, error
from .model import DEFAULT_TIMEZONE, Config
from .schema import Fields
from .yamlsrc import YMap, parse, read_file

CONFIG_FILE = "config.yaml"


def load_config(data_dir: Path) -> tuple[Config, list[Diagnostic], bool]:
    """The settings, the problems found, and whether the file exists at all."""
    path = data_dir / CONFIG_FILE
    if not path.exists():
        return Config(), [], False
    shown = str(path)
    text, diagnostics = read_file(path, shown)
    if text is None:
        return Config(), diagnostics, True
    node, problems = parse(text, shown)
    diagnostics += problems
    if node is None:
        return Config(), diagnostics, True
    if not isinstance(node, YMap):
        return Config(), [*diagnostics, error(node.source, "yaml.not-a-mapping")], True
    fields = Fields(node, ("timezone",), diagnostics)
    timezone = fields.scalar("timezone")
    fields.finish()
    config = Config()
    if timezone is not None:
        try:
            ZoneInfo(timezone.value or "")
            config = Config(timezone=timezone.value or DEFAULT_TIMEZONE)
        except (ZoneInfoNotFoundError, ValueError):
            diagnostics.append(
                error(timezone.source, "config.bad-timezone", timezone=timezone.value)
            )
    return config, diagnostics, True
