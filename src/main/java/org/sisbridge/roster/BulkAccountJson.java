package org.sisbridge.roster;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.sisbridge.upstream.UpstreamAnswerRefusedException;
import org.sisbridge.upstream.UpstreamPermanentException;
import org.sisbridge.upstream.UpstreamTransientException;

/**
 * The wire form of contract section 3: the batch body the agent POSTs, and the two answers it
 * reads. An answer that does not parse is a transient upstream fault (a cut-off response), so the
 * call is made again; the parser's own messages are never passed on, as they may quote names.
 */
public class BulkAccountJson {

    private final ObjectMapper json;

    public BulkAccountJson(ObjectMapper json) {
        this.json = json;
    }

    public byte[] requestBody(String batchId, List<RosterStudent> students) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(students.size() * 256);
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("batchId", batchId);
            g.writeArrayFieldStart("students");
            for (RosterStudent s : students) {
                g.writeStartObject();
                g.writeStringField("localId", s.localId().trim());
                g.writeStringField("firstName", trim(s.firstName()));
                g.writeStringField("middleName", trim(s.middleName()));
                g.writeStringField("lastName", trim(s.lastName()));
                g.writeStringField("birthDate", s.birthDate());
                g.writeStringField("email", trim(s.email()));
                g.writeStringField("phone", trim(s.phone()));
                g.writeStringField("postalCode", trim(s.postalCode()));
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
        return jobId;
    }

    public BulkJobStatus job(InputStream body) throws UpstreamTransientException, UpstreamPermanentException {
        JsonNode root = read(body, "bulk job status");
        String status = root.path("status").asText("");
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
        String error = root.path("error").path("message").asText(null);
        return new BulkJobStatus(root.path("jobId").asText(""), status, results, error);
    }

    private JsonNode read(InputStream body, String what) throws UpstreamTransientException, UpstreamPermanentException {
        try {
            JsonNode root = json.readTree(body);
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
        return value == null || value.isBlank() ? null : value.trim();
    }
}
