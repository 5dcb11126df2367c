package org.sisbridge.staging.dialect;

/** A column the dialect writes, with its SQL type (some databases need it to type a bare parameter). */
public record Column(String name, String sqlType) {
}
