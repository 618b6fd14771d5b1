"""How much a lesson may download before the learner asks: the data saver.

Two signals, one from the browser and one from the person:

- ``Save-Data: on`` (the browser's or the phone's data saver, sent with every request):
  images wait for a tap and an uploaded video starts at its smallest rendition;
- the profile setting "Show images only when I tap them" (``User.images_on_tap``): images
  wait for a tap, on any browser.

The lesson body is rendered once per variant and kept in the shared cache
(``courses_tags.lesson_body``), so the variant is part of its cache name and the lesson's
``Vary`` header names ``Save-Data``.
"""

from dataclasses import dataclass

SAVE_DATA_HEADER = "Save-Data"


@dataclass(frozen=True)
class MediaPreferences:
    images_on_tap: bool = False
    smallest_video: bool = False

    @property
    def variant(self) -> str:
        """A short name for the rendered lesson body this needs."""
        if self.smallest_video:
            return "save-data"
        return "images-on-tap" if self.images_on_tap else "full"


FULL = MediaPreferences()


def browser_saves_data(request) -> bool:
    return request.headers.get(SAVE_DATA_HEADER, "").strip().lower() == "on"


def media_preferences(request) -> MediaPreferences:
    if request is None:
        return FULL
    saves_data = browser_saves_data(request)
    user = getattr(request, "user", None)
    taps = saves_data or bool(user is not None and getattr(user, "images_on_tap", False))
    return MediaPreferences(images_on_tap=taps, smallest_video=saves_data)
