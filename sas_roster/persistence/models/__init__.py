"""ORM models (SQLAlchemy 2.x typed mappings). Import from here so every table is registered."""

from .attendance import (
    AttendanceConfirmationRow,
    AttendanceRow,
    BudgetLineRow,
    IndemnityRow,
    Indicator8Row,
    SnpCountRow,
    StatementRow,
)
from .audit import AuditRow
from .onboarding import WorkedHoursRow
from .money import Indicator9TierRow, RateRow
from .people import ContractRow, PersonRoleRow, PersonRow, PersonSkillRow, TrainingRow
from .planning import AssignmentRow, AvailabilityRow, PdsaDutyRow, RosterRow
from .versions import RosterChangeRow, RosterVersionRow, VersionShiftRow
from .settings import (
    BridgeDayRow,
    DemandOverridePointRow,
    DemandOverrideRow,
    DemandPointRow,
    OpeningHoursRow,
    SettingsRow,
    ShiftTemplateRow,
    TerritoryRow,
)

__all__ = [
    "AssignmentRow",
    "AttendanceConfirmationRow",
    "AttendanceRow",
    "BudgetLineRow",
    "IndemnityRow",
    "Indicator8Row",
    "SnpCountRow",
    "StatementRow",
    "AuditRow",
    "AvailabilityRow",
    "BridgeDayRow",
    "ContractRow",
    "DemandOverridePointRow",
    "DemandOverrideRow",
    "DemandPointRow",
    "Indicator9TierRow",
    "OpeningHoursRow",
    "PdsaDutyRow",
    "PersonRoleRow",
    "PersonRow",
    "PersonSkillRow",
    "RateRow",
    "RosterChangeRow",
    "RosterRow",
    "RosterVersionRow",
    "SettingsRow",
    "ShiftTemplateRow",
    "TerritoryRow",
    "TrainingRow",
    "VersionShiftRow",
    "WorkedHoursRow",
]
