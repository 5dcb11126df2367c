package org.sisbridge.digest;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.sisbridge.staff.ExpiringVerifications.Expiring;

/**
 * What one day's digest says, for the period [from, until) in UTC wall-clock time.
 *
 * @param rejectsBySource new rejects by "source / reason code"
 * @param names           "First Last" by CCCID; empty unless sisbridge.digest.include-names
 */
public record DigestContent(LocalDate day, LocalDateTime from, LocalDateTime until, long eventsReceived,
                            long reportRowsLoaded, List<String> becameUnverified, List<String> becameExpired,
                            List<Expiring> expiring, int expiringWithinDays, Map<String, Long> rejectsBySource,
                            Map<String, String> names) {

    public long newRejects() {
        return rejectsBySource.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Nothing to say: nothing arrived, nobody lost a verification, nothing was rejected, and no
     * verification runs out within the window. A day like that is skipped when
     * sisbridge.digest.skip-empty is true.
     */
    public boolean isEmpty() {
        return eventsReceived == 0 && reportRowsLoaded == 0 && becameUnverified.isEmpty() && becameExpired.isEmpty()
                && expiring.isEmpty() && rejectsBySource.isEmpty();
    }
}
