package org.sisbridge.roster;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.sisbridge.roster.RosterSourceQuery.SourceRow;
import org.sisbridge.staging.KeyViolation;

/**
 * Puts one chunk of source rows into the outbox in one transaction, with the student rows of
 * {@link CccidSourceStudentTable}: all of the chunk commits, or none of it. A student whose latest
 * outbox row is PENDING, SENT or DONE is not queued; one that was REJECTED or ended in ERROR is queued
 * again only when its fingerprint changed. Each row passes the {@link RosterValidator} as it is
 * queued: a bad one enters REJECTED with its reason, as a roster file's row does.
 * Overlapping runs meet on the student table's key: the later chunk fails on it, rolls back, and is
 * decided again from what the other run committed.
 */
class RosterSourceEnqueuer {

    /** The outbox's source of the rows this flow queues (a roster file's rows carry the file's name). */
    static final String SOURCE = "sis-source";
    /** The outcomes after which a student whose fields changed is queued again; any other status means queued. */
    private static final Set<String> RETRIED_ON_CHANGE = Set.of("REJECTED", "ERROR");
    private static final int ATTEMPTS = 3;

    private final DataSource dataSource;
    private final CccidRequestTable requests;
    private final CccidSourceStudentTable students;
    private final RosterValidator validator;
    private final Clock clock;

    RosterSourceEnqueuer(DataSource dataSource, CccidRequestTable requests, CccidSourceStudentTable students,
                         RosterValidator validator, Clock clock) {
        this.dataSource = dataSource;
        this.requests = requests;
        this.students = students;
        this.validator = validator;
        this.clock = clock;
    }

    /** @param room how many students may still enter the outbox in this run (the cap); the rest are counted as skipped */
    RosterSourceCounts enqueue(String misCode, List<SourceRow> rows, long room) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return RosterTransaction.run(dataSource, c -> enqueue(c, misCode, rows, room));
            } catch (SQLException e) {
                if (!KeyViolation.isKeyViolation(e) || attempt == ATTEMPTS) {
                    throw e;
                }
                // another run queued some of these students first: decide the chunk again from what it committed
            }
        }
    }

    private RosterSourceCounts enqueue(java.sql.Connection c, String misCode, List<SourceRow> rows, long room) throws SQLException {
        Map<String, SourceRow> byId = new LinkedHashMap<>();
        long duplicatesInChunk = 0;
        for (SourceRow row : rows) {
            if (byId.putIfAbsent(row.student().localId(), row) != null) {
                duplicatesInChunk++; // the query listed the student twice (a join on several e-mails, say)
            }
        }
        Map<String, String> fingerprints = students.fingerprints(c, misCode, byId.keySet());
        Map<String, String> statuses = requests.latestStatuses(c, misCode, byId.keySet());
        // REJECTED or ERROR without a fingerprint of this flow: another path queued the student; its row's fields say
        // whether the SIS changed anything since (without them it was sent upstream again with the very fields refused)
        List<String> refusedElsewhere = byId.keySet().stream()
                .filter(id -> statuses.get(id) != null && RETRIED_ON_CHANGE.contains(statuses.get(id)) && !fingerprints.containsKey(id))
                .toList();
        Map<String, RosterStudent> elsewhere = refusedElsewhere.isEmpty() ? Map.of()
                : requests.latestStudents(c, misCode, refusedElsewhere);
        Map<String, String> newStudents = new LinkedHashMap<>();
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(clock));
        long enqueued = 0;
        long reEnqueued = 0;
        long already = duplicatesInChunk;
        long rejected = 0;
        long capped = 0;
        try (PreparedStatement insert = requests.prepareInsert(c)) {
            for (SourceRow row : byId.values()) {
                String localId = row.student().localId();
                String fingerprint = StudentFingerprint.of(misCode, row.student());
                String known = fingerprints.get(localId);
                String status = statuses.get(localId);
                if (status != null && !RETRIED_ON_CHANGE.contains(status)) {
                    // PENDING, SENT, DONE (or a status the SIS wrote): queued already, by this flow, a roster file or
                    // the SIS; from now on its changes are tracked
                    if (known == null) {
                        newStudents.put(localId, fingerprint);
                    }
                    already++;
                    continue;
                }
                if (status != null && fingerprint.equals(known)) {
                    already++; // REJECTED or ERROR with the same fields: queuing it again would end the same way
                    continue;
                }
                RosterStudent queuedElsewhere = elsewhere.get(localId);
                if (known == null && queuedElsewhere != null && fingerprint.equals(StudentFingerprint.of(misCode, queuedElsewhere))) {
                    newStudents.put(localId, fingerprint); // the same: from now on its changes are tracked
                    already++;
                    continue;
                }
                if (enqueued + reEnqueued >= room) {
                    capped++;
                    continue;
                }
                if (known == null) {
                    newStudents.put(localId, fingerprint);
                } else if (!students.move(c, misCode, localId, known, fingerprint, now)) {
                    already++; // another run queued this change first
                    continue;
                }
                RosterProblem problem = validator.check(row.student()).orElse(null);
                requests.bindInsert(insert, misCode, row.student(), RosterFileLoader.storableBirthDate(row.student()), problem,
                        SOURCE, row.number(), now);
                insert.addBatch();
                if (status == null && known == null) {
                    enqueued++;
                } else {
                    reEnqueued++;
                }
                if (problem != null) {
                    rejected++;
                }
            }
            students.insert(c, misCode, newStudents, now);
            if (enqueued + reEnqueued > 0) {
                insert.executeBatch();
            }
        }
        return new RosterSourceCounts(0, enqueued, reEnqueued, already, rejected, capped);
    }
}
