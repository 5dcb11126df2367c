package org.sisbridge.simulator;

/**
 * The fields of one eventPayload document. previous_* are null when unchanged, confirmedAt is
 * null when never confirmed, verificationLevel is a newer-release field most events lack.
 */
record PayloadFields(String cccid, String firstName, String previousFirstName, String lastName,
                     String previousLastName, String email, String previousEmail, String idmeStatus,
                     String previousIdmeStatus, String confirmedAt, String verificationLevel) {

    PayloadFields withNames(String first, String last, String mail) {
        return new PayloadFields(cccid, first, previousFirstName, last, previousLastName, mail, previousEmail,
                idmeStatus, previousIdmeStatus, confirmedAt, verificationLevel);
    }

    PayloadFields withStatus(String previous, String current) {
        return new PayloadFields(cccid, firstName, previousFirstName, lastName, previousLastName, email, previousEmail,
                current, previous, confirmedAt, verificationLevel);
    }

    PayloadFields withCccid(String id) {
        return new PayloadFields(id, firstName, previousFirstName, lastName, previousLastName, email, previousEmail,
                idmeStatus, previousIdmeStatus, confirmedAt, verificationLevel);
    }
}
