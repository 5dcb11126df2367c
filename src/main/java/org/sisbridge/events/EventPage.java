package org.sisbridge.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One page of the events feed as received: each event still raw, so a bad one can be kept as it came. */
public record EventPage(List<JsonNode> events, String nextCursor, boolean hasMore) {
}
