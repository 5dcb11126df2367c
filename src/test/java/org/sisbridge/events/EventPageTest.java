package org.sisbridge.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.AbstractList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.sisbridge.testsupport.PlainCamelContexts;

/**
 * Camel's simple language and bean cache hash an events page whenever the route reads one of its
 * properties; the page must answer without walking its thousand JSON trees (issue 17's recording).
 */
class EventPageTest {

    /** A page's events whose hash code or equality would walk the trees fail the test. */
    private static final List<JsonNode> UNHASHABLE = unhashable(i -> JsonNodeFactory.instance.objectNode().put("eventId", "e" + i));
    /** Accepted events whose hash code, equality or reading would walk them fail the test. */
    private static final List<IdmeEvent> UNHASHABLE_EVENTS = unhashable(i -> {
        throw new AssertionError("the page's events were read");
    });

    private static <T> List<T> unhashable(java.util.function.IntFunction<T> element) {
        return new AbstractList<>() {
            @Override
            public T get(int index) {
                return element.apply(index);
            }

            @Override
            public int size() {
                return 1000;
            }

            @Override
            public int hashCode() {
                throw new AssertionError("the page's events were hashed");
            }

            @Override
            public boolean equals(Object o) {
                throw new AssertionError("the page's events were compared");
            }
        };
    }

    @Test
    void aPageIsHashedAndComparedWithoutItsEvents() {
        EventPage page = new EventPage(UNHASHABLE, "next", true);

        assertThat(page.hashCode()).isEqualTo(System.identityHashCode(page));
        assertThat(page).isEqualTo(page).isNotEqualTo(new EventPage(UNHASHABLE, "next", true));
    }

    @Test
    void theRoutesReadTheCursorAndMoreOfAPageWithoutHashingItsEvents() throws Exception {
        try (CamelContext camel = PlainCamelContexts.asTheAgentRunsIt(new DefaultCamelContext())) {
            camel.start();
            Exchange exchange = new DefaultExchange(camel);
            exchange.getMessage().setBody(new EventPage(UNHASHABLE, "cursor-2", true));

            // what routes/idme-events.yaml reads of each page
            assertThat(camel.resolveLanguage("simple").createExpression("${body.nextCursor}").evaluate(exchange, String.class))
                    .isEqualTo("cursor-2");
            assertThat(camel.resolveLanguage("simple").createExpression("${body.hasMore}").evaluate(exchange, Boolean.class))
                    .isTrue();
        }
    }

    @Test
    void aPageKeepsOnlyItsHeaderOnceChecked() {
        EventPage.Header header = new EventPage(UNHASHABLE, "cursor-2", true).header();

        assertThat(header).isEqualTo(new EventPage.Header(1000, "cursor-2", true));
        assertThat(header.cursorAfter("cursor-1")).isEqualTo("cursor-2");
        assertThat(new EventPage(List.of(), null, false).header().cursorAfter("cursor-1")).isEqualTo("cursor-1");
    }

    /**
     * The checked page is what waits for the writer (two in flight): holding the page's JSON trees there
     * kept them alive through collections (issue 17: 0.4-0.6 s more of pauses in a 200,000-event run).
     */
    @Test
    void aCheckedPageHoldsNoJsonTreeAndIsHashedWithoutItsRows() {
        for (java.lang.reflect.RecordComponent component : EventPageWriter.CheckedPage.class.getRecordComponents()) {
            assertThat(component.getType()).as(component.getName()).isNotEqualTo(EventPage.class);
            assertThat(component.getGenericType().getTypeName()).as(component.getName()).doesNotContain("JsonNode");
        }
        EventPageWriter.CheckedPage checked = new EventPageWriter.CheckedPage(
                new EventPage.Header(0, "c", false), null, UNHASHABLE_EVENTS, null, List.of());
        assertThat(checked.hashCode()).isEqualTo(System.identityHashCode(checked));
        assertThat(checked).isEqualTo(checked).isNotEqualTo(new EventPageWriter.CheckedPage(
                new EventPage.Header(0, "c", false), null, UNHASHABLE_EVENTS, null, List.of()));
    }
}
