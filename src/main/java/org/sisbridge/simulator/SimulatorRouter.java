package org.sisbridge.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each request to its endpoint and logs one line per request. The line holds method, path
 * and status only: query strings and bodies can carry cursors and secrets, payloads carry names.
 */
final class SimulatorRouter implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorRouter.class);
    private static final Pattern EVENTS_PATH = Pattern.compile("/v1/colleges/([^/]+)/idme/events");
    private static final Pattern BULK_PATH = Pattern.compile("/v1/colleges/([^/]+)/accounts/bulk(?:/([^/]+))?");

    private final TokenEndpoint token;
    private final EventsEndpoint events;
    private final HealthEndpoint health = new HealthEndpoint();
    private final SimulatorCounters counters;
    private ReportsEndpoint reports;
    private BulkAccountsEndpoint bulkAccounts;

    SimulatorRouter(TokenEndpoint token, EventsEndpoint events, SimulatorCounters counters) {
        this.token = token;
        this.events = events;
        this.counters = counters;
    }

    /** Serves the bulk account API too (set once, before the server starts). */
    SimulatorRouter bulkAccounts(BulkAccountsEndpoint endpoint) {
        this.bulkAccounts = endpoint;
        return this;
    }

    /** Serves the status change reports too (set once, before the server starts). */
    SimulatorRouter reports(ReportsEndpoint endpoint) {
        this.reports = endpoint;
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) {
        Instant receivedAt = Instant.now();
        String path = exchange.getRequestURI().getPath();
        Matcher eventsPath = EVENTS_PATH.matcher(path);
        boolean isEvents = eventsPath.matches();
        Reply reply = new Reply(exchange, counters, isEvents, receivedAt);
        try {
            Matcher bulkPath = BULK_PATH.matcher(path);
            if (isEvents) {
                events.handle(exchange, reply, eventsPath.group(1));
            } else if (bulkAccounts != null && bulkPath.matches()) {
                bulkAccounts.handle(exchange, reply, bulkPath.group(1), bulkPath.group(2));
            } else if (reports != null && reports.serves(path)) {
                reports.handle(exchange, reply, path);
            } else if ("/oauth2/token".equals(path)) {
                token.handle(exchange, reply);
            } else if ("/v1/health".equals(path)) {
                health.handle(exchange, reply);
            } else {
                reply.error(404, "not_found", "no such resource");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server is stopping
        } catch (Exception e) {
            answerFailure(reply, e);
        } finally {
            exchange.close();
            LOG.debug("{} {} -> {}", exchange.getRequestMethod(), path, reply.status());
        }
    }

    private static void answerFailure(Reply reply, Exception e) {
        if (reply.sent()) {
            LOG.debug("response cut short: {}", e.getClass().getSimpleName()); // usually the client hung up
            return;
        }
        LOG.warn("simulator failed on a request: {}", e.getClass().getName());
        try {
            reply.error(500, "internal_error", "simulator failure");
        } catch (Exception ignored) {
            // nothing more to tell a client we cannot write to
        }
    }
}
