"""E-mail addresses as written in units.yaml and config.yaml, read by the standard library.

One entry is one address and nothing else: ``a,b@c.dd`` (two addresses, one
without a domain), ``x:evil@attacker.example`` (a group, whose member is the
attacker), ``a@[b.cc`` (a broken domain literal) and ``a@b.cc (comment)`` are
refused, because a mail server would read them differently from the clerk.
The domain needs a dot (``cchc@localhost`` is a typo in an office's data).

A sender (``smtp.sender``) may carry a display name, and the name may hold a
comma: ``Văn phòng HĐND và UBND huyện, Vĩnh Linh <cchc@example.org>`` is the
name "Văn phòng HĐND và UBND huyện, Vĩnh Linh" and the address
``cchc@example.org``; headers are then built from :class:`Address` objects,
which quote the name, so the envelope sender is the address, not "Văn".
"""

from __future__ import annotations

import re
from email.errors import HeaderParseError
from email.headerregistry import Address, HeaderRegistry
from typing import Any

from cchc_cli.core.errors import CchcError

_HEADERS = HeaderRegistry()
#: A domain label: letters (any script, for internationalized names), digits, inner hyphens.
_LABEL = re.compile(r"[^\W_](?:[\w-]*[^\W_])?")
#: "Name <address>": the name is everything before the last angle bracket.
_NAMED = re.compile(r"\s*(?P<name>[^<>]*?)\s*<(?P<spec>[^<>]*)>\s*")


class AddressError(CchcError, ValueError):
    """Not one plain e-mail address; the message says ``'{email}' is not ...``."""

    def __init__(self, email: str) -> None:
        super().__init__("units.bad-email", email=email)
        self.email = email


def parse_address(text: str, *, named: bool = False) -> Address:
    """The one address ``text`` holds, or :class:`AddressError`.

    With ``named``, a display name before ``<address>`` is allowed (a sender).
    """
    if any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in text):
        raise AddressError(text)
    if named and (m := _NAMED.fullmatch(text)):
        spec = _plain(m["spec"])
        name = m["name"].strip('"').strip()
        return Address(display_name=name, username=spec.username, domain=spec.domain)
    return _plain(text)


def _plain(text: str) -> Address:
    written = text.strip()
    try:
        header: Any = _HEADERS("To", written)  # an AddressHeader for "To"
        groups, addresses, defects = header.groups, header.addresses, header.defects
    except (HeaderParseError, AttributeError, IndexError, ValueError, TypeError):
        # The parser itself trips over some malformed input ("a@[b.cc").
        raise AddressError(text) from None
    if defects or len(groups) != 1 or groups[0].display_name is not None or len(addresses) != 1:
        raise AddressError(text)
    (address,) = addresses
    if address.display_name or address.addr_spec != written:
        raise AddressError(text)  # a name, a comment, or anything the parser dropped
    labels = address.domain.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        raise AddressError(text)
    return address
