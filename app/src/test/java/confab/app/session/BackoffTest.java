package confab.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Duration MIN = Duration.ofMillis(500);
    private static final Duration MAX = Duration.ofSeconds(30);

    @Test
    void withoutJitterDelaysDoubleFromMinUpToMax() {
        Backoff backoff = new Backoff(MIN, MAX, () -> 0.5); // 0.5 is the middle: no spread

        assertThat(IntStream.rangeClosed(1, 9).mapToObj(backoff::delay).map(Duration::toMillis))
                .containsExactly(500L, 1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L, 30000L);
    }

    @Test
    void jitterSpreadsADelayByAQuarterEitherWay() {
        assertThat(new Backoff(MIN, MAX, () -> 0.0).delay(3)).isEqualTo(Duration.ofMillis(1500));
        assertThat(new Backoff(MIN, MAX, () -> 0.999999).delay(3).toMillis()).isEqualTo(2500L);
    }

    @Test
    void jitterNeverGoesAboveMax() {
        assertThat(new Backoff(MIN, MAX, () -> 0.999999).delay(20)).isEqualTo(MAX);
    }

    @Test
    void aVeryLateAttemptStillGetsMax() {
        assertThat(new Backoff(MIN, MAX, () -> 0.5).delay(Integer.MAX_VALUE)).isEqualTo(MAX);
    }
}
