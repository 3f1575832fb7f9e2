"""Shared fixtures of the notification tests: the loopback SMTP server and `plein worker` child
processes of tests/core/test_worker.py (a real server speaking SMTP, a real worker), and
settings that point this process's mail at that server."""

import pytest

from tests.core.test_worker import MailServer, ReceivedMail, mail_server, start_worker

__all__ = ["mail_server", "start_worker"]


@pytest.fixture
def smtp(mail_server: MailServer, settings) -> MailServer:  # type: ignore[no-untyped-def]
    """Send from this process to the loopback server."""
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": mail_server.port, "timeout": 10},
        }
    }
    return mail_server


def only_mail_to(server: MailServer, address: str) -> ReceivedMail:
    received = [mail for mail in server.delivered if address in mail.rcpt_tos]
    assert len(received) == 1, [m.message["Subject"] for m in received]
    return received[0]
