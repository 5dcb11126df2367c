package org.sisbridge.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.Test;
import org.sisbridge.testsupport.EndlessHeadersServer;

/**
 * The HTTP client's exchanges, ended by their call's watch while they wait for headers that trickle
 * (a byte every 50 ms: no per-read timeout trips), and only while that call watches them.
 */
class HttpExchangesInFlightTest {

    private final HttpExchangesInFlight inFlight = new HttpExchangesInFlight();

    private CloseableHttpClient client() {
        return HttpClients.custom().addExecInterceptorFirst("sisbridge-call-deadline", inFlight).disableAutomaticRetries().build();
    }

    @Test
    void anExchangeWaitingForHeadersEndsWhenItsWatchAborts() throws Exception {
        try (EndlessHeadersServer trickle = EndlessHeadersServer.trickling(50); CloseableHttpClient http = client()) {
            CompletableFuture<Throwable> failure = CompletableFuture.supplyAsync(() -> {
                HttpExchangesInFlight.Watch watch = inFlight.watch(Thread.currentThread());
                CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(() -> watch.abort("GET events: the answer's headers were not complete"));
                try {
                    http.execute(new HttpGet(trickle.baseUrl() + "/events"), response -> response.getCode());
                    return null;
                } catch (Exception e) {
                    return e;
                } finally {
                    watch.end();
                }
            });

            Throwable thrown = failure.get(10, TimeUnit.SECONDS);
            assertThat(thrown).isInstanceOf(UpstreamAnswerRefusedException.class)
                    .hasMessage("GET events: the answer's headers were not complete");
            assertThat(((UpstreamAnswerRefusedException) thrown).tooLarge()).isFalse();
            await().atMost(Duration.ofSeconds(5)).until(() -> trickle.closedByClient() == 1);
        }
    }

    @Test
    void aWatchAbortedBeforeTheExchangeStartsFailsItUnsent() throws Exception {
        try (EndlessHeadersServer trickle = EndlessHeadersServer.trickling(50); CloseableHttpClient http = client()) {
            HttpExchangesInFlight.Watch watch = inFlight.watch(Thread.currentThread());
            watch.abort("the call's deadline passed before its request");
            try {
                assertThatThrownBy(() -> http.execute(new HttpGet(trickle.baseUrl() + "/events"), response -> response.getCode()))
                        .isInstanceOf(UpstreamAnswerRefusedException.class).hasMessageContaining("before its request");
            } finally {
                watch.end();
            }
            assertThat(trickle.requests()).isZero();
        }
    }

    @Test
    void anEndedWatchNoLongerTouchesTheThreadsExchanges() throws Exception {
        try (EndlessHeadersServer trickle = EndlessHeadersServer.trickling(50); CloseableHttpClient http = client()) {
            HttpExchangesInFlight.Watch watch = inFlight.watch(Thread.currentThread());
            watch.end();
            watch.abort("too late: the headers were in");

            // the exchange is not this watch's: it goes on (the trickle) until something else ends it, here a cancel
            HttpGet get = new HttpGet(trickle.baseUrl() + "/events");
            CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(get::cancel);
            assertThatThrownBy(() -> http.execute(get, response -> response.getCode()))
                    .isNotInstanceOf(UpstreamAnswerRefusedException.class);
        }
    }
}
