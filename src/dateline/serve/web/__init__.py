"""The web page of ``dateline serve``: server-rendered Jinja2 templates, one stylesheet, no build step.

``pages.py`` holds the HTML routes, ``data.py`` what both the API and the pages read, ``guard.py``
the safe-serving middleware. Templates autoescape everything, so article text is always text.
"""

from __future__ import annotations

from pathlib import Path

WEB_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"

__all__ = ["STATIC_DIR", "TEMPLATES_DIR", "WEB_DIR"]
