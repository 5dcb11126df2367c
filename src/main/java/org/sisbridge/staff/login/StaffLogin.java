package org.sisbridge.staff.login;

import io.vertx.ext.web.handler.AuthenticationHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.sisbridge.runtime.AgentProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The staff login's parts from the sisbridge.watch.* keys: users file, sessions, throttle. */
public record StaffLogin(StaffUsers users, StaffSessions sessions, LoginThrottle throttle) {

    private static final Logger LOG = LoggerFactory.getLogger(StaffLogin.class);

    public static StaffLogin fromConfig(AgentProperties config, Clock clock) {
        StaffUsers users = new StaffUsers(Path.of(config.text("sisbridge.watch.users-file").trim()),
                config.integer("sisbridge.watch.users-bcrypt-cost"));
        try {
            if (users.names().isEmpty()) {
                // a note, not a warning: a college that does not use the staff pages yet has nothing to fix
                LOG.info("Staff pages are on but no staff user is in {}: add one with './sisbridge users add NAME'", users.file());
            }
        } catch (StaffUsersFileException e) {
            LOG.warn("Staff logins will fail until this is fixed: {}", e.getMessage());
        }
        return new StaffLogin(users,
                new StaffSessions(Duration.ofMinutes(config.integer("sisbridge.watch.session-timeout-minutes")),
                        Duration.ofHours(config.integer("sisbridge.watch.session-max-hours")),
                        config.integer("sisbridge.watch.max-sessions"), clock),
                new LoginThrottle(config.integer("sisbridge.watch.login-free-failures"),
                        config.integer("sisbridge.watch.login-address-free-failures"),
                        config.integer("sisbridge.watch.login-user-free-failures"),
                        Duration.ofSeconds(config.integer("sisbridge.watch.login-lockout-base-seconds")),
                        Duration.ofSeconds(config.integer("sisbridge.watch.login-lockout-max-seconds")),
                        config.integer("sisbridge.watch.login-throttle-max-keys"), clock));
    }

    /** @param others the check of every path outside /staff (the machine token), or null */
    public StaffAccessCheck check(AuthenticationHandler others) {
        return check(others, org.sisbridge.watch.TrustedProxies.NONE);
    }

    /** @param proxies the reverse proxies whose X-Forwarded-* headers name the client */
    public StaffAccessCheck check(AuthenticationHandler others, org.sisbridge.watch.TrustedProxies proxies) {
        return new StaffAccessCheck(users, sessions, throttle, others, proxies);
    }
}
