"""Everything of a month written to a folder, with progress and cancel: the planning (PDF,
XLSX), one schedule per person and the combined print file, one calendar per person, the
change notices of the version, the addressing sheet. Used by the command line and the
window alike."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from sas_roster.domain.person import Person
from sas_roster.domain.documents import AddressingSheet, MonthDocument, NoticeDocument

from .addressing_pdf import write_addressing
from .ics import person_calendar
from .mail import slug
from .notices_pdf import write_notice
from .personal_pdf import write_combined, write_personal
from .planning_pdf import write_planning_pdf
from .planning_xlsx import write_planning_xlsx

KINDS = ("planning", "personal", "ics", "notices", "addressing")
_FOLDERS = {"fr": {"personal": "plannings-personnels", "ics": "calendriers", "notices": "avis"},
            "en": {"personal": "personal-schedules", "ics": "calendars", "notices": "notices"}}
_NAMES = {"fr": {"planning": "planning", "all": "tous", "addressing": "adressage", "notice": "avis"},
          "en": {"planning": "roster", "all": "everyone", "addressing": "addressing", "notice": "notice"}}


class Cancelled(Exception):
    """The coordinator stopped the export; the files already written stay."""


@dataclass
class ExportResult:
    files: list[Path] = field(default_factory=list)

    def by_suffix(self, suffix: str) -> list[Path]:
        return [f for f in self.files if f.suffix == suffix]


def person_stem(p: Person) -> str:
    return f"{slug(p.last_name)}-{slug(p.first_name)}-{p.id}"


def _tag(doc: MonthDocument) -> str:
    v = f"v{doc.version.number}" if doc.version.number else "brouillon"
    return f"{doc.year:04d}-{doc.month:02d}-{v}"


PARALLEL_FROM = 150  # people: below, the files are written in this process
CHUNK = 30
_worker_doc: MonthDocument | None = None
_worker_lang = "fr"


def _init_worker(doc: MonthDocument, lang: str) -> None:
    global _worker_doc, _worker_lang
    _worker_doc, _worker_lang = doc, lang


def _person_files(doc: MonthDocument, lang: str, p: Person, pdf: Path | None, ics: Path | None) -> list[Path]:
    written = []
    if pdf is not None:
        written.append(write_personal(doc, p, pdf, lang))
    if ics is not None:
        ics.write_bytes(person_calendar(doc, p, lang))
        written.append(ics)
    return written


def _worker_chunk(jobs: list[tuple[int, Path | None, Path | None]]) -> list[Path]:
    doc = _worker_doc
    assert doc is not None
    return [f for pid, pdf, ics in jobs for f in _person_files(doc, _worker_lang, doc.persons[pid], pdf, ics)]


class _People:
    """Per person: her PDF and calendar, written here (`workers` ≤ 1) or by worker processes
    (spawned, not forked: safe beside the window's threads) that start at once, so the
    month's own files are written meanwhile in this process."""

    def __init__(self, doc: MonthDocument, lang: str, jobs: list[tuple[int, Path | None, Path | None]],
                 workers: int) -> None:
        self.doc, self.lang, self.jobs = doc, lang, jobs
        self.pool: ProcessPoolExecutor | None = None
        self.futures: list[Future[list[Path]]] = []
        if workers > 1 and jobs:
            context = multiprocessing.get_context("spawn")
            self.pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(doc, lang))
            self.futures = [self.pool.submit(_worker_chunk, jobs[i:i + CHUNK]) for i in range(0, len(jobs), CHUNK)]

    def results(self) -> Iterator[list[Path]]:
        if self.pool is None:
            for pid, pdf, ics in self.jobs:
                yield _person_files(self.doc, self.lang, self.doc.persons[pid], pdf, ics)
            return
        for f in self.futures:
            yield f.result()

    def close(self) -> None:
        if self.pool is not None:
            for f in self.futures:
                f.cancel()
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def write_month(doc: MonthDocument, out: Path | str, kinds: Iterable[str] = KINDS, *, lang: str = "fr",
                notice: NoticeDocument | None = None, addressing: AddressingSheet | None = None,
                progress: Callable[[int, int, str], None] | None = None,
                cancelled: Callable[[], bool] | None = None, workers: int | None = None) -> ExportResult:
    """Write the `kinds` asked into `out`; `progress(done, total, what)` after each file.
    Notices are written only for an amendment (a version after the first)."""
    wanted = [k for k in KINDS if k in set(kinds)]
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    names, folders, tag = _NAMES.get(lang, _NAMES["fr"]), _FOLDERS.get(lang, _FOLDERS["fr"]), _tag(doc)
    people = doc.people()
    noticed = notice.people() if notice is not None and notice.previous.number > 0 and "notices" in wanted else []
    total = (2 * ("planning" in wanted) + (len(people) + 1) * ("personal" in wanted) + len(people) * ("ics" in wanted)
             + len(noticed) + ("addressing" in wanted and addressing is not None))
    result = ExportResult()

    def step(path: Path) -> None:
        result.files.append(path)
        if progress is not None:
            progress(len(result.files), total, path.name)
        if cancelled is not None and cancelled():
            raise Cancelled(f"Export arrêté : {len(result.files)} fichier(s) sur {total} écrits")

    pdf_dir, ics_dir = folder / folders["personal"], folder / folders["ics"]
    jobs = [(p.id or 0,
             pdf_dir / f"{person_stem(p)}-{tag}.pdf" if "personal" in wanted else None,
             ics_dir / f"{person_stem(p)}-{doc.year:04d}-{doc.month:02d}.ics" if "ics" in wanted else None)
            for p in people] if ("personal" in wanted or "ics" in wanted) else []
    if "personal" in wanted:
        pdf_dir.mkdir(exist_ok=True)
    if "ics" in wanted:
        ics_dir.mkdir(exist_ok=True)
    if workers is None:
        workers = min(os.cpu_count() or 1, 4) if len(people) >= PARALLEL_FROM else 1
    persons = _People(doc, lang, jobs, workers)
    try:
        if "planning" in wanted:
            step(write_planning_pdf(doc, folder / f"{names['planning']}-{tag}.pdf", lang))
            step(write_planning_xlsx(doc, folder / f"{names['planning']}-{tag}.xlsx", lang))
        if "addressing" in wanted and addressing is not None:
            step(write_addressing(addressing, folder / f"{names['addressing']}-{tag}.pdf", lang))
        if noticed and notice is not None:
            sub = folder / folders["notices"]
            sub.mkdir(exist_ok=True)
            for p in noticed:
                step(write_notice(notice, p, sub / f"{names['notice']}-{person_stem(p)}-{tag}.pdf", lang))
        if "personal" in wanted:
            step(write_combined(doc, people, folder / f"{folders['personal']}-{names['all']}-{tag}.pdf", lang))
        for files in persons.results():
            for f in files:
                step(f)
    finally:
        persons.close()
    return result
