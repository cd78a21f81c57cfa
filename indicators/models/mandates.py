"""Mandate tasks per mission and year, from the UN Peace Mission Mandates dataset (UNPMM)."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from indicators.models.base import Base


class MandateTask(Base):
    """One task (protection of civilians, early warning, use of force) for a mission-year.

    UNPMM flags a task only in the year the Security Council *established* it (`established`);
    `in_mandate` carries it to every later year of the mission, which is what "the mandate
    includes the task in year t" means (the importer applies the rule, tested).
    """

    __tablename__ = "mandate_task"

    mission: Mapped[str] = mapped_column(ForeignKey("mission.acronym"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    task: Mapped[str] = mapped_column(String(20), primary_key=True)  # poc | early-warning | ...
    established: Mapped[bool] = mapped_column(Boolean)
    in_mandate: Mapped[bool] = mapped_column(Boolean)
    mission_type: Mapped[str] = mapped_column(String(3))  # UNPMM's PKO or SPM

    __table_args__ = (Index("ix_mandate_task_year_task", "year", "task"),)
