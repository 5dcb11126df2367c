package org.sisbridge.reconcile;

import org.sisbridge.roster.RosterStudent;

/**
 * One row of the reconcile query: the student as the SIS holds it, with the CCCID the SIS has for them.
 * Personal data: never log anything but localId and the CCCID.
 */
public record SisStudent(String localId, String cccId, String firstName, String middleName, String lastName,
                         String birthDate, String email, String phone, String postalCode) {

    /** The student in the wire form the bulk contract shares with the roster flow. */
    RosterStudent wire() {
        return new RosterStudent(0, localId, firstName, middleName, lastName, birthDate, email, phone, postalCode);
    }
}
