"""Seeded random draws the illustrative generators share: one generator per record group."""

from __future__ import annotations

import datetime as dt
import random


def rng(seed: int, *key: object) -> random.Random:
    """A generator per record group, so adding one deployment does not reshuffle the others.

    A string seed is hashed with SHA-512 by `random`, which is stable across runs and machines
    (unlike hash()).
    """
    return random.Random(f"{seed}|" + "|".join(str(part) for part in key))


def clip(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def day_in(generator: random.Random, month: dt.date) -> dt.date:
    return month.replace(day=generator.randint(1, 28))
