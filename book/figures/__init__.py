"""The course's figures: timelines, charts of numbers and maps, shown the same way in JupyterLab
and in the static site.

>>> from book.figures import mandate_timeline, show
"""

from book.figures.bases import base_closures_map, presence_map
from book.figures.charts import ceilings_vs_deployed, yearly_bars, yearly_lines
from book.figures.claims import verdicts_by_section
from book.figures.display import Caption, FigureOutput, show
from book.figures.killings import reported_killings_map
from book.figures.maps import country_shapes, place_map
from book.figures.measures import indicator_by_claimant, measures_by_kind
from book.figures.promises import promised_dates
from book.figures.tables import event_table
from book.figures.timeline import event_timeline, mandate_timeline, sanctions_timeline

__all__ = [
    "Caption",
    "FigureOutput",
    "base_closures_map",
    "ceilings_vs_deployed",
    "country_shapes",
    "event_table",
    "event_timeline",
    "indicator_by_claimant",
    "mandate_timeline",
    "measures_by_kind",
    "place_map",
    "presence_map",
    "promised_dates",
    "reported_killings_map",
    "sanctions_timeline",
    "show",
    "verdicts_by_section",
    "yearly_bars",
    "yearly_lines",
]
