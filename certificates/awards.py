"""The certificate as the way on from a completed course: the page where a course ends
(a quiz's result) offers its download, or says it is still being issued and points to
"My learning", where it will appear (``courses.completion``)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from certificates.models import Certificate
from courses.completion import CompletionAward


def certificate_award(*, enrollment) -> CompletionAward:
    """One query. Issuance runs in a background job after the completion commits, so a
    missing certificate (or one whose PDF is not rendered yet) is on its way."""
    certificate = (
        Certificate.objects.filter(enrollment_id=enrollment.pk)
        .only("code", "pdf", "revoked_at")
        .first()
    )
    my_learning = reverse("learning:dashboard") + "#certificates-heading"
    if certificate is None or not certificate.pdf:
        return CompletionAward(
            label=_("See it in My learning"),
            url=my_learning,
            pending=True,
            note=_(
                "Your certificate is being issued. It will appear in My learning and reach "
                "you by e-mail in a few minutes."
            ),
        )
    if certificate.revoked_at:
        return CompletionAward(label=_("See your certificate in My learning"), url=my_learning)
    return CompletionAward(
        label=_("Download your certificate"),
        url=reverse("certificates:pdf", args=[certificate.code]),
        note=_("It is also kept in My learning, with the link to share for verification."),
    )
