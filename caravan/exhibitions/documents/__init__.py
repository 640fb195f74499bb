"""Exhibition documents: the printable catalogue and the loan document (HTML, then PDF).

`content` shapes what an exhibition shows a reader (also used by the public page), `fetcher`
decides which pictures a document may read, `render` is the one place a PDF is made.
"""

from caravan.exhibitions.documents.catalogue import (
    exhibition_catalogue_html,
    exhibition_catalogue_pdf,
)
from caravan.exhibitions.documents.content import ExhibitionContent, exhibition_content
from caravan.exhibitions.documents.fetcher import DocumentFetcher, ImageRefused, RemoteImages
from caravan.exhibitions.documents.loan import loan_document_html, loan_document_pdf

__all__ = [
    "DocumentFetcher",
    "ExhibitionContent",
    "ImageRefused",
    "RemoteImages",
    "exhibition_catalogue_html",
    "exhibition_catalogue_pdf",
    "exhibition_content",
    "loan_document_html",
    "loan_document_pdf",
]
