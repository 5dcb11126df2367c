package org.sisbridge.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Proxy;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The non-proxy hosts go direct, for the JDK clients and (through the same selector) the flows' Apache client. */
class UpstreamProxyTest {

    private final UpstreamProxy proxy = new UpstreamProxy("proxy.college.edu", 3128, "agent", "secret",
            List.of("idp.college.edu", "*.internal.college.edu"));

    @Test
    void nonProxyHostsGoDirectAndEveryOtherHostThroughTheProxy() {
        assertThat(proxy.selector().select(URI.create("https://api.example.org/v1/health")).get(0).type())
                .isEqualTo(Proxy.Type.HTTP);
        assertThat(proxy.selector().select(URI.create("https://IDP.college.edu/token")).get(0)).isEqualTo(Proxy.NO_PROXY);
        assertThat(proxy.selector().select(URI.create("https://sso.internal.college.edu/token")).get(0))
                .isEqualTo(Proxy.NO_PROXY);
        assertThat(proxy.proxies("internal.college.edu.evil.org")).isTrue();
    }

    @Test
    void noProxyHostMeansDirectAndThePasswordIsNeverPrinted() {
        assertThat(UpstreamProxy.NONE.proxies("api.example.org")).isFalse();
        assertThat(proxy.toString()).contains("proxy.college.edu:3128").doesNotContain("secret");
    }

    @Test
    void theTokenUrlDefaultsToTheBaseUrlsAndMayBeElsewhere() {
        URI base = URI.create("https://api.example.org");
        assertThat(new UpstreamSettings(base, "id", "s", "scope", 60, 1, 1, 1, null).tokenUrl())
                .isEqualTo(URI.create("https://api.example.org/oauth2/token"));
        URI keycloak = URI.create("https://sso.college.edu/realms/sis/protocol/openid-connect/token");
        assertThat(new UpstreamSettings(base, "id", "s", "scope", 60, 1, 1, 1, keycloak).tokenUrl()).isEqualTo(keycloak);
    }
}
