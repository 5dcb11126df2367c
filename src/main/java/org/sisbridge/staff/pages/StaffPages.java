package org.sisbridge.staff.pages;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.sisbridge.runtime.ReadWithin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What routes/staff.yaml answers under /staff (after StaffAccessCheck let a logged-in user through):
 * a page as HTML, or with {@code ?format=csv} its list as a CSV download. A page whose query fails
 * answers 503 with one line, and the agent logs one line, no stack trace.
 *
 * <p>A staging database that hangs instead of refusing (a frozen server, a firewall dropping packets) once held
 * each view for the pool's connection timeout, or for ever on a pooled connection (no read timeout), on a thread of
 * the management server: some twenty such views and health, the status page and the login hung too. A page is now
 * read on a small pool of its own ({@link #READERS} threads, no queue) and answers 503 after
 * sisbridge.staff.answer-within-ms; while every reader still waits on the database, a view answers 503 at once.
 */
public class StaffPages {

    /** Staff page reads at once: few, so hung reads hold few of the pool's connections and the flows keep theirs. */
    public static final int READERS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(StaffPages.class);

    private final Map<String, StaffPage> pages = new java.util.HashMap<>();
    private final ExecutorService reads;
    private final Duration answerWithin;

    /** Reading on the caller's thread, for as long as the database takes (tests). */
    public StaffPages(java.util.List<StaffPage> pages) {
        this(pages, null, null);
    }

    /**
     * @param reads        at most {@link #READERS} threads and no queue (from Camel's ExecutorServiceManager, so it stops
     *                     with Camel): a read it refuses is answered 503 at once
     * @param answerWithin how long a view waits for its read (sisbridge.staff.answer-within-ms)
     */
    public StaffPages(java.util.List<StaffPage> pages, ExecutorService reads, Duration answerWithin) {
        pages.forEach(p -> this.pages.put(p.name(), p));
        this.reads = reads;
        this.answerWithin = answerWithin;
    }

    private record Answer(String contentType, String body) {
    }

    /** @param name the page, as the route names it */
    public void answer(Exchange exchange, String name) {
        StaffPage page = pages.get(name);
        Message message = exchange.getMessage();
        StaffQuery query = StaffQuery.of(message, page.defaultDays(), page.maxDays());
        message.getHeaders().clear();
        message.setHeader("Cache-Control", "no-store");
        message.setHeader("X-Content-Type-Options", "nosniff");
        message.setHeader("Content-Security-Policy", StaffLayout.CONTENT_SECURITY_POLICY);
        Answer answer;
        try {
            answer = read(page, query);
        } catch (TimeoutException e) {
            unavailable(message, name, "the staging database did not answer within " + answerWithin.toMillis()
                    + " ms (sisbridge.staff.answer-within-ms)");
            return;
        } catch (RejectedExecutionException e) {
            unavailable(message, name, "the staging database did not answer the " + READERS + " staff page reads still"
                    + " waiting on it");
            return;
        } catch (Exception e) {
            LOG.warn("Staff page {} could not be read from the staging database: {}", name, e.getMessage());
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 503);
            message.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
            message.setBody("503: the staff page " + name + " could not be read from the staging database; see the agent's log\n");
            return;
        }
        message.setHeader(Exchange.CONTENT_TYPE, answer.contentType());
        if (query.csv()) {
            message.setHeader("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
        }
        message.setBody(answer.body());
    }

    private Answer read(StaffPage page, StaffQuery query) throws Exception {
        if (reads == null) {
            return render(page, query);
        }
        return ReadWithin.read(reads, answerWithin, () -> render(page, query));
    }

    private static Answer render(StaffPage page, StaffQuery query) throws Exception {
        StaffTable table = page.table(query);
        return query.csv() ? new Answer("text/csv; charset=utf-8", table.csv())
                : new Answer("text/html; charset=utf-8", page.html(query, table));
    }

    private static void unavailable(Message message, String name, String why) {
        LOG.warn("Staff page {} not shown: {}", name, why);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 503);
        message.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
        message.setBody("503: the staff page " + name + " cannot be shown now: " + why + "; see the agent's log\n");
    }
}
