package org.sisbridge.simulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** Writes the eventPayload JSON document that the events API carries as a string. */
final class EventPayloadWriter {
    private static final JsonFactory JSON = new JsonFactory();

    private EventPayloadWriter() {
    }

    static String write(PayloadFields f) {
        StringWriter out = new StringWriter(400);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("cccid", f.cccid());
            g.writeStringField("firstName", f.firstName());
            g.writeStringField("previous_firstName", f.previousFirstName());
            g.writeStringField("lastName", f.lastName());
            g.writeStringField("previous_lastName", f.previousLastName());
            g.writeStringField("email", f.email());
            g.writeStringField("previous_email", f.previousEmail());
            g.writeStringField("idme_status", f.idmeStatus());
            g.writeStringField("previous_idme_status", f.previousIdmeStatus());
            g.writeStringField("idme_confirmation_timestamp", f.confirmedAt());
            // Newer upstream releases add fields; a client must ignore what it does not know.
            if (f.verificationLevel() != null) {
                g.writeStringField("verification_level", f.verificationLevel());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * A payload cut short, as a broken upstream export would send it. Any strict prefix of a JSON
     * object is invalid JSON, because its closing brace is missing.
     */
    static String truncate(String payload, double where) {
        int min = Math.min(payload.length() - 1, 12);
        int cut = min + (int) (where * (payload.length() - 1 - min));
        return payload.substring(0, cut);
    }
}
