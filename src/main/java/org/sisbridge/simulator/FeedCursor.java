package org.sisbridge.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The opaque cursor of the events API: base64url of "v1:&lt;offset&gt;" (plus ":c" when a
 * redelivered copy is pending). Opaque so that clients store it and never compute with it.
 */
final class FeedCursor {
    private static final String VERSION = "v1:";
    private static final String COPY_PENDING = ":c";

    private FeedCursor() {
    }

    static String encode(FeedPosition p) {
        String plain = VERSION + p.offset() + (p.copyPending() ? COPY_PENDING : "");
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** Empty when the text is not a cursor this server made, or points outside a feed of feedSize events. */
    static Optional<FeedPosition> decode(String cursor, long feedSize) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (!plain.startsWith(VERSION)) {
                return Optional.empty();
            }
            String rest = plain.substring(VERSION.length());
            boolean pending = rest.endsWith(COPY_PENDING);
            long offset = Long.parseLong(pending ? rest.substring(0, rest.length() - COPY_PENDING.length()) : rest);
            if (offset < 0 || offset > feedSize || (pending && offset == 0)) {
                return Optional.empty();
            }
            return Optional.of(new FeedPosition(offset, pending));
        } catch (IllegalArgumentException e) { // bad base64 or bad number
            return Optional.empty();
        }
    }
}
