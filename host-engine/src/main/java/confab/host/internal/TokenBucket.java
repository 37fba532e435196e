package confab.host.internal;

import java.time.InstantSource;

/// Per-connection request rate limit: `rate` tokens a second, at most `burst` saved up. Used
/// by one thread at a time (the I/O loop or the connection's worker).
final class TokenBucket {
    private final double ratePerMilli;
    private final int burst;
    private final InstantSource clock;
    private double tokens;
    private long lastMillis;

    TokenBucket(double ratePerSecond, int burst, InstantSource clock) {
        this.ratePerMilli = ratePerSecond / 1000.0;
        this.burst = burst;
        this.clock = clock;
        this.tokens = burst;
        this.lastMillis = clock.millis();
    }

    /// Whether a token is there to take.
    boolean hasToken() {
        refill();
        return tokens >= 1;
    }

    /// Takes one token; `false` if there is none.
    boolean tryTake() {
        if (hasToken()) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    private void refill() {
        long now = clock.millis();
        if (now > lastMillis) {
            tokens = Math.min(burst, tokens + (now - lastMillis) * ratePerMilli);
            lastMillis = now;
        }
    }
}
