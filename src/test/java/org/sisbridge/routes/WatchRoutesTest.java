package org.sisbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.Test;

/**
 * routes/watch.yaml: which page each path serves, the HTTP server replaced by direct endpoints (the
 * server itself, its token and Host checks are tested end to end by the Watch*Test suites).
 */
class WatchRoutesTest extends YamlRouteTestSupport {

    @Override
    protected List<String> routeFiles() {
        return List.of("watch.yaml");
    }

    @Override
    protected void bindFlowBeans(Registry registry) {
        registry.bind("statusPage", new StubStatusPage());
    }

    @Test
    void theHomeAndStatusPathsServeTheHtmlPageAndStatusJsonTheJson() throws Exception {
        for (String route : List.of("watch-status-page", "watch-status-home", "watch-status-json", "watch-reconcile-conflicts")) {
            AdviceWith.adviceWith(context, route, a -> a.replaceFromWith("direct:" + route));
        }
        startWithUpstreamMock();

        assertThat(template.requestBody("direct:watch-status-page", null, String.class)).isEqualTo("<html>");
        assertThat(template.requestBody("direct:watch-status-home", null, String.class)).isEqualTo("<html>");
        assertThat(template.requestBody("direct:watch-status-json", null, String.class)).isEqualTo("{}");
        assertThat(template.requestBody("direct:watch-reconcile-conflicts", null, String.class)).isEqualTo("local_id\n");
    }

    /** The status page without a database. */
    public static final class StubStatusPage {
        public String html() {
            return "<html>";
        }

        public String json() {
            return "{}";
        }

        public void conflictsCsv(org.apache.camel.Exchange exchange) {
            exchange.getMessage().setBody("local_id\n");
        }
    }
}
