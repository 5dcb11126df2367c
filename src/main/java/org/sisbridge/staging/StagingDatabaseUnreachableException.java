package org.sisbridge.staging;

/**
 * The staging database did not give the pool its first connection: the server is down or not
 * reachable from here, the credentials are refused, or (H2) the file is not there. The message names
 * the URL and user and the driver's reason, for the person at the console; the cause is the
 * driver's exception.
 */
public class StagingDatabaseUnreachableException extends RuntimeException {

    public StagingDatabaseUnreachableException(StagingSettings settings, Throwable cause) {
        super(JdbcUrlMasking.mask("Cannot reach the staging database " + settings.shownUrl() + " as user '"
                + settings.username() + "': " + (cause == null ? "no reason given" : cause.getMessage())), cause);
    }
}
