package confab.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/// The side-by-side load generator: one process that opens N connections to each server under
/// test (Confab and ngIRCd, already running), then, for each offered rate, runs one paced step
/// on each server in turn (alternating which goes first), and ends with a flat-out burst per
/// server. See docs/BENCHMARKS.md for the method; `bench/compare.sh` runs it.
///
/// Every loop is bounded in count and time, and a watchdog ends the process after
/// `--max-seconds` whatever happens.
public final class LoadGenerator {
    private static final org.slf4j.Logger LOG =
            org.slf4j.LoggerFactory.getLogger(LoadGenerator.class);

    private static final double KNEE_P99_MS = 50;

    /// How often a paced step the machine stalled in is run again (see [MachineStalls]).
    private static final int STALL_RERUNS = 2;

    private final Map<String, String> opts;

    /// Where the result lines go (standard output: the scripts read them there); diagnostics go
    /// to the log.
    private final PrintStream out;
    private final List<Peer> peers = new ArrayList<>();
    private final List<Result> results = new ArrayList<>();
    private final String jcmd;
    private boolean warming;
    private Readers readers;
    private boolean stallStep;
    private boolean mayRerun;
    private final boolean rerunStalled;
    private final MachineStalls machineStalls;

    record Result(
            String peer,
            int n,
            String kind,
            long target,
            double dps,
            double p50,
            double p99,
            double p999,
            double max,
            long lost,
            long dup,
            long mismatched,
            long evicted,
            double hostCpu,
            double genCpu,
            double genWait) {
        boolean passes() {
            return lost == 0
                    && dup == 0
                    && mismatched == 0
                    && p99 < KNEE_P99_MS
                    && dps >= 0.9 * target;
        }
    }

    private LoadGenerator(Map<String, String> opts, PrintStream out) {
        this.opts = opts;
        this.out = out;
        // on unless --stall-watch no: as a real-time thread its watcher on the servers' core costs
        // no p99 that 24 pairs at N=100, 100k/s could tell (an ordinary one cost 1.4-2.2 ms,
        // BENCHMARKS items 23-24); "count" watches without running a stalled step again: for
        // how often each server's steps stall, which reruns would skew (they follow a stall)
        String watch = opts.getOrDefault("stall-watch", "yes");
        this.rerunStalled = watch.equals("yes");
        this.machineStalls =
                rerunStalled || watch.equals("count")
                        ? MachineStalls.start()
                        : new MachineStalls(0);
        this.jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        List<String> peerSpecs = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            String key = args[i].substring(2);
            if (key.equals("peer")) {
                peerSpecs.add(args[i + 1]);
            } else {
                opts.put(key, args[i + 1]);
            }
        }
        long maxSeconds = Long.parseLong(opts.getOrDefault("max-seconds", "600"));
        Thread watchdog =
                new Thread(
                        () -> {
                            try {
                                Thread.sleep(TimeUnit.SECONDS.toMillis(maxSeconds));
                            } catch (InterruptedException e) {
                                return;
                            }
                            LOG.error("watchdog: stopped after {} s", maxSeconds);
                            Runtime.getRuntime().halt(3);
                        },
                        "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        LoadGenerator generator = new LoadGenerator(opts, System.out);
        generator.run(peerSpecs);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    private void run(List<String> peerSpecs) throws Exception {
        boolean openAll = opts.getOrDefault("check", "compare").equals("open");
        for (String spec : peerSpecs) {
            // kind:name:port:pid
            String[] f = spec.split(":");
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", Integer.parseInt(f[2]));
            long pid = Long.parseLong(f[3]);
            Peer peer =
                    switch (f[0]) {
                        case "confab" -> new ConfabPeer(f[1], address, pid, openAll);
                        case "irc" ->
                                new IrcPeer(
                                        f[1],
                                        address,
                                        pid,
                                        Integer.parseInt(
                                                opts.getOrDefault("irc-join-limit", "2147483647")));
                        default -> throw new IllegalArgumentException("unknown kind " + f[0]);
                    };
            gc(peer);
            peer.baselineRssKiB = ProcStats.rssKiB(pid);
            peer.baselineHeapKiB = heapUsedKiB(peer);
            peers.add(peer);
        }
        out.printf(
                Locale.ROOT,
                machineStalls.cpus() == 0
                        ? "stall-watch off (--stall-watch no)%n"
                        : "stall-watch cpus=%d pinned=%d realtime=%d stall_ms=%d%n",
                machineStalls.cpus(),
                machineStalls.pinnedWatchers(),
                machineStalls.realtimeWatchers(),
                TimeUnit.NANOSECONDS.toMillis(MachineStalls.STALL_NANOS));
        int senders = Integer.parseInt(opts.getOrDefault("senders", "10"));
        double seconds = Double.parseDouble(opts.getOrDefault("seconds", "2"));
        int parallel = Integer.parseInt(opts.getOrDefault("parallel", "8"));
        long burstDeliveries = Long.parseLong(opts.getOrDefault("burst-deliveries", "0"));
        long holdSeconds = Long.parseLong(opts.getOrDefault("hold-seconds", "0"));
        try (Readers readers = new Readers(Integer.parseInt(opts.getOrDefault("readers", "1")))) {
            this.readers = readers;
            for (String nText : opts.getOrDefault("n", "100").split(",")) {
                int n = Integer.parseInt(nText);
                for (Peer peer : peers) {
                    grow(peer, n, Math.min(senders, n), readers, parallel);
                }
                List<Long> rates = rates(n);
                double warmup = Double.parseDouble(opts.getOrDefault("warmup-seconds", "3"));
                if (warmup > 0 && !rates.isEmpty()) {
                    // JIT compilation, not the server, would dominate the first seconds. The
                    // first rate alone is too few posts for C2 to compile a post's path (the
                    // first measured steps then ran with the compiler on the core), so the
                    // warm-up also runs the middle rate of the sweep. The burst goes first: when
                    // it went last, C2 was compiling again (a third of a second of the server's
                    // core) in the first measured step.
                    warming = true;
                    List<Long> warmupRates =
                            rates.size() > 2
                                    ? List.of(rates.get(0), rates.get(rates.size() / 2))
                                    : List.of(rates.get(0));
                    for (Peer peer : peers) {
                        if (burstDeliveries > 0) {
                            results.remove(
                                    burst(peer, n, Math.min(senders, n), burstDeliveries / 4));
                        }
                        for (long rate : warmupRates) {
                            results.remove(paced(peer, n, Math.min(senders, n), rate, warmup));
                        }
                    }
                    warming = false;
                }
                Map<String, Integer> failures = new TreeMap<>();
                for (int r = 0; r < rates.size(); r++) {
                    List<Peer> order = new ArrayList<>(peers);
                    if (r % 2 == 1) {
                        java.util.Collections.reverse(order);
                    }
                    for (Peer peer : order) {
                        if (failures.getOrDefault(peer.name, 0) >= 2) {
                            continue;
                        }
                        Result result =
                                pacedUnstalled(
                                        peer, n, Math.min(senders, n), rates.get(r), seconds);
                        failures.merge(
                                peer.name,
                                result.passes() ? -failures.getOrDefault(peer.name, 0) : 1,
                                Integer::sum);
                    }
                }
                // one burst is at the mercy of whatever else the machine did in those seconds:
                // repeat them, alternating which server goes first, and report the median
                int burstRepeats = Integer.parseInt(opts.getOrDefault("burst-repeats", "1"));
                for (int r = 0; burstDeliveries > 0 && r < burstRepeats; r++) {
                    List<Peer> order = new ArrayList<>(peers);
                    if (r % 2 == 1) {
                        java.util.Collections.reverse(order);
                    }
                    for (Peer peer : order) {
                        burst(peer, n, Math.min(senders, n), burstDeliveries);
                    }
                }
                long stallRate =
                        Long.parseLong(
                                opts.getOrDefault(
                                        "stall-rate-" + n, opts.getOrDefault("stall-rate", "0")));
                double stallSeconds = Double.parseDouble(opts.getOrDefault("stall-seconds", "8"));
                if (stallRate > 0) {
                    for (Peer peer : peers) {
                        stall(peer, n, Math.min(senders, n), stallRate, stallSeconds);
                    }
                }
                if (holdSeconds > 0) {
                    hold(n, holdSeconds);
                }
            }
            summary();
        }
    }

    private List<Long> rates(int n) {
        String spec = opts.get("rates-" + n);
        if (spec == null) {
            spec = opts.getOrDefault("rates", "");
        }
        List<Long> rates = new ArrayList<>();
        for (String r : spec.split(",")) {
            if (!r.isBlank()) {
                rates.add(Long.parseLong(r.trim()));
            }
        }
        return rates;
    }

    private void grow(Peer peer, int n, int senders, Readers readers, int parallel)
            throws Exception {
        int before = peer.conns.size();
        long t0 = System.nanoTime();
        double cpu0 = ProcStats.cpuSeconds(peer.pid);
        peer.grow(n, senders, readers, parallel);
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpu = ProcStats.cpuSeconds(peer.pid) - cpu0;
        // let join notices drain before memory is read
        Thread.sleep(1000);
        gc(peer);
        long rss = ProcStats.rssKiB(peer.pid);
        double perConn = (rss - peer.baselineRssKiB) * 1024.0 / n;
        long heap = heapUsedKiB(peer);
        if (heap >= 0) {
            out.printf(
                    Locale.ROOT,
                    "heap peer=%s N=%d heap_used_kib=%d heap_base_kib=%d heap_bytes_per_conn=%.0f"
                            + " heap_marginal_bytes_per_conn=%.0f%n",
                    peer.name,
                    n,
                    heap,
                    peer.baselineHeapKiB,
                    (heap - peer.baselineHeapKiB) * 1024.0 / n,
                    before == 0 ? Double.NaN : (heap - peer.lastHeapKiB) * 1024.0 / (n - before));
        }
        out.printf(
                Locale.ROOT,
                "memory peer=%s N=%d rss_kib=%d marginal_bytes_per_conn=%.0f (from N=%d)%n",
                peer.name,
                n,
                rss,
                before == 0 ? Double.NaN : (rss - peer.lastRssKiB) * 1024.0 / (n - before),
                before);
        peer.lastRssKiB = rss;
        peer.lastHeapKiB = heap;
        out.printf(
                Locale.ROOT,
                "setup peer=%s N=%d added=%d seconds=%.1f host_cpu_s=%.1f rss_base_kib=%d"
                        + " rss_kib=%d bytes_per_conn=%.0f closed=%d load=%.2f%n",
                peer.name,
                n,
                n - before,
                secs,
                cpu,
                peer.baselineRssKiB,
                rss,
                perConn,
                peer.closed.sum(),
                ProcStats.loadAverage());
    }

    /// Keeps the connections open for a while and reports the servers' memory again.
    private void hold(int n, long seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            Thread.sleep(
                    Math.min(1000, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()) + 1));
        }
        for (Peer peer : peers) {
            gc(peer);
            long rss = ProcStats.rssKiB(peer.pid);
            out.printf(
                    Locale.ROOT,
                    "hold peer=%s N=%d seconds=%d rss_kib=%d bytes_per_conn=%.0f open=%d%n",
                    peer.name,
                    n,
                    seconds,
                    rss,
                    (rss - peer.baselineRssKiB) * 1024.0 / n,
                    n - peer.closed.sum());
        }
    }

    /// Runs the JVM's garbage collector in a Java peer so that RSS figures are comparable.
    private void gc(Peer peer) {
        if (!(peer instanceof ConfabPeer) || peer.pid <= 0) {
            return;
        }
        try {
            // several full GCs: the serial collector shrinks the heap step by step
            for (int i = 0; i < 4; i++) {
                Process p =
                        new ProcessBuilder(jcmd, Long.toString(peer.pid), "GC.run")
                                .redirectErrorStream(true)
                                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                                .start();
                p.waitFor(30, TimeUnit.SECONDS);
            }
            Thread.sleep(200);
        } catch (IOException | InterruptedException e) {
            LOG.warn("jcmd GC.run failed: " + e);
        }
    }

    /// Heap in use after a full GC (`jcmd GC.heap_info`), KiB; -1 if not a Java peer.
    private long heapUsedKiB(Peer peer) {
        if (!(peer instanceof ConfabPeer) || peer.pid <= 0) {
            return -1;
        }
        try {
            Process p =
                    new ProcessBuilder(jcmd, Long.toString(peer.pid), "GC.heap_info")
                            .redirectErrorStream(true)
                            .start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(30, TimeUnit.SECONDS);
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("used (\\d+)K").matcher(out);
            long used = 0;
            boolean found = false;
            while (m.find()) {
                // the first "used" of each generation or of the whole heap
                used += Long.parseLong(m.group(1));
                found = true;
                if (out.contains("garbage-first")) {
                    break;
                }
            }
            return found ? used : -1;
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    private Result paced(Peer peer, int n, int senders, long targetDps, double seconds)
            throws Exception {
        double messagesPerSecond = (double) targetDps / (n - 1);
        int count = (int) Math.max(1, Math.round(messagesPerSecond * seconds / senders));
        double perSender = messagesPerSecond / senders;
        long interval = (long) (1e9 / perSender);
        Step st = peer.newStep(senders, count);
        return timed(peer, n, st, "paced", targetDps, interval);
    }

    /// A paced step, run again (at most [#STALL_RERUNS] times) while the machine stalled during
    /// it: a stall of the VM puts about 100 ms into the p99 of whichever server's step it fell
    /// in, and no server caused it. The watch decides, not the step's latency; the stalled step
    /// stays in the output as `kind=stalled-paced`, and the last try counts whatever it saw.
    private Result pacedUnstalled(Peer peer, int n, int senders, long targetDps, double seconds)
            throws Exception {
        Result result = null;
        for (int tries = 0; result == null || result.kind().startsWith("stalled-"); tries++) {
            if (result != null) {
                results.remove(result);
            }
            mayRerun = rerunStalled && tries < STALL_RERUNS;
            result = paced(peer, n, senders, targetDps, seconds);
        }
        mayRerun = false;
        return result;
    }

    /// A paced step during which one receiver stops reading: the server should drop it and the
    /// others should not notice. Its own deliveries are not counted as lost.
    private void stall(Peer peer, int n, int senders, long targetDps, double seconds)
            throws Exception {
        Conn victim = peer.conns.get(peer.conns.size() - 1);
        victim.stalled = true;
        victim.key.interestOps(0);
        victim.key.selector().wakeup();
        stallStep = true;
        paced(peer, n, senders, targetDps, seconds);
        stallStep = false;
        // read it again: what the server still sent, then the close if it dropped it
        victim.key.interestOps(java.nio.channels.SelectionKey.OP_READ);
        victim.key.selector().wakeup();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        while (!victim.closedByPeer && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        out.printf(
                Locale.ROOT,
                "stall peer=%s N=%d dropped=%s%n",
                peer.name,
                n,
                victim.closedByPeer ? "yes" : "no");
        peer.conns.remove(victim);
        victim.channel.close();
    }

    private Result burst(Peer peer, int n, int senders, long deliveries) throws Exception {
        int count = (int) Math.max(1, deliveries / (n - 1) / senders);
        Step st = peer.newStep(senders, count);
        return timed(peer, n, st, "burst", 0, 0);
    }

    /// Sends the step's messages (paced every `interval` ns per sender, or flat out when 0),
    /// waits for the deliveries and reports.
    private Result timed(Peer peer, int n, Step st, String kind, long target, long interval)
            throws Exception {
        // Collect before the clock starts: the step's prepared messages (tens of MB at 1M/s)
        // would otherwise be copied by each young collection until promoted, a pause of 25 to
        // 200 ms (-Xlog:gc) in the middle of a timed step, whichever server's step it fell in.
        System.gc();
        machineStalls.reset();
        long closed0 = peer.closed.sum();
        SyscallCounter syscalls =
                opts.getOrDefault("syscalls", "no").equals("yes")
                        ? SyscallCounter.start(peer.pid)
                        : null;
        double hostCpu0 = ProcStats.cpuSeconds(peer.pid);
        double genCpu0 = ProcStats.cpuSeconds(ProcStats.self());
        double hostWait0 = ProcStats.runDelaySeconds(peer.pid);
        double genWait0 = ProcStats.runDelaySeconds(ProcStats.self());
        long hostDisk0 = ProcStats.writeBytes(peer.pid);
        long hostSwitches0 = ProcStats.contextSwitches(peer.pid);
        long[][] irq0 = ProcStats.interrupts(MachineStalls.cpuCount());
        long t0 = System.nanoTime() + 20_000_000L;
        Thread[] threads = new Thread[st.senders];
        long[] firstWrite = new long[st.senders];
        for (int s = 0; s < st.senders; s++) {
            int sender = s;
            Conn conn = peer.conns.get(s);
            long phase = interval * s / st.senders;
            threads[s] =
                    Thread.ofPlatform()
                            .name("bench-sender-" + s)
                            .start(() -> send(conn, st, sender, t0 + phase, interval, firstWrite));
        }
        for (Thread t : threads) {
            t.join(TimeUnit.MINUTES.toMillis(2));
        }
        long expected = st.expectedDeliveries() - (stallStep ? (long) st.senders * st.count : 0);
        long last = st.delivered.sum();
        long lastChange = System.nanoTime();
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (st.delivered.sum() < expected && System.nanoTime() < giveUp) {
            Thread.sleep(5);
            long now = st.delivered.sum();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(3)) {
                break;
            }
        }
        long end = System.nanoTime();
        MachineStalls.Figures stalls = machineStalls.figures();
        String label =
                warming
                        ? "warmup-" + kind
                        : stallStep
                                ? "stall-" + kind
                                : mayRerun && stalls.stalls() > 0 ? "stalled-" + kind : kind;
        String syscallFigures = syscalls == null ? "" : syscalls.stopAndFormat(st.delivered.sum());
        double hostCpu = ProcStats.cpuSeconds(peer.pid) - hostCpu0;
        double genCpu = ProcStats.cpuSeconds(ProcStats.self()) - genCpu0;
        double hostWait = ProcStats.runDelaySeconds(peer.pid) - hostWait0;
        double genWait = ProcStats.runDelaySeconds(ProcStats.self()) - genWait0;
        long hostDisk1 = ProcStats.writeBytes(peer.pid);
        long hostSwitches = ProcStats.contextSwitches(peer.pid) - hostSwitches0;
        String irq = interruptRates(irq0, ProcStats.interrupts(irq0[0].length), (end - t0) / 1e9);
        double diskPerMessage =
                hostDisk0 < 0 || hostDisk1 < 0
                        ? Double.NaN
                        : (hostDisk1 - hostDisk0)
                                / (double) Math.max(1, (long) st.senders * st.count);
        Thread.sleep(50);
        peer.step = null;
        Thread.sleep(20);
        long start = kind.equals("burst") ? min(firstWrite) : t0;
        long lastReceipt = st.lastReceipt.get();
        double elapsed = Math.max(1, lastReceipt - start) / 1e9;
        long delivered = st.delivered.sum();
        double dps = delivered / elapsed;
        double wall = (end - t0) / 1e9;
        Histogram h = st.intervalLatency();
        long lost = peer.lost(st);
        Result result =
                new Result(
                        peer.name,
                        n,
                        stallStep ? "stall" : label,
                        target,
                        dps,
                        h.getValueAtPercentile(50) / 1000.0,
                        h.getValueAtPercentile(99) / 1000.0,
                        h.getValueAtPercentile(99.9) / 1000.0,
                        h.getMaxValue() / 1000.0,
                        lost,
                        st.duplicates.sum(),
                        st.mismatched.sum(),
                        peer.closed.sum() - closed0,
                        100 * hostCpu / wall,
                        100 * genCpu / wall,
                        100 * genWait / wall);
        results.add(result);
        int replaced = stallStep ? 0 : peer.repair(st.senders, readers);
        out.printf(
                Locale.ROOT,
                "step peer=%s N=%d kind=%s target_dps=%d dps=%.0f p50_ms=%.2f p99_ms=%.2f"
                        + " p999_ms=%.2f max_ms=%.2f lost=%d dup=%d mismatched=%d evicted=%d"
                        + " opened=%d echoes=%d host_cpu_pct=%.0f host_wait_pct=%.0f"
                        + " gen_cpu_pct=%.0f gen_wait_pct=%.0f%s"
                        + " host_us_per_dlv=%.2f gen_us_per_dlv=%.2f"
                        + " host_rss_mib=%d host_disk_bytes_per_msg=%.0f load=%.2f replaced=%d"
                        + " host_csw_per_s=%.0f%s%s%s%n",
                peer.name,
                n,
                label,
                target,
                dps,
                result.p50(),
                result.p99(),
                result.p999(),
                result.max(),
                lost,
                result.dup(),
                result.mismatched(),
                result.evicted(),
                st.opened.sum(),
                st.echoes.sum(),
                result.hostCpu(),
                100 * hostWait / wall,
                result.genCpu(),
                result.genWait(),
                generatorSaturated(result.genCpu() + result.genWait())
                        ? " floor=generator-saturated"
                        : "",
                hostCpu * 1e6 / Math.max(1, delivered),
                genCpu * 1e6 / Math.max(1, delivered),
                ProcStats.rssKiB(peer.pid) / 1024,
                diskPerMessage,
                ProcStats.loadAverage(),
                replaced,
                hostSwitches / wall,
                irq,
                machineStalls.cpus() == 0
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                " stalls=%d stall_max_ms=%.0f stalls_per_cpu=%s",
                                stalls.stalls(),
                                stalls.longestMs(),
                                stalls.perCpu().stream()
                                        .map(String::valueOf)
                                        .collect(Collectors.joining("/"))),
                syscallFigures);
        return result;
    }

    /// ` irq_per_s=LOC:<cpu0>/<cpu1>,RES:...`: each kind of [ProcStats#INTERRUPTS] per second
    /// of the step, per CPU.
    private static String interruptRates(long[][] before, long[][] after, double seconds) {
        StringBuilder sb = new StringBuilder(" irq_per_s=");
        for (int kind = 0; kind < before.length; kind++) {
            sb.append(kind == 0 ? "" : ",").append(ProcStats.INTERRUPTS.get(kind)).append(':');
            for (int cpu = 0; cpu < before[kind].length; cpu++) {
                long rate = Math.round((after[kind][cpu] - before[kind][cpu]) / seconds);
                sb.append(cpu == 0 ? "" : "/").append(rate);
            }
        }
        return sb.toString();
    }

    /// Whether the generator used, or waited for, nearly all the CPU it may run on: then what
    /// it measured is a floor of what the server can do.
    private static boolean generatorSaturated(double genCpuPlusWaitPct) {
        int cpus = Runtime.getRuntime().availableProcessors();
        return genCpuPlusWaitPct >= 90.0 * cpus;
    }

    private static long min(long[] values) {
        long m = Long.MAX_VALUE;
        for (long v : values) {
            if (v != 0) {
                m = Math.min(m, v);
            }
        }
        return m;
    }

    private static void send(
            Conn conn, Step st, int sender, long start, long interval, long[] firstWrite) {
        ByteBuffer[] batch = new ByteBuffer[64];
        byte[][] wire = st.wire[sender];
        long[] sentAt = st.sentAt[sender];
        int k = 0;
        try {
            while (k < st.count) {
                long now = System.nanoTime();
                long due = start + k * interval;
                if (due > now) {
                    LockSupport.parkNanos(due - now);
                    continue;
                }
                int j = k;
                while (j < st.count && j - k < batch.length && start + j * interval <= now) {
                    batch[j - k] = ByteBuffer.wrap(wire[j]);
                    sentAt[j] = interval == 0 ? now : start + j * interval;
                    j++;
                }
                if (firstWrite[sender] == 0) {
                    firstWrite[sender] = now;
                }
                conn.writeFully(batch, j - k);
                k = j;
            }
        } catch (IOException e) {
            LOG.warn("sender " + sender + " stopped: " + e);
        }
    }

    private void summary() {
        List<String> also = new ArrayList<>();
        List<String> knees = new ArrayList<>();
        List<String> bursts = new ArrayList<>();
        for (String nText : opts.getOrDefault("n", "100").split(",")) {
            int n = Integer.parseInt(nText);
            Result confab = knee("confab", n);
            for (Peer peer : peers) {
                if (peer.name.equals("confab")) {
                    continue;
                }
                Result other = knee(peer.name, n);
                Result[] equal = equalLoad("confab", peer.name, n);
                String line =
                        String.format(
                                Locale.ROOT,
                                "N=%d confab_dps=%.0f %s_dps=%.0f ratio=%.2f confab_p99_ms=%.2f"
                                        + " %s_p99_ms=%.2f",
                                n,
                                confab == null ? 0 : confab.dps(),
                                peer.name,
                                other == null ? 0 : other.dps(),
                                ratio(confab, other),
                                equal[0] == null ? Double.NaN : equal[0].p99(),
                                peer.name,
                                equal[1] == null ? Double.NaN : equal[1].p99());
                also.add(
                        "also "
                                + String.format(
                                        Locale.ROOT,
                                        "knees N=%d offered: confab=%d %s=%d, p99 compared at %d;"
                                                + " generator saturated at the knee: confab=%s %s=%s",
                                        n,
                                        confab == null ? 0 : confab.target(),
                                        peer.name,
                                        other == null ? 0 : other.target(),
                                        equal[0] == null ? 0 : equal[0].target(),
                                        confab != null && saturated(confab),
                                        peer.name,
                                        other != null && saturated(other)));
                List<Result> confabBursts = bursts("confab", n);
                List<Result> otherBursts = bursts(peer.name, n);
                Result cb = median(confabBursts);
                Result ob = median(otherBursts);
                String burst =
                        String.format(
                                Locale.ROOT,
                                "burst N=%d confab_dps=%.0f %s_dps=%.0f ratio=%.2f lost=%d",
                                n,
                                cb == null ? 0 : cb.dps(),
                                peer.name,
                                ob == null ? 0 : ob.dps(),
                                cb == null || ob == null || ob.dps() == 0 ? 0 : cb.dps() / ob.dps(),
                                cb == null
                                        ? -1
                                        : confabBursts.stream().mapToLong(Result::lost).sum());
                if (confabBursts.size() > 1) {
                    also.add(
                            String.format(
                                    Locale.ROOT,
                                    "also bursts N=%d (median of each): confab_dps=%s %s_dps=%s",
                                    n,
                                    dpsList(confabBursts),
                                    peer.name,
                                    dpsList(otherBursts)));
                }
                if (peer.name.equals("ngircd")) {
                    knees.add(line);
                    if (cb != null) {
                        bursts.add(burst);
                    }
                } else {
                    also.add("also " + line);
                    if (cb != null) {
                        also.add("also " + burst);
                    }
                }
            }
        }
        also.forEach(out::println);
        knees.forEach(out::println);
        bursts.forEach(out::println);
    }

    private static boolean saturated(Result r) {
        return generatorSaturated(r.genCpu() + r.genWait());
    }

    private static double ratio(Result a, Result b) {
        return a == null || b == null || b.dps() == 0 ? 0 : a.dps() / b.dps();
    }

    /// The passing paced step with the highest offered rate.
    private Result knee(String peer, int n) {
        Result best = null;
        for (Result r : results) {
            if (r.peer().equals(peer) && r.n() == n && r.kind().equals("paced") && r.passes()) {
                if (best == null || r.target() > best.target()) {
                    best = r;
                }
            }
        }
        return best;
    }

    /// Both peers' steps at the highest offered rate that both passed (the lower knee); else
    /// the highest where both lost nothing; else the lowest rate.
    private Result[] equalLoad(String a, String b, int n) {
        Result[] passed = null;
        Result[] zeroLoss = null;
        Result[] lowest = null;
        for (Result ra : results) {
            if (!ra.peer().equals(a) || ra.n() != n || !ra.kind().equals("paced")) {
                continue;
            }
            for (Result rb : results) {
                if (!rb.peer().equals(b)
                        || rb.n() != n
                        || rb.target() != ra.target()
                        || !rb.kind().equals("paced")) {
                    continue;
                }
                Result[] pair = {ra, rb};
                if (lowest == null || ra.target() < lowest[0].target()) {
                    lowest = pair;
                }
                if (ra.passes()
                        && rb.passes()
                        && (passed == null || ra.target() > passed[0].target())) {
                    passed = pair;
                }
                if (ra.lost() == 0
                        && rb.lost() == 0
                        && (zeroLoss == null || ra.target() > zeroLoss[0].target())) {
                    zeroLoss = pair;
                }
            }
        }
        if (passed != null) {
            return passed;
        }
        if (zeroLoss != null) {
            return zeroLoss;
        }
        return lowest != null ? lowest : new Result[2];
    }

    /// The bursts of `peer` at `n`, in the order they ran.
    private List<Result> bursts(String peer, int n) {
        return results.stream()
                .filter(r -> r.peer().equals(peer) && r.n() == n && r.kind().equals("burst"))
                .toList();
    }

    /// The burst with the median deliveries per second (the lower middle one of an even count).
    private static Result median(List<Result> bursts) {
        if (bursts.isEmpty()) {
            return null;
        }
        List<Result> sorted =
                bursts.stream().sorted(java.util.Comparator.comparingDouble(Result::dps)).toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static String dpsList(List<Result> bursts) {
        return bursts.stream()
                .map(r -> String.format(Locale.ROOT, "%.0f", r.dps()))
                .collect(java.util.stream.Collectors.joining(","));
    }
}
