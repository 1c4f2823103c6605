"""A real SMTP server's inbox for the mail tests (aiosmtpd on 127.0.0.1)."""

from __future__ import annotations

import email
import email.message
import email.policy
import socket


class Inbox:
    """What the SMTP server received; addresses in ``refuse`` get a 550."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], email.message.EmailMessage]] = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 Hộp thư không tồn tại"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 OK"

    def by_subject(self) -> dict[str, tuple[list[str], email.message.EmailMessage]]:
        return {str(m["Subject"]): (to, m) for to, m in self.messages}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
