"""HTML to PDF on the server with WeasyPrint: A4, our own style sheet, nothing fetched.

Every image in a dossier (QR codes, the route drawing) is inline SVG, so the fetcher
refuses every URL: a PDF is never made from anything outside the page itself.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

STYLESHEET = Path(__file__).resolve().parent / "static" / "css" / "dossier.css"


class ExternalResourceRefused(Exception):
    pass


def _refuse_fetch(url: str, *args, **kwargs):
    raise ExternalResourceRefused(f"a dossier loads nothing from outside: {url[:80]}")


@lru_cache(maxsize=1)
def _stylesheet():
    from weasyprint import CSS

    return CSS(filename=str(STYLESHEET), url_fetcher=_refuse_fetch)


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    document = HTML(string=html, url_fetcher=_refuse_fetch, base_url=None)
    return document.write_pdf(stylesheets=[_stylesheet()])
