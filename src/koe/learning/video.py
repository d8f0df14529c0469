"""Video links of modules: YouTube and Vimeo addresses become a privacy-friendly player
address to embed; any other https link stays a link.

>>> embed_url("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10")
'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'
>>> embed_url("https://vimeo.com/76979871")
'https://player.vimeo.com/video/76979871'
>>> embed_url("https://example.com/talk.mp4") is None
True
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

_YT_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_VIMEO_ID = re.compile(r"^[0-9]{1,12}$")


def embed_url(url: str) -> str | None:
    """The player address to put in an iframe, or None when the link is not a known player."""
    try:
        parts = urlsplit(url or "")
    except ValueError:
        return None
    if parts.scheme != "https":
        return None
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    path = parts.path.strip("/")
    video = None
    if host == "youtube.com":
        if path == "watch":
            video = (parse_qs(parts.query).get("v") or [""])[0]
        elif path.startswith(("embed/", "shorts/", "live/")):
            video = path.split("/", 1)[1]
    elif host == "youtu.be":
        video = path
    if video is not None:
        return f"https://www.youtube-nocookie.com/embed/{video}" if _YT_ID.match(video) else None
    if host in ("vimeo.com", "player.vimeo.com"):
        last = path.rsplit("/", 1)[-1]
        if _VIMEO_ID.match(last):
            return f"https://player.vimeo.com/video/{last}"
    return None
