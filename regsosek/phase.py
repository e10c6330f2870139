"""Where a snapshot stands in the operation: before, during or after fieldwork.

One definition of the field day a snapshot counts up to, days elapsed and left,
and whether enumeration figures are final. Documents keep moving (PML check,
receipt at BPS, data entry, validation) after the last field day, so after
fieldwork the visit figures are final and the pipeline figures are not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from regsosek import facts


class Phase(StrEnum):
    BEFORE = "before"  # as-of date before 15 Oct 2022: nothing to enumerate yet
    DURING = "during"  # 15 Oct - 14 Nov 2022: visits still coming in
    AFTER = "after"  # after 14 Nov 2022: visits final, documents still being processed


@dataclass(frozen=True)
class Timeline:
    as_of: date
    phase: Phase
    last_field_day: date | None  # the last field day the snapshot covers; None before fieldwork
    days_elapsed: int  # field days covered, 0..31
    days_left: int  # field days still to come after the as-of date, 0..31
    days_total: int = facts.CAMPAIGN_DAYS

    @property
    def visits_final(self) -> bool:
        return self.phase is Phase.AFTER

    @property
    def days_after_close(self) -> int:
        return max((self.as_of - facts.CAMPAIGN_END).days, 0)


def timeline(as_of: date) -> Timeline:
    if as_of < facts.CAMPAIGN_START:
        return Timeline(as_of, Phase.BEFORE, None, 0, facts.CAMPAIGN_DAYS)
    last = min(as_of, facts.CAMPAIGN_END)
    elapsed = (last - facts.CAMPAIGN_START).days + 1
    phase = Phase.DURING if as_of <= facts.CAMPAIGN_END else Phase.AFTER
    return Timeline(as_of, phase, last, elapsed, facts.CAMPAIGN_DAYS - elapsed)
