package org.sisbridge.simulator;

/** The one bad value a report row may carry (NONE for a good row). */
public enum ReportRowAnomaly {
    NONE,
    /** latest_app_tstmp_submit as MM/dd/yyyy HH:mm instead of yyyy-MM-dd HH:mm. */
    TIMESTAMP_FORM,
    /** current_idme_workflow_status is not a dictionary value. */
    UNKNOWN_STATUS,
    /** latest_app_idme_workflow_status is empty (the report only lists applications that had one). */
    NULL_PREVIOUS_STATUS,
    /** ccc_id has an I where the CCCID form allows no I. */
    CCCID_FORM,
    /** mis_code is one this upstream does not serve. */
    FOREIGN_MIS_CODE,
    /** latest_app_id has a letter in it. */
    APP_ID_NOT_NUMERIC,
    /** latest_app_id has 17 digits, one more than the dictionary allows. */
    APP_ID_17_DIGITS
}
