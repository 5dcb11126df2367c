package org.sisbridge.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.sisbridge.runtime.FlowActivity;
import org.sisbridge.upstream.UpstreamAnswerRefusedException;
import org.sisbridge.upstream.UpstreamPermanentException;
import org.sisbridge.upstream.UpstreamText;
import org.sisbridge.upstream.UpstreamTransientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the report listing. A listing that is not JSON is a transient upstream fault (fetched
 * again); an entry without the fields the agent needs, or whose href leads away from the configured
 * upstream ({@link ReportHref}), is skipped with a log line, so one bad entry does not hold up the others,
 * and is the flow's failure for that MIS code on the status page until a report loads: a report upstream
 * lists but the agent never loads is no quiet matter.
 */
public class ReportListingParser {

    private static final Logger LOG = LoggerFactory.getLogger(ReportListingParser.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern REPORT_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    /** An id that is not of the contract's form is upstream text: logged only masked, escaped and capped. */
    private static final UpstreamText LISTED_ID = new UpstreamText(100);

    private final ObjectMapper json;
    private final ReportHref hrefs;
    private final FlowActivity activity;

    /** @param baseUrl sisbridge.upstream.base-url: an href may name it whole, no other host */
    public ReportListingParser(ObjectMapper json, String baseUrl) {
        this(json, baseUrl, null);
    }

    /** @param activity where a skipped entry is recorded as the flow's failure (null: logged only) */
    public ReportListingParser(ObjectMapper json, String baseUrl, FlowActivity activity) {
        this.json = json;
        this.hrefs = new ReportHref(baseUrl);
        this.activity = activity;
    }

    public List<ReportListing> parse(InputStream body) throws UpstreamTransientException, UpstreamPermanentException {
        return parse(body, null);
    }

    /** @param misCode the listing's MIS code: a skipped entry is that scope's failure (null: logged only) */
    public List<ReportListing> parse(InputStream body, String misCode) throws UpstreamTransientException, UpstreamPermanentException {
        JsonNode reports;
        try {
            reports = json.readTree(body).path("reports");
        } catch (IOException e) {
            UpstreamAnswerRefusedException.rethrowIfBound(e);
            throw new UpstreamTransientException("report listing could not be read as JSON (truncated?)");
        } catch (NullPointerException e) {
            throw new UpstreamTransientException("report listing could not be read as JSON (truncated?)");
        }
        if (!reports.isArray()) {
            throw new UpstreamTransientException("report listing carried no 'reports' array");
        }
        List<ReportListing> listings = new ArrayList<>();
        for (JsonNode entry : reports) {
            String id = entry.path("reportId").asText("");
            String sha = entry.path("sha256").asText("");
            if (!REPORT_ID.matcher(id).matches() || !SHA256.matcher(sha).matches()) {
                skipped(misCode, LISTED_ID.message(id), "it needs a reportId of letters, digits, . _ -,"
                        + " a 64-hex-digit sha256 and an href");
                continue;
            }
            ReportHref.Resolved href = hrefs.resolve(entry.path("href").asText(""));
            if (!href.usable()) {
                skipped(misCode, id, href.refusal());
                continue;
            }
            listings.add(new ReportListing(id, entry.path("period").asText(null), date(entry, "periodStart"),
                    date(entry, "periodEnd"), entry.path("rowCount").asLong(-1), sha.toLowerCase(), href.path()));
        }
        return listings;
    }

    /** One line, and the flow's failure for the MIS code: the same words on the status page. */
    private void skipped(String misCode, String shownId, String why) {
        LOG.warn("Report listing entry '{}' skipped: {}", shownId, why);
        if (activity != null && misCode != null) {
            activity.failure(ReportIntake.FLOW, misCode, "report listing entry '" + shownId + "' skipped: " + why);
        }
    }

    private static LocalDate date(JsonNode entry, String field) {
        try {
            return entry.hasNonNull(field) ? LocalDate.parse(entry.get(field).asText()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
