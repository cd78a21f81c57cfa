"""Sexual exploitation and abuse allegations (UN Conduct in UN Field Missions), one row each,
with the multi-valued cells of the UN table parsed into child rows."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from indicators.models.base import Base


class SeaAllegation(Base):
    """One allegation as listed in the UN table of allegations."""

    __tablename__ = "sea_allegation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # 1-based row in the UN table
    reported_month: Mapped[dt.date] = mapped_column(ForeignKey("month.month"), index=True)
    mission: Mapped[str] = mapped_column(ForeignKey("mission.acronym"), index=True)
    incident_period: Mapped[str | None] = mapped_column(String(120))  # free text as published
    # Nationality is published for uniformed personnel only; None for civilians or "Unknown".
    # A few allegations involve personnel of several nationalities: then both fields are None
    # and each SeaPerpetrator row carries its own nationality.
    nationality_iso3: Mapped[str | None] = mapped_column(ForeignKey("country.iso3"), index=True)
    nationality_name: Mapped[str | None] = mapped_column(String(120))
    paternity_claim: Mapped[bool | None] = mapped_column(Boolean)
    paternity_established: Mapped[str | None] = mapped_column(String(10))  # yes | no | pending
    # Whether the contributing country appointed a National Investigation Officer:
    # yes | no-response | declined | pending; None when not applicable.
    nio_appointed: Mapped[str | None] = mapped_column(String(30))
    # None when the entity is itself still pending ("Pending (Pending)") or the cell is empty.
    investigation_entity: Mapped[str | None] = mapped_column(String(40))
    investigation_days: Mapped[int | None] = mapped_column(Integer)
    investigation_pending: Mapped[bool] = mapped_column(Boolean, default=False)
    # Outcome when the UN gives one outcome (substantiated | unsubstantiated | pending |
    # incomplete | n/a). When perpetrators have different outcomes, `result` is set only if they
    # share the same slug and `result_detail` is None: SeaResult holds every outcome.
    result: Mapped[str | None] = mapped_column(String(20))
    result_detail: Mapped[str | None] = mapped_column(Text)
    referral: Mapped[str | None] = mapped_column(String(10))  # yes | no | pending


class SeaPerpetrator(Base):
    """Alleged perpetrators of one allegation, by category of personnel, with their number."""

    __tablename__ = "sea_perpetrator"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    allegation_id: Mapped[int] = mapped_column(ForeignKey("sea_allegation.id"), index=True)
    personnel_group: Mapped[str] = mapped_column(String(20))  # military | police | civilian
    personnel_type: Mapped[str] = mapped_column(String(60))  # as published, e.g. "Military (MC)"
    count: Mapped[int | None] = mapped_column(Integer)  # None when the UN gives no number
    # The nationality of this group of perpetrators (an allegation may list several).
    nationality_iso3: Mapped[str | None] = mapped_column(ForeignKey("country.iso3"), index=True)
    nationality_name: Mapped[str | None] = mapped_column(String(120))


class SeaVictim(Base):
    """Victims of one allegation by type (adult, child, unknown), with their number."""

    __tablename__ = "sea_victim"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    allegation_id: Mapped[int] = mapped_column(ForeignKey("sea_allegation.id"), index=True)
    victim_type: Mapped[str] = mapped_column(String(20))  # adult | child | unknown
    count: Mapped[int | None] = mapped_column(Integer)


class SeaAllegationType(Base):
    """The kinds of conduct alleged (SE or SA, with the sub-type) in one allegation."""

    __tablename__ = "sea_allegation_type"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    allegation_id: Mapped[int] = mapped_column(ForeignKey("sea_allegation.id"), index=True)
    kind: Mapped[str] = mapped_column(String(2))  # SE | SA
    detail: Mapped[str] = mapped_column(String(80))


class SeaAction(Base):
    """An interim or final action on one allegation, taken by the UN or a national government."""

    __tablename__ = "sea_action"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    allegation_id: Mapped[int] = mapped_column(ForeignKey("sea_allegation.id"), index=True)
    stage: Mapped[str] = mapped_column(String(8))  # interim | final
    actor: Mapped[str | None] = mapped_column(String(2))  # UN | NG | None when not stated
    # As published without the actor prefix ("Repatriation", "None"); None when the UN names
    # the actor but no action (the table has "UN  (7)").
    action: Mapped[str | None] = mapped_column(String(120))
    count: Mapped[int | None] = mapped_column(Integer)


class SeaResult(Base):
    """One outcome of the investigation of one allegation, with the number of perpetrators.

    The UN lists several outcomes in one cell when perpetrators fared differently, e.g.
    "Unsubstantiated (Insufficient evidence) (17)" and "Substantiated (Rape) (6)".
    """

    __tablename__ = "sea_result"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    allegation_id: Mapped[int] = mapped_column(ForeignKey("sea_allegation.id"), index=True)
    result: Mapped[str] = mapped_column(String(20))  # same slugs as SeaAllegation.result
    detail: Mapped[str | None] = mapped_column(Text)
    count: Mapped[int | None] = mapped_column(Integer)
