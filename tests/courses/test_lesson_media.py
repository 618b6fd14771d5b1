"""Lesson media on a weak link: YouTube and Vimeo players load only when the learner presses
play, and the data saver (Save-Data, or the profile setting) holds images back until tapped."""

import pytest
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from accounts.services.users import user_update_profile
from courses.services import enrollment_create
from courses.video_embeds import player_for
from tests.factories.courses import make_course, make_lesson

pytestmark = pytest.mark.django_db

YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


@pytest.mark.parametrize(
    ("url", "src"),
    [
        (YOUTUBE, "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"),
        (
            "https://youtu.be/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1",
        ),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1"),
    ],
)
def test_player_address_is_worked_out_from_the_video_address(url, src):
    assert player_for(url).src == src


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/watch?v=dQw4w9WgXcQ",
        "javascript:alert(1)",
        "",
        "https://vimeo.com/about",
    ],
)
def test_other_addresses_get_no_player(url):
    assert player_for(url) is None


@pytest.fixture
def image():
    return get_image_model().objects.create(title="Checkpoint", file=get_test_image_file())


@pytest.fixture
def lesson(image):
    course = make_course(modules=1, lessons=0)
    body = [
        {
            "type": "video",
            "value": {"video": YOUTUBE, "transcript": "<p>What the officer says.</p>"},
        },
        {"type": "image", "value": {"image": image.pk, "alt_text": "A border post", "caption": ""}},
    ]
    return make_lesson(course.get_children().specific().first(), body=body)


@pytest.fixture
def learner_client(client, learner, lesson):
    enrollment_create(user=learner, course=lesson.get_parent().get_parent().specific)
    client.force_login(learner)
    return client


def test_lesson_has_no_video_player_until_play_is_pressed(learner_client, lesson):
    html = learner_client.get(lesson.url).content.decode()

    assert "<iframe" not in html
    assert 'data-player-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"' in html
    assert f'href="{YOUTUBE}"' in html
    assert "What the officer says." in html
    assert "/static/js/lesson-media.js" in html


def test_images_show_at_once_without_the_data_saver(learner_client, lesson):
    html = learner_client.get(lesson.url).content.decode()

    assert '<img src="' in html
    assert "data-tap-image" not in html


def test_save_data_holds_images_until_tapped(learner_client, lesson):
    html = learner_client.get(lesson.url, HTTP_SAVE_DATA="on").content.decode()

    assert "<img" not in html
    assert "data-tap-image" in html
    assert "Show the picture: A border post" in html


def test_profile_setting_holds_images_until_tapped(learner_client, learner, lesson):
    learner_client.get(lesson.url)  # the full page is in the shared cache by now
    user_update_profile(user=learner, images_on_tap=True)

    html = learner_client.get(lesson.url).content.decode()

    assert "<img" not in html
    assert "data-tap-image" in html


def test_profile_page_saves_the_setting(client, learner):
    client.force_login(learner)
    response = client.post(
        "/accounts/profile/",
        {"full_name": "Amina Diallo", "preferred_language": "en", "images_on_tap": "on"},
    )

    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.images_on_tap
    assert "Show images only when I tap them" in client.get("/accounts/profile/").content.decode()
