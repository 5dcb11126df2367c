package org.sisbridge.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.sisbridge.dictionary.CccidFormat;
import org.sisbridge.dictionary.IdmeStatus;
import org.sisbridge.dictionary.MisCode;
import org.sisbridge.dictionary.RejectReason;
import org.sisbridge.dictionary.StatusTransitionPolicy;
import org.sisbridge.dictionary.UtcTimestamp;
import org.sisbridge.staging.Reject;

/**
 * Checks one raw event against the Events table data dictionary and classifies its status
 * transition. The first problem found decides the reject reason; details name fields and lengths,
 * never the student's data.
 */
public class EventValidator {

    public static final String SOURCE = "idme-events";
    public static final Set<String> DOCUMENTED_EVENT_TYPES = Set.of("UPDATE_PROFILE", "FEDERATED_IDENTITY_LINK");

    private final ObjectMapper json;
    private final Set<String> misCodes;
    private final StatusTransitionPolicy transitions;
    private final boolean storeUnknownEventTypes;

    public EventValidator(ObjectMapper json, Set<String> misCodes, StatusTransitionPolicy transitions,
                          boolean storeUnknownEventTypes) {
        this.json = json;
        this.misCodes = misCodes;
        this.transitions = transitions;
        this.storeUnknownEventTypes = storeUnknownEventTypes;
    }

    public EventCheck check(JsonNode raw) {
        try {
            return new EventCheck.Accepted(toEvent(raw));
        } catch (Invalid invalid) {
            return new EventCheck.Rejected(new Reject(SOURCE, recordKey(raw), raw.toString(), invalid.reason, invalid.detail));
        }
    }

    private IdmeEvent toEvent(JsonNode raw) throws Invalid {
        if (!raw.isObject()) {
            throw new Invalid(RejectReason.NOT_AN_OBJECT, "the event is a JSON " + raw.getNodeType().name().toLowerCase());
        }
        FieldReader event = new FieldReader(raw, "");
        String eventId = event.required("eventId", 32);
        String eventType = event.required("eventType", 50);
        LocalDateTime eventTimestamp = timestamp(event.required("eventTimestamp", UtcTimestamp.LENGTH), "eventTimestamp");
        String misCode = event.required("misCode", 3);
        if (!MisCode.isWellFormed(misCode)) {
            throw new Invalid(RejectReason.INVALID_MIS_CODE, "misCode '" + misCode + "' is not 3 digits or upper-case letters");
        }
        if (!misCodes.contains(misCode)) {
            throw new Invalid(RejectReason.MIS_CODE_NOT_CONFIGURED, "misCode '" + misCode + "' is not in " + misCodes);
        }
        boolean documentedType = DOCUMENTED_EVENT_TYPES.contains(eventType);
        if (!documentedType && !storeUnknownEventTypes) {
            throw new Invalid(RejectReason.UNKNOWN_EVENT_TYPE, "eventType '" + eventType + "'");
        }
        String payloadText = event.required("eventPayload", Integer.MAX_VALUE);
        if (payloadText.length() > 2000) {
            throw new Invalid(RejectReason.PAYLOAD_TOO_LONG, "eventPayload has " + payloadText.length() + " characters, at most 2000 allowed");
        }
        FieldReader payload = new FieldReader(parsePayload(payloadText), "eventPayload.");
        String cccid = payload.required("cccid", 9);
        if (!CccidFormat.isValid(cccid)) {
            throw new Invalid(RejectReason.INVALID_CCCID, "cccid '" + cccid + "' does not have the CCCID form");
        }
        String status = IdmeStatus.normalize(payload.required(50, "idme_status", "idme_workflow_status", "idme_workflow_timestamp"));
        String previous = IdmeStatus.normalize(payload.optional(50, "previous_idme_status", "prev_idme_status"));
        requireKnownStatus(status, "idme_status");
        if (previous != null) {
            requireKnownStatus(previous, "previous_idme_status");
        }
        String confirmation = payload.optional(UtcTimestamp.LENGTH, "idme_confirmation_timestamp");
        return new IdmeEvent(misCode, eventId, eventType, eventTimestamp, cccid,
                payload.optional(100, "firstName"), payload.optional(100, "previous_firstName"),
                payload.optional(100, "lastName"), payload.optional(100, "previous_lastName"),
                payload.optional(256, "email"), payload.optional(256, "previous_email"),
                status, previous, confirmation == null ? null : timestamp(confirmation, "idme_confirmation_timestamp"),
                payloadText, transitions.isDocumented(previous, status), documentedType);
    }

    private JsonNode parsePayload(String payloadText) throws Invalid {
        try {
            JsonNode payload = json.readTree(payloadText);
            if (payload == null || !payload.isObject()) {
                throw new Invalid(RejectReason.PAYLOAD_NOT_JSON, "eventPayload is not a JSON object");
            }
            return payload;
        } catch (IOException e) {
            throw new Invalid(RejectReason.PAYLOAD_NOT_JSON, "eventPayload does not parse as JSON at character "
                    + (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null
                    ? jpe.getLocation().getCharOffset() : -1));
        }
    }

    private static void requireKnownStatus(String status, String field) throws Invalid {
        if (!IdmeStatus.isKnown(status)) {
            throw new Invalid(RejectReason.UNKNOWN_STATUS, field + " '" + abbreviate(status) + "'");
        }
    }

    private static LocalDateTime timestamp(String value, String field) throws Invalid {
        Optional<LocalDateTime> parsed = UtcTimestamp.parse(value);
        if (parsed.isEmpty()) {
            throw new Invalid(RejectReason.INVALID_TIMESTAMP, field + " '" + abbreviate(value) + "'");
        }
        return parsed.get();
    }

    private static String abbreviate(String value) {
        return value.length() <= 30 ? value : value.substring(0, 30) + "...";
    }

    /** misCode/eventId when both are usable, else a digest of the raw input: stable across redeliveries. */
    static String recordKey(JsonNode raw) {
        String mis = raw.path("misCode").asText("");
        String id = raw.path("eventId").asText("");
        if (!mis.isEmpty() && mis.length() <= 3 && !id.isEmpty() && id.length() <= 32) {
            return mis + "/" + id;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads text fields with the dictionary's limits; accepts documented name variants. */
    private static final class FieldReader {
        private final JsonNode node;
        private final String prefix;

        FieldReader(JsonNode node, String prefix) {
            this.node = node;
            this.prefix = prefix;
        }

        String required(String name, int maxLength) throws Invalid {
            return required(maxLength, name);
        }

        String required(int maxLength, String... names) throws Invalid {
            String value = optional(maxLength, names);
            if (value == null || value.isBlank()) {
                throw new Invalid(RejectReason.MISSING_FIELD, prefix + names[0] + " is missing or empty");
            }
            return value;
        }

        String optional(int maxLength, String... names) throws Invalid {
            for (String name : names) {
                JsonNode value = node.get(name);
                if (value == null || value.isNull()) {
                    continue;
                }
                if (!value.isValueNode()) {
                    throw new Invalid(RejectReason.WRONG_TYPE, prefix + name + " is a JSON " + value.getNodeType().name().toLowerCase() + ", not a text value");
                }
                String text = value.asText();
                if (text.length() > maxLength) {
                    throw new Invalid(RejectReason.FIELD_TOO_LONG, prefix + name + " has " + text.length()
                            + " characters, at most " + maxLength + " allowed");
                }
                return text;
            }
            return null;
        }
    }

    private static final class Invalid extends Exception {
        final RejectReason reason;
        final String detail;

        Invalid(RejectReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
            this.detail = detail;
        }
    }
}
