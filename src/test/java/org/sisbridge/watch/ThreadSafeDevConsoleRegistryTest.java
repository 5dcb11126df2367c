package org.sisbridge.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ConcurrentModificationException;
import java.util.Map;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.impl.console.DefaultDevConsoleRegistry;
import org.apache.camel.support.console.AbstractDevConsole;
import org.junit.jupiter.api.Test;

/**
 * The race behind a red CI (WatchRoutesTest, once IdmeStatusReportRouteTest): Camel JBang's CLI connector
 * registers consoles from its own thread while the starting context walks the registry. Here the other
 * thread registers exactly while the registry starts its first console, with no timing left to chance.
 */
class ThreadSafeDevConsoleRegistryTest {

    @Test
    void aConsoleRegisteredFromAnotherThreadDuringTheStartWaitsForIt() throws Exception {
        ThreadSafeDevConsoleRegistry registry = new ThreadSafeDevConsoleRegistry();
        startWhileAnotherThreadRegisters(registry, Thread.State.BLOCKED);

        assertThat(registry.getConsoleIDs()).containsExactly("a", "b", "c");
        assertThat(registry.stream().allMatch(c -> ((TestConsole) c).isStarted())).isTrue();
    }

    /** Why the class exists: Camel 4.18's own registry fails this start (when Camel mends it, this test says so). */
    @Test
    void camelsOwnRegistryFailsTheSameStart() {
        assertThatThrownBy(() -> startWhileAnotherThreadRegisters(new DefaultDevConsoleRegistry(), Thread.State.TERMINATED))
                .isInstanceOf(ConcurrentModificationException.class);
    }

    @Test
    void aStreamIsACopyThatAnotherRegisterDoesNotBreak() {
        ThreadSafeDevConsoleRegistry registry = new ThreadSafeDevConsoleRegistry();
        registry.register(new TestConsole("a"));
        registry.register(new TestConsole("b"));

        assertThat(registry.stream().peek(c -> registry.register(new TestConsole(c.getId() + "2")))
                .map(DevConsole::getId)).containsExactly("a", "b");
        assertThat(registry.getConsoleIDs()).containsExactly("a", "a2", "b", "b2");
    }

    /**
     * Registers consoles a and b, then starts the registry; console a's start has another thread register c
     * and waits until that thread is in the given state (TERMINATED: it registered; BLOCKED: it waits for the
     * registry) before the start goes on to b. Returns the registering thread.
     */
    private static Thread startWhileAnotherThreadRegisters(DevConsoleRegistry registry, Thread.State awaited) throws Exception {
        TestConsole a = new TestConsole("a");
        registry.register(a);
        registry.register(new TestConsole("b"));
        // register starts a console at once; stopped again, the registry's own start starts it, as Camel's
        // deferred start of the registry does
        registry.stream().forEach(c -> ((TestConsole) c).stop());
        Thread registering = new Thread(() -> registry.register(new TestConsole("c")), "console-registering");
        a.onStart = () -> {
            registering.start();
            while (registering.getState() != awaited && registering.getState() != Thread.State.TERMINATED) {
                Thread.onSpinWait();
            }
        };
        try {
            registry.start();
        } finally {
            registering.join(10_000);
        }
        return registering;
    }

    /** A console whose start runs a hook, once it is set. */
    static final class TestConsole extends AbstractDevConsole {
        volatile Runnable onStart = () -> { };

        TestConsole(String id) {
            super("test", id, id, "test console " + id);
        }

        @Override
        protected void doStart() {
            onStart.run();
        }

        @Override
        protected Map<String, Object> doCallJson(Map<String, Object> options) {
            return Map.of();
        }

        @Override
        protected String doCallText(Map<String, Object> options) {
            return "";
        }
    }
}
