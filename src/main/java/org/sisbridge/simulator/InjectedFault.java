package org.sisbridge.simulator;

/** What to do to one events-API request: wait delayMillis, then answer status (0 = answer normally). */
record InjectedFault(int status, int retryAfterSeconds, long delayMillis) {
    static final InjectedFault NONE = new InjectedFault(0, 0, 0);
}
