"""The demo data, read from the JSON files beside this module: ``site.json`` (home page,
topics, organisations, people, the learner's progress and the courses in catalogue order)
and one folder per course, ``courses/<slug>/``, holding ``course.json`` (the course, its
modules and lessons) and ``quizzes.gift`` (its quizzes, see ``devtools.demo.quizzes``).

A lesson's ``body`` is a list of ``{"type": ..., "value": ...}`` blocks of
``courses.blocks.LessonContentBlock``; rich text is HTML, kept as written (Arabic
included). The organisations, people and countries are fictional ("ZZ" is a user-assigned
code of ISO 3166-1: no real country has it); the conventions, standards and statistical
definitions cited are real. The demo learner's course has no "modules in order", so that
the fourth completed lesson, in the second module, is not locked behind a module quiz.

Plain file reads, not the storage API: these files are part of the code, not media. Read
once, when the module is imported; the constants below are what the builders use.
"""

import json
from pathlib import Path
from typing import Any

from accounts import roles

DATA_DIR = Path(__file__).resolve().parent
COURSES_DIR = DATA_DIR / "courses"


class DemoContentError(Exception):
    """A shipped demo file is missing or says something the builders cannot use."""


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DemoContentError(f"{path}: {error}") from error


def course_dir(slug: str) -> Path:
    return COURSES_DIR / slug


def _read_course(slug: str, name: str = "course.json") -> dict:
    """A course of ``courses/<slug>/course.json`` (or of its translation,
    ``course.<language>.json``), its slug added, its lesson bodies as the
    ``(block type, value)`` pairs a StreamField takes."""
    course = _read_json(course_dir(slug) / name)
    course["slug"] = slug
    for module in course["modules"]:
        for lesson in module["lessons"]:
            lesson["body"] = [(block["type"], block["value"]) for block in lesson["body"]]
    return course


def translated_course(slug: str, language: str) -> dict | None:
    """The course's translation into ``language`` (``course.<language>.json``: the same
    keys and lists in the same order, only the text translated); None when there is none."""
    if not (course_dir(slug) / f"course.{language}.json").is_file():
        return None
    return _read_course(slug, f"course.{language}.json")


def translated_site(language: str) -> dict | None:
    """The home page's, the catalogue's and the topics' text in ``language``
    (``site.<language>.json``: ``home`` and ``catalogue`` with the fields to write, and
    ``topics`` by slug); None when there is none."""
    path = DATA_DIR / f"site.{language}.json"
    if not path.is_file():
        return None
    return _read_json(path)


def _check_roles(users: list[dict]) -> None:
    unknown = {user["role"] for user in users} - set(roles.ALL_ROLES)
    if unknown:
        raise DemoContentError(f"{DATA_DIR / 'site.json'}: unknown roles {sorted(unknown)}")


_site = _read_json(DATA_DIR / "site.json")
_check_roles(_site["users"])

HOME: dict = _site["home"]
TOPICS: list[dict] = _site["topics"]
COUNTRY: str = _site["country"]
ORGANISATIONS: list[dict] = _site["organisations"]
USERS: list[dict] = _site["users"]
# The trainer writes the demo courses, the lead trainer publishes them, the administrator
# edits the home page.
AUTHOR_EMAIL: str = _site["author"]
PUBLISHER_EMAIL: str = _site["publisher"]
HOME_EDITOR_EMAIL: str = _site["home_editor"]
# Enrolled in one course with its first few lessons done...
LEARNER_PROGRESS: dict = _site["learner_progress"]
# ...and another finished, quizzes and final assessment passed (``devtools.demo.completion``).
COMPLETED_COURSE: dict = _site["completed_course"]
# Courses the demo units require of their people (``devtools.demo.requirements``), so that
# the compliance report has something to show: {"unit": code, "course": slug}.
REQUIREMENTS: list[dict] = _site["requirements"]
COURSES: list[dict] = [_read_course(slug) for slug in _site["courses"]]
