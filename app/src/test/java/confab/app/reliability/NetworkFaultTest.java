package confab.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import confab.app.session.ClientSession;
import confab.app.session.HostAddress;
import confab.app.session.SessionEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Network faults between one member and the host, through network namespaces: `confab-host`
/// runs in its own namespace; Ann reaches it over a veth pair that the tests damage (packet
/// loss, a partition of a few seconds, delay), Bob and Cat over a clean one. All three keep
/// posting through the fault; afterwards every message is stored once and every member was
/// shown the same history, in the same order, with no gap and no duplicate.
///
/// Needs root, iproute2 and iptables (and, for delay, a kernel with `sch_netem`); each test
/// is skipped with the exact refusal where the machine does not allow it.
class NetworkFaultTest {
    private static final Logger log = LoggerFactory.getLogger(NetworkFaultTest.class);
    private static final int PORT = 7331;

    private static String unavailable;
    private static Netns ns;

    @TempDir Path dir;

    private ChildHost host;
    private final List<ClientSession> sessions = new ArrayList<>();
    private final List<Tracker> trackers = new ArrayList<>();
    private final List<Thread> posters = new ArrayList<>();
    private final AtomicBoolean posting = new AtomicBoolean(true);

    @BeforeAll
    static void buildTheNamespaces() throws Exception {
        unavailable = Netns.whyUnavailable();
        if (unavailable == null) {
            ns = Netns.create("cfnet" + ProcessHandle.current().pid() % 100_000);
        } else {
            log.warn("network fault tests skipped: {}", unavailable);
        }
    }

    @AfterAll
    static void removeTheNamespaces() {
        if (ns != null) {
            ns.close();
        }
    }

    @AfterEach
    void stopEverything() throws Exception {
        posting.set(false);
        for (Thread poster : posters) {
            poster.join(10_000);
        }
        sessions.forEach(ClientSession::close);
        if (host != null) {
            host.close();
        }
        if (ns != null) {
            ns.heal();
        }
    }

    @Test
    void membersRideThroughPacketLossWithTheSameOrderForEveryone() throws Exception {
        startHostAndMembers(Sessions.FAST);
        long dropped = chatThrough(() -> ns.loss(0.2), Duration.ofSeconds(10), "20% packet loss");
        assertThat(dropped).isPositive();
    }

    @Test
    void aMemberCutOffByAPartitionResumesWithNoGapAndTheSameOrder() throws Exception {
        // Ann's session gives up on a connection after 3 s of silence and reconnects
        startHostAndMembers(
                Sessions.FAST.withHeartbeat(Duration.ofSeconds(1), Duration.ofSeconds(3)));
        long dropped = chatThrough(ns::partition, Duration.ofSeconds(8), "an 8 s partition");
        assertThat(dropped).isPositive();
        assertThat(trackers.getFirst().count(SessionEvent.Reconnected.class)).isPositive();
    }

    @Test
    void membersRideThroughDelayWithTheSameOrderForEveryone() throws Exception {
        assumeTrue(unavailable == null, () -> "network namespaces unavailable: " + unavailable);
        String noNetem = ns.whyNoNetem();
        assumeTrue(noNetem == null, () -> "tc netem unavailable: " + noNetem);
        startHostAndMembers(Sessions.FAST);
        chatThrough(
                () -> ns.delay("200ms", "50ms"), Duration.ofSeconds(10), "200 ms +- 50 ms delay");
    }

    private void startHostAndMembers(ClientSession.Options annOptions) throws Exception {
        assumeTrue(unavailable == null, () -> "network namespaces unavailable: " + unavailable);
        host =
                ChildHost.start(
                        dir.resolve("data"),
                        PORT,
                        dir.resolve("host.log"),
                        ns.prefix(),
                        List.of(),
                        // a high request rate: after an outage the outbox is sent at once, and
                        // posts
                        // over the host's burst are refused and not resent (see RELIABILITY.md)
                        List.of("--bind", "0.0.0.0", "--rate", "100000", "--burst", "100000"));
        HostAddress faulty = new HostAddress(Netns.FAULTY_HOST, PORT);
        HostAddress clean = new HostAddress(Netns.CLEAN_HOST, PORT);
        for (String login : List.of("ann", "bob", "cat")) {
            Tracker tracker = new Tracker(login);
            trackers.add(tracker);
            sessions.add(
                    login.equals("ann")
                            ? Sessions.registered(faulty, login, tracker, annOptions)
                            : Sessions.registered(clean, login, tracker));
        }
        sessions.get(1).createRoom("lobby", Sessions.ROOM_PASSWORD);
        for (int i = 0; i < sessions.size(); i++) {
            Sessions.join(sessions.get(i), trackers.get(i), "lobby", 0);
        }
    }

    /// Everyone posts; after 50 acknowledgements the fault is applied for `length`, then lifted;
    /// once 100 more are acknowledged posting stops and the histories are checked. Returns the
    /// packets the fault dropped.
    private long chatThrough(Fault fault, Duration length, String what) throws Exception {
        for (int i = 0; i < sessions.size(); i++) {
            ClientSession session = sessions.get(i);
            Tracker tracker = trackers.get(i);
            posters.add(
                    Thread.ofVirtual().start(() -> Tracker.chat(posting, session, tracker, 20)));
        }
        Awaitility.await()
                .atMost(Sessions.PATIENCE)
                .until(() -> Tracker.totalAcked(trackers) >= 50);
        int sentBefore = trackers.getFirst().sentCount();
        fault.apply();
        Thread.sleep(length.toMillis()); // the fault lasts this long; nothing is timed
        long dropped = ns.dropped();
        ns.heal();
        int annTypedDuringFault = trackers.getFirst().sentCount() - sentBefore;
        int acked = Tracker.totalAcked(trackers);
        Awaitility.await()
                .atMost(Sessions.PATIENCE)
                .until(() -> Tracker.totalAcked(trackers) >= acked + 100);
        posting.set(false);
        for (Thread poster : posters) {
            poster.join(30_000);
        }
        try {
            Awaitility.await()
                    .atMost(Sessions.PATIENCE)
                    .until(() -> trackers.stream().allMatch(Tracker::allAcked));
        } finally {
            for (Tracker tracker : trackers) {
                List<String> waiting = tracker.unacked();
                if (!waiting.isEmpty()) {
                    log.error(
                            "{}: {} messages never acknowledged, first {}; events {}",
                            tracker.who(),
                            waiting.size(),
                            waiting.subList(0, Math.min(5, waiting.size())),
                            tracker.events(SessionEvent.class).stream()
                                    .filter(e -> !(e instanceof SessionEvent.MessagePending))
                                    .toList());
                }
            }
        }
        Map<String, List<DeliveryChecker.Delivery>> truth =
                Sessions.audit(
                        new HostAddress(Netns.CLEAN_HOST, PORT), "auditor", List.of("lobby"));
        long latest = truth.get("lobby").size();
        List<String> violations = Sessions.violationsOnceShown(truth, trackers, "lobby");
        Tracker ann = trackers.getFirst();
        log.info(
                "network fault, {} for {} s on Ann's path: {} packets dropped; Ann typed {}"
                        + " messages during it, lost her connection {} times and reconnected {}"
                        + " times; {} messages stored, {} shown to the three members, violations {}",
                what,
                length.toSeconds(),
                dropped,
                annTypedDuringFault,
                ann.count(SessionEvent.ConnectionLost.class),
                ann.count(SessionEvent.Reconnected.class),
                latest,
                trackers.stream()
                        .flatMap(t -> t.intervals().stream())
                        .mapToLong(i -> i.deliveries().size())
                        .sum(),
                violations.size());
        assertThat(violations).isEmpty();
        for (Tracker tracker : trackers) {
            assertThat(tracker.events(SessionEvent.MessageRejected.class)).isEmpty();
            assertThat(tracker.events(SessionEvent.GaveUp.class)).isEmpty();
        }
        return dropped;
    }

    @FunctionalInterface
    private interface Fault {
        void apply() throws Exception;
    }
}
