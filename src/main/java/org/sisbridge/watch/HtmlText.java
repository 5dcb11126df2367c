package org.sisbridge.watch;

/** HTML escaping of the management pages, for the staff pages too: one rule for every page of the endpoint. */
public final class HtmlText {

    private HtmlText() {
    }

    /** Text for element content and double-quoted attributes; empty for null. */
    public static String escape(Object value) {
        return StatusPageHtml.esc(value);
    }
}
