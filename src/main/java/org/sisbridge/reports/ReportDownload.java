package org.sisbridge.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sisbridge.upstream.AnswerBound;
import org.sisbridge.upstream.UpstreamAnswerRefusedException;

/**
 * Copies a report body from the HTTP response stream to a temporary file under the download
 * folder, so a report of any size never sits in memory. A body cut short (the connection closed
 * before the announced length) gives no file and a problem the caller logs.
 *
 * <p>The listing declares a report's rows, not its bytes, so the download is bounded by what that
 * many rows may take: (rows + 1 header) x sisbridge.reports.max-row-bytes, plus
 * sisbridge.reports.download-slack-bytes. A body larger than that is not the report listed; it is
 * cut off there (the rest is never downloaded) and the report refused like a sha256 mismatch.
 */
public class ReportDownload {

    private static final int BUFFER = 64 * 1024;

    private final Path folder;
    private final long maxRowBytes;
    private final long slackBytes;

    public ReportDownload(Path folder, long maxRowBytes, long slackBytes) {
        this.folder = folder;
        this.maxRowBytes = maxRowBytes;
        this.slackBytes = slackBytes;
    }

    /** The most bytes this report's download may carry, from its listed row count (none listed: the slack alone). */
    public AnswerBound bound(ReportListing report) {
        long rows = Math.max(report.rowCount(), 0) + 1;
        long bytes = rows > (Long.MAX_VALUE - slackBytes) / maxRowBytes ? Long.MAX_VALUE : rows * maxRowBytes + slackBytes;
        return new AnswerBound(bytes, "the listing declares " + report.rowCount() + " rows: (rows + 1) x"
                + " sisbridge.reports.max-row-bytes + sisbridge.reports.download-slack-bytes");
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
            UpstreamAnswerRefusedException bound = UpstreamAnswerRefusedException.find(cut);
            if (bound != null) {
                // larger than the listing allows, or slower than sisbridge.reports.download-timeout-ms
                // the count is of the bytes saved: the read that went past the bound is not (an audit read
                // "stopped after 1055211 bytes: larger than 1071104" as a contradiction)
                return new DownloadedReport(null, bytes, "the download was stopped with " + bytes + " bytes saved: "
                        + bound.getMessage(), bound.tooLarge());
            }
            return new DownloadedReport(null, bytes, "the download broke off after " + bytes + " bytes ("
                    + cut.getClass().getSimpleName() + ")");
        }
    }
}
