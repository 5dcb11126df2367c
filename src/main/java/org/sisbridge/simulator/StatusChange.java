package org.sisbridge.simulator;

/**
 * One status change of a student. {@code confirmedAtStep} is the step of the student's latest
 * verification, or -1 when the latest verification was the staff one the student started with.
 */
record StatusChange(String previous, String current, long confirmedAtStep) {
}
