package org.sisbridge.cli;

/**
 * The staging database cannot be read yet: not there, not reachable, or without the agent's
 * tables. Its message is for the person at the console; the commands print it and exit 1.
 */
final class StagingUnavailableException extends RuntimeException {

    StagingUnavailableException(String message) {
        super(message);
    }
}
