"""Event records: reports of the same happening on the same day, grouped across outlets.

:class:`EventClusterer` groups the store's corpus view into :class:`~dateline.models.Event`
records; :func:`update_events` is the corpus-level step that rebuilds them in a store;
:func:`event_type` and :func:`casualties_in` read PLOVER types and casualty figures from text.
"""

from dateline.events.build import update_events
from dateline.events.cluster import EventClusterer, event_id
from dateline.events.types import PLOVER_TYPES, casualties_in, event_type

__all__ = ["PLOVER_TYPES", "EventClusterer", "casualties_in", "event_id", "event_type", "update_events"]
