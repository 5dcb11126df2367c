package org.sisbridge.staff.pages;

import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.camel.Message;
import org.sisbridge.dictionary.IdmeStatus;
import org.sisbridge.staff.login.StaffAccessCheck;

/**
 * What staff asked for in the query string, checked: a status is one of the dictionary's, a CCCID
 * search is letters and digits only, days lie between 1 and the page's maximum. Anything else is
 * ignored (the page's default), never passed on.
 */
public record StaffQuery(String user, boolean csv, String status, String cccId, int days) {

    private static final Pattern CCCID_SEARCH = Pattern.compile("[A-Za-z0-9]{1,16}");

    public static StaffQuery of(Message in, int defaultDays, int maxDays) {
        String status = text(in, "status").toLowerCase(Locale.ROOT);
        String cccId = text(in, "cccid").toUpperCase(Locale.ROOT);
        int days = defaultDays;
        String asked = text(in, "days");
        if (asked.matches("\\d{1,5}")) {
            days = Math.max(1, Math.min(maxDays, Integer.parseInt(asked)));
        }
        io.vertx.ext.auth.User user = in.getHeader(StaffAccessCheck.USER_HEADER, io.vertx.ext.auth.User.class);
        return new StaffQuery(user == null ? null : user.principal().getString("username"), "csv".equalsIgnoreCase(text(in, "format")),
                IdmeStatus.isKnown(status) ? status : null, CCCID_SEARCH.matcher(cccId).matches() ? cccId : null, days);
    }

    /** Whether a CCCID passes the search (a part of it, any case). */
    public boolean matchesCccId(String value) {
        return cccId == null || (value != null && value.toUpperCase(Locale.ROOT).contains(cccId));
    }

    private static String text(Message in, String name) {
        String value = in.getHeader(name, String.class);
        return value == null ? "" : value.trim();
    }
}
