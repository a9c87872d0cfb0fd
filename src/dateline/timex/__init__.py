"""dateline's temporal tagger: English temporal expressions normalised to TIMEX3 values.

``tag(text, dct=...)`` finds DATE, TIME, DURATION and SET expressions and resolves them against
the document creation time; ``timex_day(value)`` maps a DATE value to the day a timeline can
show; ``read_timeml`` / ``write_timeml`` read gold TimeML and write tagged TimeML.
"""

from dateline.timex.normalise import timex_day
from dateline.timex.tagger import tag
from dateline.timex.timeml import TimeMLDoc, read_timeml, write_timeml

__all__ = ["TimeMLDoc", "read_timeml", "tag", "timex_day", "write_timeml"]
