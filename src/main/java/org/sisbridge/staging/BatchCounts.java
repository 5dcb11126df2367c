package org.sisbridge.staging;

/**
 * What one committed batch did (an events page, a report, a roster batch): records received,
 * newly stored, already stored (duplicates), rejected. Counts only: no student data.
 */
public record BatchCounts(long received, long stored, long duplicates, long rejected) {

    public static final BatchCounts NONE = new BatchCounts(0, 0, 0, 0);
}
