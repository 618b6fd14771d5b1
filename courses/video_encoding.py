"""ffprobe and ffmpeg (Debian's ``ffmpeg`` package, ``scripts/ensure-system-deps``): what an
uploaded file is, and the small copies a learner on a weak link plays instead.

Targets (total bit rates, sound included): 240p at about 200 kbit/s, 360p at about
500 kbit/s, sound alone at 48 kbit/s, and a JPEG poster. A 10-minute lesson video is then
15 MB at 240p and 3.6 MB as sound alone. H.264 and AAC in MP4 play in every browser we
support; ``+faststart`` puts the index first, so playing starts before the file has arrived.
"""

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

# Container formats ffprobe may name for an accepted upload (its "format_name" lists aliases).
ACCEPTED_FORMATS = {"mov", "mp4", "m4a", "3gp", "matroska", "webm", "ogg", "avi"}
PROBE_SECONDS = 60


class EncodingError(Exception):
    """A file ffmpeg cannot read or convert; the message is for the trainer."""


@dataclass(frozen=True)
class Probe:
    format_names: frozenset[str]
    duration: float
    width: int
    height: int
    has_audio: bool


@dataclass(frozen=True)
class Target:
    suffix: str
    arguments: tuple[str, ...]


def _video_scale(height: int) -> str:
    # Never larger than the original; an even width and height, as H.264 needs.
    return f"scale=-2:'trunc(min({height},ih)/2)*2'"


def _h264(height: int, *, video: int, peak: int, audio: int, channels: int) -> Target:
    """An MP4 copy at ``height`` lines, ``video`` kbit/s on average and ``peak`` at most."""
    return Target(
        ".mp4",
        ("-vf", _video_scale(height), "-c:v", "libx264", "-preset", "veryfast",
         "-profile:v", "main", "-pix_fmt", "yuv420p", "-b:v", f"{video}k",
         "-maxrate", f"{peak}k", "-bufsize", f"{2 * peak}k", "-c:a", "aac", "-b:a", f"{audio}k",
         "-ac", str(channels), "-movflags", "+faststart"),
    )  # fmt: skip


TARGETS = {
    "240p": _h264(240, video=168, peak=200, audio=32, channels=1),
    "360p": _h264(360, video=436, peak=500, audio=64, channels=2),
    "audio": Target(
        ".m4a", ("-vn", "-c:a", "aac", "-b:a", "48k", "-ac", "1", "-movflags", "+faststart")
    ),
}


def probe(path: Path) -> Probe:
    """What the file is, read from its content (not its name)."""
    try:
        result = subprocess.run(
            ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
             str(path)],
            capture_output=True, timeout=PROBE_SECONDS, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired as error:
        raise EncodingError(_("The file could not be read in time.")) from error
    info = json.loads(result.stdout or b"{}") if result.returncode == 0 else {}
    streams = info.get("streams", [])
    video = next((s for s in streams if s.get("codec_type") == "video"), None)
    formats = frozenset(info.get("format", {}).get("format_name", "").split(","))
    if video is None or not formats & ACCEPTED_FORMATS:
        raise EncodingError(_("This file is not a video Waypoint can read (MP4, WebM or MOV)."))
    try:
        duration = float(info["format"].get("duration") or video.get("duration") or 0)
    except (TypeError, ValueError):
        duration = 0.0
    return Probe(
        format_names=formats,
        duration=duration,
        width=int(video.get("width") or 0),
        height=int(video.get("height") or 0),
        has_audio=any(s.get("codec_type") == "audio" for s in streams),
    )


def _run_ffmpeg(arguments: list[str], *, timeout: float) -> None:
    try:
        result = subprocess.run(
            ["ffmpeg", "-nostdin", "-v", "error", "-y", *arguments],
            capture_output=True, timeout=timeout, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired as error:
        raise EncodingError(_("Converting the video took too long.")) from error
    if result.returncode != 0:
        detail = result.stderr.decode(errors="replace").strip().splitlines()[-1:] or [""]
        raise EncodingError(
            _("The video could not be converted: %(detail)s") % {"detail": detail[0][:300]}
        )


def make_renditions(source: Path, folder: Path, info: Probe) -> dict[str, Path]:
    """The small copies and the poster, written into ``folder``: {kind: path}."""
    timeout = max(120.0, info.duration * 20)
    made = {}
    for kind, target in TARGETS.items():
        if kind == "audio" and not info.has_audio:
            continue
        output = folder / f"{kind}{target.suffix}"
        arguments = list(target.arguments)
        if not info.has_audio:
            arguments = _without_audio_options(target.arguments)
        _run_ffmpeg(["-i", str(source), *arguments, str(output)], timeout=timeout)
        made[kind] = output
    poster = folder / "poster.jpg"
    at = f"{min(1.0, info.duration / 2):.2f}"
    _run_ffmpeg(
        ["-ss", at, "-i", str(source), "-frames:v", "1", "-vf", _video_scale(360), "-q:v", "5",
         str(poster)],
        timeout=timeout,
    )  # fmt: skip
    made["poster"] = poster
    return made


def _without_audio_options(arguments: tuple[str, ...]) -> list[str]:
    """The target's options with the sound ones taken out, and "no sound" said."""
    kept, skip = [], False
    for argument in arguments:
        if skip:
            skip = False
            continue
        if argument in ("-c:a", "-b:a", "-ac"):
            skip = True
            continue
        kept.append(argument)
    return [*kept, "-an"]
