"""The Qt binding itself: PySide6 6.12.0 drops a reference to None on every call of a void
method; on Python < 3.12 the app then aborts ("none_dealloc") after enough calls or at exit.
pyproject excludes that version; this test catches any other release with the same fault."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QPoint


def test_void_methods_keep_none_alive(qapp):
    obj, point = QObject(), QPoint()
    before = sys.getrefcount(None)
    for _ in range(2000):
        obj.setObjectName("x")
        point.setX(1)
    # A few references may come and go with the interpreter's own work; 4 000 lost ones cannot.
    assert abs(sys.getrefcount(None) - before) < 100
