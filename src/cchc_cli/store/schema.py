"""Reading a located YAML mapping against the fields a schema allows.

:class:`Fields` hands out typed values and records a diagnostic, with the
position of the offending key or value, for every wrong type, missing required
field and unknown key (with a "did you mean" where one is close).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from cchc_cli.core.dates import DateError, PartialDate, parse_date, parse_partial_date
from cchc_cli.core.diagnostics import Diagnostic, Source, error
from cchc_cli.core.vntext import suggest, tidy
from cchc_cli.store.yamlsrc import YMap, YNode, YScalar, YSeq


def expect_map(node: YNode | None, what: str, diagnostics: list[Diagnostic]) -> YMap | None:
    if isinstance(node, YMap):
        return node
    if node is not None:
        diagnostics.append(error(node.source, "schema.expected-mapping", key=what))
    return None


def date_error(err: DateError, source: Source) -> Diagnostic:
    return error(source, err.key, **err.args_)


def read_addresses(scalars: Iterable[YScalar], diagnostics: list[Diagnostic]) -> tuple[str, ...]:
    """The e-mail addresses of a list, each one plain address; a diagnostic for any other."""
    scalars = list(scalars)
    if not scalars:
        return ()
    # The address parser pulls in the email package (15 ms): only where there are addresses.
    from cchc_cli.core.addresses import AddressError, parse_address

    found = []
    for scalar in scalars:
        try:
            found.append(parse_address(scalar.value or "").addr_spec)
        except AddressError:
            diagnostics.append(error(scalar.source, "units.bad-email", email=scalar.value))
    return tuple(found)


def read_date(scalar: YScalar | None, diagnostics: list[Diagnostic]) -> date | None:
    """The date a scalar holds, or None with a diagnostic at the scalar."""
    if scalar is None:
        return None
    try:
        return parse_date(scalar.value or "")
    except DateError as err:
        diagnostics.append(date_error(err, scalar.source))
        return None


class Fields:
    """Typed access to the entries of one mapping; call :meth:`finish` at the end.

    Each accessor answers an optional key the mapping does not hold first, without
    the calls that read a value: most keys a schema allows (a task's ``repeat``,
    ``done``, ``notes``...) are asked for in every mapping of a first run and held
    by few (issue 17).
    """

    def __init__(self, node: YMap, allowed: Iterable[str], diagnostics: list[Diagnostic]):
        self.node = node
        self.entries = node.entries
        self.allowed = tuple(allowed)
        self.diagnostics = diagnostics
        self.spans: dict[str, Source] = {}

    def _entry(self, key: str, required: bool) -> YNode | None:
        entry = self.entries.get(key)
        if entry is None or (isinstance(entry.value, YScalar) and entry.value.value is None):
            if required and key not in self.node.refused:
                where = entry.key_source if entry else self.node.source
                self.diagnostics.append(error(where, "schema.missing", key=key))
            return None
        self.spans[key] = entry.value.source
        return entry.value

    def scalar(self, key: str, required: bool = False) -> YScalar | None:
        if not required and key not in self.entries:
            return None
        value = self._entry(key, required)
        if value is None or isinstance(value, YScalar):
            return value
        self.diagnostics.append(error(value.source, "schema.expected-text", key=key))
        return None

    def text(self, key: str, required: bool = False) -> str | None:
        if not required and key not in self.entries:
            return None
        scalar = self.scalar(key, required)
        if scalar is None:
            return None
        text = tidy(scalar.value) if scalar.value else ""
        if required and not text:
            self.diagnostics.append(error(scalar.source, "schema.empty", key=key))
            return None
        return text

    def mapping(self, key: str, required: bool = False) -> YMap | None:
        if not required and key not in self.entries:
            return None
        value = self._entry(key, required)
        if value is None or isinstance(value, YMap):
            return value
        self.diagnostics.append(error(value.source, "schema.expected-mapping", key=key))
        return None

    def sequence(self, key: str, required: bool = False) -> YSeq | None:
        if not required and key not in self.entries:
            return None
        value = self._entry(key, required)
        if value is None or isinstance(value, YSeq):
            return value
        self.diagnostics.append(error(value.source, "schema.expected-list", key=key))
        return None

    def scalars(self, key: str, required: bool = False) -> list[YScalar]:
        """A list of texts; a single text is taken as a list of one."""
        if not required and key not in self.entries:
            return []
        value = self._entry(key, required)
        if value is None:
            return []
        if isinstance(value, YScalar):
            return [value] if value.value else []
        if isinstance(value, YMap):
            self.diagnostics.append(error(value.source, "schema.expected-list", key=key))
            return []
        out = []
        for item in value.items:
            if isinstance(item, YScalar) and item.value is not None:
                out.append(item)
            else:
                self.diagnostics.append(error(item.source, "schema.expected-text", key=key))
        return out

    def texts(self, key: str, required: bool = False) -> tuple[str, ...]:
        return tuple(tidy(s.value or "") for s in self.scalars(key, required))

    def date(self, key: str, required: bool = False) -> date | None:
        if not required and key not in self.entries:
            return None
        return read_date(self.scalar(key, required), self.diagnostics)

    def partial_date(self, key: str, required: bool = False) -> PartialDate | None:
        scalar = self.scalar(key, required)
        if scalar is None:
            return None
        try:
            return parse_partial_date(scalar.value or "")
        except DateError as err:
            self.diagnostics.append(date_error(err, scalar.source))
            return None

    def finish(self) -> None:
        """Report every key the schema does not know."""
        for key, entry in self.node.entries.items():
            if key in self.allowed:
                continue
            close = suggest(key, self.allowed)
            if close:
                diag = error(
                    entry.key_source, "schema.unknown-key-suggest", key=key, suggestion=close
                )
            else:
                diag = error(
                    entry.key_source, "schema.unknown-key", key=key, allowed=", ".join(self.allowed)
                )
            self.diagnostics.append(diag)
