package org.sisbridge.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Copies a report body from the HTTP response stream to a temporary file under the download
 * folder, so a report of any size never sits in memory. A body cut short (the connection closed
 * before the announced length) gives no file and a problem the caller logs.
 */
public class ReportDownload {

    private static final int BUFFER = 64 * 1024;

    private final Path folder;

    public ReportDownload(Path folder) {
        this.folder = folder;
    }

    public DownloadedReport save(ReportListing report, InputStream body) throws IOException {
        Files.createDirectories(folder);
        Path file = Files.createTempFile(folder, report.reportId() + "-", ".csv.part");
        long bytes = 0;
        try (InputStream in = body; OutputStream out = Files.newOutputStream(file)) {
            if (in != null) {
                byte[] buffer = new byte[BUFFER];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    bytes += n;
                }
            }
            return new DownloadedReport(file, bytes, null);
        } catch (IOException cut) {
            Files.deleteIfExists(file);
            return new DownloadedReport(null, bytes, "the download broke off after " + bytes + " bytes ("
                    + cut.getClass().getSimpleName() + ")");
        }
    }
}
