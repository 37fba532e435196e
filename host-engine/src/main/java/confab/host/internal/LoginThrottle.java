package confab.host.internal;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/// Slows password guessing: after `limit` failed proofs within `window` for one account or
/// from one address, further attempts for it are refused until the oldest failure ages out.
///
/// An attempt counts against its account from the moment it starts ({@link #tryAttempt}) until
/// its proof verifies ({@link #forgive}), and the check and the count are one atomic step, so
/// guesses at one account started in parallel, one per connection, cannot all pass before the
/// first of them fails. It counts against its address only once its proof failed, so that
/// members behind one address (a shared router) can log in at the same moment.
public final class LoginThrottle {
    private final int limit;
    private final long windowMillis;
    private final InstantSource clock;
    private final Map<String, Deque<Long>> failures = new HashMap<>(); // guarded by this

    public LoginThrottle(int limit, Duration window, InstantSource clock) {
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /// `true` if any of the keys (an account, an address) is over its limit.
    public synchronized boolean blocked(String... keys) {
        long now = clock.millis();
        for (String key : keys) {
            Deque<Long> times = failures.get(key);
            if (times != null) {
                prune(times, now);
                if (times.size() >= limit) {
                    return true;
                }
            }
        }
        return false;
    }

    public synchronized void failed(String... keys) {
        long now = clock.millis();
        for (String key : keys) {
            Deque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            prune(times, now);
            times.addLast(now);
        }
    }

    /// Starts an attempt: `false` if the account or the address is over its limit, otherwise
    /// counts the attempt as a failure of the account (until {@link #forgive}n) and returns
    /// `true`.
    public synchronized boolean tryAttempt(String accountKey, String addressKey) {
        if (blocked(accountKey, addressKey)) {
            return false;
        }
        failed(accountKey);
        return true;
    }

    /// Takes back the failure counted when an attempt on `accountKey` started: it succeeded.
    public synchronized void forgive(String accountKey) {
        Deque<Long> times = failures.get(accountKey);
        if (times != null) {
            times.pollLast();
        }
    }

    /// Forgets keys whose failures all aged out (called by the host's maintenance).
    public synchronized void forgetOld() {
        long now = clock.millis();
        failures.values()
                .removeIf(
                        times -> {
                            prune(times, now);
                            return times.isEmpty();
                        });
    }

    private void prune(Deque<Long> times, long now) {
        while (!times.isEmpty() && now - times.peekFirst() >= windowMillis) {
            times.removeFirst();
        }
    }
}
