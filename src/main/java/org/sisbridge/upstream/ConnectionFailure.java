package org.sisbridge.upstream;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;

/**
 * A request that never got an answer, said as what IT checks next. The JDK's HTTP client reports a name the
 * DNS does not know, a port nobody listens on and a firewall that drops the connection all as a bare
 * "java.net.ConnectException"; the cause chain tells them apart.
 */
final class ConnectionFailure {

    private ConnectionFailure() {
    }

    /** @param target the address that was asked, named in the sentence (scheme, host and port only) */
    static String explain(Throwable failure, URI target) {
        String host = target.getHost() == null ? String.valueOf(target) : target.getHost();
        String where = host + ":" + (target.getPort() >= 0 ? target.getPort() : "https".equalsIgnoreCase(target.getScheme()) ? 443 : 80);
        if (anyInChain(failure, UnknownHostException.class) || anyInChain(failure, java.nio.channels.UnresolvedAddressException.class)) {
            // Apache's client throws the first; the JDK's a ConnectException caused by the second
            return "the host name '" + host + "' is not known to this machine's DNS";
        }
        if (anyInChain(failure, HttpConnectTimeoutException.class)) {
            return "no answer to the connection to " + where + " in time (sisbridge.upstream.connect-timeout-ms):"
                    + " a firewall may be dropping it";
        }
        if (anyInChain(failure, ConnectException.class)) {
            // the JDK's client says no more for a refused connection (a ConnectException caused by a closed channel)
            return "the connection to " + where + " was refused: nothing listens there, or a firewall rejects it";
        }
        return String.valueOf(failure);
    }

    private static boolean anyInChain(Throwable failure, Class<? extends Throwable> kind) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (kind.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
