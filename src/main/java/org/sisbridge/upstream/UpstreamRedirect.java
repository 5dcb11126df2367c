package org.sisbridge.upstream;

import java.net.URI;

/**
 * What an upstream redirect says in the failure line. The agent follows none (camel-http's default, and the
 * token request's JDK client): the access token and the client secret go to the configured addresses only,
 * never to wherever an answer points. A redirect is most often upstream's move, or http:// configured where
 * the server wants https://, so the line names where it points, as scheme, host and port only (the Location
 * is upstream's text), and the key to change; it is not a refusal of the request.
 */
final class UpstreamRedirect {

    private UpstreamRedirect() {
    }

    static boolean is(int status) {
        return status >= 300 && status < 400;
    }

    /**
     * @param location the answer's Location header, or null
     * @param key      the configuration key naming the address that was asked
     */
    static String explain(String location, String key) {
        return ": a redirect to " + origin(location) + ", which the agent does not follow (its credentials go to the"
                + " configured address only); if upstream has moved, set " + key + " to the new address";
    }

    private static String origin(String location) {
        if (location == null || location.isBlank()) {
            return "no address (the answer has no Location)";
        }
        try {
            URI uri = URI.create(location.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "another path of the same server";
            }
            return uri.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + uri.getHost()
                    + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException unreadable) {
            return "an address that is not a URL";
        }
    }
}
