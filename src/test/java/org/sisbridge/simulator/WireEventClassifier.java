package org.sisbridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells an event's anomaly from its wire form alone, from the contract and the domain notes, not
 * from the simulator's code: an independent check that the simulator serves what it says.
 */
final class WireEventClassifier {
    static final Pattern CCCID = Pattern.compile("[A-HJ-NP-Z]{3}(?!0000)[0-9]{4}");
    static final Set<String> DOCUMENTED_TYPES = Set.of("UPDATE_PROFILE", "FEDERATED_IDENTITY_LINK");
    /** The domain notes' transition table; key "" = never verified. */
    static final Map<String, Set<String>> DOCUMENTED_TRANSITIONS = Map.of(
            "", Set.of("verified"),
            "verified", Set.of("unverified", "expired"),
            "unverified", Set.of("verified", "expired"),
            "staff_verified", Set.of("unverified", "verified", "expired"));

    private WireEventClassifier() {
    }

    static EventAnomaly classify(JsonNode event, Set<String> servedMisCodes) {
        JsonNode payload;
        try {
            payload = SimulatorClient.JSON.readTree(event.get("eventPayload").asText());
        } catch (IOException e) {
            return EventAnomaly.MALFORMED_PAYLOAD;
        }
        if (payload == null || !payload.isObject()) {
            return EventAnomaly.MALFORMED_PAYLOAD;
        }
        if (text(payload, "firstName").length() > 100 || text(payload, "lastName").length() > 100
                || text(payload, "email").length() > 256) {
            return EventAnomaly.OVERSIZE_FIELD;
        }
        if (!DOCUMENTED_TYPES.contains(event.get("eventType").asText())) {
            return EventAnomaly.UNKNOWN_EVENT_TYPE;
        }
        if (!isDocumented(text(payload, "previous_idme_status"), text(payload, "idme_status"))) {
            return EventAnomaly.UNDOCUMENTED_TRANSITION;
        }
        if (!CCCID.matcher(text(payload, "cccid")).matches()) {
            return EventAnomaly.INVALID_CCCID;
        }
        if (!servedMisCodes.contains(event.get("misCode").asText())) {
            return EventAnomaly.WRONG_MIS_CODE;
        }
        return EventAnomaly.NONE;
    }

    static boolean isDocumented(String previous, String current) {
        return DOCUMENTED_TRANSITIONS.getOrDefault(previous == null ? "" : previous, Set.of()).contains(current);
    }

    /** The field's text, "" when null or absent. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }
}
