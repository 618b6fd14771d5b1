"""The course pages trainers author in Wagtail. Declarative: fields, panels, search and
tree rules; page contexts come from ``courses.presenters`` (which read through
``courses.selectors``), writes go through ``courses.services``."""

from django.contrib import messages
from django.db import models
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from courses.blocks import LessonContentBlock, ObjectiveBlock
from courses.translations import RouteThroughOriginalMixin


class SharedViewRestrictionsMixin:
    """Wagtail checks view restrictions on every page view by reading the page's ancestors
    and then their restrictions: two queries. Learner pages answer from the shared cache
    instead (``courses.selectors.page_view_restrictions``). An alias page keeps Wagtail's
    own lookup, which follows the alias to its source."""

    def get_view_restrictions(self):
        if self.alias_of_id:
            return super().get_view_restrictions()
        from courses.selectors import page_view_restrictions

        return page_view_restrictions(page=self)


class CourseIndexPage(RouteThroughOriginalMixin, SharedViewRestrictionsMixin, Page):
    """The catalogue at /courses/."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        from courses.presenters import catalogue_context

        context = super().get_context(request, *args, **kwargs)
        context.update(catalogue_context(index_page=self, request=request))
        return context


class CoursePage(SharedViewRestrictionsMixin, Page):
    class Level(models.TextChoices):
        INTRODUCTORY = "introductory", _("Introductory")
        INTERMEDIATE = "intermediate", _("Intermediate")
        ADVANCED = "advanced", _("Advanced")

    class LessonCompletion(models.TextChoices):
        MARK_DONE = "mark_done", _("The learner marks each lesson as done")
        REACH_END = "reach_end", _("The lesson is done when the learner moves past its end")

    summary = models.TextField(
        _("summary"), max_length=600, help_text=_("One or two sentences for the catalogue.")
    )
    description = RichTextField(
        _("description"), blank=True, features=["h3", "bold", "italic", "ol", "ul", "link"]
    )
    objectives = StreamField(ObjectiveBlock(), verbose_name=_("learning objectives"), blank=True)
    requirements = models.TextField(
        _("requirements"),
        blank=True,
        help_text=_("What a learner should know or have before starting."),
    )
    topic = models.ForeignKey(
        "courses.Topic",
        verbose_name=_("topic"),
        on_delete=models.PROTECT,
        related_name="courses",
    )
    level = models.CharField(
        _("level"), max_length=20, choices=Level.choices, default=Level.INTRODUCTORY
    )
    duration_hours = models.PositiveSmallIntegerField(
        _("duration (hours)"), default=1, help_text=_("Estimated total study time.")
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    modules_in_order = models.BooleanField(
        _("modules must be taken in order"),
        default=False,
        help_text=_("A module opens only once every step of the modules before it is done."),
    )
    lesson_completion = models.CharField(
        _("lesson completion"),
        max_length=20,
        choices=LessonCompletion.choices,
        default=LessonCompletion.MARK_DONE,
    )
    enrolment_requires_approval = models.BooleanField(
        _("enrolment requires approval"),
        default=False,
        help_text=_(
            "Learners request a place and the manager of their unit approves or rejects it. "
            "Managers can still assign the course directly."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("description"),
        FieldPanel("objectives"),
        FieldPanel("requirements"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("topic"), FieldPanel("level")]),
                FieldPanel("duration_hours"),
            ],
            heading=_("Catalogue"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("modules_in_order"),
                FieldPanel("lesson_completion"),
                FieldPanel("enrolment_requires_approval"),
            ],
            heading=_("Progress rules"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        # The topic's name in every language it is translated into: a French reader finds
        # a course given only in English by its French topic ("frontières").
        index.SearchField("topic_names"),
        index.FilterField("topic"),
        index.FilterField("level"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("course")

    def topic_names(self) -> str:
        """The names of this course's topic and of its translations (search index only;
        ``courses.signal_handlers`` indexes the course again when a copy of the topic
        changes)."""
        from courses.models.topics import Topic

        if not self.topic_id:
            return ""
        same = Topic.objects.filter(pk=self.topic_id).values("translation_key")
        names = Topic.objects.filter(translation_key__in=same).values_list("name", flat=True)
        return " ".join(sorted(names))

    def get_context(self, request, *args, **kwargs):
        from courses.presenters import course_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(course_page_context(course=self, user=request.user))
        return context

    def get_preview_context(self, request, mode_name):
        """The course with its draft modules and lessons, and no learner action live."""
        from courses.presenters import course_preview_context

        context = super().get_context(request)
        context.update(course_preview_context(course=self))
        return context


class ModulePage(SharedViewRestrictionsMixin, Page):
    summary = models.TextField(_("summary"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary")]
    search_fields = Page.search_fields + [index.SearchField("summary")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("module")

    def get_context(self, request, *args, **kwargs):
        from courses.presenters import module_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(module_page_context(module=self, user=request.user))
        return context

    def get_preview_context(self, request, mode_name):
        from courses.presenters import module_preview_context

        context = super().get_context(request)
        context.update(module_preview_context(module=self))
        return context


class LessonPage(SharedViewRestrictionsMixin, Page):
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=10)
    body = StreamField(LessonContentBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("estimated_minutes"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["courses.ModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")

    def serve(self, request, *args, **kwargs):
        from courses import lesson_validators
        from courses.lesson_skeleton import LessonPageResponse
        from courses.presenters import lesson_page_context

        context = lesson_page_context(lesson=self, user=request.user)
        if not context["can_view_body"]:
            messages.info(request, context["refusal"])
            return redirect(context["course"].url)
        etag = lesson_validators.lesson_etag(request, lesson=self, context=context)
        not_modified = lesson_validators.not_modified_response(request, etag)
        if not_modified is not None:
            return not_modified
        request.lesson_context = context
        request.is_preview = False  # as Page.serve, whose response this replaces
        response = LessonPageResponse(
            request,
            self.get_template(request, *args, **kwargs),
            self.get_context(request, *args, **kwargs),
        )
        return lesson_validators.mark_private(response, etag)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(getattr(request, "lesson_context", None) or {})
        return context

    def serve_preview(self, request, mode_name):
        from courses.presenters import lesson_preview_context

        request.lesson_context = lesson_preview_context(lesson=self)
        return super().serve_preview(request, mode_name)
