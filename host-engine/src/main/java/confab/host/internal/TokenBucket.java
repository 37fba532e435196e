package confab.host.internal;

import java.time.InstantSource;

/// Per-connection request rate limit: `rate` tokens a second, at most `burst` saved up. Used
/// only by that connection's reader thread.
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

    /// Takes one token; `false` if there is none.
    boolean tryTake() {
        long now = clock.millis();
        if (now > lastMillis) {
            tokens = Math.min(burst, tokens + (now - lastMillis) * ratePerMilli);
            lastMillis = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
