package org.sisbridge.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A listing's href is a path in the contract; some servers write the whole URL. The agent follows a
 * whole URL on its configured upstream and never one on another host: the download carries its token.
 */
class ReportHrefTest {

    private static final String PATH = "/v1/colleges/111/reports/idme-status-change/111-DAILY-2024-01-15.csv";

    @ParameterizedTest(name = "{1} on {0}")
    @CsvSource({
            // the contract's form, as before
            "http://127.0.0.1:8089, " + PATH + ", " + PATH,
            // the whole URL of the configured upstream: its path
            "http://127.0.0.1:8089, http://127.0.0.1:8089" + PATH + ", " + PATH,
            "https://Upstream.Example.edu, https://upstream.example.EDU:443" + PATH + ", " + PATH,
            "http://upstream.example.edu:80/, http://upstream.example.edu" + PATH + ", " + PATH,
            // a base URL with a path: the download adds it again, so it is taken off
            "https://gateway.example.edu/cccapi/, https://gateway.example.edu/cccapi" + PATH + ", " + PATH,
    })
    void aPathOrAWholeUrlOnTheConfiguredUpstreamIsDownloaded(String baseUrl, String href, String path) {
        ReportHref.Resolved resolved = new ReportHref(baseUrl).resolve(href);

        assertThat(resolved.refusal()).isNull();
        assertThat(resolved.path()).isEqualTo(path);
    }

    @ParameterizedTest(name = "{1} on {0}")
    @CsvSource({
            "http://127.0.0.1:8089, https://elsewhere.example.com" + PATH + ", another host",
            "http://127.0.0.1:8089, http://127.0.0.1:9999" + PATH + ", another host",
            "http://127.0.0.1:8089, https://127.0.0.1:8089" + PATH + ", another host",
            "http://127.0.0.1:8089, //elsewhere.example.com" + PATH + ", another host",
            "https://gateway.example.edu/cccapi, https://gateway.example.edu/other" + PATH + ", outside",
            "http://127.0.0.1:8089, " + PATH + "?sig=abc, query or fragment",
            "http://127.0.0.1:8089, /v1/colleges/111/../222/reports/x.csv, not an absolute path",
            "http://127.0.0.1:8089, v1/colleges/111/reports/x.csv, not an absolute path",
            "http://127.0.0.1:8089, http://[bad, not a URL",
    })
    void anHrefLeadingElsewhereIsRefusedWithItsReason(String baseUrl, String href, String reason) {
        ReportHref.Resolved resolved = new ReportHref(baseUrl).resolve(href);

        assertThat(resolved.usable()).isFalse();
        assertThat(resolved.refusal()).contains(reason);
    }

    @Test
    void theListingKeepsTheEntriesOnItsUpstreamAndSkipsTheOneLeadingElsewhere() throws Exception {
        String listing = listing(entry("r-1", PATH),
                entry("r-2", "http://127.0.0.1:8089/v1/colleges/111/reports/idme-status-change/r-2.csv"),
                entry("r-3", "https://collector.example.com/v1/colleges/111/reports/idme-status-change/r-3.csv"));

        List<ReportListing> listings = new ReportListingParser(new ObjectMapper(), "http://127.0.0.1:8089")
                .parse(new ByteArrayInputStream(listing.getBytes(StandardCharsets.UTF_8)));

        assertThat(listings).extracting(ReportListing::reportId).containsExactly("r-1", "r-2");
        assertThat(listings).extracting(ReportListing::href)
                .containsExactly(PATH, "/v1/colleges/111/reports/idme-status-change/r-2.csv");
    }

    /** Before, a skipped entry was a WARN line at every poll and nothing on the status page: the report never loaded, quietly. */
    @Test
    void aSkippedEntryIsTheFlowsFailureForItsMisCodeNamingTheEntryAndWhy() throws Exception {
        String listing = listing(entry("r-1", PATH),
                entry("r-3", "https://collector.example.com/v1/colleges/111/reports/idme-status-change/r-3.csv"));
        org.sisbridge.runtime.FlowActivity activity = new org.sisbridge.runtime.FlowActivity(java.time.Clock.systemUTC());

        List<ReportListing> listings = new ReportListingParser(new ObjectMapper(), "http://127.0.0.1:8089", activity)
                .parse(new ByteArrayInputStream(listing.getBytes(StandardCharsets.UTF_8)), "111");

        assertThat(listings).extracting(ReportListing::reportId).containsExactly("r-1");
        assertThat(activity.lastFailure(ReportIntake.FLOW, "111")).startsWith("report listing entry 'r-3' skipped: ");
        assertThat(activity.lastFailure(ReportIntake.FLOW, "222")).isNull();
    }

    /** A listing of the given entries. */
    private static String listing(String... entries) {
        return "{\"reports\": [" + String.join(",", entries) + "]}";
    }

    /** One daily report of one row, its sha256 64 a's, at the given href. */
    private static String entry(String reportId, String href) {
        return "{\"reportId\": \"" + reportId + "\", \"period\": \"DAILY\", \"rowCount\": 1, \"sha256\": \""
                + "a".repeat(64) + "\", \"href\": \"" + href + "\"}";
    }
}
