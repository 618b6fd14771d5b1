"""E-mail backend of the embedded default: one file per message under var/mail/, echoed
to the console so that a developer sees the verification link without opening files."""

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
