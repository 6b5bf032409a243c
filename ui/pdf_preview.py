"""Print preview of a PDF the exports wrote: the very document that would be saved, shown
page by page in Qt's print preview (QtPdf renders the pages, the printer paints them)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

MAX_DPI = 200  # enough for print, without rendering posters


class PdfPrintPreview(QPrintPreviewDialog):
    def __init__(self, path: Path, title: str, landscape: bool, parent: QWidget | None = None) -> None:
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        self.printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait)
        self.printer.setDocName(title)
        self.printer.setFullPage(True)
        super().__init__(self.printer, parent)
        self.setObjectName("pdfPrintPreview")
        self.setWindowTitle(title)
        self.pdf = QPdfDocument(self)
        self.pdf.load(str(path))
        self.paintRequested.connect(self.paint)
        self.pages_painted = 0

    def page_count(self) -> int:
        return self.pdf.pageCount()

    def paint(self, printer: QPrinter) -> None:
        painter = QPainter(printer)
        try:
            target = printer.pageLayout().fullRectPixels(printer.resolution())
            dpi = min(printer.resolution(), MAX_DPI)
            self.pages_painted = 0
            for i in range(self.pdf.pageCount()):
                if i:
                    printer.newPage()
                points = self.pdf.pagePointSize(i)
                size = QSize(int(points.width() / 72 * dpi), int(points.height() / 72 * dpi))
                image = self.pdf.render(i, size)
                fitted = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(target.topLeft(), fitted), image)
                self.pages_painted += 1
        finally:
            painter.end()
