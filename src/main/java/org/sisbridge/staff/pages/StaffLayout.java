package org.sisbridge.staff.pages;

import java.util.List;

/**
 * The frame every staff page shares: one self-contained HTML page (inline CSS, inline SVG, no script)
 * under a strict Content-Security-Policy, with the pages' menu and a logout button. Every value from
 * the database or the request is escaped with {@link #esc}.
 */
public final class StaffLayout {

    /** Nothing loads from anywhere; styles inline; forms post only back here; never framed. */
    public static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /** The pages, in menu order: path and title. */
    static final List<String[]> PAGES = List.of(
            new String[] {"/staff/changes", "Status changes"},
            new String[] {"/staff/expiring", "Expiring verifications"},
            new String[] {"/staff/roster", "Roster: waiting and rejected"},
            new String[] {"/staff/conflicts", "Reconciliation conflicts"});

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f6f8;color:#1d2733}
            header{background:#003a70;color:#fff;padding:12px 24px;display:flex;align-items:center;gap:24px;flex-wrap:wrap}
            header h1{margin:0;font-size:20px}nav a{color:#cfe0f3;margin-right:16px;text-decoration:none;font-size:14px}
            nav a.here{color:#fff;font-weight:600;border-bottom:2px solid #fff}.who{margin-left:auto;font-size:13px;color:#cfe0f3}
            .who form{display:inline}.who button{margin-left:8px}
            main{padding:8px 24px 24px}section{background:#fff;border:1px solid #d8dee6;border-radius:6px;margin:16px 0;padding:12px 16px}
            h2{font-size:17px;margin:4px 0 10px;color:#003a70}p.how{font-size:13px;color:#3d4b5c;max-width:70em}
            table{border-collapse:collapse;width:100%;font-size:13px}th{text-align:left;background:#e8eef5;padding:6px 8px}
            td{padding:5px 8px;border-top:1px solid #e6eaef;vertical-align:top;overflow-wrap:anywhere}td.t{white-space:nowrap}
            form.filter{display:flex;gap:12px;align-items:end;flex-wrap:wrap;font-size:13px}form.filter label{display:flex;flex-direction:column;gap:2px}
            input,select,button{font:inherit;padding:4px 8px}.ok{color:#1e7b34}.bad{color:#b3261e;font-weight:600}
            .muted{color:#6b7785}.warn{color:#8a5300}a.csv{font-size:13px}.charts{display:flex;gap:16px;flex-wrap:wrap}
            .login{max-width:340px;margin:64px auto;background:#fff;border:1px solid #d8dee6;border-radius:6px;padding:20px 24px}
            .login label{display:block;margin:10px 0 2px;font-size:14px}.login input{width:100%;box-sizing:border-box}
            .login button{margin-top:16px;width:100%}.login .bad{margin:8px 0 0}
            """;

    private StaffLayout() {
    }

    /** The page up to its content, with the menu (current page marked) and the user's logout button. */
    public static StringBuilder open(String title, String currentPath, String user) {
        StringBuilder h = new StringBuilder(32_768);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append(" - sisbridge staff</title><style>").append(STYLE).append("</style></head><body>\n<header><h1>")
                .append(esc(title)).append("</h1>");
        if (user != null) {
            h.append("<nav>");
            for (String[] page : PAGES) {
                h.append("<a href=\"").append(page[0]).append('"').append(page[0].equals(currentPath) ? " class=\"here\"" : "")
                        .append('>').append(esc(page[1])).append("</a>");
            }
            h.append("</nav><div class=\"who\">Logged in as <b id=\"staff-user\">").append(esc(user))
                    .append("</b><form method=\"post\" action=\"/staff/logout\"><button type=\"submit\" id=\"logout\">Log out</button>")
                    .append("</form></div>");
        }
        return h.append("</header>\n<main>\n");
    }

    public static String close(StringBuilder h) {
        return h.append("</main>\n</body></html>\n").toString();
    }

    /** HTML-escapes text for element content and double-quoted attributes. */
    public static String esc(Object value) {
        return org.sisbridge.watch.HtmlText.escape(value);
    }
}
