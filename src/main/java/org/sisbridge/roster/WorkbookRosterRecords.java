package org.sisbridge.roster;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.commons.io.input.BoundedInputStream;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.sisbridge.dropfolder.CompoundFile;
import org.sisbridge.dropfolder.DropFolderGuard;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The records of a roster workbook (.xlsx): its first sheet, streamed. POI's event reader
 * (XSSFReader + XSSFSheetXMLHandler) parses the sheet's XML with SAX, row by row, never building the
 * workbook (XSSFWorkbook would hold every cell: far more than the 256 MB heap for 100,000 rows). Only
 * the shared strings (each distinct text once) are held, as plain strings, and their part is bounded.
 *
 * <p>SAX pushes rows while the loader pulls records, so the sheet is parsed on a thread of its own
 * into a small bounded queue: at most {@value #QUEUE} rows wait in memory, and the parser waits when
 * the loader is busy with the database. Closing stops the parser.
 *
 * <p>Cells: as the cell shows them (leading zeros kept), a date cell as an ISO date, a formula cell as
 * its last computed result (what the sheet shows and what Excel would save as CSV; never the formula).
 */
final class WorkbookRosterRecords implements RosterRecords {

    private static final int QUEUE = 256;
    private static final Object END = new Object();

    private final OPCPackage workbook;
    private final BlockingQueue<Object> rows = new ArrayBlockingQueue<>(QUEUE);
    private final Thread parser;
    private volatile boolean closed;
    private boolean ended;

    /** Whether the loader reads this file as a workbook (.xls, .xlsb, .ods and .numbers are, each refused by {@link #open} with a reason). */
    static boolean isWorkbook(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return name.endsWith(".xlsx") || name.endsWith(".xlsm") || WorkbookRefusal.ofName(name) != null;
    }

    /**
     * Opens the workbook and starts streaming its first sheet.
     *
     * @throws IllegalArgumentException saying why, when the file is no readable workbook or passes a limit
     */
    static WorkbookRosterRecords open(Path file, int maxRecordChars, WorkbookLimits limits) throws IOException {
        String refusedKind = WorkbookRefusal.ofName(file.getFileName().toString().toLowerCase(Locale.ROOT));
        if (refusedKind != null) {
            throw new IllegalArgumentException(refusedKind);
        }
        if (CompoundFile.is(file)) {
            throw new IllegalArgumentException(WorkbookRefusal.ofCompoundFile(file));
        }
        // a zip cut off before its end record: POI would log a WARN and read it again as a stream, for the same refusal
        if (!DropFolderGuard.hasZipEndRecord(file)) {
            throw new IllegalArgumentException("it is not an Excel workbook (.xlsx) that can be read: it has no zip end"
                    + " record, so it is cut off (a copy that did not finish) or not a workbook at all");
        }
        // POI's zip-bomb guard (compressed-to-uncompressed ratio, 1% by default) stays on; the entry cap is ours
        ZipSecureFile.setMaxEntrySize(limits.maxPartBytes());
        OPCPackage workbook;
        try {
            workbook = OPCPackage.open(file.toFile(), PackageAccess.READ);
        } catch (OpenXML4JException | RuntimeException e) {
            throw new IllegalArgumentException("it is not an Excel workbook (.xlsx) that can be read: " + e.getMessage(), e);
        }
        try {
            return new WorkbookRosterRecords(workbook, maxRecordChars, limits);
        } catch (IllegalArgumentException e) {
            workbook.revert();
            throw e;
        } catch (IOException | RuntimeException e) {
            // POI's own exceptions (a part the workbook names but lacks, a broken structure) are unchecked: still a
            // file refused with its reason, never a failure of the agent's
            workbook.revert();
            throw new IllegalArgumentException("the workbook could not be read: " + explained(e), e);
        }
    }

    private WorkbookRosterRecords(OPCPackage workbook, int maxRecordChars, WorkbookLimits limits) throws IOException {
        this.workbook = workbook;
        ReadOnlySharedStringsTable strings;
        StylesTable styles;
        InputStream sheet;
        boolean date1904;
        try {
            if (workbook.isStrictOoxmlFormat()) {
                // Excel's "Strict Open XML Spreadsheet": the same parts under other names, found here, as POI does not
                StrictWorkbookParts parts = new StrictWorkbookParts(workbook);
                strings = sharedStrings(parts.sharedStrings(), limits.maxSharedStringsBytes());
                styles = parts.styles(limits.maxPartBytes());
                date1904 = date1904(parts.workbook());
                sheet = parts.firstSheet();
            } else {
                XSSFReader reader = new XSSFReader(workbook);
                strings = sharedStrings(sharedStringsPart(reader), limits.maxSharedStringsBytes());
                styles = reader.getStylesTable();
                date1904 = date1904(reader.getWorkbookData());
                Iterator<InputStream> sheets = reader.getSheetsData();
                if (!sheets.hasNext()) {
                    throw new IllegalArgumentException("the workbook has no sheet");
                }
                sheet = sheets.next();
            }
        } catch (OpenXML4JException | SAXException e) {
            throw new IllegalArgumentException("the workbook could not be read: " + explained(e), e);
        }
        WorkbookRowCollector collector = new WorkbookRowCollector(this::offer, maxRecordChars);
        XSSFSheetXMLHandler handler = new XSSFSheetXMLHandler(styles, null, strings, collector,
                new WorkbookCellFormatter(date1904), false);
        parser = new Thread(() -> parse(sheet, handler), "roster-workbook-reader");
        parser.setDaemon(true);
        parser.start();
    }

    @Override
    public RosterCsvReader.Record next() throws IOException {
        if (ended) {
            return null;
        }
        Object row;
        try {
            row = rows.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the workbook", e);
        }
        if (row == END) {
            ended = true;
            return null;
        }
        if (row instanceof Throwable failure) {
            ended = true;
            throw failure instanceof IOException io ? io : new IOException(failure.getMessage(), failure);
        }
        return (RosterCsvReader.Record) row;
    }

    @Override
    public void close() {
        ended = true;
        closed = true;
        parser.interrupt();
        workbook.revert(); // opened read-only: nothing to save
    }

    private void parse(InputStream sheet, XSSFSheetXMLHandler handler) {
        Object last = END;
        try (sheet) {
            XMLReader xml = new SpreadsheetMlFilter(XMLHelper.newXMLReader());
            xml.setContentHandler(handler);
            xml.parse(new InputSource(sheet));
        } catch (Stopped stopped) {
            return; // the loader closed the workbook
        } catch (Throwable e) { // reported to the loader, which explains the file's failure
            last = new IOException("the workbook's first sheet could not be read: " + explained(e), e);
        }
        try {
            hand(last);
        } catch (Stopped stopped) {
            // the loader closed the workbook and waits for nothing more
        }
    }

    /** POI's zip-bomb message, with the key that sets the cap: the administrator's next question. */
    private static String explained(Throwable e) {
        String message = e.getMessage() == null || e.getMessage().isBlank() ? "a " + e.getClass().getSimpleName() : e.getMessage();
        return message.contains("Zip bomb") ? message + " (each part of a roster workbook is capped by"
                + " sisbridge.roster.workbook-max-part-bytes, and one compressed more than 100 to 1 is refused)" : message;
    }

    /** The collector's sink: waits while the queue is full, stops the parse once the loader closed. */
    private void offer(RosterCsvReader.Record record) {
        hand(record);
    }

    /**
     * Puts a row (or the end, or a failure) in the queue, waiting while it is full; stops once the
     * loader closed, whether or not the interrupt reached this thread (a parser may swallow it).
     */
    private void hand(Object item) {
        try {
            while (!rows.offer(item, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw new Stopped();
                }
            }
        } catch (InterruptedException e) {
            throw new Stopped();
        }
    }

    /** The shared strings part, or null when the workbook has none (or names one it lacks). */
    private static InputStream sharedStringsPart(XSSFReader reader) {
        try {
            return reader.getSharedStringsData();
        } catch (IOException | OpenXML4JException | RuntimeException none) {
            return null;
        }
    }

    private static ReadOnlySharedStringsTable sharedStrings(InputStream part, long maxBytes) throws IOException, SAXException {
        // an empty table, filled below through the filter that reads a strict workbook's strings too
        ReadOnlySharedStringsTable table = new ReadOnlySharedStringsTable(InputStream.nullInputStream(), false);
        if (part == null) {
            return table;
        }
        // one byte past the cap proves the part is over it; the table is never built past the cap
        try (InputStream bounded = BoundedInputStream.builder().setInputStream(part).setMaxCount(maxBytes + 1)
                .setOnMaxCount((max, count) -> {
                    throw new IllegalArgumentException("the workbook's shared strings (its distinct texts) are larger"
                            + " than " + maxBytes + " bytes (sisbridge.roster.workbook-max-shared-strings-bytes)");
                }).get()) {
            PushbackInputStream text = new PushbackInputStream(bounded, 1);
            int first = text.read();
            if (first < 0) {
                return table; // an empty part: no strings, as POI's own reading of it gives
            }
            text.unread(first);
            XMLReader xml = new SpreadsheetMlFilter(XMLHelper.newXMLReader());
            xml.setContentHandler(table);
            xml.parse(new InputSource(text));
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        return table;
    }

    /** Whether the workbook counts dates from 1904 (workbookPr date1904, old Mac Excel). */
    private static boolean date1904(InputStream workbookPart) throws IOException, SAXException {
        boolean[] found = new boolean[1];
        try (InputStream in = workbookPart) {
            XMLReader xml = XMLHelper.newXMLReader();
            xml.setContentHandler(new DefaultHandler() {
                @Override
                public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
                    if ("workbookPr".equals(localName)) {
                        String value = attributes.getValue("date1904");
                        found[0] = "1".equals(value) || "true".equalsIgnoreCase(value);
                    } else if ("sheets".equals(localName)) {
                        throw new Stopped(); // workbookPr comes before the sheets: read no further
                    }
                }
            });
            xml.parse(new InputSource(in));
        } catch (Stopped enough) {
            // read what was needed
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        return found[0];
    }

    /** Ends a parse early, without being a failure. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }
}
