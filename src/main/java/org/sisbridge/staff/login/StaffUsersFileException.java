package org.sisbridge.staff.login;

/** The users file cannot be read: logins fail with one log line until it can. */
public class StaffUsersFileException extends RuntimeException {

    public StaffUsersFileException(String message) {
        super(message);
    }
}
