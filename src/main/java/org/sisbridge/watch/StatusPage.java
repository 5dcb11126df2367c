package org.sisbridge.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.sisbridge.status.StatusSnapshot;
import org.sisbridge.status.StatusJson;

/**
 * What routes/watch.yaml answers on /status (HTML) and /status.json: a fresh snapshot per request.
 * The response carries only its own headers (never the request's, such as Authorization), is not
 * cached, and may load nothing from elsewhere (Content-Security-Policy).
 */
public class StatusPage {

    private final StatusWithMemory reader;
    private final StatusPageHtml html;
    private final ObjectMapper json = StatusJson.mapper();

    public StatusPage(StatusWithMemory reader, StatusPageHtml html) {
        this.reader = reader;
        this.html = html;
    }

    public void html(Exchange exchange) {
        answer(exchange, "text/html; charset=utf-8", html.render(reader.read()));
    }

    public void json(Exchange exchange) throws JsonProcessingException {
        StatusSnapshot snapshot = reader.read();
        answer(exchange, "application/json", json.writerWithDefaultPrettyPrinter().writeValueAsString(snapshot));
    }

    private static void answer(Exchange exchange, String contentType, String body) {
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        message.setHeader("Cache-Control", "no-store");
        message.setHeader("X-Content-Type-Options", "nosniff");
        message.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        message.setBody(body);
    }
}
