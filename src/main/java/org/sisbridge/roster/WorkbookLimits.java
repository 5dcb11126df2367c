package org.sisbridge.roster;

/**
 * What one roster workbook may cost to read. A .xlsx file is a zip of XML parts: the sheet is
 * streamed, so its size costs time only, but a zip bomb must not fill the disk or the heap, and the
 * shared-strings part (every distinct text of the workbook) is held in memory while the sheet is read.
 *
 * @param maxPartBytes the largest uncompressed part (sheet, styles, ...) read
 *                     (sisbridge.roster.workbook-max-part-bytes); POI's zip-bomb ratio check comes on top
 * @param maxSharedStringsBytes the largest shared-strings part (sisbridge.roster.workbook-max-shared-strings-bytes)
 */
public record WorkbookLimits(long maxPartBytes, long maxSharedStringsBytes) {

    /** The defaults of config/application.properties. */
    public static final WorkbookLimits DEFAULTS = new WorkbookLimits(256L * 1024 * 1024, 64L * 1024 * 1024);
}
