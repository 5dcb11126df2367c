package org.sisbridge.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GET /v1/colleges/{mis}/reports/idme-status-change[?since=] (the listing) and
 * GET .../idme-status-change/{reportId}.csv (one report, streamed). The first N downloads of each
 * report may be spoiled on purpose (sha256 mismatch, truncation), as {@link ReportSettings} says.
 */
final class ReportsEndpoint {
    private static final Pattern PATH = Pattern.compile("/v1/colleges/([^/]+)/reports/idme-status-change(?:/([^/]+)\\.csv)?");

    private final ReportCatalog catalog;
    private final ReportSettings settings;
    private final HostileSettings hostile;
    private final TokenStore tokens;
    private final SimulatorCounters counters;
    private final ReportCounters reportCounters;

    ReportsEndpoint(ReportCatalog catalog, TokenStore tokens, SimulatorCounters counters, ReportCounters reportCounters,
                    HostileSettings hostile) {
        this.catalog = catalog;
        this.hostile = hostile;
        this.settings = catalog.settings();
        this.tokens = tokens;
        this.counters = counters;
        this.reportCounters = reportCounters;
    }

    boolean serves(String path) {
        return PATH.matcher(path).matches();
    }

    void handle(HttpExchange exchange, Reply reply, String path) throws IOException {
        Matcher matched = PATH.matcher(path);
        if (!matched.matches()) {
            throw new IllegalArgumentException("not a report path");
        }
        String misCode = matched.group(1);
        String reportId = matched.group(2); // null for the listing
        if (!"GET".equals(exchange.getRequestMethod())) {
            reply.header("Allow", "GET").error(405, "method_not_allowed", "use GET");
            return;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        if (!tokens.isValid(token)) {
            reply.header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                    .error(401, "unauthorized", "missing, expired or revoked access token");
            return;
        }
        if (!catalog.servedMisCodes().contains(misCode)) {
            reply.error(403, "forbidden", "this client may not read reports for that MIS code");
            return;
        }
        if (reportId == null) {
            listing(exchange, reply, misCode);
        } else {
            download(exchange, reply, misCode, reportId);
        }
    }

    private void listing(HttpExchange exchange, Reply reply, String misCode) throws IOException {
        String sinceText = FormFields.parse(exchange.getRequestURI().getRawQuery()).get("since");
        LocalDate since;
        try {
            since = sinceText == null || sinceText.isEmpty() ? null : LocalDate.parse(sinceText);
        } catch (DateTimeParseException e) {
            reply.error(400, "invalid_since", "since must be a date yyyy-MM-dd");
            return;
        }
        List<ReportCatalog.Entry> entries = catalog.reports(misCode, since);
        reportCounters.listed();
        // the whole URL, as some servers write it: this server's, as the client reached it
        String origin = !settings.absoluteHrefs ? ""
                : (exchange instanceof com.sun.net.httpserver.HttpsExchange ? "https://" : "http://")
                + exchange.getRequestHeaders().getFirst("Host");
        reply.json(200, g -> writeListing(g, entries, origin));
    }

    private void writeListing(JsonGenerator g, List<ReportCatalog.Entry> entries, String origin) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("reports");
        for (ReportCatalog.Entry e : entries) {
            ReportCatalog.Fingerprint f = catalog.fingerprint(e);
            g.writeStartObject();
            g.writeStringField("reportId", e.reportId());
            g.writeStringField("period", e.period());
            g.writeStringField("periodStart", e.periodStart().toString());
            g.writeStringField("periodEnd", e.periodEnd().toString());
            g.writeStringField("generatedAt", e.periodEnd().plusDays(1) + "T" + String.format("%02d", 6 + e.revision() % 18)
                    + ":00:00.000Z");
            g.writeNumberField("rowCount", f.rows());
            g.writeStringField("sha256", f.sha256());
            g.writeStringField("href", origin + e.href());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private void download(HttpExchange exchange, Reply reply, String misCode, String reportId) throws IOException {
        var entry = catalog.find(misCode, reportId);
        if (entry.isEmpty()) {
            reply.error(404, "not_found", "no such report");
            return;
        }
        int attempt = reportCounters.downloaded(reportId);
        counters.response(200);
        exchange.getResponseHeaders().set("Content-Type", "text/csv; charset=utf-8");
        if (attempt <= settings.truncatedTimes) {
            sendTruncated(exchange, entry.get());
            return;
        }
        exchange.sendResponseHeaders(200, 0); // chunked: streamed, any size
        try (OutputStream out = exchange.getResponseBody()) {
            catalog.write(entry.get(), out);
            if (attempt <= settings.truncatedTimes + settings.sha256MismatchTimes) {
                out.write('\n'); // one byte more than was hashed: the listed sha256 no longer matches
            }
            if (hostile.oversizedReportBytes > 0) {
                OversizedPadding.writeCsvRows(out, hostile.oversizedReportBytes); // far more rows than listed
            }
        }
    }

    /** Announces the full length, sends half of it, and closes the connection. */
    private void sendTruncated(HttpExchange exchange, ReportCatalog.Entry entry) throws IOException {
        ByteArrayOutputStream half = new ByteArrayOutputStream();
        long full = catalog.fingerprint(entry).bytes();
        catalog.write(entry, new OutputStream() {
            @Override
            public void write(int b) {
                if (half.size() < full / 2) {
                    half.write(b);
                }
            }
        });
        exchange.sendResponseHeaders(200, full);
        OutputStream out = exchange.getResponseBody();
        out.write(half.toByteArray());
        out.flush();
        // Closing the exchange (not the body stream) with bytes still owed makes the JDK server drop
        // the connection, so the client sees the body end early instead of waiting for the rest.
        exchange.close();
    }
}
