package org.sisbridge.simulator;

/**
 * Answers a hostile or broken upstream gives, part of {@link SimulatorSettings}: larger than asked
 * and slower than any deadline. Each switch is independent, applies to every matching request and
 * defaults off. Large bodies are generated as they are sent, never held whole. The fields are
 * volatile: a test may switch them on a running simulator (its settings()), to show recovery.
 */
public final class HostileSettings {
    /** Events beyond the limit asked for, added to every events page (0 = off). */
    public volatile int oversizedPageExtraEvents;
    /** Bytes of padding inside the first event of every non-empty events page (0 = off). */
    public volatile long oversizedPageBytes;
    /** The token endpoint sends its headers, then its body one byte every this many milliseconds (0 = off). */
    public volatile long trickleTokenMillis;
    /** Events pages: headers, then the body one byte every this many milliseconds (0 = off). */
    public volatile long trickleEventsMillis;
    /** Bytes sent after every report's CSV, beyond what its listing declares (0 = off). */
    public volatile long oversizedReportBytes;

    /** True when events pages go out as the contract says: no extra events, no padding, no trickle. */
    boolean eventsPagesAsAsked() {
        return oversizedPageExtraEvents == 0 && oversizedPageBytes == 0 && trickleEventsMillis == 0;
    }

    public HostileSettings copy() {
        HostileSettings c = new HostileSettings();
        c.oversizedPageExtraEvents = oversizedPageExtraEvents;
        c.oversizedPageBytes = oversizedPageBytes;
        c.trickleTokenMillis = trickleTokenMillis;
        c.trickleEventsMillis = trickleEventsMillis;
        c.oversizedReportBytes = oversizedReportBytes;
        return c;
    }

    void validate() {
        if (oversizedPageExtraEvents < 0 || oversizedPageBytes < 0 || trickleTokenMillis < 0 || trickleEventsMillis < 0
                || oversizedReportBytes < 0) {
            throw new IllegalArgumentException("hostile answer settings must be >= 0");
        }
    }
}
