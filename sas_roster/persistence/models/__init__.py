"""ORM models (SQLAlchemy 2.x typed mappings). Import from here so every table is registered."""

from .audit import AuditRow
from .governance import (
    BodyRow,
    CollegeRow,
    ComplaintRow,
    DataProtectionRow,
    DecisionRow,
    DocumentRow,
    DocumentVersionRow,
    DueRow,
    MeetingAttendeeRow,
    MeetingRow,
    MemberRow,
    SeatRow,
    UserRoleRow,
    UserRow,
)
from .money import Indicator9TierRow, RateRow
from .people import ContractRow, PersonRoleRow, PersonRow, PersonSkillRow, TrainingRow
from .planning import AssignmentRow, AttendanceRow, AvailabilityRow, PdsaDutyRow, RosterRow
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
    "BodyRow",
    "CollegeRow",
    "ComplaintRow",
    "DataProtectionRow",
    "DecisionRow",
    "DocumentRow",
    "DocumentVersionRow",
    "DueRow",
    "MeetingAttendeeRow",
    "MeetingRow",
    "MemberRow",
    "SeatRow",
    "UserRoleRow",
    "UserRow",
    "AssignmentRow",
    "AttendanceRow",
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
]
