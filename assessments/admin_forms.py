"""The quiz editor's form and views: a module has one quiz and a course one final
assessment, and a trainer who picks a module that already has one (a quiz saved and then
left half-built) is told which quiz it is and offered it to continue, never shown "Quiz
with this Module quiz of already exists." or a server error. A new quiz is not autosaved,
so leaving the add screen leaves nothing behind.
"""

from django.db import IntegrityError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.snippets.views.snippets import CreateView, EditView

# The fields that attach a quiz to one page, each unique (Quiz.Meta.constraints).
ATTACHMENTS = ("module", "course")


class QuizAdminForm(WagtailAdminModelForm):
    def clean(self):
        cleaned_data = super().clean()
        add_taken_attachment_errors(self)
        return cleaned_data


def add_taken_attachment_errors(form) -> bool:
    """Put a message on each attachment field whose page already has another quiz; True
    if there was one. Fields with an error are left out of the model's unique checks, so
    this message replaces Django's."""
    found = False
    quizzes = form._meta.model.objects.exclude(pk=form.instance.pk)
    for field in ATTACHMENTS:
        page = form.cleaned_data.get(field)
        taken = page and quizzes.filter(**{field: page}).first()
        if taken:
            form.add_error(field, _taken_message(field, taken, getattr(form, "for_user", None)))
            found = True
    return found


def _taken_message(field: str, quiz, user) -> str:
    can_open = user is not None and user.has_perm("assessments.change_quiz")
    if can_open:
        url = reverse("wagtailsnippets_assessments_quiz:edit", args=[quiz.pk])
        name = format_html('<a href="{}">“{}”</a>', url, quiz.title)
    else:
        name = format_html("“{}”", quiz.title)
    if field == "module":
        message = (
            _("This module already has a quiz, {quiz}. Continue it, or choose another module.")
            if can_open
            else _("This module already has a quiz, {quiz}. Choose another module.")
        )
    else:
        message = (
            _(
                "This course already has a final assessment, {quiz}. Continue it, or choose "
                "another course."
            )
            if can_open
            else _("This course already has a final assessment, {quiz}. Choose another course.")
        )
    return format_html(message, quiz=name)


class _TakenAttachmentMixin:
    """Two saves at once (an autosave and a click) can both pass the form's check; the
    second then meets the database's unique constraint, and gets the form's message."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except IntegrityError:
            if not add_taken_attachment_errors(form):
                raise
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class QuizCreateView(_TakenAttachmentMixin, CreateView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # A new quiz is a draft that learners never see, but an autosaved one still holds
        # its module or course (one quiz each) after the trainer abandons the screen: the
        # first save is the trainer's own; edits autosave (into the draft).
        self.autosave_enabled = False


class QuizEditView(_TakenAttachmentMixin, EditView):
    pass
