package org.sisbridge.testsupport;

import org.apache.camel.CamelContext;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.spi.CliConnectorFactory;
import org.sisbridge.watch.ThreadSafeDevConsoleRegistry;

/**
 * A plain CamelContext a test starts without the agent, set up as the agent sets up its own: the
 * thread-safe console registry, and Camel JBang's CLI connector off (its default there). Camel finds the
 * connector on the classpath and would otherwise start one in every such context: a status file in
 * ~/.camel and a poll every second, racing the context's start (ThreadSafeDevConsoleRegistry).
 */
public final class PlainCamelContexts {

    private PlainCamelContexts() {
    }

    public static <C extends CamelContext> C asTheAgentRunsIt(C context) {
        CliConnectorFactory cli = context.getCamelContextExtension().getContextPlugin(CliConnectorFactory.class);
        if (cli != null) {
            cli.setEnabled(false);
        }
        ThreadSafeDevConsoleRegistry consoles = new ThreadSafeDevConsoleRegistry();
        consoles.setCamelContext(context);
        context.getCamelContextExtension().addContextPlugin(DevConsoleRegistry.class, consoles);
        return context;
    }
}
