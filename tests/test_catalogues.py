"""The French, Spanish and Arabic interface catalogues are complete, well formed, match the
strings of the code and templates, and are compiled from their current text.

A learner who chose Arabic must never meet an English sentence that Waypoint itself wrote:
each of these fails on the first one.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

ROOT = Path(settings.BASE_DIR)
LOCALE = ROOT / "locale"
TRANSLATED_LANGUAGES = ["fr", "es", "ar"]
# Everything of ours that renders text; tests, tools and third-party trees are not.
NOT_EXTRACTED = [".venv", "node_modules", "tests", "var", "bench", "scripts", "docs", "static"]
NAMED_PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[sdfr]|\{[a-z_0-9]*\}")
HTML_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")


def catalogue(language):
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{path.relative_to(ROOT)} is missing"
    return polib.pofile(str(path))


def key(entry):
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def described(entries, limit=15):
    lines = [f"  {e.msgid[:70]!r} ({(e.occurrences or [('?', '')])[0][0]})" for e in entries]
    more = f"\n  … and {len(lines) - limit} more" if len(lines) > limit else ""
    return "\n".join(lines[:limit]) + more


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_every_entry_is_translated_and_none_is_fuzzy(language):
    po = catalogue(language)
    untranslated = [e for e in po if not e.obsolete and not e.translated()]
    fuzzy = [e for e in po if "fuzzy" in e.flags]
    obsolete = [e for e in po if e.obsolete]
    assert not untranslated, f"{language}: untranslated entries:\n{described(untranslated)}"
    assert not fuzzy, f"{language}: fuzzy entries:\n{described(fuzzy)}"
    assert not obsolete, f"{language}: obsolete entries (run makemessages --no-obsolete)"
    assert "fuzzy" not in (po.metadata_is_fuzzy or []), f"{language}: the header is fuzzy"
    assert po.metadata.get("Language") == language


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_placeholders_and_markup_survive_translation(language):
    """`%(name)s` and `{name}` keep their names; tags keep their order (attributes may not)."""
    broken = []
    for entry in catalogue(language):
        sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        expected = set(NAMED_PLACEHOLDER.findall(" ".join(sources)))
        expected_tags = HTML_TAG.findall(entry.msgid)
        for text in translations:
            if set(NAMED_PLACEHOLDER.findall(text)) - expected or (
                not entry.msgid_plural and set(NAMED_PLACEHOLDER.findall(text)) != expected
            ):
                broken.append(entry)
            elif sorted(HTML_TAG.findall(text)) != sorted(expected_tags):
                broken.append(entry)
    assert not broken, f"{language}: placeholders or tags differ:\n{described(broken)}"


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_msgfmt_check_accepts_the_catalogue(language):
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def extracted_from_sources(tmp_path_factory):
    """What `makemessages` finds in the code and templates today, extracted in a copy of the
    sources so that the committed catalogues stay untouched."""
    copy = tmp_path_factory.mktemp("sources")
    shutil.copytree(
        ROOT,
        copy,
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns(*NOT_EXTRACTED, "locale", ".git", "__pycache__"),
    )
    (copy / "locale").mkdir()
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "fr", "--no-obsolete"]
        + [f"--ignore={name}" for name in NOT_EXTRACTED],
        cwd=copy,
        capture_output=True,
        text=True,
        env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    return {key(e) for e in polib.pofile(str(copy / "locale/fr/LC_MESSAGES/django.po"))}


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_catalogue_holds_exactly_the_strings_of_the_sources(language, extracted_from_sources):
    in_catalogue = {key(e) for e in catalogue(language) if not e.obsolete}
    missing = sorted(extracted_from_sources - in_catalogue)
    stale = sorted(in_catalogue - extracted_from_sources)
    assert not missing, (
        f"{language}: {len(missing)} strings of the code are not in the catalogue "
        f"(run `make makemessages`, then translate): {[m[1][:60] for m in missing[:10]]}"
    )
    assert not stale, (
        f"{language}: {len(stale)} entries no longer in the code: {[s[1][:60] for s in stale[:10]]}"
    )


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_compiled_catalogue_gives_the_current_translations(language):
    """The .mo that Django loads says what the .po says: `make messages` ran after the last
    edit. (Where another catalogue has the same source text, ours is first in LOCALE_PATHS.)"""
    stale = []
    with translation.override(language):
        for entry in catalogue(language):
            if not entry.translated():
                continue  # reported by the completeness test
            if entry.msgid_plural:
                context = (entry.msgctxt,) if entry.msgctxt else ()
                plural = translation.npgettext if entry.msgctxt else translation.ngettext
                shown = plural(*context, entry.msgid, entry.msgid_plural, 1)
                ok = shown in set(entry.msgstr_plural.values())
            elif entry.msgctxt:
                ok = translation.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr
            else:
                ok = translation.gettext(entry.msgid) == entry.msgstr
            if not ok:
                stale.append(entry)
    assert not stale, (
        f"{language}: the compiled catalogue is stale or missing (run `make messages`):\n"
        f"{described(stale)}"
    )
