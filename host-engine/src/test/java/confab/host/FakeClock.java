package confab.host;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/// A clock that moves only when a test says so.
final class FakeClock implements InstantSource {
    private final AtomicReference<Instant> now =
            new AtomicReference<>(Instant.parse("2026-11-27T10:00:00Z"));

    @Override
    public Instant instant() {
        return now.get();
    }

    void advance(Duration duration) {
        now.updateAndGet(instant -> instant.plus(duration));
    }
}
