"""Normalisation for ingest: dates, periods, languages, rights and countries as standard values.

Pure functions with no database access, so mappers can call them in worker processes.
"""

from caravan.ingest.normalise.countries import to_country_code
from caravan.ingest.normalise.dates import YearSpan, parse_date
from caravan.ingest.normalise.languages import to_bcp47
from caravan.ingest.normalise.periods import Gazetteer, Period, gazetteer
from caravan.ingest.normalise.rights import to_rights_uri

__all__ = [
    "Gazetteer",
    "Period",
    "YearSpan",
    "gazetteer",
    "parse_date",
    "to_bcp47",
    "to_country_code",
    "to_rights_uri",
]
