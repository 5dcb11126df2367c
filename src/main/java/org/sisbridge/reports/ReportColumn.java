package org.sisbridge.reports;

import java.util.Locale;

/**
 * The status change report's 11 columns, in the contract's order, with their canonical names
 * (also the staging table's column names) and dictionary limits.
 */
public enum ReportColumn {
    MIS_CODE(true),
    CCC_ID(true),
    LATEST_APP_ID(true),
    LATEST_APP_TSTMP_SUBMIT(true),
    LATEST_APP_IDME_WORKFLOW_STATUS(false),
    LATEST_APP_IDME_OPTIN_TIMESTAMP(false),
    LATEST_APP_IDME_CONFIRMATION_TIMESTAMP(false),
    CURRENT_IDME_WORKFLOW_STATUS(false),
    CURRENT_IDME_OPTIN_TIMESTAMP(false),
    CURRENT_IDME_CONFIRMATION_TIMESTAMP(false),
    CURRENT_IDME_WORKFLOW_STATUS_CHANGE_TIMESTAMP(false);

    private final boolean mandatory;

    ReportColumn(boolean mandatory) {
        this.mandatory = mandatory;
    }

    /** The canonical name, as in the report header and the staging table. */
    public String columnName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean mandatory() {
        return mandatory;
    }

    /** The column a header cell names, accepting the documented misspelling lastest_ for latest_. */
    static ReportColumn fromHeader(String cell) {
        String name = cell.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("lastest_")) {
            name = "latest_" + name.substring("lastest_".length());
        }
        for (ReportColumn column : values()) {
            if (column.columnName().equals(name)) {
                return column;
            }
        }
        return null;
    }
}
