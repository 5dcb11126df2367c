package org.sisbridge.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * POST /v1/colleges/{mis}/accounts/bulk and GET /v1/colleges/{mis}/accounts/bulk/{jobId}, checked
 * in the same order as the events API: injected faults, token, MIS code, then the request itself.
 * The "500 after the job was created" switch answers 500 after the job exists, so the client does
 * not know it succeeded.
 */
final class BulkAccountsEndpoint {
    private static final long JOB_FAILURE = 0xB2;
    private static final long LOST_ANSWER = 0xB3;

    private final SimulatorSettings settings;
    private final TokenStore tokens;
    private final FaultScript script;
    private final HttpMisbehaviour misbehaviour;
    private final AccountRegistry registry;
    private final BulkJobs jobs;
    private final BulkRequestParser parser = new BulkRequestParser();
    private final HostileBulkValues hostile;
    private final AtomicLong requestNumber = new AtomicLong();

    BulkAccountsEndpoint(SimulatorSettings settings, TokenStore tokens, FaultScript script, HttpMisbehaviour misbehaviour,
                         AccountRegistry registry, BulkJobs jobs) {
        this.settings = settings;
        this.tokens = tokens;
        this.script = script;
        this.misbehaviour = misbehaviour;
        this.registry = registry;
        this.jobs = jobs;
        this.hostile = new HostileBulkValues(settings);
    }

    /** @param jobId null for the submit resource */
    void handle(HttpExchange exchange, Reply reply, String misCode, String jobId) throws IOException, InterruptedException {
        String method = jobId == null ? "POST" : "GET";
        if (!method.equals(exchange.getRequestMethod())) {
            reply.header("Allow", method).error(405, "method_not_allowed", "use " + method);
            return;
        }
        // random faults use their own request numbers, so the events API's fault sequence is unchanged
        InjectedFault fault = script.next().orElseGet(() -> misbehaviour.decide(requestNumber.incrementAndGet() + (1L << 40)));
        if (fault.delayMillis() > 0) {
            Thread.sleep(fault.delayMillis());
        }
        if (fault.status() != 0) {
            if (fault.retryAfterSeconds() > 0) {
                reply.header("Retry-After", Integer.toString(fault.retryAfterSeconds()));
            }
            reply.error(fault.status(), ErrorCodes.forStatus(fault.status()), hostile.message("simulated fault"));
            return;
        }
        if (!tokens.isValid(bearerToken(exchange))) {
            reply.header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                    .error(401, "unauthorized", "missing, expired or revoked access token");
            return;
        }
        if (!settings.misCodes.contains(misCode)) {
            reply.error(403, "forbidden", "this client may not create accounts for that MIS code");
            return;
        }
        if (jobId == null) {
            submit(exchange, reply, misCode);
        } else {
            status(reply, misCode, jobId);
        }
    }

    private void submit(HttpExchange exchange, Reply reply, String misCode) throws IOException {
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (key == null || key.isBlank() || key.length() > 64) {
            reply.error(400, "invalid_idempotency_key", "Idempotency-Key is required, at most 64 characters");
            return;
        }
        Optional<BulkJob> earlier = jobs.forKey(misCode, key);
        if (earlier.isPresent()) {
            accepted(reply, earlier.get());
            return;
        }
        BulkRequestParser.BulkRequest request;
        try {
            request = parser.parse(exchange.getRequestBody());
        } catch (BulkRequestParser.Malformed e) {
            reply.error(400, e.code, e.getMessage());
            return;
        }
        long n = jobs.next();
        boolean fails = script.takeBulkJobFailure() || chance(JOB_FAILURE, n, settings.bulkJobFailureRate);
        BulkJob job = jobs.create(misCode, key, request, fails, settings.bulkRunningPolls, settings.bulkRunningMillis);
        if (script.takeBulkLostAnswer() || chance(LOST_ANSWER, n, settings.bulk500AfterCreateRate)) {
            reply.error(500, "internal_error", "simulated failure after the job was created");
            return;
        }
        accepted(reply, job);
    }

    private static void accepted(Reply reply, BulkJob job) throws IOException {
        reply.json(202, g -> {
            g.writeStartObject();
            g.writeStringField("jobId", job.jobId());
            g.writeStringField("status", job.status());
            g.writeEndObject();
        });
    }

    private void status(Reply reply, String misCode, String jobId) throws IOException {
        Optional<BulkJob> found = jobs.byId(misCode, jobId);
        if (found.isEmpty()) {
            reply.error(404, "not_found", "no such job for that MIS code");
            return;
        }
        BulkJob job = found.get();
        String status = job.poll(registry, LocalDate.now(ZoneOffset.UTC));
        reply.json(200, g -> {
            g.writeStartObject();
            g.writeStringField("jobId", job.jobId());
            g.writeStringField("status", status);
            if ("COMPLETE".equals(status)) {
                g.writeArrayFieldStart("results");
                for (AccountOutcome outcome : hostile.results(job.results())) {
                    writeOutcome(g, outcome);
                }
                g.writeEndArray();
            } else if ("FAILED".equals(status)) {
                g.writeObjectFieldStart("error");
                g.writeStringField("code", "job_failed");
                g.writeStringField("message", hostile.message("the job failed before creating any account; send the students again"));
                g.writeEndObject();
            }
            g.writeEndObject();
        });
    }

    private void writeOutcome(JsonGenerator g, AccountOutcome o) throws IOException {
        g.writeStartObject();
        g.writeStringField("localId", o.localId());
        g.writeStringField("outcome", o.outcome());
        g.writeStringField("cccid", o.cccid());
        if ("NOT_FOUND".equals(o.outcome())) {
            // nothing matched: no cccid, no matchedOn
        } else if ("REJECTED".equals(o.outcome())) {
            g.writeArrayFieldStart("errors");
            for (AccountFieldError e : o.errors()) {
                g.writeStartObject();
                g.writeStringField("field", e.field());
                g.writeStringField("code", e.code());
                g.writeStringField("message", hostile.message(e.message()));
                g.writeEndObject();
            }
            g.writeEndArray();
        } else {
            g.writeArrayFieldStart("matchedOn");
            for (String field : o.matchedOn()) {
                g.writeString(field);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private boolean chance(long salt, long jobNumber, double rate) {
        return rate > 0 && FeedHash.unit(FeedHash.of(settings.seed, salt, jobNumber)) < rate;
    }

    private static String bearerToken(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).trim();
    }
}
