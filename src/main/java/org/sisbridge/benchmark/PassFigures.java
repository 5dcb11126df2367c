package org.sisbridge.benchmark;

import java.io.PrintStream;

/**
 * What one benchmark pass measured, the same for every pipeline: the rows the pipeline staged and
 * its time, the plain JDBC batch insert of the same rows (and on PostgreSQL their COPY), and the
 * heap during the pipeline.
 *
 * @param product the database product and version, as its driver says (PostgreSQL 15.20)
 */
record PassFigures(String database, String product, long pipelineRows, long pipelineNanos, long plainRows, long plainNanos,
                   long copyRows, long copyNanos, long peakUsedBytes, long peakLiveBytes) {

    double pipelineRate() {
        return pipelineRows / (pipelineNanos / 1e9);
    }

    double plainRate() {
        return plainRows / (plainNanos / 1e9);
    }

    double ratio() {
        return pipelineRate() / plainRate();
    }

    /** Rows a second by COPY; 0 where there was none (not PostgreSQL). */
    double copyRate() {
        return copyNanos > 0 ? copyRows / (copyNanos / 1e9) : 0;
    }

    /** Pipeline over COPY; 0 where there was no COPY. */
    double copyRatio() {
        return copyNanos > 0 ? pipelineRate() / copyRate() : 0;
    }

    /** A warm-up pass's one line (its figures are shown, never counted). */
    void printWarmup(PrintStream out, int pass, int passes, long count, String unit) {
        out.printf("  warm-up pass %d of %d, not counted: %,d %s, pipeline %,.0f %s/s, plain insert %,.0f rows/s (%.2f)%n",
                pass, passes, count, unit, pipelineRate(), unit, plainRate(), ratio());
    }

    /**
     * The lines after the pipeline's and the plain insert's own: COPY on PostgreSQL, the ratio, the heap.
     *
     * @param copyLabel the COPY line's opening words, aligned with the benchmark's other lines
     * @param heapLabel what the heap figures cover
     */
    void printComparison(PrintStream out, String copyLabel, String heapLabel) {
        if (copyNanos > 0) {
            out.printf("  %s%,d rows in %.2f s = %,.0f rows/s (pipeline / COPY: %.2f, goal: at least 0.80)%n", copyLabel,
                    copyRows, copyNanos / 1e9, copyRate(), copyRatio());
        }
        out.printf("  pipeline / plain insert: %.2f (goal: at least 0.90)%n", ratio());
        out.printf("  %s, max %s: peak in use %s, peak live after GC %s%n", heapLabel,
                HeapPeak.megabytes(Runtime.getRuntime().maxMemory()), HeapPeak.megabytes(peakUsedBytes),
                HeapPeak.megabytes(peakLiveBytes));
    }
}
