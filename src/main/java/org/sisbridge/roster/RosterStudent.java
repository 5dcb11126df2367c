package org.sisbridge.roster;

/**
 * One student as the outbox or a roster file holds it, every field as text (birthDate as
 * yyyy-MM-dd when it came from a DATE column). Personal data: never log anything but localId.
 */
public record RosterStudent(long requestId, String localId, String firstName, String middleName, String lastName,
                            String birthDate, String email, String phone, String postalCode) {
}
