"""ORM models (SQLAlchemy 2.x typed mappings). Import from here so every table is registered."""

from .activity import ActivityRow
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
from .onboarding import WorkedHoursRow
from .outreach import AddressingLevelRow, MailLogRow, MailSettingsRow
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
    "ActivityRow",
    "AddressingLevelRow",
    "MailLogRow",
    "MailSettingsRow",
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
