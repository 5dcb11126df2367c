package org.sisbridge.routes;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.sisbridge.runtime.CallsInProgress;
import org.sisbridge.runtime.FailureSite;
import org.sisbridge.runtime.FlowActivity;
import org.sisbridge.staging.StagingSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.PlainCamelContexts;
import org.sisbridge.upstream.PollFailureRecorder;
import org.sisbridge.upstream.UpstreamCallGuard;
import org.sisbridge.upstream.UpstreamLimits;
import org.sisbridge.upstream.UpstreamResponseClassifier;
import org.sisbridge.upstream.UpstreamRetryLog;
import org.sisbridge.upstream.UpstreamSettings;
import org.sisbridge.upstream.UpstreamTokenProvider;

/**
 * Issue 14, section 2: the real YAML route files of {@code routes/} in a plain CamelContext
 * (camel-test-junit5), without an agent, a simulator or a database. The error policy runs with its real
 * beans (response classifier, failure site, poll-failure recorder, retry log, call guard); only the
 * token and the flows' database beans are stubs, and the upstream HTTP call is adviced to
 * {@code mock:upstream}, whose answers each test scripts. Seconds per class, beside the end-to-end suites.
 */
abstract class YamlRouteTestSupport extends CamelTestSupport {

    /** The upstream answers: each test says what the next calls get. */
    protected MockEndpoint upstream;
    protected final FlowActivity activity = new FlowActivity(Clock.systemUTC());
    protected final StubTokens tokens = new StubTokens();
    /** When each scripted answer was given (System.nanoTime). */
    protected final List<Long> answeredAt = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The route files under test, as named in routes/. */
    protected abstract List<String> routeFiles();

    /** The flow's own beans (stubs where the real ones need a database). */
    protected abstract void bindFlowBeans(Registry registry);

    @Override
    public boolean isUseAdviceWith() {
        return true; // the context starts once the HTTP call is adviced (startWithUpstreamMock)
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = new Properties();
        p.put("sisbridge.mis-codes", "111");
        p.put("sisbridge.upstream.base-url", "http://127.0.0.1:9");
        // the timers stay off: each test sends one poll itself
        p.put("sisbridge.events.enabled", "false");
        p.put("sisbridge.reports.enabled", "false");
        p.put("sisbridge.roster.enabled", "false");
        p.put("sisbridge.upstream.retry.max-redeliveries", "3");
        p.put("sisbridge.upstream.retry.initial-delay-ms", "10");
        p.put("sisbridge.upstream.retry.max-delay-ms", "50");
        return p;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = PlainCamelContexts.asTheAgentRunsIt(super.createCamelContext());
        // every other key as shipped, so the routes' placeholders resolve as in the agent
        context.getPropertiesComponent().setLocation("file:" + home().resolve("config/application.properties"));
        Registry registry = context.getRegistry();
        registry.bind("upstreamTokenProvider", tokens);
        registry.bind("upstreamResponseClassifier", new UpstreamResponseClassifier(tokens, 300));
        registry.bind("upstreamCallGuard", new UpstreamCallGuard(UpstreamLimits.DEFAULTS,
                new CallsInProgress(Clock.systemUTC()), Executors.newSingleThreadScheduledExecutor()));
        registry.bind("failureSite", new FailureSite());
        registry.bind("upstreamRetryLog", new UpstreamRetryLog());
        registry.bind("pollStoppedHandler", new org.sisbridge.upstream.PollStoppedHandler(context));
        registry.bind("flowActivity", activity);
        registry.bind("pollFailureRecorder", new PollFailureRecorder(activity, stagingSettings(), () -> null));
        bindFlowBeans(registry);
        List<Resource> resources = new ArrayList<>();
        for (String file : routeFiles()) {
            resources.add(ResourceHelper.resolveResource(context, "file:" + home().resolve("routes").resolve(file)));
        }
        PluginHelper.getRoutesLoader(context).loadRoutes(resources);
        return context;
    }

    /** Every upstream call of these routes answers through mock:upstream; then the context starts. */
    protected void startWithUpstreamMock(String... upstreamCallRoutes) throws Exception {
        for (String routeId : upstreamCallRoutes) {
            AdviceWith.adviceWith(context, routeId,
                    a -> a.interceptSendToEndpoint("http*").skipSendToOriginalEndpoint().to("mock:upstream"));
        }
        context.start();
        upstream = getMockEndpoint("mock:upstream");
    }

    /** One poll through the flow's real poll route, its timer replaced by a direct endpoint the test sends to. */
    protected void poll(String pollRouteId, String... upstreamCallRoutes) throws Exception {
        AdviceWith.adviceWith(context, pollRouteId, a -> a.replaceFromWith("direct:poll-now"));
        startWithUpstreamMock(upstreamCallRoutes);
        context.getRouteController().startRoute(pollRouteId);
        template.sendBody("direct:poll-now", null);
    }

    /** Milliseconds between the first and the second scripted answer. */
    protected long millisBetweenFirstTwoCalls() {
        return java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(answeredAt.get(1) - answeredAt.get(0));
    }

    /** The answer to the call-th upstream call (1 for the first; the others get {@link #answerEveryOtherCall}'s). */
    protected void answer(int call, int status, String body, String retryAfter) {
        getMockEndpoint("mock:upstream").whenExchangeReceived(call, e -> {
            answeredAt.add(System.nanoTime());
            e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
            if (retryAfter != null) {
                e.getMessage().setHeader("Retry-After", retryAfter);
            }
            e.getMessage().setBody(body);
        });
    }

    /** The answer to every call not scripted with {@link #answer}. */
    protected void answerEveryOtherCall(int status) {
        getMockEndpoint("mock:upstream").whenAnyExchangeReceived(e -> {
            e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
            e.getMessage().setBody("");
        });
    }

    protected static Path home() {
        return AgentFixture.HOME;
    }

    private static StagingSettings stagingSettings() {
        return new StagingSettings("jdbc:h2:mem:route-tests", "h2", "sa", "", 1, 1000, true, 100,
                "sisbridge_reject", "sisbridge_checkpoint", "sisbridge_flow_run");
    }

    /** The token bean: no token server; counts authorizations and the 401's invalidation. */
    static final class StubTokens extends UpstreamTokenProvider {
        final AtomicInteger authorized = new AtomicInteger();
        final AtomicInteger invalidated = new AtomicInteger();

        StubTokens() {
            super(new UpstreamSettings(URI.create("http://127.0.0.1:9"), "route-test", "secret", "scope", 60, 1000, 1000, 300, null),
                    HttpClient.newHttpClient(), Clock.systemUTC());
        }

        @Override
        public void authorize(Exchange exchange) {
            authorized.incrementAndGet();
            exchange.getMessage().setHeader("Authorization", "Bearer token-" + (invalidated.get() + 1));
        }

        @Override
        public void invalidate() {
            invalidated.incrementAndGet();
        }
    }
}
