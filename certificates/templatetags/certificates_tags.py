from django import template

from certificates import selectors

register = template.Library()


@register.simple_tag
def certificates_of(user):
    """For "My learning": the signed-in learner's own certificates, newest first."""
    if not user.is_authenticated:
        return []
    return selectors.certificates_of(user=user)
