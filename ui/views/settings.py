"""Temporary page, being written."""

from __future__ import annotations

from ..context import AppContext
from ..i18n import _
from .base import View


class SettingsView(View):
    key = "settings"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, _("Settings"))
