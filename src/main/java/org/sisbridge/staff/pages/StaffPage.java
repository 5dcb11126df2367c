package org.sisbridge.staff.pages;

/** One staff page: its list (the HTML table and the CSV are the same rows) and the HTML around it. */
public interface StaffPage {

    /** e.g. "changes": the path is /staff/changes, the download changes.csv. */
    String name();

    String title();

    /** The period when staff do not choose one, and the longest they may choose. */
    int defaultDays();

    int maxDays();

    StaffTable table(StaffQuery query) throws Exception;

    /** The whole page: filters, charts, how it was computed, the table. */
    String html(StaffQuery query, StaffTable table) throws Exception;

    /** The filter form (GET, so a filtered page can be bookmarked) and the CSV link with the same filters. */
    static void filters(StringBuilder h, String name, StaffQuery q, boolean byStatus, boolean byCccId, String daysLabel) {
        h.append("<section><form class=\"filter\" method=\"get\" action=\"/staff/").append(name).append("\">");
        if (byStatus) {
            h.append("<label>Target status<select name=\"status\" id=\"status\"><option value=\"\">any</option>");
            for (String s : org.sisbridge.dictionary.IdmeStatus.VALUES.stream().sorted().toList()) {
                h.append("<option value=\"").append(s).append('"').append(s.equals(q.status()) ? " selected" : "").append('>')
                        .append(s).append("</option>");
            }
            h.append("</select></label>");
        }
        if (byCccId) {
            h.append("<label>CCCID contains<input name=\"cccid\" id=\"cccid\" value=\"").append(StaffLayout.esc(q.cccId()))
                    .append("\" size=\"12\" maxlength=\"16\" pattern=\"[A-Za-z0-9]*\"></label>");
        }
        if (daysLabel != null) {
            h.append("<label>").append(StaffLayout.esc(daysLabel)).append("<input name=\"days\" id=\"days\" type=\"number\" min=\"1\"")
                    .append(" value=\"").append(q.days()).append("\" size=\"5\"></label>");
        }
        h.append("<button type=\"submit\" id=\"apply\">Show</button></form>").append(csvLink(name, q)).append("</section>");
    }

    /** The filter form's hidden format=csv twin: the CSV link with the same filters. */
    static String csvLink(String name, StaffQuery q) {
        StringBuilder link = new StringBuilder("/staff/").append(name).append("?format=csv");
        if (q.status() != null) {
            link.append("&amp;status=").append(q.status());
        }
        if (q.cccId() != null) {
            link.append("&amp;cccid=").append(q.cccId());
        }
        link.append("&amp;days=").append(q.days());
        return "<p><a class=\"csv\" id=\"csv\" href=\"" + link + "\" download=\"" + name + ".csv\">Download as CSV</a></p>";
    }
}
