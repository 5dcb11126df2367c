package org.sisbridge.simulator;

/** A student of the simulated population. Names and e-mail are personal data: never log them. */
public record SimulatedStudent(long index, String cccid, String firstName, String lastName, String email) {
}
