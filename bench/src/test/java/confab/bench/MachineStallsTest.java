package confab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/// The generator's watch for stalls of the machine: which gaps count, and that a watcher runs
/// on every CPU.
class MachineStallsTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final MachineStalls watch = new MachineStalls(2);

    @Test
    void a_gap_of_95_ms_or_more_is_a_stall_of_its_cpu_and_a_scheduler_delay_is_not() {
        watch.observe(0, 2 * MS);
        watch.observe(0, 86 * MS);
        watch.observe(1, MachineStalls.STALL_NANOS - 1);
        watch.observe(1, 101 * MS);
        watch.observe(0, MachineStalls.STALL_NANOS);
        watch.observe(1, 100 * MS);

        assertThat(watch.figures()).isEqualTo(new MachineStalls.Figures(3, 101.0, List.of(1, 2)));
    }

    @Test
    void reset_starts_the_next_step_from_nothing() {
        watch.observe(1, 150 * MS);
        watch.reset();
        watch.observe(1, 3 * MS);

        assertThat(watch.figures()).isEqualTo(new MachineStalls.Figures(0, 0.0, List.of(0, 0)));
    }

    @Test
    void a_watcher_runs_pinned_on_each_cpu_of_the_machine() throws Exception {
        assumeThat(Path.of("/proc/stat")).exists();
        long cpus =
                Files.readAllLines(Path.of("/proc/stat")).stream()
                        .filter(line -> line.matches("cpu[0-9]+ .*"))
                        .count();
        try (MachineStalls started = MachineStalls.start()) {
            assertThat(started.cpus()).isEqualTo(cpus);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(
                            () -> assertThat(started.pinnedWatchers()).isEqualTo((int) cpus));
        }
    }
}
