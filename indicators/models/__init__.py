"""Typed SQLAlchemy models: import every table module so Base.metadata knows all tables."""

from indicators.models import (  # noqa: F401
    accounts,
    alerts,
    briefings,
    dimensions,
    facts,
    illustrative,
    jobs,
    mandates,
    provenance,
    reports,
    rollups,
    sea,
    versions,
)
from indicators.models.base import Base

__all__ = ["Base"]
