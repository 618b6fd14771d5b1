"""What waits for a learner at the end of a course (a certificate), offered by the apps that
give it, so that the page where a course ends can show the way to it while ``courses``
imports none of them (issue 16: the last step leads to the certificate)."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class CompletionAward:
    label: str  # the link's text: "Download your certificate"
    url: str
    # Still being prepared by a background job: the page says so, and the link leads to
    # where it will appear.
    pending: bool = False
    note: str = ""


# Called as provider(enrollment=...) for a completed (or just completing) enrolment.
AwardProvider = Callable[..., CompletionAward | None]
_award_providers: list[AwardProvider] = []


def register_completion_award(provider: AwardProvider) -> AwardProvider:
    """Called from another app's ``AppConfig.ready``. Usable as a decorator."""
    if provider not in _award_providers:
        _award_providers.append(provider)
    return provider


def completion_awards(*, enrollment) -> list[CompletionAward]:
    """What the learner receives for this enrolment, one query or so per provider."""
    awards = (provider(enrollment=enrollment) for provider in _award_providers)
    return [award for award in awards if award is not None]
