package org.sisbridge.reports;

/**
 * A report that is refused as a whole before anything of it is committed: its bytes do not match
 * the listing's sha256 or row count, the download was cut short, or it is not a report at all.
 */
public class ReportRefusedException extends Exception {

    public ReportRefusedException(String message) {
        super(message);
    }
}
