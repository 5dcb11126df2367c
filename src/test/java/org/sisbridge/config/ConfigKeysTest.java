package org.sisbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sisbridge.testsupport.AgentFixture;

/** config/application.properties stays the complete reference: every key there has a rule, every rule a key there. */
class ConfigKeysTest {

    private final AgentConfiguration shipped = new AgentConfiguration(AgentFixture.HOME, null, Map.of());

    @Test
    void everyDocumentedKeyHasARuleAndEveryRuleADocumentedKey() {
        Set<String> documented = shipped.referenceKeys().stream().filter(k -> k.startsWith("sisbridge."))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(new TreeSet<>(ConfigKeys.rules().keySet())).isEqualTo(documented);
    }

    @Test
    void theShippedDefaultsAreValid() {
        ConfigFindings findings = shipped.validate(Map.of());
        assertThat(findings.errors()).isEmpty();
        assertThat(findings.warnings()).isEmpty();
    }

    @Test
    void aMalformedTrustedProxyIsOneClearLine() {
        assertThat(new AgentConfiguration(AgentFixture.HOME, null, Map.of("sisbridge.watch.trusted-proxies",
                "127.0.0.1, 10.0.0.0/8, ::1, fd00::/8")).validate(Map.of()).errors()).isEmpty();
        assertThat(new AgentConfiguration(AgentFixture.HOME, null, Map.of("sisbridge.watch.trusted-proxies",
                "127.0.0.1, nginx.college.edu")).validate(Map.of()).errors()).containsExactly("sisbridge.watch.trusted-proxies"
                        + " has 'nginx.college.edu', which is not an IP address or CIDR range such as 127.0.0.1, 10.0.0.0/8, ::1"
                        + " or fd00::/8 (host names are not looked up)");
    }

    @Test
    void aNearKeyIsSuggestedAndAFarOneIsNot() {
        Set<String> known = ConfigKeys.rules().keySet();
        assertThat(ClosestKey.to("sisbridge.roster.batchsize", known)).contains("sisbridge.roster.batch-size");
        assertThat(ClosestKey.to("sisbridge.colour", known)).isEmpty();
    }
}
