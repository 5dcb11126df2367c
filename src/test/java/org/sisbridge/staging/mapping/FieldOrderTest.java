package org.sisbridge.staging.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A row is built by name into field order; a forgotten or unknown field fails loudly, a null is a value. */
class FieldOrderTest {

    private final FieldOrder order = new FieldOrder(List.of("mis_code", "event_id", "email"));

    @Test
    void valuesComeInFieldOrderWhateverTheOrderTheyWereGiven() {
        assertThat(order.row().put("email", null).put("mis_code", "111").put("event_id", "e1").values())
                .containsExactly("111", "e1", null);
    }

    @Test
    void aFieldLeftOutIsAnErrorNamingIt() {
        assertThatThrownBy(() -> order.row().put("mis_code", "111").put("email", "x").values())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("event_id");
    }

    @Test
    void aFieldTheTableDoesNotHaveIsAnErrorNamingIt() {
        assertThatThrownBy(() -> order.row().put("emial", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("emial");
    }
}
