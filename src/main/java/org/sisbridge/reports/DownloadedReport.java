package org.sisbridge.reports;

import java.nio.file.Path;

/**
 * A report body saved to a temporary file, or why it could not be saved completely (file null);
 * tooLarge when it was cut off at the size its listing allows.
 */
public record DownloadedReport(Path file, long bytes, String problem, boolean tooLarge) {

    public DownloadedReport(Path file, long bytes, String problem) {
        this(file, bytes, problem, false);
    }
}
