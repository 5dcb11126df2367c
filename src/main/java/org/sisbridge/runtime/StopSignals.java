package org.sisbridge.runtime;

import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * SIGTERM (systemd, docker, {@code kill}) and SIGINT (Ctrl-C) ask the agent to stop instead of
 * starting the JVM's shutdown. The JVM's own handler would end the process with status 143 (130)
 * whatever the shutdown hooks do; here Camel stops first (its shutdown strategy lets the batches in
 * flight finish or roll back), the service returns normally, and the process exits 0.
 */
public final class StopSignals {

    private final AtomicReference<String> received = new AtomicReference<>();

    private StopSignals() {
    }

    /** Installs the handlers; {@code stop} runs once, on the first signal (it must not block). */
    public static StopSignals install(Runnable stop) {
        StopSignals signals = new StopSignals();
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> {
                if (signals.received.compareAndSet(null, "SIG" + name)) {
                    stop.run();
                }
            });
        }
        return signals;
    }

    /** @return the signal that asked the agent to stop ("SIGTERM"), or null if none did */
    public String received() {
        return received.get();
    }
}
