package org.sisbridge.watch;

import java.util.stream.Stream;
import org.apache.camel.console.DevConsole;
import org.apache.camel.impl.console.DefaultDevConsoleRegistry;

/**
 * Camel's developer-console registry, made safe for the several threads that use it. Camel 4.18's own
 * keeps its consoles in a plain TreeSet, yet Camel JBang's CLI connector starts early on its own thread
 * and registers consoles into it (resolveById) while the starting context walks the set
 * (DeferServiceStartupListener, then loadDevConsoles), and the management server's /q/dev pages read it
 * from their own threads. A start that lost that race failed with a ConcurrentModificationException: one
 * context start in a few hundred, and a red CI. Here every use holds the registry's lock, and readers get a
 * copy of the set as it was.
 */
public final class ThreadSafeDevConsoleRegistry extends DefaultDevConsoleRegistry {

    @Override
    protected synchronized void doInit() throws Exception {
        super.doInit();
    }

    @Override
    protected synchronized void doStart() throws Exception {
        super.doStart();
    }

    @Override
    protected synchronized void doStop() throws Exception {
        super.doStop();
    }

    @Override
    public synchronized DevConsole resolveById(String id) {
        return super.resolveById(id);
    }

    @Override
    public synchronized boolean register(DevConsole console) {
        return super.register(console);
    }

    @Override
    public synchronized boolean unregister(DevConsole console) {
        return super.unregister(console);
    }

    @Override
    public synchronized void loadDevConsoles(boolean force) {
        super.loadDevConsoles(force);
    }

    /** A copy: Camel's stream is a live view of the set, which another thread's register would break mid-walk. */
    @Override
    public synchronized Stream<DevConsole> stream() {
        return super.stream().toList().stream();
    }
}
