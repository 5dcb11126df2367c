package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A roster's header as staff's sheets carry it: the field names, their spellings and their common other names. */
class RosterColumnsTest {

    @Test
    void theNamesAdmissionsSheetsCommonlyCarryAreReadAsTheirFields() {
        // before: "the header has no column local_id, birth_date", and the whole file refused
        RosterColumns columns = RosterColumns.of(List.of("Student ID", "Given Name", "Surname", "Date of Birth",
                "Email Address", "Phone Number", "ZIP"), true);
        RosterStudent s = columns.student(List.of("00123", "Ana", "Lopez", "2001-04-30", "ana@college.example.edu",
                "916-555-0100", "95814"));
        assertThat(List.of(s.localId(), s.firstName(), s.lastName(), s.birthDate(), s.email(), s.phone(), s.postalCode()))
                .containsExactly("00123", "Ana", "Lopez", "2001-04-30", "ana@college.example.edu", "916-555-0100", "95814");
        assertThat(RosterColumns.of(List.of("local_id", "first_name", "last_name", "DOB"), false)
                .student(List.of("S1", "Ana", "Lopez", "4/30/2001")).birthDate()).isEqualTo("4/30/2001");
    }

    @Test
    void aColumnNamedAsTheFieldComesBeforeAnOtherName() {
        // a sheet with both a SIS "Student ID" and the "Local ID" the agent asks for reads the latter, wherever it stands
        RosterColumns columns = RosterColumns.of(List.of("Student ID", "Local ID", "First Name", "Last Name", "Birth Date"), false);
        assertThat(columns.student(List.of("X9", "00123", "Ana", "Lopez", "2001-04-30")).localId()).isEqualTo("00123");
    }

    @Test
    void aMissingFieldIsNamedWithTheOtherNamesThatWouldDo() {
        assertThatThrownBy(() -> RosterColumns.of(List.of("Local ID", "First Name", "Last Name", "Birthdate?"), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the header has no column birth_date (expected local_id,")
                .hasMessageContaining("Date of Birth, DOB");
    }
}
