package org.sisbridge.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sisbridge.dictionary.StatusTransitionPolicy;
import org.sisbridge.staging.Reject;

/** The data dictionary checks, one kind of bad input at a time, each with its own reason. */
class EventValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StatusTransitionPolicy SEED_TABLE = StatusTransitionPolicy.parse(
            "null>verified,verified>unverified,verified>expired,unverified>verified,unverified>expired,"
                    + "staff_verified>unverified,staff_verified>verified,staff_verified>expired");
    private final EventValidator validator = new EventValidator(JSON, Set.of("111", "861"), SEED_TABLE, true);

    private static ObjectNode payload() {
        ObjectNode p = JSON.createObjectNode();
        p.put("cccid", "ABC1234");
        p.put("firstName", "Zoë");
        p.put("lastName", "O'Brien-García");
        p.put("email", "zoe@example.edu");
        p.put("idme_status", "unverified");
        p.put("previous_idme_status", "verified");
        p.put("idme_confirmation_timestamp", "2023-09-01T10:00:00.000Z");
        return p;
    }

    private static ObjectNode event(JsonNode payload) {
        ObjectNode e = JSON.createObjectNode();
        e.put("eventId", "7f3c0d9e2b4a4c1f9a8e6d5c4b3a2f10");
        e.put("eventType", "UPDATE_PROFILE");
        e.put("eventTimestamp", "2024-01-15T18:22:03.123Z");
        e.put("misCode", "111");
        e.put("eventPayload", payload.toString());
        return e;
    }

    private Reject rejected(JsonNode raw) {
        EventCheck check = validator.check(raw);
        assertThat(check).isInstanceOf(EventCheck.Rejected.class);
        return ((EventCheck.Rejected) check).reject();
    }

    private IdmeEvent accepted(JsonNode raw) {
        EventCheck check = validator.check(raw);
        assertThat(check).isInstanceOf(EventCheck.Accepted.class);
        return ((EventCheck.Accepted) check).event();
    }

    @Test
    void aWellFormedEventIsAcceptedWithItsTransitionClassified() {
        IdmeEvent e = accepted(event(payload()));
        assertThat(e.cccid()).isEqualTo("ABC1234");
        assertThat(e.firstName()).isEqualTo("Zoë");
        assertThat(e.previousIdmeStatus()).isEqualTo("verified");
        assertThat(e.transitionValid()).isTrue();
        assertThat(e.key()).isEqualTo("111/7f3c0d9e2b4a4c1f9a8e6d5c4b3a2f10");
    }

    @Test
    void malformedPayloadOversizeFieldAndBadCccidEachHaveTheirOwnReason() {
        ObjectNode malformed = event(payload());
        malformed.put("eventPayload", "{\"cccid\":\"ABC1234\",\"firstName\":\"Jo");
        ObjectNode oversize = event(payload().put("lastName", "x".repeat(101)));
        ObjectNode badCccid = event(payload().put("cccid", "IOO1234"));

        Reject r1 = rejected(malformed);
        Reject r2 = rejected(oversize);
        Reject r3 = rejected(badCccid);
        assertThat(r1.reason().name()).isEqualTo("PAYLOAD_NOT_JSON");
        assertThat(r2.reason().name()).isEqualTo("FIELD_TOO_LONG");
        assertThat(r3.reason().name()).isEqualTo("INVALID_CCCID");
        assertThat(r2.describe()).contains("eventPayload.lastName has 101 characters, at most 100");
        // the raw input is kept whole for the person who fixes it; the reason never quotes a name
        assertThat(r2.rawInput()).contains("x".repeat(101));
        assertThat(r2.describe()).doesNotContain("xxxx");
        assertThat(r1.recordKey()).isEqualTo("111/7f3c0d9e2b4a4c1f9a8e6d5c4b3a2f10");
    }

    @Test
    void everyOtherDictionaryRuleRejectsWithAnActionableReason() {
        assertThat(rejected(event(payload()).put("misCode", "999")).reason().name()).isEqualTo("MIS_CODE_NOT_CONFIGURED");
        assertThat(rejected(event(payload()).put("misCode", "1a")).reason().name()).isEqualTo("INVALID_MIS_CODE");
        assertThat(rejected(event(payload()).put("eventTimestamp", "2024-01-15 18:22")).reason().name()).isEqualTo("INVALID_TIMESTAMP");
        assertThat(rejected(event(payload()).put("eventTimestamp", "2024-02-30T18:22:03.123Z")).reason().name()).isEqualTo("INVALID_TIMESTAMP");
        assertThat(rejected(event(payload().put("idme_status", "pending"))).reason().name()).isEqualTo("UNKNOWN_STATUS");
        assertThat(rejected(event(payload().putNull("idme_status"))).reason().name()).isEqualTo("MISSING_FIELD");
        assertThat(rejected(event(payload()).put("eventId", "x".repeat(33))).reason().name()).isEqualTo("FIELD_TOO_LONG");
        ObjectNode noId = event(payload());
        noId.remove("eventId");
        Reject missing = rejected(noId);
        assertThat(missing.reason().name()).isEqualTo("MISSING_FIELD");
        assertThat(missing.recordKey()).startsWith("sha256:");
        assertThat(rejected(JSON.getNodeFactory().textNode("not an event")).reason().name()).isEqualTo("NOT_AN_OBJECT");
        ObjectNode nested = payload();
        nested.putObject("cccid").put("value", "ABC1234");
        assertThat(rejected(event(nested)).reason().name()).isEqualTo("WRONG_TYPE");
    }

    @Test
    void documentedFieldNameVariantsAndUnknownFieldsAreAccepted() {
        ObjectNode variants = payload();
        variants.remove("idme_status");
        variants.remove("previous_idme_status");
        variants.put("idme_workflow_status", "Verified");
        variants.put("prev_idme_status", "");
        variants.put("verification_level", "IAL2");
        IdmeEvent e = accepted(event(variants));
        assertThat(e.idmeStatus()).isEqualTo("verified");
        assertThat(e.previousIdmeStatus()).isNull();
        assertThat(e.transitionValid()).isTrue();
        assertThat(e.eventPayload()).contains("verification_level");
    }

    @Test
    void undocumentedTransitionsAndEventTypesAreStoredButFlagged() {
        IdmeEvent e = accepted(event(payload().put("previous_idme_status", "expired").put("idme_status", "verified")));
        assertThat(e.transitionValid()).isFalse();
        IdmeEvent sameStatus = accepted(event(payload().put("previous_idme_status", "verified").put("idme_status", "verified")));
        assertThat(sameStatus.transitionValid()).isFalse();
        IdmeEvent unknownType = accepted(event(payload()).put("eventType", "ACCOUNT_MERGE"));
        assertThat(unknownType.documentedEventType()).isFalse();

        EventValidator strict = new EventValidator(JSON, Set.of("111"), SEED_TABLE, false);
        EventCheck check = strict.check(event(payload()).put("eventType", "ACCOUNT_MERGE"));
        assertThat(((EventCheck.Rejected) check).reject().reason().name()).isEqualTo("UNKNOWN_EVENT_TYPE");
    }

    @Test
    void theEighthCccidCharacterIsAcceptedAndZeroDigitsAreNot() {
        assertThat(accepted(event(payload().put("cccid", "ABC1234X"))).cccid()).isEqualTo("ABC1234X");
        assertThat(rejected(event(payload().put("cccid", "ABC0000"))).reason().name()).isEqualTo("INVALID_CCCID");
        assertThat(rejected(event(payload().put("cccid", "abc1234"))).reason().name()).isEqualTo("INVALID_CCCID");
    }
}
