package org.sisbridge.simulator;

import java.time.LocalDate;

/** A student of the simulated population. Names, e-mail, birth date and phone are personal data: never log them. */
public record SimulatedStudent(long index, String cccid, String firstName, String lastName, String email,
                               LocalDate birthDate, String phone) {
}
