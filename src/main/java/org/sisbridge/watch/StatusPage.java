package org.sisbridge.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.sisbridge.reconcile.ReconcileConflictsCsv;
import org.sisbridge.runtime.ReadWithin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sisbridge.status.StatusSnapshot;
import org.sisbridge.status.StatusJson;

/**
 * What routes/watch.yaml answers on /status (HTML) and /status.json: a fresh snapshot per request; and
 * /reconcile-conflicts.csv, the latest reconciliations' conflicts for Admissions &amp; Records.
 * The response carries only its own headers (never the request's, such as Authorization), is not
 * cached, and may load nothing from elsewhere (Content-Security-Policy).
 */
public class StatusPage {

    private static final Logger LOG = LoggerFactory.getLogger(StatusPage.class);

    private final StatusWithMemory reader;
    private final StatusPageHtml html;
    private final ReconcileConflictsCsv conflicts;
    private final ObjectMapper json = StatusJson.mapper();
    private final ExecutorService csvReads;
    private final Duration csvWithin;

    /**
     * @param csvReads  one thread and no queue (from Camel's ExecutorServiceManager, so it stops with Camel): the conflicts
     *                  CSV is read there, and a download while it still reads is answered 503 at once
     * @param csvWithin how long a download waits for the database (sisbridge.reconcile.csv-answer-within-ms)
     */
    public StatusPage(StatusWithMemory reader, StatusPageHtml html, ReconcileConflictsCsv conflicts, ExecutorService csvReads,
                      Duration csvWithin) {
        this.reader = reader;
        this.html = html;
        this.conflicts = conflicts;
        this.csvReads = csvReads;
        this.csvWithin = csvWithin;
    }

    public void html(Exchange exchange) {
        answer(exchange, "text/html; charset=utf-8", html.render(reader.read()));
    }

    public void json(Exchange exchange) throws JsonProcessingException {
        StatusSnapshot snapshot = reader.read();
        Object body = snapshot;
        org.sisbridge.staff.login.LoginThrottle.Waiting waiting = html.loginsWaiting();
        if (waiting != null) {
            // kept by this process only (status --json reads the database and has none): zeros while no login waits,
            // so that a monitor can alert on any count above zero
            com.fasterxml.jackson.databind.node.ObjectNode tree = json.valueToTree(snapshot);
            tree.putObject("staffLoginsWaiting").put("nameFromAddress", waiting.nameFromAddress())
                    .put("addresses", waiting.addresses()).put("names", waiting.names());
            body = tree;
        }
        answer(exchange, "application/json", json.writerWithDefaultPrettyPrinter().writeValueAsString(body));
    }

    /**
     * /reconcile-conflicts.csv: written to a temporary file first (memory stays bounded, and the database connection is
     * not held while a slow client reads), then streamed as a download; the file is gone once the answer is sent.
     *
     * <p>A staging database that hangs once held each download on a thread of the management server for the pool's
     * 30 s, or for ever on a pooled connection (no read timeout): some twenty and health and the status page hung too.
     * The file is now written on a thread of its own; a download answers 503 after sisbridge.reconcile.csv-answer-within-ms,
     * and at once while an earlier one still waits on the database.
     */
    public void conflictsCsv(Exchange exchange) throws IOException {
        Path file = Files.createTempFile("sisbridge-reconcile-conflicts-", ".csv");
        long rows;
        try {
            rows = ReadWithin.read(csvReads, csvWithin, () -> {
                try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    return conflicts.write(out);
                }
            });
        } catch (TimeoutException | RejectedExecutionException e) {
            Files.deleteIfExists(file);
            String why = e instanceof RejectedExecutionException
                    ? "the staging database did not answer an earlier download still waiting on it"
                    : "the staging database did not answer within " + csvWithin.toMillis() + " ms (sisbridge.reconcile.csv-answer-within-ms)";
            LOG.warn("The reconciliation conflicts CSV was not sent: {}", why);
            answer(exchange, "text/plain; charset=utf-8", "503: the reconciliation conflicts cannot be read now: " + why
                    + "; see the agent's log.\n");
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 503);
            return;
        } catch (Exception e) {
            Files.deleteIfExists(file);
            // one line, no stack trace: the staging database is down, or the reconcile tables are not there
            LOG.warn("The reconciliation conflicts CSV could not be read from the staging database: {}", e.getMessage());
            answer(exchange, "text/plain; charset=utf-8", "The reconciliation conflicts cannot be read from the staging database"
                    + " now; see the agent's log.\n");
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 503);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        // on Unix the name is removed at once; elsewhere when the server closes the stream
        answer(exchange, "text/csv; charset=utf-8", Files.newInputStream(file, StandardOpenOption.DELETE_ON_CLOSE));
        exchange.getMessage().setHeader("Content-Disposition", "attachment; filename=\"reconcile-conflicts-"
                + LocalDate.now(ZoneOffset.UTC) + ".csv\"");
        LOG.debug("reconciliation conflicts CSV: {} row(s)", rows);
    }

    private static void answer(Exchange exchange, String contentType, Object body) {
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        message.setHeader("Cache-Control", "no-store");
        message.setHeader("X-Content-Type-Options", "nosniff");
        message.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        message.setBody(body);
    }
}
