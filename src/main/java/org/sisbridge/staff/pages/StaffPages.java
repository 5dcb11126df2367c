package org.sisbridge.staff.pages;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What routes/staff.yaml answers under /staff (after StaffAccessCheck let a logged-in user through):
 * a page as HTML, or with {@code ?format=csv} its list as a CSV download. A page whose query fails
 * answers 503 with one line, and the agent logs one line, no stack trace.
 */
public class StaffPages {

    private static final Logger LOG = LoggerFactory.getLogger(StaffPages.class);

    private final Map<String, StaffPage> pages = new java.util.HashMap<>();

    public StaffPages(java.util.List<StaffPage> pages) {
        pages.forEach(p -> this.pages.put(p.name(), p));
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
        try {
            StaffTable table = page.table(query);
            if (query.csv()) {
                message.setHeader(Exchange.CONTENT_TYPE, "text/csv; charset=utf-8");
                message.setHeader("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
                message.setBody(table.csv());
            } else {
                message.setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
                message.setBody(page.html(query, table));
            }
        } catch (Exception e) {
            LOG.warn("Staff page {} could not be read from the staging database: {}", name, e.getMessage());
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 503);
            message.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
            message.setBody("503: the staff page " + name + " could not be read from the staging database; see the agent's log\n");
        }
    }
}
