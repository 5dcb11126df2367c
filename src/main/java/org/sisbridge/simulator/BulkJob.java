package org.sisbridge.simulator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One asynchronous bulk job: PENDING when accepted, RUNNING while polled within its running time,
 * then COMPLETE (every student resolved against the registry, once) or FAILED (nothing created).
 * Polling drives it, so a test decides how long a job runs by polls or by time.
 */
final class BulkJob {
    private final String jobId;
    private final String misCode;
    private final List<BulkStudent> students;
    /** mode match-only: students are looked up, never created */
    private final boolean match;
    private final boolean fails;
    private final int runningPolls;
    private final long runningUntilNanos;
    private int polls;
    private String status = "PENDING";
    private List<AccountOutcome> results;

    BulkJob(String jobId, String misCode, List<BulkStudent> students, boolean match, boolean fails, int runningPolls,
            long runningMillis) {
        this.match = match;
        this.jobId = jobId;
        this.misCode = misCode;
        this.students = List.copyOf(students);
        this.fails = fails;
        this.runningPolls = runningPolls;
        this.runningUntilNanos = System.nanoTime() + runningMillis * 1_000_000L;
    }

    String jobId() {
        return jobId;
    }

    String misCode() {
        return misCode;
    }

    synchronized String status() {
        return status;
    }

    /** Advances the job by one poll and returns its status; COMPLETE results are decided exactly once. */
    synchronized String poll(AccountRegistry registry, LocalDate today) {
        if ("COMPLETE".equals(status) || "FAILED".equals(status)) {
            return status;
        }
        polls++;
        if (polls <= runningPolls || System.nanoTime() - runningUntilNanos < 0) {
            status = "RUNNING";
        } else if (fails) {
            status = "FAILED";
        } else {
            List<AccountOutcome> decided = new ArrayList<>(students.size());
            for (BulkStudent student : students) {
                decided.add(match ? registry.match(student, today) : registry.resolve(misCode, student, today));
            }
            results = List.copyOf(decided);
            status = "COMPLETE";
        }
        return status;
    }

    synchronized List<AccountOutcome> results() {
        return results;
    }

    int size() {
        return students.size();
    }
}
