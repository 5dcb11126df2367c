package org.sisbridge.benchmark;

/**
 * Which side of a timed run writes first: the pipeline, or the yardsticks (plain batch insert, COPY).
 * Whichever writes second meets a database whose caches the first has warmed (what the first left
 * unwritten is written out before each phase: {@link PhaseSettling}), so the runs take turns: odd
 * runs the pipeline first, even runs the yardsticks first. The warm-up pass is not timed and keeps
 * the pipeline first.
 */
enum RunOrder {
    PIPELINE_FIRST("the pipeline first, then the yardsticks"),
    YARDSTICKS_FIRST("the yardsticks first, then the pipeline");

    private final String description;

    RunOrder(String description) {
        this.description = description;
    }

    /** @param run the timed run's number, from 1 */
    static RunOrder of(int run) {
        return run % 2 == 1 ? PIPELINE_FIRST : YARDSTICKS_FIRST;
    }

    String describe() {
        return description;
    }
}
