"""Issue 17: "Make this course available offline" carries what the lessons show and link to:
pictures in rich text at the rendition the page shows, documents (one learner's copies:
only an enrolled learner is given them), and each uploaded video's poster, captions and
the copies the learner chooses between, all counted at their real size."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from courses.models import VideoRendition
from courses.services import enrollment_create
from courses.tasks import make_video_renditions
from tests.factories.courses import make_course, make_lesson
from tests.factories.videos import add_captions, make_video
from tests.query_counts import assert_queries, count_queries

pytestmark = pytest.mark.django_db
HANDOUT = b"Checklist for second-line document examination\n" * 20


def _image(name="checkpoint.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), (20, 60, 120)).save(buffer, "PNG")
    return get_image_model().objects.create(title=name, file=ImageFile(buffer, name=name))


def _document(name="checklist.txt"):
    document = get_document_model()(title=name)
    document.file.save(name, ContentFile(HANDOUT), save=False)
    document.file_size = len(HANDOUT)
    document.save()
    return document


@pytest.fixture
def prepared_video():
    video = make_video(title="Checking a passport")
    add_captions(video, "fr")
    make_video_renditions.delay(video.pk)
    video.refresh_from_db()
    return video


def _lesson_with_everything(course, *, image, document, video):
    module = course.get_children().first().specific
    rich_text = (
        f'<p>The stamp:</p><embed alt="An entry stamp" embedtype="image" format="fullwidth"'
        f' id="{image.pk}"/><p>See <a linktype="document" id="{document.pk}">the checklist</a>.</p>'
    )
    return make_lesson(
        module,
        title="Stamps and checklists",
        body=[
            ("rich_text", rich_text),
            ("callout", {"kind": "tip", "title": "", "body": rich_text}),
            ("uploaded_video", {"video": video}),
        ],
    )


def _bundle(client, course):
    return client.get(reverse("offline:course_bundle", args=[course.id])).json()


def test_rich_text_pictures_documents_and_videos_are_listed_at_their_real_size(
    client, learner, prepared_video
):
    course = make_course(modules=1, lessons=1)
    image, document = _image(), _document()
    lesson = _lesson_with_everything(course, image=image, document=document, video=prepared_video)
    enrollment_create(user=learner, course=course)
    client.force_login(learner)

    bundle = _bundle(client, course)

    by_url = {item["url"]: item for item in bundle["items"]}
    shown = image.get_rendition("width-800")  # the "fullwidth" format the lesson shows
    assert by_url[shown.url] == {"url": shown.url, "bytes": shown.file.size, "kind": "image"}
    assert by_url[document.url] == {"url": document.url, "bytes": len(HANDOUT), "kind": "document"}
    assert [i["url"] for i in bundle["items"]].count(document.url) == 1  # linked twice, kept once
    renditions = {r.kind: r for r in prepared_video.renditions.all()}
    videos = [item for item in bundle["items"] if item["kind"] == "video"]
    paths = {item["url"].split("?")[0]: item for item in videos}
    base = f"/learning/videos/{prepared_video.pk}"
    assert set(paths) == {
        f"{base}/poster/",
        f"{base}/240p/",
        f"{base}/audio/",
        f"/learning/videos/{prepared_video.pk}/captions/fr.vtt",
    }
    assert paths[f"{base}/240p/"]["quality"] == "240p"
    assert paths[f"{base}/240p/"]["bytes"] == renditions["240p"].size_bytes > 10_000
    assert paths[f"{base}/audio/"]["quality"] == "audio"
    # The lesson page's player asks for the same addresses (with the version).
    lesson_html = client.get(lesson.url).content.decode().replace("&amp;", "&")
    assert paths[f"{base}/240p/"]["url"] in lesson_html
    # The size said before downloading: everything with the 240p copies, not the sound alone.
    total = sum(i["bytes"] for i in bundle["items"] if i.get("quality") != "audio")
    assert bundle["total_bytes"] == total
    assert bundle["video_quality"] == "240p"


def test_a_video_whose_copies_are_not_made_yet_is_left_out(client, learner, prepared_video):
    course = make_course(modules=1, lessons=1)
    waiting = make_video(title="Not ready")
    module = course.get_children().first().specific
    make_lesson(module, body=[("uploaded_video", {"video": waiting})])
    enrollment_create(user=learner, course=course)
    client.force_login(learner)

    bundle = _bundle(client, course)

    assert not [item for item in bundle["items"] if item["kind"] == "video"]
    assert VideoRendition.objects.filter(video=waiting).count() == 0


def test_a_learner_not_enrolled_is_given_no_document_or_video(
    client, learner, other_learner, prepared_video
):
    course = make_course(modules=1, lessons=1)
    document = _document()
    _lesson_with_everything(course, image=_image(), document=document, video=prepared_video)
    enrollment_create(user=other_learner, course=course)
    client.force_login(learner)

    response = client.get(reverse("offline:course_bundle", args=[course.id]))

    assert response.status_code == 403
    assert document.url not in response.content.decode()
    assert "/learning/videos/" not in response.content.decode()
    # Nor do the files themselves download: the server checks the enrolment.
    assert client.get(document.url).status_code == 403
    small = next(r for r in prepared_video.renditions.all() if r.kind == "240p")
    assert client.get(f"/learning/videos/{prepared_video.pk}/{small.kind}/").status_code == 403


def test_the_list_costs_the_same_queries_with_more_lessons_pictures_documents_and_videos(
    client, learner, prepared_video
):
    small, big = make_course(modules=1, lessons=1), make_course(modules=3, lessons=3)
    _lesson_with_everything(small, image=_image(), document=_document(), video=prepared_video)
    second_video = make_video(title="Interviewing a traveller")
    make_video_renditions.delay(second_video.pk)
    for n in range(3):
        _lesson_with_everything(
            big, image=_image(f"stamp-{n}.png"), document=_document(f"list-{n}.txt"),
            video=prepared_video if n % 2 else second_video,
        )  # fmt: skip
    for course in (small, big):
        enrollment_create(user=learner, course=course)
    client.force_login(learner)
    for course in (small, big):
        _bundle(client, course)  # warm the shared course cache and make the renditions

    queries, _ = count_queries(lambda: _bundle(client, small))
    with assert_queries(queries):
        bundle = _bundle(client, big)
    kinds = [item["kind"] for item in bundle["items"]]
    assert kinds.count("document") == 3 and kinds.count("image") == 3
    assert kinds.count("page") == 1 + 3 + 9 + 3
