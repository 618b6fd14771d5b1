"""Sections that other apps add to "My learning" (certificates adds its own), so that
``courses`` never imports them: each registers a template and a function that gives its
context for the signed-in learner."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DashboardSection:
    template: str
    context: Callable[..., dict]  # called as context(user=...)


_sections: list[DashboardSection] = []


def register_dashboard_section(section: DashboardSection) -> DashboardSection:
    """Called from another app's ``AppConfig.ready``."""
    if section not in _sections:
        _sections.append(section)
    return section


def dashboard_sections(*, user) -> list[dict]:
    return [{"template": s.template, "context": s.context(user=user)} for s in _sections]
