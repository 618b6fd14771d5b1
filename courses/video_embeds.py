"""The player address of a YouTube or Vimeo video, worked out from its page address alone.

A lesson shows a placeholder and loads the provider's player only when the learner presses
play (``templates/blocks/video_block.html``, ``static/js/lesson-media.js``): a YouTube player
costs about a megabyte before anything is played, and some government networks block the
providers outright. Nothing is fetched from the provider to render the lesson, not even
Wagtail's oEmbed lookup. YouTube is framed from youtube-nocookie.com, the only YouTube origin
the Content-Security-Policy allows.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}


@dataclass(frozen=True)
class Player:
    provider: str
    src: str


def _youtube_id(host: str, path: str, query: str) -> str | None:
    if host == "youtu.be":
        candidate = path.strip("/").split("/")[0]
    elif host in YOUTUBE_HOSTS:
        parts = path.strip("/").split("/")
        if parts[0] == "watch":
            candidate = parse_qs(query).get("v", [""])[0]
        elif parts[0] in ("embed", "shorts", "live", "v") and len(parts) > 1:
            candidate = parts[1]
        else:
            return None
    else:
        return None
    return candidate if YOUTUBE_ID.match(candidate) else None


def _vimeo_id(host: str, path: str) -> str | None:
    if host not in VIMEO_HOSTS:
        return None
    numbers = [part for part in path.split("/") if part.isdigit()]
    return numbers[-1] if numbers else None


def player_for(url: str) -> Player | None:
    """The player to frame for a video page address, or ``None`` when it is neither a
    YouTube nor a Vimeo video (the lesson then offers only a link)."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower()
    youtube_id = _youtube_id(host, parts.path, parts.query)
    if youtube_id:
        return Player("YouTube", f"https://www.youtube-nocookie.com/embed/{youtube_id}?autoplay=1")
    vimeo_id = _vimeo_id(host, parts.path)
    if vimeo_id:
        return Player("Vimeo", f"https://player.vimeo.com/video/{vimeo_id}?autoplay=1&dnt=1")
    return None
