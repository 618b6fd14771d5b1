"""E-mail: the one way a mail to a person is written in their language
(``message_in_language``), and the backend of the embedded default, which writes one file
per message under var/mail/ and echoes it to the console, so that a developer sees the
verification link without opening files."""

from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.core.mail.backends.filebased import EmailBackend as FileBackend


class FileAndConsoleEmailBackend(FileBackend):
    def send_messages(self, email_messages):
        sent = 0
        for message in email_messages:
            # A fresh file per message keeps the outbox easy to read and to clean.
            self._fname = None
            sent += super().send_messages([message])
            self.close()
        ConsoleBackend(fail_silently=self.fail_silently).send_messages(email_messages)
        return sent


def message_in_language(
    *, to, template: str, subject, context: dict, subject_args: dict | None = None
):
    """One e-mail to one person, written in their preferred language: the body from
    ``template`` and ``subject`` (a translatable string, with ``subject_args`` if any), both
    rendered with that language active. The caller attaches files and sends it, or sends
    many through one connection. Every mail Waypoint sends to a person is built here."""
    from django.conf import settings
    from django.core.mail import EmailMessage
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override(to.preferred_language or settings.LANGUAGE_CODE):
        body = render_to_string(template, {"recipient": to, **context})
        subject = str(subject) % subject_args if subject_args else str(subject)
    return EmailMessage(subject=subject, body=body, to=[to.email])
