package org.sisbridge.staff.pages;

import java.util.ArrayList;
import java.util.List;
import org.sisbridge.csv.SpreadsheetSafeCell;

/**
 * One staff list as columns and text cells, so that its HTML table and its CSV download are the same
 * rows in the same order. {@code more} says the list was cut at its cap (a key), which both say.
 */
public record StaffTable(List<String> keys, List<String> headings, List<List<String>> rows, boolean more) {

    /** Builds the rows of a list cut at {@code cap}: offer cap + 1 rows to learn whether there were more. */
    public static final class Builder {
        private final List<String> keys = new ArrayList<>();
        private final List<String> headings = new ArrayList<>();
        private final List<List<String>> rows = new ArrayList<>();
        private final int cap;
        private boolean more;

        public Builder(int cap) {
            this.cap = cap;
        }

        /** @param key the column's name in the CSV header and in the HTML's data-col */
        public Builder column(String key, String heading) {
            keys.add(key);
            headings.add(heading);
            return this;
        }

        /** @return false once the cap is reached (stop reading) */
        public boolean row(String... cells) {
            if (rows.size() >= cap) {
                more = true;
                return false;
            }
            rows.add(java.util.Arrays.asList(cells));
            return true;
        }

        public StaffTable build() {
            return new StaffTable(List.copyOf(keys), List.copyOf(headings), List.copyOf(rows), more);
        }
    }

    /** RFC 4180 with CRLF, every cell spreadsheet-safe (a value such as =HYPERLINK(...) never runs). */
    public String csv() {
        StringBuilder out = new StringBuilder(64 + rows.size() * 64);
        line(out, keys);
        rows.forEach(r -> line(out, r));
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            out.append(i == 0 ? "" : ",").append(SpreadsheetSafeCell.of(cells.get(i)));
        }
        out.append("\r\n");
    }

    /** The HTML table; each cell carries its column's key (data-col) for scripts and tests. */
    public void html(StringBuilder h, String id, String emptyText) {
        if (rows.isEmpty()) {
            h.append("<p class=\"muted\" id=\"").append(id).append("-empty\">").append(StaffLayout.esc(emptyText)).append("</p>");
            return;
        }
        h.append("<table id=\"").append(id).append("\"><tr>");
        headings.forEach(c -> h.append("<th>").append(StaffLayout.esc(c)).append("</th>"));
        h.append("</tr>");
        for (List<String> row : rows) {
            h.append("<tr class=\"row\">");
            for (int i = 0; i < row.size(); i++) {
                h.append("<td data-col=\"").append(keys.get(i)).append("\">").append(StaffLayout.esc(row.get(i))).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table>");
        h.append("<p class=\"muted\" id=\"").append(id).append("-count\" data-rows=\"").append(rows.size()).append("\">")
                .append(rows.size()).append(rows.size() == 1 ? " row" : " rows")
                .append(more ? ", the first only: narrow the filter, or download the CSV (it holds more)" : "").append("</p>");
    }
}
