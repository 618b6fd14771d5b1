"""Parts of the site's chrome that are the same on every page for a language, rendered
once per process and language (issue 19, P1: every page paid for them)."""

from django import template
from django.template.loader import get_template
from django.utils import translation
from django.utils.safestring import mark_safe

register = template.Library()
_language_options: dict[str, str] = {}


@register.simple_tag
def language_options():
    """The ``<option>``s of the language switcher, the current language selected: a
    function of ``settings.LANGUAGES`` and the active language only."""
    language = translation.get_language()
    if language not in _language_options:
        html = get_template("includes/language_options.html").render({})
        _language_options[language] = html
    return mark_safe(_language_options[language])
