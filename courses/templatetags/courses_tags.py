from django import template

from courses import selectors

register = template.Library()


@register.simple_tag
def catalogue_topics():
    """Topics with their number of live courses, for the home page."""
    return selectors.topic_list_with_course_counts()
