package org.sisbridge.reports;

import java.time.LocalDateTime;
import java.util.List;
import org.sisbridge.csv.CsvRecord;
import org.sisbridge.csv.SpreadsheetNumber;
import org.sisbridge.dictionary.CccidFormat;
import org.sisbridge.dictionary.IdmeStatus;
import org.sisbridge.dictionary.MisCode;
import org.sisbridge.dictionary.RejectReason;
import org.sisbridge.dictionary.StatusTransitionPolicy;
import org.sisbridge.runtime.MisCodes;
import org.sisbridge.staging.Reject;

/**
 * Checks one report row against the data dictionary and classifies its status transition with
 * the college's transition table. The first problem found decides the reject reason; details name
 * columns and forms, never the row's values beyond the one that is wrong.
 */
public class ReportRowValidator {

    public static final String SOURCE = "idme-status-report";
    private static final int MAX_APP_ID_DIGITS = 16;

    private final MisCodes misCodes;
    private final StatusTransitionPolicy transitions;

    public ReportRowValidator(MisCodes misCodes, StatusTransitionPolicy transitions) {
        this.misCodes = misCodes;
        this.transitions = transitions;
    }

    public RowCheck check(String reportId, ReportHeader header, CsvRecord record) {
        try {
            return new RowCheck.Accepted(toRow(header, record));
        } catch (Invalid invalid) {
            // the header goes with the raw row: a replay reads the row by the same column names
            return new RowCheck.Rejected(new Reject(SOURCE, reportId + ":" + record.line(), reportId, record.line(),
                    header.raw() + "\n" + record.raw(), invalid.reason, invalid.detail));
        }
    }

    private StatusChangeRow toRow(ReportHeader header, CsvRecord record) throws Invalid {
        List<String> f = record.fields();
        if (f.size() != header.width()) {
            throw new Invalid(RejectReason.WRONG_FIELD_COUNT, "the row has " + f.size() + " fields, the header " + header.width());
        }
        String mis = required(header, f, ReportColumn.MIS_CODE, 3);
        if (!MisCode.isWellFormed(mis)) {
            throw new Invalid(RejectReason.INVALID_MIS_CODE, "mis_code '" + mis + "' is not 3 digits or upper-case letters");
        }
        if (!misCodes.contains(mis)) {
            throw new Invalid(RejectReason.MIS_CODE_NOT_CONFIGURED, "mis_code '" + mis + "' is not in " + misCodes.values());
        }
        String cccid = required(header, f, ReportColumn.CCC_ID, 8);
        if (!CccidFormat.isValid(cccid)) {
            throw new Invalid(RejectReason.INVALID_CCCID, "ccc_id does not have the CCCID form");
        }
        long appId = applicationId(required(header, f, ReportColumn.LATEST_APP_ID, Integer.MAX_VALUE));
        LocalDateTime submitted = timestamp(header, f, ReportColumn.LATEST_APP_TSTMP_SUBMIT);
        String previous = status(header, f, ReportColumn.LATEST_APP_IDME_WORKFLOW_STATUS);
        if (previous == null) {
            throw new Invalid(RejectReason.NO_PREVIOUS_STATUS, "latest_app_idme_workflow_status is empty");
        }
        String current = status(header, f, ReportColumn.CURRENT_IDME_WORKFLOW_STATUS);
        if (current == null) {
            throw new Invalid(RejectReason.MISSING_FIELD, "current_idme_workflow_status is empty: a status change needs its new status");
        }
        LocalDateTime changedAt = timestamp(header, f, ReportColumn.CURRENT_IDME_WORKFLOW_STATUS_CHANGE_TIMESTAMP);
        return new StatusChangeRow(mis, StatusChangeRow.key(cccid, appId, changedAt, current), cccid, appId, submitted,
                previous, timestamp(header, f, ReportColumn.LATEST_APP_IDME_OPTIN_TIMESTAMP),
                timestamp(header, f, ReportColumn.LATEST_APP_IDME_CONFIRMATION_TIMESTAMP), current,
                timestamp(header, f, ReportColumn.CURRENT_IDME_OPTIN_TIMESTAMP),
                timestamp(header, f, ReportColumn.CURRENT_IDME_CONFIRMATION_TIMESTAMP), changedAt,
                transitions.isDocumented(previous, current), record.line());
    }

    private static String required(ReportHeader header, List<String> f, ReportColumn column, int maxLength) throws Invalid {
        String value = header.value(f, column);
        if (value == null) {
            throw new Invalid(RejectReason.MISSING_FIELD, column.columnName() + " is empty");
        }
        if (value.length() > maxLength) {
            throw new Invalid(RejectReason.FIELD_TOO_LONG, column.columnName() + " has " + value.length()
                    + " characters, at most " + maxLength + " allowed");
        }
        return value;
    }

    private static long applicationId(String text) throws Invalid {
        if (!asciiDigits(text) || text.length() > MAX_APP_ID_DIGITS) {
            if (SpreadsheetNumber.isScientific(text)) {
                throw new Invalid(RejectReason.INVALID_APPLICATION_ID, "latest_app_id looks like a number a spreadsheet"
                        + " shortened to scientific notation (" + text + "): its digits are lost; load the original file,"
                        + " not one saved from a spreadsheet");
            }
            throw new Invalid(RejectReason.INVALID_APPLICATION_ID, "latest_app_id has " + text.length()
                    + " characters" + (text.chars().allMatch(Character::isDigit) ? "" : ", not all digits"));
        }
        return Long.parseLong(text);
    }

    /** A loop, not {@code chars().allMatch}: a stream and a lambda for every row's id showed in the load's profile. */
    private static boolean asciiDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !text.isEmpty();
    }

    private static String status(ReportHeader header, List<String> f, ReportColumn column) throws Invalid {
        String status = IdmeStatus.normalize(header.value(f, column));
        if (status != null && !IdmeStatus.isKnown(status)) {
            throw new Invalid(RejectReason.UNKNOWN_STATUS, column.columnName() + " '" + abbreviate(status) + "'");
        }
        return status;
    }

    private static LocalDateTime timestamp(ReportHeader header, List<String> f, ReportColumn column) throws Invalid {
        String text = header.value(f, column);
        if (text == null) {
            if (column.mandatory()) {
                throw new Invalid(RejectReason.MISSING_FIELD, column.columnName() + " is empty");
            }
            return null;
        }
        LocalDateTime parsed = ReportTimestamp.parse(text);
        if (parsed == null) {
            throw new Invalid(RejectReason.INVALID_REPORT_TIMESTAMP, column.columnName() + " '" + abbreviate(text) + "'");
        }
        return parsed;
    }

    private static String abbreviate(String value) {
        return value.length() <= 30 ? value : value.substring(0, 30) + "...";
    }

    private static final class Invalid extends Exception {
        private final RejectReason reason;
        private final String detail;

        Invalid(RejectReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
            this.detail = detail;
        }
    }
}
