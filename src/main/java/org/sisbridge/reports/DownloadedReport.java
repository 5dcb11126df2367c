package org.sisbridge.reports;

import java.nio.file.Path;

/** A report body saved to a temporary file, or why it could not be saved completely (file null). */
public record DownloadedReport(Path file, long bytes, String problem) {
}
