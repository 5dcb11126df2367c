package org.sisbridge.upstream;

/**
 * The most bytes one upstream answer may carry, and where that number comes from, for the line that
 * refuses a larger one. A flow sets its own (a report: from its listing) as exchange property
 * {@link UpstreamCallGuard#ANSWER_BOUND}; every other answer gets sisbridge.upstream.max-response-bytes.
 */
public record AnswerBound(long maxBytes, String from) {
}
