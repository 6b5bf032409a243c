"""Association settings, territories, shift templates, demand curves."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import Boolean, Date, Float, ForeignKey, Integer, String, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...domain.demand import RotaSource
from ...domain.enums import AvailabilityPolicy, HandoverPolicy, HolidayZone, Role, TerritoryKind
from ..base import Base, enum_type


class SettingsRow(Base):
    """The association's settings: one row per database (one association per database)."""

    __tablename__ = "association_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    zone: Mapped[HolidayZone] = mapped_column(enum_type(HolidayZone))
    department: Mapped[str] = mapped_column(String(120), default="")
    availability_policy: Mapped[AvailabilityPolicy] = mapped_column(enum_type(AvailabilityPolicy))
    rest_after_pdsa_night: Mapped[bool] = mapped_column(Boolean)
    rest_after_pdsa_hours: Mapped[int] = mapped_column(Integer)
    remote_min_on_site_share: Mapped[float] = mapped_column(Float)
    handover_policy: Mapped[HandoverPolicy] = mapped_column(enum_type(HandoverPolicy))
    max_regulator_hours_per_day: Mapped[int] = mapped_column(Integer)
    osnp_max_hours_per_day: Mapped[int] = mapped_column(Integer)
    osnp_min_rest_hours: Mapped[int] = mapped_column(Integer)
    osnp_max_hours_per_week: Mapped[int] = mapped_column(Integer)
    retention_years: Mapped[int] = mapped_column(Integer)
    default_retiree_quota_hours: Mapped[int | None] = mapped_column(Integer)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)

    opening_hours: Mapped[list[OpeningHoursRow]] = relationship(
        back_populates="settings", cascade="all, delete-orphan", order_by="OpeningHoursRow.id"
    )
    bridge_days: Mapped[list[BridgeDayRow]] = relationship(
        back_populates="settings", cascade="all, delete-orphan", order_by="BridgeDayRow.day"
    )


class OpeningHoursRow(Base):
    """Continuity hours of one role on one weekday (0 = Monday); no row = closed."""

    __tablename__ = "opening_hours"
    __table_args__ = (UniqueConstraint("settings_id", "role", "weekday"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    settings_id: Mapped[int] = mapped_column(ForeignKey("association_settings.id", ondelete="CASCADE"))
    role: Mapped[Role] = mapped_column(enum_type(Role))
    weekday: Mapped[int] = mapped_column(Integer)
    start: Mapped[time] = mapped_column(Time)
    end: Mapped[time] = mapped_column(Time)

    settings: Mapped[SettingsRow] = relationship(back_populates="opening_hours")


class BridgeDayRow(Base):
    """A PDSA extension: the whole day, or from `pdsa_from` (e.g. 24 December from 12h)."""

    __tablename__ = "bridge_days"
    __table_args__ = (UniqueConstraint("settings_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    settings_id: Mapped[int] = mapped_column(ForeignKey("association_settings.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    pdsa_from: Mapped[time | None] = mapped_column(Time)
    label: Mapped[str] = mapped_column(String(100))

    settings: Mapped[SettingsRow] = relationship(back_populates="bridge_days")


class TerritoryRow(Base):
    __tablename__ = "territories"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    oncall_per_day: Mapped[int] = mapped_column(Integer)
    rota_source: Mapped[RotaSource] = mapped_column(enum_type(RotaSource))
    kind: Mapped[TerritoryKind] = mapped_column(enum_type(TerritoryKind), default=TerritoryKind.CPTS)


class ShiftTemplateRow(Base):
    __tablename__ = "shift_templates"
    __table_args__ = (UniqueConstraint("role", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    role: Mapped[Role] = mapped_column(enum_type(Role))
    code: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(200))
    start: Mapped[time] = mapped_column(Time)
    end: Mapped[time] = mapped_column(Time)
    weekdays: Mapped[str] = mapped_column(String(20))  # "0,1,2,3,4,5": small, readable, no join
    skill: Mapped[str | None] = mapped_column(String(80))


class DemandPointRow(Base):
    """Base demand curve: headcount of `role` required at `hour` on `weekday`."""

    __tablename__ = "demand_points"
    __table_args__ = (UniqueConstraint("role", "weekday", "hour"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    role: Mapped[Role] = mapped_column(enum_type(Role))
    weekday: Mapped[int] = mapped_column(Integer)
    hour: Mapped[int] = mapped_column(Integer)
    count: Mapped[int] = mapped_column(Integer)


class DemandOverrideRow(Base):
    """A dated curve replacing the base curve of its role (e.g. winter epidemic)."""

    __tablename__ = "demand_overrides"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(enum_type(Role))
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date] = mapped_column(Date)

    points: Mapped[list[DemandOverridePointRow]] = relationship(
        back_populates="override", cascade="all, delete-orphan", order_by="DemandOverridePointRow.id"
    )


class DemandOverridePointRow(Base):
    __tablename__ = "demand_override_points"
    __table_args__ = (UniqueConstraint("override_id", "weekday", "hour"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    override_id: Mapped[int] = mapped_column(ForeignKey("demand_overrides.id", ondelete="CASCADE"))
    weekday: Mapped[int] = mapped_column(Integer)
    hour: Mapped[int] = mapped_column(Integer)
    count: Mapped[int] = mapped_column(Integer)

    override: Mapped[DemandOverrideRow] = relationship(back_populates="points")
