package confab.host.internal;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/// Slows password guessing: after `limit` failed proofs within `window` for one account or
/// from one address, further attempts for it are refused until the oldest failure ages out.
public final class LoginThrottle {
    private final int limit;
    private final long windowMillis;
    private final InstantSource clock;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int limit, Duration window, InstantSource clock) {
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /// `true` if any of the keys (an account, an address) is over its limit.
    public boolean blocked(String... keys) {
        long now = clock.millis();
        for (String key : keys) {
            Deque<Long> times = failures.get(key);
            if (times != null) {
                synchronized (times) {
                    prune(times, now);
                    if (times.size() >= limit) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    public void failed(String... keys) {
        long now = clock.millis();
        for (String key : keys) {
            Deque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (times) {
                prune(times, now);
                times.addLast(now);
            }
        }
    }

    /// Forgets keys whose failures all aged out (called by the host's maintenance).
    public void forgetOld() {
        long now = clock.millis();
        failures.values()
                .removeIf(
                        times -> {
                            synchronized (times) {
                                prune(times, now);
                                return times.isEmpty();
                            }
                        });
    }

    private void prune(Deque<Long> times, long now) {
        while (!times.isEmpty() && now - times.peekFirst() >= windowMillis) {
            times.removeFirst();
        }
    }
}
