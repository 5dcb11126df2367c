package org.sisbridge.simulator;

/**
 * The status change reports' settings (contract section 2), part of {@link SimulatorSettings}.
 * Every misbehaviour switch is independent and defaults off.
 */
public final class ReportSettings {
    /** Offer WEEKLY reports (Monday to Sunday) beside the DAILY ones. */
    public boolean weekly = true;
    /** The first N downloads of each report send a body that does not match its listed sha256. */
    public int sha256MismatchTimes;
    /** The first N downloads of each report break off halfway (the connection closes early). */
    public int truncatedTimes;
    /** Fraction of rows (0..1) given one bad value; the kinds of {@link ReportRowAnomaly} take turns. */
    public double badRowRate;
    /** Header columns in another order than the contract's. */
    public boolean shuffledColumns;
    /** An extra column the contract does not name (clients must ignore it). */
    public boolean extraColumn;
    /** A UTF-8 byte order mark before the header, as spreadsheets write. */
    public boolean bom;
    /** CRLF line ends instead of LF. */
    public boolean crlf;
    /** Every field quoted, and a free-text column holding commas, doubled quotes and a line break. */
    public boolean quotedFields;
    /** The listing's hrefs as whole URLs on this server (http://host:port/v1/...) instead of the contract's paths. */
    public boolean absoluteHrefs;

    public ReportSettings copy() {
        ReportSettings c = new ReportSettings();
        c.weekly = weekly;
        c.sha256MismatchTimes = sha256MismatchTimes;
        c.truncatedTimes = truncatedTimes;
        c.badRowRate = badRowRate;
        c.shuffledColumns = shuffledColumns;
        c.extraColumn = extraColumn;
        c.bom = bom;
        c.crlf = crlf;
        c.quotedFields = quotedFields;
        c.absoluteHrefs = absoluteHrefs;
        return c;
    }

    void validate() {
        if (sha256MismatchTimes < 0 || truncatedTimes < 0) {
            throw new IllegalArgumentException("report fault counts must be >= 0");
        }
        if (badRowRate < 0 || badRowRate > 1) {
            throw new IllegalArgumentException("reports.badRowRate must be within 0..1");
        }
    }
}
