package org.sisbridge.benchmark;

import java.io.PrintStream;
import java.util.List;

/** The figures of a benchmark's timed runs, each as min / median / max: what the docs' table shows. */
record RunsSummary(String product, Spread pipeline, Spread plain, Spread copy, Spread ratio, Spread copyRatio) {

    static RunsSummary of(List<PassFigures> runs) {
        boolean copied = runs.stream().allMatch(r -> r.copyNanos() > 0);
        return new RunsSummary(runs.get(0).product(), Spread.of(runs, PassFigures::pipelineRate),
                Spread.of(runs, PassFigures::plainRate), copied ? Spread.of(runs, PassFigures::copyRate) : null,
                Spread.of(runs, PassFigures::ratio), copied ? Spread.of(runs, PassFigures::copyRatio) : null);
    }

    /** @param unit what the pipeline moves (events, rows) */
    void print(PrintStream out, String unit) {
        out.printf("  over %d timed runs, min / median / max:%n", pipeline.runs());
        out.printf("    pipeline %s %s/s; plain batch insert %s rows/s%s%n", pipeline.rates(), unit, plain.rates(),
                copy == null ? "" : "; COPY " + copy.rates() + " rows/s");
        out.printf("    pipeline / plain insert %s (goal: median at least 0.90)%s%n", ratio.ratios(),
                copyRatio == null ? "" : "; pipeline / COPY " + copyRatio.ratios() + " (goal: median at least 0.80)");
    }
}
