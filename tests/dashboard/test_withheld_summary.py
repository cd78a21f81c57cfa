"""The text alternative of a long chart with rows withheld for different reasons names each
reason and how many rows it holds back, not only the first row's."""

from __future__ import annotations

import pandas as pd

from dashboard.panels.spec import Panel
from dashboard.panels.text import withheld_summary
from indicators.compute import get_indicator
from indicators.disclosure import DISPLAY
from indicators.i18n import use_locale


def long_frame() -> tuple[pd.DataFrame, pd.Series]:
    """Fifteen nationalities: twelve shown, two fewer than 3, one combined with other years."""
    codes = [f"C{n:02d}" for n in range(15)]
    display = [None] * 12 + ["fewer than 3", "fewer than 3", "combined with 2015–2016"]
    frame = pd.DataFrame({"nationality": codes,
                          "value": [float(30 - n) for n in range(12)] + [None] * 3,
                          DISPLAY: display})
    return frame, frame[DISPLAY].notna()


def test_several_reasons_are_each_named_with_their_count():
    frame, withheld = long_frame()
    panel = Panel("x", "sea-allegations", by=("nationality",))
    text = withheld_summary(panel, get_indicator("sea-allegations"), frame, withheld, {},
                            "Highest: C00.")
    assert text == ("Highest: C00. 3 of 15 values are not shown exactly: fewer than 3 (2); "
                    "combined with 2015–2016 (1).")


def test_one_reason_keeps_the_plain_sentence_in_french_too():
    frame, withheld = long_frame()
    frame.loc[withheld, DISPLAY] = "moins de 3"
    panel = Panel("x", "sea-allegations", by=("nationality",))
    with use_locale("fr"):
        text = withheld_summary(panel, get_indicator("sea-allegations"), frame, withheld, {},
                                "")
    # French typography: no-break spaces inside the guillemets.
    plain = text.replace("\u202f", " ").replace("\xa0", " ")
    assert plain == "3 valeurs sur 15 sont « moins de 3 » et ne sont pas indiquées exactement."
