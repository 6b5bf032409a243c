"""Persons of the pools and their sub-records (roles, skills, trainings, contracts)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...domain.enums import ContractKind, PersonStatus, Role, Sector
from ..base import Base, enum_type
from .settings import TerritoryRow


class PersonRow(Base):
    __tablename__ = "persons"

    id: Mapped[int] = mapped_column(primary_key=True)
    last_name: Mapped[str] = mapped_column(String(120))
    first_name: Mapped[str] = mapped_column(String(120))
    status: Mapped[PersonStatus] = mapped_column(enum_type(PersonStatus))
    # Unique but nullable: OSNP operators have none (NULLs never collide in a unique index).
    rpps: Mapped[str | None] = mapped_column(String(11), unique=True)
    sector: Mapped[Sector | None] = mapped_column(enum_type(Sector))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    territory_id: Mapped[int | None] = mapped_column(ForeignKey("territories.id", ondelete="RESTRICT"))
    remote_granted_on: Mapped[date | None] = mapped_column(Date)
    remote_place: Mapped[str | None] = mapped_column(String(200))
    monthly_max_shifts: Mapped[int | None] = mapped_column(Integer)
    monthly_max_hours: Mapped[int | None] = mapped_column(Integer)
    quota_yearly_hours: Mapped[int | None] = mapped_column(Integer)
    quota_monthly_hours: Mapped[int | None] = mapped_column(Integer)
    quota_eligible_until: Mapped[date | None] = mapped_column(Date)
    consent_contact: Mapped[bool] = mapped_column(Boolean)
    active: Mapped[bool] = mapped_column(Boolean)
    active_from: Mapped[date | None] = mapped_column(Date)
    active_until: Mapped[date | None] = mapped_column(Date)
    pseudonymised: Mapped[bool] = mapped_column(Boolean)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON)

    territory: Mapped[TerritoryRow | None] = relationship(lazy="joined")
    roles: Mapped[list[PersonRoleRow]] = relationship(
        back_populates="person", cascade="all, delete-orphan", lazy="selectin"
    )
    skills: Mapped[list[PersonSkillRow]] = relationship(
        back_populates="person", cascade="all, delete-orphan", lazy="selectin"
    )
    trainings: Mapped[list[TrainingRow]] = relationship(
        back_populates="person", cascade="all, delete-orphan", lazy="selectin", order_by="TrainingRow.id"
    )
    contracts: Mapped[list[ContractRow]] = relationship(
        back_populates="person", cascade="all, delete-orphan", lazy="selectin", order_by="ContractRow.id"
    )


class PersonRoleRow(Base):
    __tablename__ = "person_roles"

    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[Role] = mapped_column(enum_type(Role), primary_key=True)

    person: Mapped[PersonRow] = relationship(back_populates="roles")


class PersonSkillRow(Base):
    __tablename__ = "person_skills"

    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True)
    skill: Mapped[str] = mapped_column(String(80), primary_key=True)

    person: Mapped[PersonRow] = relationship(back_populates="skills")


class TrainingRow(Base):
    __tablename__ = "person_trainings"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(80))
    done_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)

    person: Mapped[PersonRow] = relationship(back_populates="trainings")


class ContractRow(Base):
    __tablename__ = "person_contracts"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    kind: Mapped[ContractKind] = mapped_column(enum_type(ContractKind))
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date | None] = mapped_column(Date)
    employer: Mapped[str | None] = mapped_column(String(200))
    weekly_hours: Mapped[float | None] = mapped_column(Float)
    replaces: Mapped[str | None] = mapped_column(String(200))  # locum: the doctor replaced

    person: Mapped[PersonRow] = relationship(back_populates="contracts")
