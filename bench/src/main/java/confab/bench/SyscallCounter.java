package confab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/// Counts a server's system calls and context switches during one step with `perf stat`
/// (Linux tracepoints), to explain where its CPU time goes: writes per delivery above all.
final class SyscallCounter {
    private static final List<String> EVENTS =
            List.of(
                    "syscalls:sys_enter_write",
                    "syscalls:sys_enter_writev",
                    "syscalls:sys_enter_read",
                    "syscalls:sys_enter_epoll_wait",
                    "syscalls:sys_enter_futex",
                    "context-switches");

    private final Process process;
    private final Path output;

    private SyscallCounter(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /// `perf stat` attached to `pid`, or null if perf is missing.
    static SyscallCounter start(long pid) {
        try {
            Path output = Files.createTempFile("confab-bench-perf", ".txt");
            Process process =
                    new ProcessBuilder(
                                    "perf",
                                    "stat",
                                    "-x",
                                    ",",
                                    "-o",
                                    output.toString(),
                                    "-e",
                                    String.join(",", EVENTS),
                                    "-p",
                                    Long.toString(pid))
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start();
            Thread.sleep(100);
            return new SyscallCounter(process, output);
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    /// Stops counting; ` writes_per_dlv=... ...` for the step line, or "" if nothing counted.
    String stopAndFormat(long deliveries) {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            process.waitFor(10, TimeUnit.SECONDS);
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String line : Files.readAllLines(output)) {
                String[] f = line.split(",");
                if (f.length > 2 && !f[0].isBlank() && Character.isDigit(f[0].charAt(0))) {
                    counts.put(f[2], Long.parseLong(f[0]));
                }
            }
            Files.deleteIfExists(output);
            long writes =
                    counts.getOrDefault("syscalls:sys_enter_write", 0L)
                            + counts.getOrDefault("syscalls:sys_enter_writev", 0L);
            double d = Math.max(1, deliveries);
            return String.format(
                    Locale.ROOT,
                    " writes_per_dlv=%.3f reads_per_dlv=%.3f epoll_per_dlv=%.3f futex_per_dlv=%.3f"
                            + " cswitch_per_dlv=%.3f",
                    writes / d,
                    counts.getOrDefault("syscalls:sys_enter_read", 0L) / d,
                    counts.getOrDefault("syscalls:sys_enter_epoll_wait", 0L) / d,
                    counts.getOrDefault("syscalls:sys_enter_futex", 0L) / d,
                    counts.getOrDefault("context-switches", 0L) / d);
        } catch (IOException | InterruptedException | RuntimeException e) {
            return " syscalls=unavailable";
        } finally {
            process.destroy();
        }
    }
}
