package org.sisbridge.roster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-backs of one settle or one retry that the SIS refused, told in one log line (a broken
 * statement would otherwise write one line per student): how many stay PENDING, how many gave up
 * (FAILED), and the first database message. The status page shows the counts and the latest message.
 */
final class WriteBackFailures {

    private static final Logger LOG = LoggerFactory.getLogger(WriteBackFailures.class);

    private int pending;
    private int failed;
    private String first;

    void add(String state, String error) {
        if (error == null) {
            return;
        }
        if (SisWriteBack.FAILED.equals(state)) {
            failed++;
        } else {
            pending++;
        }
        if (first == null) {
            first = error;
        }
    }

    int count() {
        return pending + failed;
    }

    /** @param where the batch or run the write-backs belonged to */
    void log(String where, int maxAttempts) {
        if (count() == 0) {
            return;
        }
        LOG.warn("{}: {} write-back(s) into the SIS failed ({} tried again on the next run, {} FAILED after {} attempt(s);"
                + " their CCCIDs are kept in the results table): {}", where, count(), pending, failed, maxAttempts, first);
    }
}
