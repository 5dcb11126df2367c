package org.sisbridge.rejects;

import java.time.LocalDateTime;

/**
 * One row of the rejects table as stored. {@code rawInput} may hold student data: it is only
 * loaded for {@code show --raw} and for a replay, never listed.
 */
public record StoredReject(long id, String source, String recordKey, String sourceRef, Long lineNumber,
                           String reasonCode, String reason, LocalDateTime rejectedAt, String rawInput) {
}
