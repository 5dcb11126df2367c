package org.sisbridge.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sisbridge.csv.CsvRecord;
import org.sisbridge.csv.CsvRecordReader;
import org.sisbridge.dictionary.StatusTransitionPolicy;
import org.sisbridge.runtime.MisCodes;

class ReportRowValidatorTest {

    private static final String HEADER = "lastest_app_id,extra,mis_code,ccc_id,latest_app_tstmp_submit,latest_app_idme_workflow_status,"
            + "current_idme_workflow_status,current_idme_workflow_status_change_timestamp";
    private final ReportRowValidator validator = new ReportRowValidator(new MisCodes(Set.of("111")),
            StatusTransitionPolicy.parse("verified>expired"));

    @Test
    void readsColumnsByTheHeaderAcceptsLastestAndClassifiesTheTransition() throws Exception {
        RowCheck check = check("1234567890123456,anything,111,ABC1234,2024-01-15 18:22,verified,expired,2024-02-01 06:00");
        assertThat(check).isInstanceOf(RowCheck.Accepted.class);
        StatusChangeRow row = ((RowCheck.Accepted) check).row();
        assertThat(row.latestAppId()).isEqualTo(1234567890123456L);
        assertThat(row.transitionValid()).isTrue();
        assertThat(row.rowKey()).isEqualTo("ABC1234|1234567890123456|2024-02-01 06:00");
        assertThat(((RowCheck.Accepted) check("1,x,111,ABC1234,2024-01-15 18:22,expired,verified,")).row())
                .satisfies(r -> assertThat(r.transitionValid()).isFalse())
                .satisfies(r -> assertThat(r.rowKey()).isEqualTo("ABC1234|1|no-change-timestamp:verified"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "1,x,111,ABC1234,01/15/2024 18:22,verified,expired,;INVALID_REPORT_TIMESTAMP",
            "1,x,111,ABC1234,2024-02-30 18:22,verified,expired,;INVALID_REPORT_TIMESTAMP",
            "1,x,111,ABC1234,2024-01-15 18:22,verified,pending,;UNKNOWN_STATUS",
            "1,x,111,ABC1234,2024-01-15 18:22,,expired,;NO_PREVIOUS_STATUS",
            "1,x,111,ABI1234,2024-01-15 18:22,verified,expired,;INVALID_CCCID",
            "1,x,999,ABC1234,2024-01-15 18:22,verified,expired,;MIS_CODE_NOT_CONFIGURED",
            "12X4,x,111,ABC1234,2024-01-15 18:22,verified,expired,;INVALID_APPLICATION_ID",
            "12345678901234567,x,111,ABC1234,2024-01-15 18:22,verified,expired,;INVALID_APPLICATION_ID",
            ",x,111,ABC1234,2024-01-15 18:22,verified,expired,;MISSING_FIELD",
            "1,x,111,ABC1234,2024-01-15 18:22,verified,expired;WRONG_FIELD_COUNT"})
    void eachKindOfBadRowHasItsReason(String row, String reason) throws Exception {
        RowCheck check = check(row);
        assertThat(check).isInstanceOf(RowCheck.Rejected.class);
        var reject = ((RowCheck.Rejected) check).reject();
        assertThat(reject.reason().name()).isEqualTo(reason);
        assertThat(reject.recordKey()).isEqualTo("R1:2");
        assertThat(reject.lineNumber()).isEqualTo(2);
        assertThat(reject.rawInput()).as("the header goes with the raw row, for a replay").isEqualTo(HEADER + "\n" + row);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "0000000000000042;42;",
            "9999999999999999;9999999999999999;",
            "12X4;;latest_app_id has 4 characters, not all digits",
            "١٢٣;;latest_app_id has 3 characters",
            "12345678901234567;;latest_app_id has 17 characters",
            "-1;;latest_app_id has 2 characters, not all digits",
            "+1;;latest_app_id has 2 characters, not all digits"})
    void anApplicationIdIsUpToSixteenAsciiDigitsLeadingZerosAllowed(String id, Long accepted, String detail) throws Exception {
        RowCheck check = check(id + ",x,111,ABC1234,2024-01-15 18:22,verified,expired,");
        if (accepted != null) {
            assertThat(((RowCheck.Accepted) check).row().latestAppId()).isEqualTo(accepted);
        } else {
            // other scripts' digits are not digits of an id, and the detail does not call them "not digits"
            assertThat(((RowCheck.Rejected) check).reject().detail()).isEqualTo(detail);
        }
    }

    @Test
    void anApplicationIdInScientificNotationSaysASpreadsheetShortenedIt() throws Exception {
        for (String id : new String[] {"1.23457E+15", "1,23457E+15"}) {
            RowCheck check = check("\"" + id + "\",x,111,ABC1234,2024-01-15 18:22,verified,expired,");
            var reject = ((RowCheck.Rejected) check).reject();
            assertThat(reject.reason().name()).isEqualTo("INVALID_APPLICATION_ID");
            assertThat(reject.detail()).contains("scientific notation", id, "original file");
        }
    }

    @Test
    void aHeaderWithoutTheMandatoryColumnsRefusesTheReport() {
        assertThatThrownBy(() -> ReportHeader.parse(new CsvRecord(java.util.List.of("name", "ccc_id"), "name,ccc_id", 1)))
                .isInstanceOf(ReportRefusedException.class).hasMessageContaining("mis_code");
    }

    private RowCheck check(String row) throws Exception {
        try (CsvRecordReader csv = new CsvRecordReader(new StringReader(HEADER + "\n" + row + "\n"))) {
            ReportHeader header = ReportHeader.parse(csv.next());
            return validator.check("R1", header, csv.next());
        }
    }
}
