package org.sisbridge.roster;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where each field is in a roster file, from its header. Header names are matched ignoring case,
 * spaces, dashes and underscores ("Local ID", "local_id" and "localId" are the same column), and
 * unknown columns are ignored, so a spreadsheet export works as it is. The names Admissions and
 * Records sheets commonly carry instead ("Date of Birth", "DOB", "Student ID", "ZIP") are read as
 * their field; a column named as the field itself comes first when a sheet has both.
 */
final class RosterColumns {

    static final List<String> REQUIRED = List.of("local_id", "first_name", "last_name", "birth_date");
    private static final List<String> KNOWN = List.of("local_id", "first_name", "middle_name", "last_name",
            "birth_date", "email", "phone", "postal_code", "mis_code");

    /** Other names of a field, each unambiguous in a roster of students. */
    private static final Map<String, List<String>> ALSO = Map.of(
            "local_id", List.of("student_id", "student_number"),
            "first_name", List.of("given_name"),
            "middle_name", List.of("middle"),
            "last_name", List.of("surname", "family_name"),
            "birth_date", List.of("date_of_birth", "dob", "birthday"),
            "email", List.of("email_address"),
            "phone", List.of("phone_number", "telephone"),
            "postal_code", List.of("zip", "zip_code", "postcode"));

    private final Map<String, Integer> index = new HashMap<>();
    private final int width;

    private RosterColumns(List<String> header) {
        this.width = header.size();
        for (int i = 0; i < header.size(); i++) {
            String key = normalize(header.get(i));
            for (String known : KNOWN) {
                if (normalize(known).equals(key)) {
                    index.putIfAbsent(known, i);
                }
            }
        }
        // then the other names, for the fields no column is named after
        for (int i = 0; i < header.size(); i++) {
            String key = normalize(header.get(i));
            for (Map.Entry<String, List<String>> field : ALSO.entrySet()) {
                if (field.getValue().stream().anyMatch(name -> normalize(name).equals(key))) {
                    index.putIfAbsent(field.getKey(), i);
                }
            }
        }
    }

    /** @throws IllegalArgumentException naming the required columns the header lacks */
    static RosterColumns of(List<String> header, boolean emailRequired) {
        RosterColumns columns = new RosterColumns(header);
        List<String> missing = new java.util.ArrayList<>(REQUIRED.stream().filter(c -> !columns.index.containsKey(c)).toList());
        if (emailRequired && !columns.index.containsKey("email")) {
            missing.add("email");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the header has no column " + String.join(", ", missing)
                    + " (expected local_id, first_name, middle_name, last_name, birth_date, email, phone, postal_code;"
                    + " also read: Student ID, Date of Birth, DOB, Email Address, ZIP and the like)");
        }
        return columns;
    }

    int width() {
        return width;
    }

    boolean has(String column) {
        return index.containsKey(column);
    }

    String get(List<String> fields, String column) {
        Integer i = index.get(column);
        if (i == null || i >= fields.size()) {
            return null;
        }
        // every Unicode space, the no-break space a copy and paste leaves included
        return UnicodeSpace.stripToNull(fields.get(i));
    }

    RosterStudent student(List<String> fields) {
        return new RosterStudent(0, get(fields, "local_id"), get(fields, "first_name"), get(fields, "middle_name"),
                get(fields, "last_name"), get(fields, "birth_date"), get(fields, "email"), get(fields, "phone"),
                get(fields, "postal_code"));
    }

    private static String normalize(String name) {
        return UnicodeSpace.strip(name).replace("\uFEFF", "").replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
    }
}
