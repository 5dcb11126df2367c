package org.sisbridge.staff.login;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sisbridge.watch.RequestClient;
import org.sisbridge.watch.TrustedProxies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door of the management endpoint. Under {@code /staff} it asks for a login even on loopback (the
 * staff pages show student identifiers): {@code GET /staff/login} is the form, {@code POST /staff/login}
 * checks the users file and sets the session cookie, {@code POST /staff/logout} ends the session, and every
 * other {@code /staff} request needs a live session or is sent to the form. The two forms are safe from
 * cross-site posting by the cookie's SameSite=Strict and by an Origin (or Referer) check: a POST whose
 * origin is not this endpoint is refused. Everything else ({@code /observe/*}, {@code status.json}, the IT
 * status page) goes to {@code others}: the machine token check, unchanged, or straight through. Who the client is,
 * and whether its browser spoke TLS and to which host, is the TCP connection's unless it came through a proxy of
 * sisbridge.watch.trusted-proxies ({@link TrustedProxies}).
 */
public final class StaffAccessCheck implements AuthenticationHandler {

    public static final String COOKIE = "sisbridge_staff";
    /**
     * Where the pages find the logged-in user: Camel's header of the routing context's user (set here from the session),
     * which Camel sets after it has copied the request's headers and query parameters, so neither can supply it. A
     * header of our own was once joined by a query parameter of its name: a link could put any text beside "Logged in as".
     */
    public static final String USER_HEADER = org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants.AUTHENTICATED_USER;
    static final String PREFIX = "/staff";
    static final String LOGIN = "/staff/login";
    static final String LOGOUT = "/staff/logout";
    static final String HOME = "/staff/changes";
    /** A login form is a few hundred bytes; a bigger body is not one. */
    private static final int MAX_FORM_BYTES = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(StaffAccessCheck.class);

    private final StaffUsers users;
    private final StaffSessions sessions;
    private final LoginThrottle throttle;
    private final AuthenticationHandler others;
    private final TrustedProxies proxies;

    /** @param others the check of every other path, or null to let them through */
    public StaffAccessCheck(StaffUsers users, StaffSessions sessions, LoginThrottle throttle, AuthenticationHandler others) {
        this(users, sessions, throttle, others, TrustedProxies.NONE);
    }

    /** @param proxies the reverse proxies whose X-Forwarded-* headers name the client (none: the connection does) */
    public StaffAccessCheck(StaffUsers users, StaffSessions sessions, LoginThrottle throttle, AuthenticationHandler others,
            TrustedProxies proxies) {
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
        this.others = others;
        this.proxies = proxies;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        // the path as the router matches it (dot segments removed, "//" joined, %73 decoded to "s"): the raw
        // request.path() of "/x/../staff/roster" or "/%73taff/roster" does not start with /staff, yet the router serves
        // /staff/roster for it, so a check on the raw path let those requests past the login
        String path = ctx.normalizedPath();
        if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
            if (others == null) {
                ctx.next();
            } else {
                others.handle(ctx);
            }
            return;
        }
        noCaching(ctx);
        RequestClient client = proxies.client(request);
        if (!client.onThisMachine() && !client.tls()) {
            // the start-up rule "beyond loopback the staff pages need TLS", per request: a proxy on this machine makes
            // the endpoint bound to loopback reachable from the network, and must then serve HTTPS and say so
            // (X-Forwarded-Proto), or passwords and session cookies would cross the network in the clear
            ctx.response().setStatusCode(403).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("403 Forbidden: from another computer the staff pages need HTTPS (a proxy in front of the agent"
                            + " must serve HTTPS and send X-Forwarded-Proto: https)\n");
            return;
        }
        if (path.equals(LOGIN)) {
            if (request.method() == HttpMethod.POST) {
                login(ctx, client);
            } else {
                loginPage(ctx, 200, null);
            }
            return;
        }
        Optional<StaffSessions.Session> session = sessions.touch(cookie(ctx));
        if (session.isPresent() && !users.stillHas(session.get().user(), session.get().hash())) {
            // removed ('users remove') or given a new password ('users add') since this login: the session ends here
            sessions.close(session.get().id());
            LOG.info("Staff session of user '{}' ended: the user was removed or has a new password", printable(session.get().user()));
            session = Optional.empty();
        }
        if (path.equals(LOGOUT) && request.method() == HttpMethod.POST) {
            if (!sameOrigin(request, client)) {
                forbidden(ctx);
                return;
            }
            sessions.close(cookie(ctx));
            ctx.response().addCookie(sessionCookie("", client).setMaxAge(0));
            redirect(ctx, LOGIN);
            return;
        }
        if (session.isEmpty()) {
            redirect(ctx, LOGIN);
            return;
        }
        if (path.equals(PREFIX) || path.equals(PREFIX + "/")) {
            redirect(ctx, HOME);
            return;
        }
        ctx.setUser(io.vertx.ext.auth.User.fromName(session.get().user()));
        ctx.next();
    }

    private void login(RoutingContext ctx, RequestClient client) {
        HttpServerRequest request = ctx.request();
        if (!sameOrigin(request, client)) {
            forbidden(ctx);
            return;
        }
        String contentLength = request.getHeader("Content-Length");
        if (contentLength != null && contentLength.matches("\\d{1,9}") && Long.parseLong(contentLength) > MAX_FORM_BYTES) {
            loginPage(ctx, 413, "That is not a login form.");
            return;
        }
        // the connection's address, or behind a trusted proxy the client's: each computer has counts of its own
        String address = client.address();
        String from = client.describe();
        boundedBody(ctx, body -> {
            Map<String, List<String>> form = new QueryStringDecoder(body.toString(), false).parameters();
            String name = first(form, "user").trim();
            char[] password = first(form, "password").toCharArray();
            LoginThrottle.Wait wait = throttle.attempt(name, address);
            if (!wait.isZero()) {
                LOG.warn("Staff login refused for user '{}' from {}: {}, locked for {} s more",
                        printable(name), from, wait.whose().says(), seconds(wait.time()));
                loginPage(ctx, 429, refusal(wait));
                return;
            }
            // bcrypt takes a good fraction of a second by design: off the event loop
            ctx.vertx().<Optional<String>>executeBlocking(() -> verify(name, password), false).onComplete(checked -> {
                if (checked.succeeded() && checked.result().isPresent()) {
                    throttle.succeeded(name, address);
                    ctx.response().addCookie(sessionCookie(sessions.open(name, checked.result().get()), client));
                    LOG.info("Staff user '{}' logged in from {}", printable(name), from);
                    redirect(ctx, HOME);
                } else {
                    // already counted as a failure by attempt(): nothing more to record
                    LOG.warn("Staff login failed for user '{}' from {}: {}", printable(name), from,
                            checked.succeeded() ? "wrong name or password" : checked.cause().getMessage());
                    loginPage(ctx, 401, checked.succeeded() ? "Wrong name or password."
                            : "Logins are not possible now: the users file cannot be read (see the agent's log).");
                }
            });
        });
    }

    /**
     * Reads the form, at most MAX_FORM_BYTES, then hands it on. request.body() would have kept a body without a
     * Content-Length (chunked) whole in memory before its size could be looked at: an unauthenticated client sending one
     * endless login body filled the heap (190 MB in a test, and no answer). Past the limit this answers 413 at once,
     * keeps nothing more and closes the connection.
     */
    private static void boundedBody(RoutingContext ctx, java.util.function.Consumer<io.vertx.core.buffer.Buffer> then) {
        HttpServerRequest request = ctx.request();
        io.vertx.core.buffer.Buffer body = io.vertx.core.buffer.Buffer.buffer();
        request.handler(chunk -> {
            if (ctx.response().ended()) {
                return; // answered already: the rest is dropped as it comes
            }
            if (body.length() + chunk.length() > MAX_FORM_BYTES) {
                ctx.response().putHeader("Connection", "close").endHandler(v -> request.connection().close());
                loginPage(ctx, 413, "That is not a login form.");
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(e -> {
            if (!ctx.response().ended()) {
                loginPage(ctx, 400, "That is not a login form.");
            }
        });
        request.endHandler(v -> {
            if (!ctx.response().ended()) {
                then.accept(body);
            }
        });
        request.resume(); // the router pauses a request until a handler reads it
    }

    /** The user's hash when the password is theirs. */
    private Optional<String> verify(String name, char[] password) {
        try {
            return name.isEmpty() ? Optional.empty() : users.check(name, password);
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    /**
     * Whether the POST comes from a page of this endpoint: its Origin (or, without one, its Referer) names
     * the host and port the request was sent to. A browser always sends one of them on a form POST. Behind a trusted
     * proxy that is the host and scheme the browser used with the proxy (X-Forwarded-Host, X-Forwarded-Proto).
     */
    static boolean sameOrigin(HttpServerRequest request, RequestClient client) {
        // the authority, not the Host header: an HTTP/2 request carries it as :authority
        io.vertx.core.net.HostAndPort authority = client.authority();
        String origin = request.getHeader("Origin");
        if (origin == null || origin.equals("null")) {
            origin = request.getHeader("Referer");
        }
        if (authority == null || origin == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            String scheme = client.tls() ? "https" : "http";
            int defaultPort = client.tls() ? 443 : 80;
            return scheme.equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null
                    && uri.getHost().equalsIgnoreCase(authority.host())
                    && (uri.getPort() < 0 ? defaultPort : uri.getPort()) == (authority.port() < 0 ? defaultPort : authority.port());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String cookie(RoutingContext ctx) {
        Cookie c = ctx.request().getCookie(COOKIE);
        return c == null ? null : c.getValue();
    }

    /** HttpOnly, SameSite=Strict, Secure on TLS (a trusted proxy's too), only for /staff, and gone when the browser closes. */
    private static Cookie sessionCookie(String value, RequestClient client) {
        return Cookie.cookie(COOKIE, value).setPath(PREFIX).setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                .setSecure(client.tls());
    }

    private static void noCaching(RoutingContext ctx) {
        ctx.response().putHeader("Cache-Control", "no-store").putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY").putHeader("Referrer-Policy", "same-origin");
    }

    private static void redirect(RoutingContext ctx, String to) {
        ctx.response().setStatusCode(303).putHeader("Location", to).end();
    }

    private static void forbidden(RoutingContext ctx) {
        ctx.response().setStatusCode(403).putHeader("Content-Type", "text/plain; charset=utf-8")
                .end("403 Forbidden: this form may be sent only from a page of this endpoint\n");
    }

    private static void loginPage(RoutingContext ctx, int status, String message) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Content-Security-Policy", StaffLoginPage.CONTENT_SECURITY_POLICY)
                .end(StaffLoginPage.render(message));
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    /** What the login page says to a refused login: whose failures, how long, and what still works. */
    static String refusal(LoginThrottle.Wait wait) {
        String after = " Try again in " + seconds(wait.time()) + " seconds";
        return switch (wait.whose()) {
            case NAME_FROM_ADDRESS -> "Too many failed logins for this user name from this computer." + after + ".";
            case ADDRESS -> "Too many failed logins from this computer." + after + ".";
            case NAME -> "Too many failed logins for this user name from other computers." + after
                    + ", or from a computer you have logged in from before.";
        };
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    /** A typed name as it may appear in a log line: no control characters, at most 64 characters. */
    static String printable(String name) {
        String clean = name.replaceAll("[\\p{Cntrl}]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "..." : clean;
    }
}
