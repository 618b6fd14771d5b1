"""Admin screens beside the quiz snippet: GIFT import (upload, preview, import), GIFT
export, and item analysis. Thin: parsing, importing and statistics live elsewhere."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from assessments import selectors, services
from assessments.gift import export_gift, parse_gift
from assessments.models import Quiz
from courses.translations import original_of

MAX_GIFT_BYTES = 1_000_000
SESSION_KEY = "waypoint_gift_import"


class GiftUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("GIFT file"),
        help_text=gettext_lazy("Moodle GIFT format, UTF-8, up to 1 MB."),
    )
    quiz = forms.ModelChoiceField(
        label=gettext_lazy("Add to quiz"),
        queryset=Quiz.objects.all(),
        required=False,
        help_text=gettext_lazy("Or leave empty and name a question bank below."),
    )
    bank = forms.CharField(
        label=gettext_lazy("New or existing question bank"), required=False, max_length=200
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_GIFT_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("The file is not UTF-8 text. Save it as UTF-8 and try again.")
            ) from None

    def clean(self):
        data = super().clean()
        if not data.get("quiz") and not (data.get("bank") or "").strip():
            raise forms.ValidationError(_("Choose a quiz or name a question bank."))
        return data


def _require(request, action):
    if not request.user.has_perm(f"assessments.{action}_quiz"):
        raise PermissionDenied


def gift_import(request):
    _require(request, "add")
    if request.method == "POST" and "confirm" in request.POST:
        return _gift_import_confirm(request)
    form = GiftUploadForm(request.POST or None, request.FILES or None)
    context = {"form": form, "page_title": _("Import questions from GIFT")}
    if request.method == "POST" and form.is_valid():
        result = parse_gift(form.cleaned_data["file"])
        context.update(result=result)
        if not result.errors:
            quiz = form.cleaned_data["quiz"]
            request.session[SESSION_KEY] = {
                "text": form.cleaned_data["file"],
                "quiz": quiz.pk if quiz else None,
                "bank": form.cleaned_data["bank"],
            }
    return TemplateResponse(request, "assessments/admin/gift_import.html", context)


def _gift_import_confirm(request):
    pending = request.session.pop(SESSION_KEY, None)
    if not pending:
        messages.error(request, _("Nothing to import: upload the file again."))
        return redirect("assessments_gift_import")
    result = parse_gift(pending["text"])
    if result.errors:
        messages.error(request, _("The file has errors; nothing was imported."))
        return redirect("assessments_gift_import")
    quiz = Quiz.objects.filter(pk=pending["quiz"]).first() if pending["quiz"] else None
    try:
        quiz = services.quiz_import_questions(
            questions=result.questions, quiz=quiz, bank_name=pending["bank"], user=request.user
        )
    except services.AttemptError as error:
        messages.error(request, error.messages[0])
        return redirect("assessments_gift_import")
    # Imports land in the quiz's draft: learners keep the live version until approval.
    messages.success(
        request,
        ngettext(
            "%(n)s question imported into the draft of “%(quiz)s”. Learners see it once the "
            "draft is approved and published.",
            "%(n)s questions imported into the draft of “%(quiz)s”. Learners see them once "
            "the draft is approved and published.",
            len(result.questions),
        )
        % {"n": len(result.questions), "quiz": quiz},
    )
    return redirect("wagtailsnippets_assessments_quiz:edit", quiz.pk)


def gift_export(request, quiz_id: int):
    _require(request, "change")
    quiz = get_object_or_404(Quiz, pk=quiz_id)
    questions = [question for _key, question in quiz.question_data()]
    response = HttpResponse(export_gift(questions), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{slugify(quiz.title) or "quiz"}.gift.txt"'
    )
    return response


ALL_VERSIONS = ""
ALL_LANGUAGES = ""


class VersionFilterForm(forms.Form):
    """Item analysis of one version of the quiz, or of all, and of the attempts taken in
    one language or in all: only versions and languages learners took are offered, so a
    forged or another quiz's revision is a form error, never someone's data."""

    version = forms.ChoiceField(label=gettext_lazy("Version"), required=False)
    language = forms.ChoiceField(label=gettext_lazy("Language"), required=False)

    def __init__(self, *args, versions, languages=(), **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(settings.LANGUAGES)
        self.fields["language"].choices = [
            (ALL_LANGUAGES, _("All languages")),
            *((code, names.get(code, code)) for code in languages),
        ]
        choices = [(ALL_VERSIONS, _("All versions"))]
        for version in versions:
            if version.revision_id is None:
                continue
            label = _("Version of %(date)s") % {
                "date": formats.date_format(
                    timezone.localtime(version.created_at), "SHORT_DATETIME_FORMAT"
                )
            }
            if version.live:
                label = _("%(version)s (live)") % {"version": label}
            choices.append((str(version.revision_id), label))
        self.fields["version"].choices = choices

    # Each filter on its own: a forged version leaves the language filter working.
    def revision_id(self) -> int | None:
        self.is_valid()
        value = self.cleaned_data.get("version")
        return int(value) if value else None

    def language_code(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("language") or ""


def item_analysis(request, quiz_id: int):
    _require(request, "change")
    quiz = get_object_or_404(Quiz.objects.select_related("locale"), pk=quiz_id)
    original = original_of(quiz)
    if original.pk != quiz.pk:
        # A translation's attempts are its original's: its analysis, in this language.
        url = reverse("assessments_item_analysis", args=[original.pk])
        return redirect(f"{url}?{urlencode({'language': quiz.locale.language_code})}")
    form = VersionFilterForm(
        request.GET or None,
        versions=selectors.quiz_versions_taken(quiz=quiz),
        languages=selectors.quiz_languages_taken(quiz=quiz),
    )
    revision_id = form.revision_id() if form.is_bound else None
    language = form.language_code() if form.is_bound else ""
    return TemplateResponse(
        request,
        "assessments/admin/item_analysis.html",
        {
            "quiz": quiz,
            "form": form,
            "stats": selectors.quiz_item_analysis(
                quiz=quiz, revision_id=revision_id, language=language
            ),
            "page_title": _("Item analysis"),
        },
    )
