"""Typed SQLAlchemy models: import every table module so Base.metadata knows all tables."""

from indicators.models import dimensions, facts, illustrative, provenance, sea  # noqa: F401
from indicators.models.base import Base

__all__ = ["Base"]
