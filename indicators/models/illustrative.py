"""Generated (illustrative) records for domains with no public data. Every row says so.

Each table carries a non-null `illustrative` column that the database forces to be true, so no
query, export or later importer can mistake a generated row for an official one.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, CheckConstraint, Date, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from indicators.models.base import Base

# Five key factors a unit is evaluated on; each score is the percentage (0–100) of the
# evaluated standards the unit met. The UN's own rating sheets are not public, so this scale
# and the rating thresholds below are the generator's choice, documented here.
KEY_FACTORS = (
    "leadership",
    "command_and_control",
    "basic_skills",  # basic soldier and police skills
    "conduct_and_discipline",
    "safety_and_security",
)
# Overall rating from the mean of the five scores: (lowest mean, rating), best first.
RATING_THRESHOLDS = (
    (85.0, "excellent"),
    (70.0, "satisfactory"),
    (50.0, "needs-improvement"),
    (0.0, "unsatisfactory"),
)
PARTNERSHIP_STATUSES = ("pledged", "matched", "delivered")
GAP_SEVERITIES = ("low", "medium", "high")


class IllustrativeMixin:
    """The mark every generated row carries; the check makes `false` impossible to store."""

    illustrative: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)

    @declared_attr.directive
    def __table_args__(cls) -> tuple:
        return (CheckConstraint("illustrative", name="illustrative"), *cls._extra_table_args())

    @classmethod
    def _extra_table_args(cls) -> tuple:
        return ()


class Training(IllustrativeMixin, Base):
    """Pre-deployment training of one country's personnel in one mission and category, a year.

    Certified share = certified / personnel_deployed (personnel_deployed is the year's peak
    headcount of that deployment).
    """

    __tablename__ = "training"

    country_iso3: Mapped[str] = mapped_column(ForeignKey("country.iso3"), primary_key=True)
    mission: Mapped[str] = mapped_column(ForeignKey("mission.acronym"), primary_key=True)
    category: Mapped[str] = mapped_column(ForeignKey("personnel_category.slug"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    personnel_deployed: Mapped[int] = mapped_column(Integer)
    certified: Mapped[int] = mapped_column(Integer)

    @classmethod
    def _extra_table_args(cls) -> tuple:
        return (
            CheckConstraint("certified >= 0 AND certified <= personnel_deployed",
                            name="certified_within_deployed"),
        )


class InMissionTraining(IllustrativeMixin, Base):
    """In-mission training delivered in one mission, one quarter, one course area."""

    __tablename__ = "in_mission_training"

    mission: Mapped[str] = mapped_column(ForeignKey("mission.acronym"), primary_key=True)
    # First month of the quarter (January, April, July or October).
    quarter_start: Mapped[dt.date] = mapped_column(ForeignKey("month.month"), primary_key=True)
    course_area: Mapped[str] = mapped_column(String(40), primary_key=True)
    sessions: Mapped[int] = mapped_column(Integer)
    participants: Mapped[int] = mapped_column(Integer)


class UnitEvaluation(IllustrativeMixin, Base):
    """One evaluation of one contingent unit on its five key factors (percent of standards met)."""

    __tablename__ = "unit_evaluation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    evaluated_on: Mapped[dt.date] = mapped_column(Date)
    month: Mapped[dt.date] = mapped_column(ForeignKey("month.month"))
    country_iso3: Mapped[str] = mapped_column(ForeignKey("country.iso3"))
    mission: Mapped[str] = mapped_column(ForeignKey("mission.acronym"))
    category: Mapped[str] = mapped_column(ForeignKey("personnel_category.slug"))
    unit: Mapped[str] = mapped_column(String(60))  # e.g. "RWA infantry battalion 2"
    leadership: Mapped[float] = mapped_column(Float)
    command_and_control: Mapped[float] = mapped_column(Float)
    basic_skills: Mapped[float] = mapped_column(Float)
    conduct_and_discipline: Mapped[float] = mapped_column(Float)
    safety_and_security: Mapped[float] = mapped_column(Float)
    overall_score: Mapped[float] = mapped_column(Float)  # mean of the five
    overall_rating: Mapped[str] = mapped_column(String(20))  # see RATING_THRESHOLDS

    @classmethod
    def _extra_table_args(cls) -> tuple:
        in_range = " AND ".join(f"{name} BETWEEN 0 AND 100"
                                for name in (*KEY_FACTORS, "overall_score"))
        return (
            CheckConstraint(in_range, name="scores_in_range"),
            Index("ix_unit_evaluation_mission_month", "mission", "month"),
            Index("ix_unit_evaluation_country_month", "country_iso3", "month"),
        )


class MedicalResponse(IllustrativeMixin, Base):
    """Casualties in one mission and month, and how many were treated within the 10-1-2 times.

    Each count is of the month's casualties: first aid within 10 minutes, damage-control
    resuscitation within 1 hour, damage-control surgery started within 2 hours.
    """

    __tablename__ = "medical_response"

    mission: Mapped[str] = mapped_column(ForeignKey("mission.acronym"), primary_key=True)
    month: Mapped[dt.date] = mapped_column(ForeignKey("month.month"), primary_key=True)
    casualties: Mapped[int] = mapped_column(Integer)
    within_10_min: Mapped[int] = mapped_column(Integer)
    within_1_hour: Mapped[int] = mapped_column(Integer)
    within_2_hours: Mapped[int] = mapped_column(Integer)

    @classmethod
    def _extra_table_args(cls) -> tuple:
        return (
            CheckConstraint(
                "within_10_min BETWEEN 0 AND casualties AND within_1_hour BETWEEN 0 AND casualties"
                " AND within_2_hours BETWEEN 0 AND casualties",
                name="within_casualties",
            ),
        )


class CapabilityGap(IllustrativeMixin, Base):
    """A capability a mission lacked, from when it was identified until it was closed."""

    __tablename__ = "capability_gap"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    mission: Mapped[str] = mapped_column(ForeignKey("mission.acronym"), index=True)
    capability_area: Mapped[str] = mapped_column(String(30))
    severity: Mapped[str] = mapped_column(String(10))  # low | medium | high
    opened_on: Mapped[dt.date] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)  # None while still open

    @classmethod
    def _extra_table_args(cls) -> tuple:
        return (
            CheckConstraint("closed_on IS NULL OR closed_on >= opened_on",
                            name="closed_after_opened"),
        )


class Partnership(IllustrativeMixin, Base):
    """A capacity-building partnership: a provider country equips or trains a recipient's unit.

    Dates follow the status (pledged → matched → delivered). When the partnership reached a
    named unit, its overall evaluation score before and after delivery is copied here.
    """

    __tablename__ = "partnership"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    provider_iso3: Mapped[str] = mapped_column(ForeignKey("country.iso3"), index=True)
    recipient_iso3: Mapped[str] = mapped_column(ForeignKey("country.iso3"), index=True)
    capability_area: Mapped[str] = mapped_column(String(30))
    gap_id: Mapped[int | None] = mapped_column(ForeignKey("capability_gap.id"))
    status: Mapped[str] = mapped_column(String(10))  # pledged | matched | delivered
    value_usd: Mapped[int] = mapped_column(Integer)
    pledged_on: Mapped[dt.date] = mapped_column(Date)
    matched_on: Mapped[dt.date | None] = mapped_column(Date)
    delivered_on: Mapped[dt.date | None] = mapped_column(Date)
    recipient_mission: Mapped[str | None] = mapped_column(ForeignKey("mission.acronym"))
    recipient_unit: Mapped[str | None] = mapped_column(String(60))
    score_before: Mapped[float | None] = mapped_column(Float)
    score_after: Mapped[float | None] = mapped_column(Float)

    @classmethod
    def _extra_table_args(cls) -> tuple:
        return (
            CheckConstraint("provider_iso3 <> recipient_iso3", name="provider_not_recipient"),
            CheckConstraint(
                "(status = 'pledged' AND matched_on IS NULL AND delivered_on IS NULL)"
                " OR (status = 'matched' AND matched_on IS NOT NULL AND delivered_on IS NULL)"
                " OR (status = 'delivered' AND matched_on IS NOT NULL"
                " AND delivered_on IS NOT NULL)",
                name="dates_follow_status",
            ),
        )


class PocAlert(IllustrativeMixin, Base):
    """Protection-of-civilians early-warning alerts in one mission and month, and how many were
    answered within the mission's response standard (in hours)."""

    __tablename__ = "poc_alert"

    mission: Mapped[str] = mapped_column(ForeignKey("mission.acronym"), primary_key=True)
    month: Mapped[dt.date] = mapped_column(ForeignKey("month.month"), primary_key=True)
    alerts: Mapped[int] = mapped_column(Integer)
    answered_within_standard: Mapped[int] = mapped_column(Integer)
    standard_hours: Mapped[int] = mapped_column(Integer)

    @classmethod
    def _extra_table_args(cls) -> tuple:
        return (
            CheckConstraint("answered_within_standard BETWEEN 0 AND alerts",
                            name="answered_within_alerts"),
        )


class TechnologyCapability(IllustrativeMixin, Base):
    """One contributing country's units in one mission, one year and one technology area: how
    many were assessed and how many had the capability at the required standard.

    Share at the standard = at_standard / units (units: the year's contingent units, each
    assessed once). Areas follow the A4P technology agenda (indicators/illustrative_technology).
    """

    __tablename__ = "technology_capability"

    mission: Mapped[str] = mapped_column(ForeignKey("mission.acronym"), primary_key=True)
    country_iso3: Mapped[str] = mapped_column(ForeignKey("country.iso3"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    technology_area: Mapped[str] = mapped_column(String(40), primary_key=True)
    units: Mapped[int] = mapped_column(Integer)
    at_standard: Mapped[int] = mapped_column(Integer)

    @classmethod
    def _extra_table_args(cls) -> tuple:
        return (
            CheckConstraint("units > 0 AND at_standard BETWEEN 0 AND units",
                            name="at_standard_within_units"),
        )
