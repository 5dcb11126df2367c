package org.sisbridge.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sisbridge.testsupport.AgentFixture;

/**
 * The service's own config/logback.xml, loaded the way the launcher loads it: the JSON format writes
 * one JSON object per line, the text format one line per event, and both mask e-mails and birth
 * dates in messages and stack traces. Its files land under target/test-logs/ with the suite's.
 */
class LogFormatTest {

    private static final String EMAIL = "jane.doe42@example.org";
    private static final String BIRTH_DATE = "1987-06-05";

    @Test
    void jsonFormatWritesOneMaskedJsonObjectPerLine() throws Exception {
        List<String> lines = logWithServiceConfig("json");

        ObjectMapper json = new ObjectMapper();
        assertThat(lines).hasSize(3);
        for (String line : lines) {
            JsonNode event = json.readTree(line);
            assertThat(event.isObject()).as(line).isTrue();
            assertThat(event.fieldNames()).toIterable().contains("@timestamp", "level", "thread_name", "logger_name", "message");
        }
        JsonNode first = json.readTree(lines.get(0));
        assertThat(first.get("level").asText()).isEqualTo("INFO");
        assertThat(first.get("message").asText())
                .isEqualTo("Student ***@*** born ****-**-** in report 111-DAILY-2024-01-03");
        assertThat(first.has("camel.routeId")).as("logged outside any route").isFalse();
        assertThat(json.readTree(lines.get(1)).get("camel.routeId").asText()).isEqualTo("idme-events");
        JsonNode failure = json.readTree(lines.get(2));
        assertThat(failure.get("stack_trace").asText()).contains("IllegalStateException", "***@***", "caused by")
                .doesNotContain(EMAIL, BIRTH_DATE);
        assertThat(String.join("\n", lines)).doesNotContain(EMAIL).doesNotContain(BIRTH_DATE);
    }

    @Test
    void textFormatIsMaskedToo() throws Exception {
        List<String> lines = logWithServiceConfig("text");

        assertThat(lines.get(0)).endsWith("Student ***@*** born ****-**-** in report 111-DAILY-2024-01-03");
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("IllegalStateException: row ***@***"));
        assertThat(lines.get(0)).doesNotContain("route=").contains("org.sisbridge.test - Student");
        assertThat(lines.get(1)).contains("org.sisbridge.test route=idme-events - a second line");
        assertThat(String.join("\n", lines)).doesNotContain(EMAIL).doesNotContain(BIRTH_DATE);
    }

    /** Logs three events through config/logback.xml in a context of its own, and returns its file's lines. */
    private static List<String> logWithServiceConfig(String format) throws Exception {
        Path dir = AgentFixture.HOME.resolve("target/test-logs/log-format-" + format + "-" + System.nanoTime());
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.putProperty("sisbridge.log.format", format);
        context.putProperty("sisbridge.log.dir", dir.toString());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(AgentFixture.HOME.resolve("config/logback.xml").toFile());
        context.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAppender("CONSOLE"); // the surefire console stays for test results

        Logger log = context.getLogger("org.sisbridge.test");
        log.info("Student {} born {} in report {}", EMAIL, BIRTH_DATE, "111-DAILY-2024-01-03");
        // a line logged inside a route: Camel's MDC (camel.main.use-mdc-logging) names it
        context.getMDCAdapter().put(JsonLogLayout.ROUTE_ID, "idme-events");
        log.warn("a second line");
        context.getMDCAdapter().remove(JsonLogLayout.ROUTE_ID);
        log.error("a failing row", new IllegalStateException("row " + EMAIL,
                new IllegalArgumentException("birth_date " + BIRTH_DATE + " caused by a typo")));
        context.stop();
        return Files.readAllLines(dir.resolve("sisbridge.log"), StandardCharsets.UTF_8);
    }
}
