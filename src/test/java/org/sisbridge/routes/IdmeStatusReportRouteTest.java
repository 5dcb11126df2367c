package org.sisbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.Test;
import org.sisbridge.reports.ReportListing;
import org.sisbridge.upstream.AnswerBound;

/**
 * routes/idme-status-report.yaml (with the poll template, the upstream GET and download, and the error
 * policy): one listing of MIS 111 with one report per test, the upstream answers scripted on
 * mock:upstream (call 1 is the listing, call 2 on the download).
 */
class IdmeStatusReportRouteTest extends YamlRouteTestSupport {

    private static final String CSV = "mis_code,ccc_id\n111,AAA1234\n";
    private static final ReportListing REPORT = new ReportListing("r-1", "DAILY", LocalDate.of(2024, 1, 1),
            LocalDate.of(2024, 1, 1), 1, "sha", "/v1/colleges/111/reports/idme-status-change/r-1");

    private final StubReports reports = new StubReports();

    @Override
    protected List<String> routeFiles() {
        return List.of("poll-mis-codes.yaml", "upstream-call.yaml", "upstream-errors.yaml", "idme-status-report.yaml");
    }

    @Override
    protected void bindFlowBeans(Registry registry) {
        for (String name : List.of("reportPoller", "reportListingParser", "reportDownload", "reportIntake")) {
            registry.bind(name, reports);
        }
    }

    @Test
    void theListingThenEachNewReportIsDownloadedAsCsvWithItsOwnBoundsAndLoaded() throws Exception {
        answer(1, 200, "{}", null);
        answer(2, 200, CSV, null);

        poll();

        assertThat(upstream.getReceivedCounter()).isEqualTo(2);
        Message listing = upstream.getReceivedExchanges().get(0).getMessage();
        assertThat(listing.getHeader(Exchange.HTTP_PATH)).isEqualTo("/v1/colleges/111/reports/idme-status-change");
        assertThat(listing.getHeader(Exchange.HTTP_QUERY)).isEqualTo("since=2024-01-01");
        assertThat(listing.getHeader("Accept")).isEqualTo("application/json");
        Message download = upstream.getReceivedExchanges().get(1).getMessage();
        assertThat(download.getHeader(Exchange.HTTP_PATH)).isEqualTo(REPORT.href());
        // the listing's query does not travel with the download
        assertThat(download.getHeader(Exchange.HTTP_QUERY)).isNull();
        assertThat(download.getHeader("Accept")).isEqualTo("text/csv");
        assertThat(reports.boundsAsked).hasValue(1);
        assertThat(reports.loaded).containsExactly("111 r-1 " + CSV);
        assertThat(activity.lastFailure("idme-status-report", "111")).isNull();
    }

    @Test
    void a401OnTheListingIsRetriedOnceWithANewToken() throws Exception {
        answer(1, 401, "", null);
        answer(2, 200, "{}", null);
        answer(3, 200, CSV, null);

        poll();

        assertThat(tokens.invalidated).hasValue(1);
        assertThat(reports.loaded).containsExactly("111 r-1 " + CSV);
    }

    @Test
    void a503OnTheDownloadWaitsForItsRetryAfterAndDownloadsTheReportAgainWithItsBounds() throws Exception {
        answer(1, 200, "{}", null);
        answer(2, 503, "", "1");
        answer(3, 200, CSV, null);

        poll();

        assertThat(upstream.getReceivedCounter()).isEqualTo(3);
        assertThat(upstream.getReceivedExchanges().get(2).getMessage().getHeader(Exchange.HTTP_PATH)).isEqualTo(REPORT.href());
        long waited = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(answeredAt.get(2) - answeredAt.get(1));
        assertThat(waited).isGreaterThanOrEqualTo(900);
        // each attempt is bounded by the size its listing allows, not only the first
        assertThat(reports.boundsAsked).hasValue(2);
        assertThat(reports.loaded).containsExactly("111 r-1 " + CSV);
    }

    @Test
    void a5xxOnTheDownloadIsRetriedUntilTheBudgetIsSpentAndNothingIsLoaded() throws Exception {
        answer(1, 200, "{}", null);
        answerEveryOtherCall(500);

        poll();

        // the listing, then the download and sisbridge.upstream.retry.max-redeliveries (3) more
        assertThat(upstream.getReceivedCounter()).isEqualTo(5);
        assertThat(reports.loaded).isEmpty();
        assertThat(activity.lastFailure("idme-status-report", "111")).contains("GET report r-1").contains("HTTP 500");
    }

    @Test
    void a4xxOnTheListingStopsThePollWithoutARetry() throws Exception {
        answer(1, 403, "", null);

        poll();

        assertThat(upstream.getReceivedCounter()).isEqualTo(1);
        assertThat(reports.loaded).isEmpty();
        assertThat(activity.lastFailure("idme-status-report", "111")).contains("HTTP 403").contains("not allowed");
    }

    @Test
    void aDatabaseFailureLoadingTheReportIsNotRetriedAsAnUpstreamOne() throws Exception {
        answer(1, 200, "{}", null);
        answer(2, 200, CSV, null);
        reports.failLoadingWith = new SQLException("Connection is closed", "08003");

        poll();

        assertThat(upstream.getReceivedCounter()).isEqualTo(2);
        assertThat(reports.loaded).isEmpty();
        assertThat(activity.lastFailure("idme-status-report", "111")).contains("08003");
    }

    private void poll() throws Exception {
        poll("idme-status-report-poll", "upstream-get", "upstream-download");
    }

    /** The report beans without a database or a download folder: one report listed, loaded as its text. */
    public static final class StubReports {
        final List<String> loaded = new CopyOnWriteArrayList<>();
        final java.util.concurrent.atomic.AtomicInteger boundsAsked = new java.util.concurrent.atomic.AtomicInteger();
        volatile SQLException failLoadingWith;

        public String query(String misCode) {
            return "since=2024-01-01";
        }

        public List<ReportListing> parse(InputStream body) throws IOException {
            body.readAllBytes();
            return List.of(REPORT);
        }

        public List<ReportListing> notYetLoaded(String misCode, List<ReportListing> listed) {
            return listed;
        }

        public AnswerBound bound(ReportListing report) {
            boundsAsked.incrementAndGet();
            return new AnswerBound(10_000, "the listing's row count");
        }

        public String save(ReportListing report, InputStream body) throws IOException {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }

        public void fromUpstream(String misCode, ReportListing report, String csv) throws SQLException {
            if (failLoadingWith != null) {
                throw failLoadingWith;
            }
            loaded.add(misCode + " " + report.reportId() + " " + csv);
        }
    }
}
