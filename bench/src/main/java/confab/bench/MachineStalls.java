package confab.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/// Stalls of the machine itself, which no server caused: one thread pinned to each CPU sleeps
/// 20 ms at a time, and a wake-up that comes [#STALL_NANOS] or more after the one before is a
/// stall of that CPU. On the benchmark VM the hypervisor takes the vCPUs away for about 100 ms
/// at a time while both are busy, and the guest sees no steal time (docs/BENCHMARKS.md, item
/// 23): such a step has the stall in its p99, whichever server ran it. A GC pause of the
/// generator itself shows here too, which is as much a flaw of the step.
final class MachineStalls implements AutoCloseable {
    private static final org.slf4j.Logger LOG =
            org.slf4j.LoggerFactory.getLogger(MachineStalls.class);

    /// A gap between two wake-ups: just under the hypervisor's 100 ms, which no gap around it can
    /// be shorter than. An ordinary watcher on the servers' core was delayed by the guest for
    /// 61-147 ms under the Confab host's threads at 1-1.4M deliveries/s (never under ngIRCd's
    /// one thread), in steps whose latency shows no pause: counted as stalls, they made Confab's
    /// steps look more stall-prone than they are (item 24). Hence also [#realtime()].
    static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(95);

    /// 50 wake-ups a second see every stall; at 500 the p99s at N=100, 100k/s rose more (item 23).
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private static final int SCHED_FIFO = 1;

    // guarded by this: a reset between a watcher's count and its longest would leave a longest
    // without a stall
    private final int[] stalls;
    private long longestNanos;
    private final AtomicInteger pinned = new AtomicInteger();
    private final AtomicInteger realtime = new AtomicInteger();
    private final int cpus;
    private volatile boolean closed;

    /// A watch without watchers: [#start()] adds them; tests feed [#observe(int, long)] directly.
    MachineStalls(int cpus) {
        this.cpus = cpus;
        this.stalls = new int[cpus];
    }

    /// What the watchers saw since the last [#reset()]: stalls in all, the longest, and the
    /// stalls of each CPU's watcher (whether one server's process or the other CPU draws them).
    record Figures(int stalls, double longestMs, List<Integer> perCpu) {}

    /// Starts a watcher on each of the machine's CPUs (not only those this process may use:
    /// the servers run on another).
    static MachineStalls start() {
        MachineStalls watch = new MachineStalls(cpuCount());
        for (int cpu = 0; cpu < watch.cpus; cpu++) {
            int target = cpu;
            Thread.ofPlatform()
                    .daemon()
                    .name("stall-watch-" + cpu)
                    .start(() -> watch.watch(target));
        }
        return watch;
    }

    /// Counts a gap between two wake-ups of the watcher on `cpu`.
    void observe(int cpu, long gapNanos) {
        if (gapNanos >= STALL_NANOS) {
            synchronized (this) {
                stalls[cpu]++;
                longestNanos = Math.max(longestNanos, gapNanos);
            }
        }
    }

    synchronized void reset() {
        Arrays.fill(stalls, 0);
        longestNanos = 0;
    }

    synchronized Figures figures() {
        return new Figures(
                Arrays.stream(stalls).sum(),
                longestNanos / 1e6,
                Arrays.stream(stalls).boxed().toList());
    }

    int cpus() {
        return cpus;
    }

    /// How many watchers run on the CPU they were meant for (the others run wherever the
    /// process may, and see less).
    int pinnedWatchers() {
        return pinned.get();
    }

    /// How many watchers run as real-time threads (see [#realtime()]); the others can be delayed
    /// by the guest's scheduler, and a delay of 95 ms or more counts as a stall.
    int realtimeWatchers() {
        return realtime.get();
    }

    @Override
    public void close() {
        closed = true;
    }

    private void watch(int cpu) {
        if (pinTo(cpu)) {
            pinned.incrementAndGet();
        }
        if (realtime()) {
            realtime.incrementAndGet();
        }
        long before = System.nanoTime();
        while (!closed) {
            LockSupport.parkNanos(TICK_NANOS);
            long now = System.nanoTime();
            observe(cpu, now - before);
            before = now;
        }
    }

    /// CPUs of the machine, from the `cpuN` lines of `/proc/stat` (Linux).
    static int cpuCount() {
        try {
            int cpus =
                    (int)
                            Files.readAllLines(Path.of("/proc/stat")).stream()
                                    .filter(line -> line.matches("cpu[0-9]+ .*"))
                                    .count();
            if (cpus > 0) {
                return cpus;
            }
        } catch (java.io.IOException e) {
            LOG.debug("no /proc/stat: {}", e.toString());
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /// Makes the calling thread a real-time thread (`SCHED_FIFO`, the lowest priority), which
    /// wakes ahead of every ordinary thread: without it the guest's scheduler delayed the
    /// watcher on the servers' core by 147 ms under the Confab host's threads, in a step
    /// whose deliveries show no pause (item 24). False without the privilege (root or
    /// CAP_SYS_NICE). It runs for microseconds 50 times a second.
    private static boolean realtime() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment priority = arena.allocateFrom(ValueLayout.JAVA_INT, 1);
            int rc =
                    (int)
                            libc("sched_setscheduler", ValueLayout.JAVA_INT)
                                    .invokeExact(0, SCHED_FIFO, priority);
            return rc == 0;
        } catch (Throwable e) {
            LOG.warn("stall watcher not made real-time: {}", e.toString());
            return false;
        }
    }

    /// Binds the calling thread to one CPU with `sched_setaffinity(0, ...)` (Linux); false if
    /// that is not possible here.
    private static boolean pinTo(int cpu) {
        try (Arena arena = Arena.ofConfined()) {
            long words = cpu / 64 + 1;
            MemorySegment mask = arena.allocate(ValueLayout.JAVA_LONG, words);
            mask.setAtIndex(ValueLayout.JAVA_LONG, cpu / 64, 1L << (cpu % 64));
            int rc =
                    (int)
                            libc("sched_setaffinity", ValueLayout.JAVA_LONG)
                                    .invokeExact(0, words * Long.BYTES, mask);
            return rc == 0;
        } catch (Throwable e) {
            LOG.warn("stall watcher not pinned to CPU {}: {}", cpu, e.toString());
            return false;
        }
    }

    /// The C library's `int name(int, second, void *)`, for the calling thread (its first
    /// argument 0).
    private static MethodHandle libc(String name, ValueLayout second) {
        Linker linker = Linker.nativeLinker();
        return linker.downcallHandle(
                linker.defaultLookup().find(name).orElseThrow(),
                FunctionDescriptor.of(
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, second, ValueLayout.ADDRESS));
    }
}
