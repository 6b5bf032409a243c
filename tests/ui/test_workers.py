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
    assert failed.args == ["données incohérentes"]
    assert gc.isenabled()


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
