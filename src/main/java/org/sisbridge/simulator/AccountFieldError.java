package org.sisbridge.simulator;

/** One field error of a rejected student, as the contract's {@code errors} entries carry it. */
record AccountFieldError(String field, String code, String message) {
}
