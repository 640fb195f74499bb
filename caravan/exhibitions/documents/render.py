"""HTML to PDF: the one place Caravan makes a PDF (WeasyPrint).

Documents are HTML rendered by Django's templates (every record text escaped there), with
print CSS; WeasyPrint lays them out with the system's fonts (Noto for Latin, Cyrillic, CJK,
Arabic…, chosen per element by its `lang`) and reads pictures only through the
DocumentFetcher, which refuses local files and private addresses.
"""

from __future__ import annotations

import weasyprint

from caravan.exhibitions.documents.fetcher import BASE_URL, DocumentFetcher


def pdf_from_html(html: str, *, fetcher: DocumentFetcher) -> bytes:
    """The PDF of an HTML document whose relative addresses are Caravan's own."""
    document = weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher)
    pdf: bytes = document.write_pdf()
    return pdf
