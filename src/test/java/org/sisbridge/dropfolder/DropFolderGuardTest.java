package org.sisbridge.dropfolder;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.camel.component.file.GenericFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sisbridge.reports.ReportsBeans;
import org.sisbridge.roster.RosterBeans;
import org.sisbridge.testsupport.AgentFixture;
import org.slf4j.LoggerFactory;

/**
 * The drop folders' filter on its own, real files under target/: what it holds back as a copy still
 * under way, and which names it guards. No waiting: the files' modification times are set.
 */
class DropFolderGuardTest {

    private static final long SETTLE_MS = 1000;
    private static final long WAIT_MS = 60_000;

    private final Path inbox = AgentFixture.HOME.resolve("target/guard-tests/" + UUID.randomUUID());
    private final DropFolderGuard roster = new DropFolderGuard("Roster", RosterBeans.INBOX_FILES, SETTLE_MS, WAIT_MS);
    private final DropFolderGuard report = new DropFolderGuard("Report", ReportsBeans.INBOX_FILES, SETTLE_MS, WAIT_MS);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(DropFolderGuard.class);

    @BeforeEach
    void capture() throws Exception {
        Files.createDirectories(inbox);
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logs);
    }

    @Test
    void aCsvCutOffMidLineWaitsUntilItHasNotChangedForTheWaitThenIsRead() throws Exception {
        Path file = write("daily.csv", "mis_code,cccid\n111,ABC1234\n111,ABC12".getBytes(StandardCharsets.US_ASCII));
        touch(file, Duration.ofSeconds(5)); // older than the settle time: the read lock alone would take it

        assertThat(report.accept(entry(file))).isFalse();
        assertThat(report.accept(entry(file))).as("the next scan").isFalse();
        assertThat(report.accept(entry(file))).as("and the one after").isFalse();
        assertThat(file).exists();
        assertThat(infoLines()).singleElement().isEqualTo("Report drop folder: daily.csv looks unfinished"
                + " (its last line has no line end, as a text file still being copied); waiting up to 60 s for the rest");

        touch(file, Duration.ofMillis(WAIT_MS + 1000));
        assertThat(report.accept(entry(file))).as("unchanged for the wait: read as it is").isTrue();
        assertThat(infoLines()).hasSize(1);
    }

    @Test
    void aTextFileEndingWithALineEndIsReadAtOnce() throws Exception {
        assertThat(roster.accept(entry(write("lf.csv", "local_id\nS1\n".getBytes(StandardCharsets.UTF_8))))).isTrue();
        assertThat(roster.accept(entry(write("crlf.csv", "local_id\r\nS1\r\n".getBytes(StandardCharsets.UTF_8))))).isTrue();
        assertThat(roster.accept(entry(write("cr.txt", "local_id\rS1\r".getBytes(StandardCharsets.UTF_8))))).isTrue();
        // Excel's "Unicode Text": UTF-16LE with its mark, whose last line end is 0D 00 0A 00
        assertThat(roster.accept(entry(write("unicode.txt", utf16le("local_id\tfirst_name\r\nS1\tAna\r\n"))))).isTrue();
        assertThat(infoLines()).isEmpty();
    }

    @Test
    void aUnicodeTextFileCutOffMidLineWaits() throws Exception {
        assertThat(roster.accept(entry(write("cut.txt", utf16le("local_id\tfirst_name\r\nS1\tAn"))))).isFalse();
        byte[] oddLength = utf16le("local_id\r\n");
        assertThat(roster.accept(entry(write("odd.txt", Arrays.copyOf(oddLength, oddLength.length - 1))))).isFalse();
        assertThat(infoLines()).hasSize(2);
    }

    @Test
    void aWorkbookWithoutItsZipEndWaitsThenIsReadAsItIs() throws Exception {
        byte[] workbook = zip();
        assertThat(roster.accept(entry(write("whole.xlsx", workbook)))).isTrue();

        Path cut = write("cut.xlsx", Arrays.copyOf(workbook, workbook.length - 30));
        assertThat(roster.accept(entry(cut))).isFalse();
        assertThat(roster.accept(entry(cut))).isFalse();
        assertThat(infoLines()).singleElement().asString().startsWith("Roster drop folder: cut.xlsx looks unfinished (no zip end record");

        // the loader then refuses it with its own reason; the guard only stops holding it back
        touch(cut, Duration.ofMillis(WAIT_MS));
        assertThat(roster.accept(entry(cut))).isTrue();
    }

    @Test
    void aWorkbookSavedWithAPasswordIsWholeThoughNoZip() throws Exception {
        // Excel writes it as a compound file (D0 CF 11 E0 ...), which never gets a zip end record: before, it waited
        // the whole unfinished wait and was then called cut off; the loader now refuses it at once with its reason
        byte[] compound = new byte[4096];
        System.arraycopy(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1},
                0, compound, 0, 8);
        assertThat(roster.accept(entry(write("protected.xlsx", compound)))).isTrue();
        assertThat(infoLines()).isEmpty();
    }

    @Test
    void aWorkbookWithALongCommentAfterItsZipEndIsWhole() throws Exception {
        // the end record's comment may be up to 65,535 bytes: the record is then that far from the end
        assertThat(roster.accept(entry(write("comment.xlsx", zipWithComment("c".repeat(65_535)))))).isTrue();
    }

    @Test
    void aZeroByteWorkbookOrTextFileInTheRosterFolderGoesToErrorAfterTheSettleTime() throws Exception {
        for (String name : List.of("empty.xlsx", "empty.txt", "EMPTY.XLS")) {
            Path file = write(name, new byte[0]);
            assertThat(roster.accept(entry(file))).as("%s within the settle time", name).isFalse();
            assertThat(file).as("%s within the settle time", name).exists();
            touch(file, Duration.ofMillis(SETTLE_MS + 1000));
            assertThat(roster.accept(entry(file))).isFalse();
            assertThat(file).doesNotExist();
            assertThat(inbox.resolve("error").resolve(name)).exists();
            assertThat(Files.readString(inbox.resolve("error").resolve(name + ".reason"))).contains("empty");
        }
    }

    @Test
    void aPipeNamedLikeATextFileGoesToErrorUnopened() throws Exception {
        Path pipe = inbox.resolve("pipe.txt");
        Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).start();
        Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available here");

        assertThat(roster.accept(entry(pipe))).isFalse();
        assertThat(Files.exists(pipe, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.readString(inbox.resolve("error/pipe.txt.reason"))).contains("not a regular file");
    }

    @Test
    void eachFolderGuardsItsOwnNamesAndLeavesOthersAlone() throws Exception {
        Path text = write("roster.txt", "local_id\n".getBytes(StandardCharsets.US_ASCII));
        touch(text, Duration.ofMinutes(5));
        assertThat(report.accept(entry(text))).as("not a report folder's name").isFalse();
        assertThat(text).as("left alone by the report folder").exists();
        Path notes = write("notes.doc", "notes".getBytes(StandardCharsets.US_ASCII));
        assertThat(roster.accept(entry(notes))).isFalse();
        assertThat(notes).exists();
        assertThat(inbox.resolve("error")).doesNotExist();
    }

    private List<String> infoLines() {
        return logs.list.stream().filter(e -> e.getLevel() == Level.INFO).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private Path write(String name, byte[] content) throws Exception {
        return Files.write(inbox.resolve(name), content);
    }

    /** Sets the file's modification time that long ago. */
    private static void touch(Path file, Duration ago) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(ago)));
    }

    private static GenericFile<File> entry(Path file) {
        GenericFile<File> entry = new GenericFile<>();
        entry.setAbsoluteFilePath(file.toAbsolutePath().toString());
        entry.setFile(file.toFile());
        return entry;
    }

    private static byte[] utf16le(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_16LE);
        byte[] withMark = new byte[body.length + 2];
        withMark[0] = (byte) 0xFF;
        withMark[1] = (byte) 0xFE;
        System.arraycopy(body, 0, withMark, 2, body.length);
        return withMark;
    }

    private static byte[] zip() throws Exception {
        return zipWithComment(null);
    }

    private static byte[] zipWithComment(String comment) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
            zip.write("<workbook/>".repeat(200).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            if (comment != null) {
                zip.setComment(comment);
            }
        }
        return bytes.toByteArray();
    }
}
