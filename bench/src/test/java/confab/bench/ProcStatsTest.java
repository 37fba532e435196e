package confab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/// Reading the interrupt counts that the generator reports per step.
class ProcStatsTest {
    private static final List<String> INTERRUPTS =
            List.of(
                    "            CPU0       CPU1       ",
                    "  36:          0    1596940  PCI-MSIX-0000:00:02.0 virtio1-input.0",
                    " LOC:   16356036   90127081   Local timer interrupts",
                    " IWI:     531229        328   IRQ work interrupts",
                    " RES:    8602976    1174146   Rescheduling interrupts",
                    " CAL:   22238716   23503033   Function call interrupts",
                    " ERR:          0",
                    " TLB:          0          0   TLB shootdowns");

    @Test
    void reads_each_kind_per_cpu_and_leaves_out_device_lines() {
        long[][] counts = ProcStats.interrupts(INTERRUPTS, 2);

        assertThat(ProcStats.INTERRUPTS).containsExactly("LOC", "RES", "CAL", "IWI");
        assertThat(counts[0]).containsExactly(16356036, 90127081);
        assertThat(counts[1]).containsExactly(8602976, 1174146);
        assertThat(counts[2]).containsExactly(22238716, 23503033);
        assertThat(counts[3]).containsExactly(531229, 328);
    }

    @Test
    void a_kind_missing_from_the_file_counts_zero() {
        long[][] counts = ProcStats.interrupts(List.of(" LOC:  5  7  Local timer interrupts"), 2);

        assertThat(counts[1]).containsExactly(0, 0);
        assertThat(counts[0]).containsExactly(5, 7);
    }

    @Test
    void a_running_process_has_context_switches_and_a_gone_one_has_none() {
        assumeThat(Path.of("/proc/self/task")).exists();
        assertThat(ProcStats.contextSwitches(ProcStats.self())).isPositive();
        assertThat(ProcStats.contextSwitches(Long.MAX_VALUE)).isEqualTo(-1);
    }
}
