package org.sisbridge.simulator;

/**
 * Where a page starts: the next event index, and whether the redelivered copy that belongs after
 * event offset-1 did not fit on the previous page and must open this one.
 */
record FeedPosition(long offset, boolean copyPending) {
    static final FeedPosition START = new FeedPosition(0, false);
}
