"""OAI-PMH harvesting with Sickle: pages, resumption, incremental `from`, deletions, retries.

Sickle makes the requests (and retries 503 answers); each page's XML is then read by Caravan's
own safe parser, never with entity expansion. After a page is stored, the request for the next
page is saved with it in the same transaction, so an interrupted harvest resumes exactly there:
no record is stored twice and the counts end as those of an uninterrupted run.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator
from typing import Any

import requests
from django.conf import settings
from django.db import transaction
from lxml import etree
from sickle import Sickle
from sickle.response import OAIResponse

from caravan.ingest.mappers.base import MappingContext
from caravan.ingest.models import HarvestRun, RunKind, RunStatus, Source
from caravan.ingest.pipeline import (
    BATCH_CHARS,
    BATCH_SIZE,
    MappingExecutor,
    Piece,
    RunWriter,
    batched,
)
from caravan.ingest.plugins import mapper_for
from caravan.ingest.safety import UnsafeInput, check_public_url, parse_xml
from caravan.ingest.services import (
    BatchCallback,
    run_fail_input,
    run_finish,
    run_start,
    source_context,
    term_linker,
)

OAI = "{http://www.openarchives.org/OAI/2.0/}"
RETRY_STATUS_CODES = (500, 502, 503, 504)
MAX_RETRIES = 5
FIRST_BACKOFF_SECONDS = 2.0
MAX_BACKOFF_SECONDS = 300.0
REQUEST_TIMEOUT = 60
RESUMABLE = (RunStatus.INTERRUPTED, RunStatus.FAILED, RunStatus.RUNNING)


class HarvestError(Exception):
    """The repository answered with an OAI-PMH error, or could not be reached after retries."""


class _RetryingSickle(Sickle):
    """Sickle retries 503s; this also retries timeouts and refused connections, with a backoff
    that doubles each time (or the server's Retry-After, when it gives one)."""

    def __init__(self, endpoint: str, *, sleep: Callable[[float], None], **kwargs: Any):
        super().__init__(
            endpoint,
            max_retries=MAX_RETRIES,
            retry_status_codes=RETRY_STATUS_CODES,
            timeout=REQUEST_TIMEOUT,
            **kwargs,
        )
        self._sleep = sleep
        self._attempt = 0

    def _request(self, kwargs: dict[str, Any]) -> requests.Response:
        for attempt in range(MAX_RETRIES + 1):
            try:
                response: requests.Response = super()._request(kwargs)
            except (requests.Timeout, requests.ConnectionError):
                if attempt == MAX_RETRIES:
                    raise
                self._sleep(_backoff(attempt))
                continue
            return response
        raise AssertionError("unreachable")

    def get_retry_after(self, http_response: requests.Response) -> float:
        header = http_response.headers.get("Retry-After", "")
        attempt, self._attempt = self._attempt, self._attempt + 1
        if header.isdigit():
            return min(float(header), MAX_BACKOFF_SECONDS)
        return _backoff(attempt)

    def harvest(self, **kwargs: Any) -> OAIResponse:
        # Sickle sleeps with time.sleep; route it through ours so tests and tasks control it.
        original, time.sleep = time.sleep, self._sleep
        self._attempt = 0
        try:
            return super().harvest(**kwargs)
        finally:
            time.sleep = original


def _backoff(attempt: int) -> float:
    return float(min(FIRST_BACKOFF_SECONDS * 2**attempt, MAX_BACKOFF_SECONDS))


class OaiHarvester:
    """Harvests one OAI-PMH source into its institution's catalogue."""

    def __init__(self, source: Source, *, sleep: Callable[[float], None] = time.sleep):
        self.source = source
        self.client = _RetryingSickle(source.location, sleep=sleep)

    def harvest(
        self,
        *,
        full: bool = False,
        on_batch: BatchCallback | None = None,
        workers: int | None = None,
    ) -> HarvestRun:
        """Harvest new and changed records (all with `full`), resuming an unfinished run first."""
        allow_private = bool(getattr(settings, "CARAVAN_INGEST_ALLOW_PRIVATE_ADDRESSES", False))
        check_public_url(self.source.location, allow_private=allow_private)
        run = None if full else self._unfinished_run()
        if run is None:
            run = self._new_run(full)
        else:
            HarvestRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, failure="")
        try:
            self._harvest_pages(run, on_batch, workers)
        except HarvestError as error:
            run_finish(run, RunStatus.FAILED, str(error))
            raise
        except KeyboardInterrupt:
            run_finish(run, RunStatus.INTERRUPTED, "interrupted; run the harvest again to resume")
            raise
        except Exception as error:
            run_finish(run, RunStatus.FAILED, repr(error))
            raise
        return self._succeed(run)

    def _unfinished_run(self) -> HarvestRun | None:
        latest = self.source.runs.filter(kind=RunKind.HARVEST).order_by("-pk").first()
        if latest is not None and latest.status in RESUMABLE and latest.resume_from:
            return latest
        return None

    def _new_run(self, full: bool) -> HarvestRun:
        params: dict[str, str] = {"verb": "ListRecords", "metadataPrefix": self._prefix()}
        if self.source.set_spec:
            params["set"] = self.source.set_spec
        if not full and self.source.harvested_until:
            params["from"] = self.source.harvested_until
        run = run_start(
            institution=self.source.institution,
            kind=RunKind.HARVEST,
            format_name=self.source.format,
            location=self.source.location,
            source=self.source,
        )
        run.resume_from = params
        run.from_datestamp = params.get("from", "")
        run.save(update_fields=["resume_from", "from_datestamp"])
        return run

    def _prefix(self) -> str:
        return self.source.metadata_prefix or self.source.format

    def _harvest_pages(
        self, run: HarvestRun, on_batch: BatchCallback | None, workers: int | None
    ) -> None:
        context = source_context(self.source)
        writer = RunWriter(run, link_term=term_linker())
        executor: MappingExecutor[dict[str, Any]] = MappingExecutor(run.format, context, workers)
        newest = [run.newest_datestamp]
        for pieces, results, after in executor.map(self._batches(run.resume_from, context, newest)):
            report = writer.store(pieces, results, run_fields=after)
            if on_batch is not None:
                on_batch(run, report)

    def _batches(
        self, params: dict[str, str], context: MappingContext, newest: list[str]
    ) -> Iterator[tuple[list[Piece], dict[str, Any]]]:
        """Each page's records in batches; the last batch of a page carries what to save with
        it: the request of the next page ({} at the end), progress and the newest datestamp."""
        mapper = mapper_for(self.source.format)
        done = 0
        while params:
            page = self._fetch(params)
            pieces = list(mapper.split(io.BytesIO(page.content), context)) if page.content else []
            for piece in pieces:
                stamp = getattr(piece, "datestamp", "")
                if stamp > newest[0]:
                    newest[0] = stamp
            params, total = self._next_request(page.tree, params)
            done += len(pieces)
            after = {
                "resume_from": params,
                "progress_done": done,
                "progress_total": total,
                "newest_datestamp": newest[0],
            }
            batches = list(batched(pieces, BATCH_SIZE, BATCH_CHARS)) or [[]]
            for batch in batches[:-1]:
                yield batch, {}
            yield batches[-1], after

    def _fetch(self, params: dict[str, str]) -> _Page:
        try:
            response = self.client.harvest(**params)
        except requests.RequestException as error:
            raise HarvestError(f"the repository could not be reached: {error}") from error
        content: bytes = response.http_response.content
        try:
            tree = parse_xml(content)
        except (etree.XMLSyntaxError, UnsafeInput) as error:
            raise HarvestError(
                f"the repository's answer is not safe, well-formed XML: {error}"
            ) from error
        error_element = tree.find(f"{OAI}error")
        if error_element is not None:
            code = error_element.get("code", "")
            if code == "noRecordsMatch":
                return _Page(b"", tree)
            raise HarvestError(
                f"the repository answered {code}: {(error_element.text or '').strip()}"
            )
        return _Page(content, tree)

    @staticmethod
    def _next_request(
        tree: etree._Element, params: dict[str, str]
    ) -> tuple[dict[str, str], int | None]:
        token = tree.find(f"{OAI}ListRecords/{OAI}resumptionToken")
        if token is None:
            return {}, None
        size = token.get("completeListSize", "")
        total = int(size) if size.isdigit() else None
        value = (token.text or "").strip()
        if not value:
            return {}, total
        return {"verb": params["verb"], "resumptionToken": value}, total

    def _succeed(self, run: HarvestRun) -> HarvestRun:
        run.refresh_from_db()
        with transaction.atomic():
            if run.newest_datestamp and run.newest_datestamp > self.source.harvested_until:
                Source.objects.filter(pk=self.source.pk).update(
                    harvested_until=run.newest_datestamp
                )
            finished = run_finish(run, RunStatus.SUCCEEDED)
        self.source.refresh_from_db()
        return finished


class _Page:
    def __init__(self, content: bytes, tree: etree._Element):
        self.content = content
        self.tree = tree


def harvest(source: Source, *, full: bool = False, **options: Any) -> HarvestRun:
    """Harvest a source with the harvester registered for its kind."""
    return OaiHarvester(source).harvest(full=full, **options)


__all__ = ["HarvestError", "OaiHarvester", "harvest", "run_fail_input"]
