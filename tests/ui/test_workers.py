"""Background jobs: results, progress and failures reach the GUI thread; the garbage
collector pauses while any job runs and resumes after the last one."""

from __future__ import annotations

import gc
import threading

from ui.workers import BackgroundJob


def test_result_and_progress_arrive_on_the_gui_thread(qtbot):
    job = BackgroundJob()
    seen_threads = []
    progress = []
    job.progress.connect(lambda v: (progress.append(v), seen_threads.append(threading.current_thread())))

    def work(report):
        worker = threading.current_thread()
        report(1)
        report(2)
        return worker

    with qtbot.waitSignal(job.finished, timeout=10_000) as done:
        job.start(work)
        assert job.running and not gc.isenabled()
    assert done.args[0] is not threading.main_thread()  # the work ran elsewhere
    assert progress == [1, 2] and set(seen_threads) == {threading.main_thread()}
    assert not job.running and gc.isenabled()


def test_failure_is_reported_in_words(qtbot):
    job = BackgroundJob()

    def work(_report):
        raise ValueError("données incohérentes")

    with qtbot.waitSignal(job.failed, timeout=10_000) as failed:
        job.start(work)
    assert failed.args[0].startswith("données incohérentes\n(détail technique dans le journal")
    assert gc.isenabled()


def test_a_database_failure_reaches_the_window_in_french_without_its_data(qtbot, tmp_path, monkeypatch):
    """The worker reports like the command line: French message, masked traceback in the log."""
    import logging

    import sqlalchemy as sa

    from sas_roster.logs import MaskingFormatter

    monkeypatch.setenv("SAS_ROSTER_LOG_DIR", str(tmp_path))
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(self.format(record))

    keep = Keep()
    keep.setFormatter(MaskingFormatter())
    logging.getLogger("ui.workers").addHandler(keep)
    db = tmp_path / "ro.db"
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.begin() as c:
        c.exec_driver_sql("CREATE TABLE p (name TEXT, rpps TEXT)")
    engine.dispose()
    ro = sa.create_engine(f"sqlite:///file:{db}?mode=ro&uri=true")
    job = BackgroundJob()
    row = dict(zip(("n", "r"), ("Lefébure Zoé", "10000000015"), strict=True))

    def work(_report):
        with ro.begin() as c:
            c.execute(sa.text("INSERT INTO p VALUES (:n, :r)"), row)  # the data only in `row`

    try:
        with qtbot.waitSignal(job.failed, timeout=10_000) as failed:
            job.start(work)
    finally:
        logging.getLogger("ui.workers").removeHandler(keep)
        ro.dispose()
    message = failed.args[0]
    assert message.startswith("La base de données ne peut pas être modifiée")
    for secret in ("Lefébure", "10000000015"):
        assert secret not in message and all(secret not in r for r in records)
    assert records and "OperationalError" in records[0]


def test_cancel_and_overlapping_jobs(qtbot):
    stop = threading.Event()
    long_job, short_job = BackgroundJob(), BackgroundJob()
    with qtbot.waitSignal(short_job.finished, timeout=10_000):
        long_job.start(lambda _r: stop.wait(10) and "arrêté", cancel=stop.set)
        short_job.start(lambda _r: "fini")
    assert not gc.isenabled()  # the long job still runs
    with qtbot.waitSignal(long_job.finished, timeout=10_000) as done:
        long_job.cancel()
    assert done.args == ["arrêté"] and gc.isenabled()


def test_wait_drops_the_result(qtbot):
    job = BackgroundJob()
    results = []
    job.finished.connect(results.append)
    job.start(lambda _r: "tard")
    assert job.wait(5_000)
    qtbot.wait(50)
    assert results == [] and not job.running and gc.isenabled()
