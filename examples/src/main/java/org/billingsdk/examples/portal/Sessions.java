package org.billingsdk.examples.portal;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The portal's signed-in sessions, kept in memory: each has a random id (the cookie's value, 256
 * bits), the demo user it belongs to, a CSRF token of its own that every change must send back in
 * a header, and an end after which it is gone. Thread-safe.
 */
final class Sessions {

    /** A signed-in user's session. */
    record Session(String id, DemoUser user, String csrfToken, Instant expiresAt) {

        /** {@return whether {@code token} is this session's CSRF token, compared in constant time} */
        boolean acceptsCsrf(String token) {
            return token != null && MessageDigest.isEqual(csrfToken.getBytes(StandardCharsets.UTF_8),
                    token.getBytes(StandardCharsets.UTF_8));
        }

        /** Leaves the id and the token out: they are secrets. */
        @Override
        public String toString() {
            return "Session[user=" + user.name() + ", expiresAt=" + expiresAt + "]";
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration lifetime;

    Sessions(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    Session open(DemoUser user) {
        Instant now = clock.instant();
        byId.values().removeIf(expired -> !now.isBefore(expired.expiresAt()));
        Session session = new Session(randomToken(), user, randomToken(), clock.instant().plus(lifetime));
        byId.put(session.id(), session);
        return session;
    }

    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session session = byId.get(id);
        if (session != null && !clock.instant().isBefore(session.expiresAt())) {
            byId.remove(id);
            return Optional.empty();
        }
        return Optional.ofNullable(session);
    }

    void close(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    Duration lifetime() {
        return lifetime;
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
