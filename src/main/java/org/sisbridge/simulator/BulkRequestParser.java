package org.sisbridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a bulk request body (mode create or match, see the contract). A batch that is malformed as a whole (not JSON, no students, more than
 * 500, a student without localId, a localId twice) is refused with 400 and no job; a student whose
 * fields are wrong is accepted here and REJECTED by the job.
 */
final class BulkRequestParser {
    static final int MAX_STUDENTS = 500;
    /** The contract's mode that looks students up and creates nothing (section 3, "Match only"). */
    static final String MATCH_ONLY = "match-only";
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A 400 answer: code and message, never student data. */
    static final class Malformed extends Exception {
        final String code;

        Malformed(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    /** A parsed request: match is true for mode "match-only" (look up only, create nothing). */
    record BulkRequest(boolean match, List<BulkStudent> students) {
    }

    BulkRequest parse(InputStream body) throws Malformed, IOException {
        JsonNode root;
        try {
            root = JSON.readTree(body.readNBytes(MAX_BODY_BYTES));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Malformed("invalid_json", "the body is not a JSON document");
        }
        if (root == null || !root.isObject()) {
            throw new Malformed("invalid_batch", "the body is not a JSON object");
        }
        String batchId = root.path("batchId").asText("");
        if (batchId.isEmpty() || batchId.length() > 64) {
            throw new Malformed("invalid_batch_id", "batchId is required, at most 64 characters");
        }
        // an old client sends no mode: it means create, as before
        JsonNode mode = root.get("mode");
        String modeText = mode == null || mode.isNull() ? "create" : mode.isTextual() ? mode.asText() : "";
        // any other value is refused rather than taken for create: a client that meant to only look up
        // must never have accounts made for it
        if (!modeText.equals("create") && !modeText.equals(MATCH_ONLY)) {
            throw new Malformed("invalid_mode", "mode is create (the default) or match-only");
        }
        JsonNode students = root.get("students");
        if (students == null || !students.isArray() || students.isEmpty() || students.size() > MAX_STUDENTS) {
            throw new Malformed("invalid_students", "students must be an array of 1.." + MAX_STUDENTS + " students");
        }
        List<BulkStudent> parsed = new ArrayList<>(students.size());
        Set<String> localIds = new HashSet<>();
        for (JsonNode s : students) {
            String localId = s.isObject() ? text(s, "localId") : null;
            if (localId == null || localId.isBlank() || localId.codePointCount(0, localId.length()) > 64) {
                throw new Malformed("invalid_student", "every student needs a localId of 1..64 characters");
            }
            if (!localIds.add(localId)) {
                throw new Malformed("duplicate_local_id", "a localId appears twice in the batch");
            }
            parsed.add(new BulkStudent(localId, text(s, "firstName"), text(s, "middleName"), text(s, "lastName"),
                    text(s, "birthDate"), text(s, "email"), text(s, "phone"), text(s, "postalCode")));
        }
        return new BulkRequest(modeText.equals(MATCH_ONLY), parsed);
    }

    private static String text(JsonNode student, String field) {
        JsonNode value = student.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
    }
}
