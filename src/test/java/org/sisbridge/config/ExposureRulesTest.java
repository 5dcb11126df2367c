package org.sisbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plain HTTP only to this machine unless allowed; a management endpoint beyond loopback only with a token. */
class ExposureRulesTest {

    private static List<String> errors(Map<String, String> values, Map<String, String> environment) {
        Map<String, String> all = new HashMap<>(Map.of("sisbridge.upstream.base-url", "https://upstream.example.edu",
                "sisbridge.upstream.allow-plain-http", "false", "sisbridge.watch.enabled", "true",
                "sisbridge.watch.host", "127.0.0.1", "sisbridge.watch.token-env", "SISBRIDGE_WATCH_TOKEN",
                "sisbridge.watch.token-file", ""));
        all.putAll(values);
        List<String> errors = new ArrayList<>();
        ExposureRules.check(k -> all.getOrDefault(k, ""), new org.sisbridge.staging.SecretSource(environment), errors);
        return errors;
    }

    @Test
    void plainHttpGoesOnlyToThisMachineUnlessAllowed() {
        assertThat(errors(Map.of(), Map.of())).isEmpty();
        for (String local : List.of("http://127.0.0.1:8089", "http://localhost:8089", "http://[::1]:8089")) {
            assertThat(errors(Map.of("sisbridge.upstream.base-url", local), Map.of())).as(local).isEmpty();
        }
        assertThat(errors(Map.of("sisbridge.upstream.base-url", "http://10.1.2.3"), Map.of())).singleElement().asString()
                .contains("http:// to 10.1.2.3, which is not this machine");
        assertThat(errors(Map.of("sisbridge.upstream.base-url", "http://upstream.example.edu",
                "sisbridge.upstream.allow-plain-http", "true"), Map.of())).isEmpty();
    }

    @Test
    void aManagementEndpointBeyondLoopbackNeedsAToken() {
        assertThat(errors(Map.of("sisbridge.watch.host", "0.0.0.0"), Map.of())).singleElement().asString()
                .contains("sisbridge.watch.host is 0.0.0.0, which other machines can reach, but no management token is set");
        assertThat(errors(Map.of("sisbridge.watch.host", "0.0.0.0"), Map.of("SISBRIDGE_WATCH_TOKEN", "t0ken"))).isEmpty();
        assertThat(errors(Map.of("sisbridge.watch.host", "0.0.0.0", "sisbridge.watch.enabled", "false"), Map.of())).isEmpty();
        // staff pages beyond loopback: a token is not enough, they need TLS
        assertThat(errors(Map.of("sisbridge.watch.host", "0.0.0.0", "sisbridge.watch.staff-pages-enabled", "true"),
                Map.of("SISBRIDGE_WATCH_TOKEN", "t0ken"))).singleElement().asString().contains("sisbridge.watch.tls.key-store is empty");
        assertThat(errors(Map.of("sisbridge.watch.host", "0.0.0.0", "sisbridge.watch.staff-pages-enabled", "true",
                "sisbridge.watch.tls.key-store", "/etc/sisbridge/watch.p12"), Map.of("SISBRIDGE_WATCH_TOKEN", "t0ken"))).isEmpty();
    }
}
