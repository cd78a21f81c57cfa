"""Unknown codes are refused, with the file, row, column and value named: a Geo-PKO place in
no known country, and a fatality's M49 code that is not a number or not its nationality's."""

from __future__ import annotations

import pytest

from indicators.importers import geo_pko_locations, un_fatalities
from indicators.importers.base import ImportRejected
from tests.files import write_csv
from tests.indicators.test_import_traps import fatality_row


def location_row(country: str) -> list[str]:
    return ["BINUB", "2007", country, "Bujumbura", "-3.3822", "29.3644", "0", "0", "0", "3",
            "0", "0", "0", "0", "0"]


def test_geo_pko_refuses_a_place_in_no_known_country(tmp_path):
    path = write_csv(tmp_path / "FrontMap.csv", geo_pko_locations.HEADER, [
        location_row("Burundi"), location_row("Atlantis")])
    with pytest.raises(ImportRejected) as refused:
        geo_pko_locations.parse(path)
    assert str(refused.value).startswith("FrontMap.csv, row 3, column 'country': unknown "
                                         "country 'Atlantis'")


def test_geo_pko_keeps_its_own_names_for_places(tmp_path):
    path = write_csv(tmp_path / "FrontMap.csv", geo_pko_locations.HEADER, [
        location_row(name) for name in ("DRC", "Ivory Coast", "Kosovo", "Ethiopia/Eritrea",
                                         "Syria", "Central African Republic")])
    parsed = geo_pko_locations.parse(path)
    assert parsed.rows_loaded == 6


@pytest.mark.parametrize(("m49", "reason"), [
    ("abc", "column 'm49_code': expected a number, found 'abc'"),
    ("834.5", "M49 code '834.5' is not a whole number"),
    ("288.0", "M49 code 288 is not TZA's (834)"),
])
def test_fatalities_refuse_a_wrong_m49_code(tmp_path, m49, reason):
    path = write_csv(tmp_path / "f.csv", un_fatalities.HEADER, [
        fatality_row(), fatality_row(id="2", m49_code=m49)])
    with pytest.raises(ImportRejected) as refused:
        un_fatalities.parse(path)
    assert str(refused.value).startswith("f.csv, row 3")
    assert reason in str(refused.value)
