package org.sisbridge.reports;

import java.util.List;

/**
 * One CSV record as read: its fields, its text as it stood in the file (line ends of quoted
 * fields included, the record's own line end excluded), and the file line it starts on.
 */
public record CsvRecord(List<String> fields, String raw, long line) {
}
