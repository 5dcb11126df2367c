package org.sisbridge.staff.login;

import org.sisbridge.staff.pages.StaffLayout;

/** The login form: user name and password, posted back to /staff/login; a message after a failed try. */
final class StaffLoginPage {

    static final String CONTENT_SECURITY_POLICY = StaffLayout.CONTENT_SECURITY_POLICY;

    private StaffLoginPage() {
    }

    static String render(String message) {
        StringBuilder h = StaffLayout.open("sisbridge staff pages", null, null);
        h.append("<form class=\"login\" method=\"post\" action=\"/staff/login\"><h2>Log in</h2>")
                .append("<label for=\"user\">User name</label><input id=\"user\" name=\"user\" autocomplete=\"username\" required autofocus>")
                .append("<label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\"")
                .append(" autocomplete=\"current-password\" required>");
        if (message != null) {
            h.append("<p class=\"bad\" id=\"login-message\">").append(StaffLayout.esc(message)).append("</p>");
        }
        h.append("<button type=\"submit\" id=\"login\">Log in</button></form>");
        return StaffLayout.close(h);
    }
}
