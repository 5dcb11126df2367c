package org.sisbridge.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.MultiMap;
import io.vertx.core.net.HostAndPort;
import org.junit.jupiter.api.Test;

/** The list of sisbridge.watch.trusted-proxies, and whom a request through one of them comes from. */
class TrustedProxiesTest {

    private static final HostAndPort OWN = HostAndPort.create("127.0.0.1", 8787);

    @Test
    void addressesAndRangesOfBothFamiliesWithSpaces() {
        TrustedProxies proxies = TrustedProxies.parse(" 127.0.0.1 ,10.0.0.0/8, 192.168.1.0/25,::1 , fd00::/8 ");
        assertThat(proxies.isEmpty()).isFalse();
        for (String yes : new String[] {"127.0.0.1", "10.0.0.1", "10.255.255.255", "192.168.1.127", "::1", "0:0:0:0:0:0:0:1",
            "fd12:3456::9", "::ffff:127.0.0.1"}) {
            assertThat(proxies.trusts(yes)).as(yes).isTrue();
        }
        for (String no : new String[] {"127.0.0.2", "11.0.0.1", "192.168.1.128", "::2", "fe80::1", "fc00::1", "", "localhost",
            "10.0.0.1.example.edu"}) {
            assertThat(proxies.trusts(no)).as(no).isFalse();
        }
        assertThat(TrustedProxies.parse("0.0.0.0/0").trusts("203.0.113.9")).as("/0: every IPv4 address").isTrue();
        assertThat(TrustedProxies.parse("0.0.0.0/0").trusts("2001:db8::1")).as("but no IPv6 one").isFalse();
        assertThat(TrustedProxies.parse("2001:db8::/32").trusts("2001:db8:ffff::1")).isTrue();
        assertThat(TrustedProxies.parse("2001:db8::/32").trusts("2001:db9::1")).isFalse();
    }

    @Test
    void emptyTrustsNoOne() {
        for (String empty : new String[] {"", "  ", " , ", null}) {
            assertThat(TrustedProxies.parse(empty).isEmpty()).as("'" + empty + "'").isTrue();
            assertThat(TrustedProxies.parse(empty).trusts("127.0.0.1")).isFalse();
        }
    }

    @Test
    void aMalformedEntryIsRefusedNamingIt() {
        for (String bad : new String[] {"nginx.college.edu", "10.0.0", "010.0.0.1", "256.1.1.1", "10.0.0.1/", "10.0.0.0/33",
            "::1/129", "10.0.0.0/-1", "10.0.0.0/8/8", "fe80::1%eth0", "*"}) {
            assertThatThrownBy(() -> TrustedProxies.parse("127.0.0.1, " + bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + bad + "'")
                    .hasMessageContaining("IP address or CIDR range such as 127.0.0.1, 10.0.0.0/8");
        }
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33")).hasMessage("has '10.0.0.0/33', whose prefix length"
                + " must be a number from 0 to 32 (an IP address or CIDR range such as 127.0.0.1, 10.0.0.0/8, ::1 or fd00::/8)");
        assertThatThrownBy(() -> TrustedProxies.parse("nginx.college.edu")).hasMessage("has 'nginx.college.edu', which is not"
                + " an IP address or CIDR range such as 127.0.0.1, 10.0.0.0/8, ::1 or fd00::/8 (host names are not looked up)");
    }

    @Test
    void theClientIsTheRightMostAddressThatIsNotATrustedProxy() {
        TrustedProxies proxies = TrustedProxies.parse("127.0.0.1, 10.0.0.0/8");
        // the browser at 203.0.113.9 claimed 198.51.100.1; the outer proxy 10.1.1.1 and the inner 10.2.2.2 each added a hop
        RequestClient c = proxies.client("127.0.0.1", false, OWN, headers("X-Forwarded-For", "198.51.100.1, 203.0.113.9,10.1.1.1",
                "X-Forwarded-For", "10.2.2.2"));
        assertThat(c.address()).isEqualTo("203.0.113.9");
        assertThat(c.proxy()).isEqualTo("127.0.0.1");
        assertThat(c.onThisMachine()).isFalse();
        assertThat(c.describe()).isEqualTo("203.0.113.9 (through proxy 127.0.0.1)");

        assertThat(proxies.client("127.0.0.1", false, OWN, headers("X-Forwarded-For", "10.1.1.1, 10.2.2.2")).address())
                .as("every hop a trusted proxy: the left-most is the client").isEqualTo("10.1.1.1");
        assertThat(proxies.client("127.0.0.1", false, OWN, headers("X-Forwarded-For", "10.0.0.66:52311")).address())
                .as("IIS ARR adds the client's port").isEqualTo("10.0.0.66");
        assertThat(proxies.client("127.0.0.1", false, OWN, headers("X-Forwarded-For", "2001:db8::7")).address())
                .isEqualTo("2001:db8:0:0:0:0:0:7");
        RequestClient local = proxies.client("127.0.0.1", false, OWN, headers("X-Forwarded-For", "127.0.0.1"));
        assertThat(local.onThisMachine()).as("a browser on the proxy's machine").isTrue();
    }

    @Test
    void aMissingOrMalformedChainFallsBackToThePeerWithoutCrashing() {
        TrustedProxies proxies = TrustedProxies.parse("127.0.0.1, 10.0.0.0/8");
        RequestClient none = proxies.client("127.0.0.1", false, OWN, headers());
        assertThat(none.address()).isEqualTo("127.0.0.1");
        assertThat(none.proxy()).isNull();
        assertThat(none.onThisMachine()).as("a request from the proxy's machine itself").isTrue();
        for (String bad : new String[] {"garbage", "unknown", "203.0.113.9, garbage", "garbage, 10.1.1.1", "_hidden", "1.2.3.4\r\nX: y",
            "999.1.1.1", ",,"}) {
            RequestClient c = proxies.client("127.0.0.1", false, OWN, headers("X-Forwarded-For", bad));
            assertThat(c.address()).as(bad).isEqualTo("127.0.0.1");
            if (!bad.equals(",,")) {
                assertThat(c.onThisMachine()).as(bad + ": forwarded from somewhere unknown, never taken for loopback").isFalse();
            }
        }
    }

    @Test
    void theForwardedHeaderServesWhenThereIsNoXForwardedFor() {
        TrustedProxies proxies = TrustedProxies.parse("127.0.0.1");
        RequestClient c = proxies.client("127.0.0.1", false, OWN, headers("Forwarded",
                "for=198.51.100.7, for=\"[2001:db8::17]:4711\";proto=https;host=sisbridge.college.edu"));
        assertThat(c.address()).isEqualTo("2001:db8:0:0:0:0:0:17");
        assertThat(c.tls()).isTrue();
        assertThat(c.authority().host()).isEqualTo("sisbridge.college.edu");
        assertThat(proxies.client("127.0.0.1", false, OWN, headers("Forwarded", "for=198.51.100.7",
                "X-Forwarded-For", "203.0.113.9")).address()).as("X-Forwarded-For first").isEqualTo("203.0.113.9");
    }

    @Test
    void protoAndHostCountFromATrustedPeerOnly() {
        TrustedProxies proxies = TrustedProxies.parse("127.0.0.1");
        MultiMap claims = headers("X-Forwarded-For", "10.0.0.66", "X-Forwarded-Proto", "https",
                "X-Forwarded-Host", "sisbridge.college.edu");
        RequestClient trusted = proxies.client("127.0.0.1", false, OWN, claims);
        assertThat(trusted.tls()).isTrue();
        assertThat(trusted.authority().host()).isEqualTo("sisbridge.college.edu");
        assertThat(trusted.authority().port()).isEqualTo(-1);

        RequestClient untrusted = proxies.client("127.0.0.2", false, OWN, claims);
        assertThat(untrusted.address()).isEqualTo("127.0.0.2");
        assertThat(untrusted.proxy()).isNull();
        assertThat(untrusted.tls()).isFalse();
        assertThat(untrusted.authority()).isEqualTo(OWN);

        RequestClient byDefault = TrustedProxies.NONE.client("127.0.0.1", false, OWN, claims);
        assertThat(byDefault.address()).isEqualTo("127.0.0.1");
        assertThat(byDefault.tls()).isFalse();
        assertThat(byDefault.authority()).isEqualTo(OWN);

        assertThat(proxies.client("127.0.0.1", false, OWN, headers("X-Forwarded-Proto", "http, https")).tls())
                .as("the nearest proxy's word, the last").isTrue();
        assertThat(proxies.client("127.0.0.1", false, OWN, headers("X-Forwarded-Proto", "https, http")).tls()).isFalse();
        assertThat(proxies.client("127.0.0.1", true, OWN, headers("X-Forwarded-Proto", "http")).tls())
                .as("this endpoint's own TLS stays TLS").isTrue();
    }

    private static MultiMap headers(String... namesAndValues) {
        MultiMap h = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            h.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return h;
    }
}
