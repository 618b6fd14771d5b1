from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField


class Topic(TranslatableMixin, index.Indexed, models.Model):
    """A subject area of the catalogue, such as border management. Edited as a snippet and
    translated with wagtail-localize: a topic and its translations share a
    ``translation_key``, and the catalogue shows the one in the reader's language
    (``courses.topics``). A course keeps whichever copy it was given: the catalogue matches
    topics by ``translation_key``, so a course tagged with the English topic is found by the
    French one and the other way."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]
    # The name and description are translated; the slug stays the original's, so that a
    # link to ``/courses/?topic=<slug>`` filters the same in every language.
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [
            models.UniqueConstraint(fields=["locale", "name"], name="topic_name_per_language"),
            models.UniqueConstraint(fields=["locale", "slug"], name="topic_slug_per_language"),
        ]

    def __str__(self):
        return self.name
