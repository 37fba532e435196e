package confab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/// CPU time and resident memory of a process, from `/proc` (Linux).
final class ProcStats {
    /// Clock ticks per second of `/proc/<pid>/stat` (USER_HZ, 100 on Linux).
    private static final double TICKS = 100.0;

    private ProcStats() {}

    /// User plus system CPU seconds used so far; -1 if the process is gone.
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields after "(comm)": state is [0], utime is field 14 overall -> [11], stime [12]
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /// Seconds the process's threads spent runnable but waiting for a CPU (scheduler run
    /// delay, summed over its threads from `/proc/<pid>/task/*/schedstat`): how much more CPU
    /// it wanted than it got, e.g. because other work shares the machine.
    static double runDelaySeconds(long pid) {
        long nanos = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String[] f = Files.readString(task.resolve("schedstat")).trim().split(" ");
                    nanos += Long.parseLong(f[1]);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return nanos / 1e9;
    }

    /// Resident set size in KiB; -1 if the process is gone.
    static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /// Bytes the process has caused to be written to storage (`write_bytes` of
    /// `/proc/<pid>/io`, counted as it dirties pages of files, so a page written again before
    /// it reaches the disk counts once); -1 if unreadable.
    static long writeBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/io"))) {
                if (line.startsWith("write_bytes:")) {
                    return Long.parseLong(line.substring("write_bytes:".length()).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /// The 1-minute load average.
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static long self() {
        return ProcessHandle.current().pid();
    }
}
