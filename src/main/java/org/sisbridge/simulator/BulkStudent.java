package org.sisbridge.simulator;

/** One student of a bulk account request, as sent (fields may be null). Personal data: never log it. */
record BulkStudent(String localId, String firstName, String middleName, String lastName, String birthDate,
                   String email, String phone, String postalCode) {
}
