"""Running ``seed_demo`` from the tests: what it printed, with the password the demo is given."""

import io

from django.core.management import call_command

DEMO_PASSWORD = "a-password-from-the-environment"


def seed_demo() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()
