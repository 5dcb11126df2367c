package org.sisbridge.roster;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.sisbridge.dictionary.CccidFormat;
import org.sisbridge.upstream.UpstreamAnswerRefusedException;
import org.sisbridge.upstream.UpstreamPermanentException;
import org.sisbridge.upstream.UpstreamText;
import org.sisbridge.upstream.UpstreamTransientException;

/**
 * The wire form of contract section 3: the batch body the agent POSTs, and the two answers it
 * reads. An answer that does not parse is a transient upstream fault (a cut-off response), so the
 * call is made again; the parser's own messages are never passed on, as they may quote names.
 */
public class BulkAccountJson {

    /** The job states of the contract, in the order a job goes through them. */
    private static final List<String> JOB_STATES = List.of("PENDING", "RUNNING", "COMPLETE", "FAILED");
    /** A state named in a log line only when it is a plain word: the text is upstream's. */
    private static final java.util.regex.Pattern PLAIN_STATE = java.util.regex.Pattern.compile("[A-Za-z_]{1,30}");
    private static final java.util.regex.Pattern PLAIN_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

    private final ObjectMapper json;
    private final UpstreamText text;

    public BulkAccountJson(ObjectMapper json) {
        this(json, new UpstreamText(UpstreamText.DEFAULT_MAX_CHARS));
    }

    /** @param text makes a failed job's error text safe: it is logged and stored as the batch's last error */
    public BulkAccountJson(ObjectMapper json, UpstreamText text) {
        this.json = json;
        this.text = text;
    }

    /** The contract's mode for a batch that only matches the students against existing accounts and creates nothing. */
    public static final String MATCH_ONLY = "match-only";

    /** A create batch (the contract's default mode, so the body names none): the roster flow's. */
    public byte[] requestBody(String batchId, List<RosterStudent> students) throws IOException {
        return body(batchId, null, students, null);
    }

    /**
     * A match-only batch (reconciliation): upstream looks each student up with its duplicate rules and
     * creates nothing, whatever it finds.
     *
     * @param sisCccIds the CCCID the SIS holds for each student, in the order of {@code students} (null
     *                  where it holds none); the contract lets a student carry it, comparing stays ours.
     *                  One not of the CCCID form is left out of the body.
     */
    public byte[] matchOnlyBody(String batchId, List<RosterStudent> students, List<String> sisCccIds) throws IOException {
        if (sisCccIds.size() != students.size()) {
            throw new IllegalArgumentException(sisCccIds.size() + " CCCIDs for " + students.size() + " students");
        }
        return body(batchId, MATCH_ONLY, students, sisCccIds);
    }

    private byte[] body(String batchId, String mode, List<RosterStudent> students, List<String> sisCccIds) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(students.size() * 256);
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("batchId", batchId);
            if (mode != null) {
                g.writeStringField("mode", mode);
            }
            g.writeArrayFieldStart("students");
            for (int i = 0; i < students.size(); i++) {
                RosterStudent s = students.get(i);
                g.writeStartObject();
                g.writeStringField("localId", UnicodeSpace.strip(s.localId()));
                g.writeStringField("firstName", trim(s.firstName()));
                g.writeStringField("middleName", trim(s.middleName()));
                g.writeStringField("lastName", trim(s.lastName()));
                g.writeStringField("birthDate", s.birthDate());
                // an internationalized domain goes in its A-label form (contract: Student.email)
                g.writeStringField("email", EmailAddress.wireForm(s.email()));
                g.writeStringField("phone", trim(s.phone()));
                g.writeStringField("postalCode", trim(s.postalCode()));
                // only a CCCID of the dictionary's form: whatever else the SIS holds (a typo, a padded or longer
                // id) could make a server refuse the student or the batch, and the comparing is done here anyway
                String cccId = sisCccIds == null ? null : UnicodeSpace.stripToNull(sisCccIds.get(i));
                if (cccId != null && CccidFormat.isValid(cccId)) {
                    g.writeStringField("cccid", cccId);
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    /** The jobId of a 202 answer. */
    public String jobId(InputStream body) throws UpstreamTransientException, UpstreamPermanentException {
        String jobId = read(body, "bulk submit answer").path("jobId").asText("");
        if (jobId.isEmpty()) {
            throw new UpstreamTransientException("bulk submit answer carried no jobId");
        }
        // the job id is stored (job_id, 100 characters) and logged: only a plain id of the contract's kind
        if (!PLAIN_ID.matcher(jobId).matches()) {
            throw new UpstreamTransientException("bulk submit answer carried a jobId that is not a plain id of at most 100"
                    + " characters (letters, digits, _ . : -)");
        }
        return jobId;
    }

    public BulkJobStatus job(InputStream body) throws UpstreamTransientException, UpstreamPermanentException {
        JsonNode root = read(body, "bulk job status");
        String status = root.path("status").asText("");
        if (!JOB_STATES.contains(status)) {
            // kept as "not finished", an answer without a state of the contract would leave the batch SUBMITTED and
            // polled again at every run without a word; as a failure it is one line and a state on the status page,
            // and the batch is still asked about again
            throw new UpstreamTransientException("bulk job status answered " + (status.isEmpty() ? "no status"
                    : PLAIN_STATE.matcher(status).matches() ? "the status '" + status + "'" : "a status that is not a plain word")
                    + ", not one of " + String.join(", ", JOB_STATES));
        }
        List<StudentResult> results = new ArrayList<>();
        for (JsonNode r : root.path("results")) {
            List<String> matchedOn = new ArrayList<>();
            r.path("matchedOn").forEach(m -> matchedOn.add(m.asText()));
            JsonNode errors = r.get("errors");
            results.add(new StudentResult(r.path("localId").asText(null), r.path("outcome").asText(""),
                    r.hasNonNull("cccid") ? r.get("cccid").asText() : null, matchedOn,
                    errors == null || errors.isNull() || errors.isEmpty() ? null : errors.toString()));
        }
        if ("COMPLETE".equals(status) && !root.path("results").isArray()) {
            throw new UpstreamTransientException("bulk job answered COMPLETE without results");
        }
        JsonNode failure = root.path("error");
        String error = failure.isMissingNode() || failure.isNull() ? null
                : text.summary(failure.path("code").asText(""), failure.path("message").asText(""));
        return new BulkJobStatus(root.path("jobId").asText(""), status, results, error);
    }

    private JsonNode read(InputStream body, String what) throws UpstreamTransientException, UpstreamPermanentException {
        try {
            // an answer with more after its JSON (two answers glued, an error page appended) is no answer of the contract
            JsonNode root = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
            if (root == null || !root.isObject()) {
                throw new UpstreamTransientException(what + " is not a JSON object");
            }
            return root;
        } catch (IOException e) {
            // too large or too slow: the bound's own line says which
            UpstreamAnswerRefusedException.rethrowIfBound(e);
            throw new UpstreamTransientException(what + " could not be read as JSON (truncated?)");
        }
    }

    private static String trim(String value) {
        return UnicodeSpace.stripToNull(value);
    }
}
