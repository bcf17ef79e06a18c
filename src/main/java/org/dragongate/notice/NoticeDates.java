package org.dragongate.notice;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * When a notice was issued and what it is about in time.
 *
 * @param issued     when the sender issued it, with the sender's UTC offset kept (it says which local day that was)
 * @param event      the day of the seizure or event, if any (required for a seizure report)
 * @param validUntil after this day the notice is of historical interest only
 */
public record NoticeDates(OffsetDateTime issued, LocalDate event, LocalDate validUntil) {
}
