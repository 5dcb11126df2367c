package org.sisbridge.roster;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * A workbook cell as the roster reads it: as the cell shows it (POI's {@link DataFormatter}, so a
 * local id "00123" or a ZIP code "02134" formatted with leading zeros keeps them, and text stays
 * text), except a date cell, which becomes an ISO date (yyyy-MM-dd) whatever its display format: a
 * format such as m/d/yy shows a two-digit year, which would lose the century of a birth date.
 */
final class WorkbookCellFormatter extends DataFormatter {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd");
    private final boolean date1904;

    /** @param date1904 whether the workbook counts days from 1904 (old Mac Excel) instead of 1900 */
    WorkbookCellFormatter(boolean date1904) {
        super(Locale.US);
        this.date1904 = date1904;
    }

    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
        if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
            return DateUtil.getLocalDateTime(value, date1904 || use1904Windowing).toLocalDate().format(ISO);
        }
        if (isGeneral(formatIndex, formatString) && value == Math.rint(value) && Math.abs(value) < 1e15) {
            // Excel shows a General number of 12 digits or more as 1.23457E+11: a local id typed as a
            // number would lose its digits, so a whole number is written in full
            return Long.toString((long) value);
        }
        return super.formatRawCellContents(value, formatIndex, formatString, use1904Windowing);
    }

    private static boolean isGeneral(int formatIndex, String formatString) {
        return formatIndex == 0 || formatString == null || "General".equalsIgnoreCase(formatString);
    }
}
