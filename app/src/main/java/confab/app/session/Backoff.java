package confab.app.session;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/// Reconnect delays: `min`, doubling with each attempt up to `max`, each one spread by ±25 %
/// (never above `max`) so that the members of a room that lost their host do not all come back
/// in the same millisecond.
final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private final DoubleSupplier random;

    Backoff(Duration min, Duration max) {
        this(min, max, () -> ThreadLocalRandom.current().nextDouble());
    }

    /// @param random values in [0, 1)
    Backoff(Duration min, Duration max, DoubleSupplier random) {
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
        if (minMillis < 1 || maxMillis < minMillis) {
            throw new IllegalArgumentException("need 0 < min <= max");
        }
    }

    /// The delay before attempt number `attempt` (1 for the first).
    Duration delay(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be positive");
        }
        long base = minMillis;
        for (int i = 1; i < attempt && base < maxMillis; i++) {
            base = Math.min(maxMillis, base * 2);
        }
        double spread = 0.75 + 0.5 * random.getAsDouble();
        return Duration.ofMillis(Math.max(1, Math.min(maxMillis, Math.round(base * spread))));
    }
}
