package confab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    /// The interrupts the generator reports per step, from `/proc/interrupts`: the local timer
    /// (LOC), rescheduling (RES), function call (CAL) and IRQ work (IWI) interrupts. On a VM
    /// each one costs an exit to the hypervisor, which may count against the VM's CPU quota.
    static final List<String> INTERRUPTS = List.of("LOC", "RES", "CAL", "IWI");

    /// The counts of [#INTERRUPTS] so far, per CPU: `[kind][cpu]`; zeros if unreadable.
    static long[][] interrupts(int cpus) {
        try {
            return interrupts(Files.readAllLines(Path.of("/proc/interrupts")), cpus);
        } catch (IOException e) {
            return new long[INTERRUPTS.size()][cpus];
        }
    }

    /// [#interrupts(int)] from the lines of a `/proc/interrupts`.
    static long[][] interrupts(List<String> lines, int cpus) {
        long[][] counts = new long[INTERRUPTS.size()][cpus];
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            int kind = INTERRUPTS.indexOf(f[0].replace(":", ""));
            for (int cpu = 0; kind >= 0 && cpu < cpus && cpu + 1 < f.length; cpu++) {
                try {
                    counts[kind][cpu] = Long.parseLong(f[cpu + 1]);
                } catch (NumberFormatException e) {
                    break; // a line shorter than the CPUs: its description follows the counts
                }
            }
        }
        return counts;
    }

    /// Context switches of all the process's threads so far, voluntary (a thread blocked) plus
    /// involuntary (preempted); -1 if the process is gone.
    static long contextSwitches(long pid) {
        long total = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.contains("ctxt_switches:")) {
                            total += Long.parseLong(line.replaceAll("[^0-9]", ""));
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return total;
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
