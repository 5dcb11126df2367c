package org.sisbridge.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sisbridge.simulator.TestServerCertificate;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabases;
import org.sisbridge.upstream.UpstreamTrust;

/**
 * The management endpoint served over TLS from a PKCS12 key store (sisbridge.watch.tls.*), as a site sets
 * it up: a client trusting that certificate gets the staff login form and the liveness probe over https,
 * a login there sets a session cookie marked Secure, and plain http on the same port is not answered.
 */
class StaffPagesTlsTest {

    @TempDir
    Path work;

    @Test
    void theStaffPagesAndHealthAreServedOverTlsWithASecureCookie() throws Exception {
        TestServerCertificate certificate = TestServerCertificate.write(work);
        Path keyStorePassword = Files.writeString(work.resolve("key-store.password"), TestServerCertificate.KEY_STORE_PASSWORD + "\n");
        try (StaffSite site = StaffSite.start(TestDatabases.create(DatabaseKind.H2, "staff-tls"),
                "sisbridge.watch.tls.key-store", certificate.keyStore().toString(),
                "sisbridge.watch.tls.key-store-password-env", "",
                "sisbridge.watch.tls.key-store-password-file", keyStorePassword.toString())) {
            String base = site.baseUrl();
            assertThat(base).startsWith("https://127.0.0.1:");
            SSLContext trust = UpstreamTrust.sslContext(UpstreamTrust.parameters(certificate.trustStore().trustStore().toString(),
                    "PKCS12", Files.readString(certificate.trustStore().passwordFile()).trim()), site.agent.camelContext());
            HttpClient https = HttpClient.newBuilder().sslContext(trust).connectTimeout(Duration.ofSeconds(30)).build(); // the handshake counts: a loaded machine

            HttpResponse<String> form = https.send(HttpRequest.newBuilder(URI.create(base + "/staff/login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(form.statusCode()).isEqualTo(200);
            assertThat(form.body()).contains("<form class=\"login\" method=\"post\" action=\"/staff/login\">");
            HttpResponse<String> live = https.send(HttpRequest.newBuilder(URI.create(base + "/observe/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(live.body()).contains("UP");

            HttpResponse<String> login = site.logIn(https);
            assertThat(login.statusCode()).isEqualTo(303);
            assertThat(login.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c)
                    .startsWith("sisbridge_staff=").contains("; Secure").containsIgnoringCase("HttpOnly").contains("SameSite=Strict"));

            // a client that does not trust the certificate, and plain http, get nothing
            HttpRequest plain = HttpRequest.newBuilder(URI.create(base.replace("https://", "http://") + "/staff/login"))
                    .timeout(Duration.ofSeconds(10)).build();
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(plain, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(java.io.IOException.class);
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/staff/login")).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
        }
    }
}
