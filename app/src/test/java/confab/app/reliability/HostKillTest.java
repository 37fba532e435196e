package confab.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import confab.app.session.ClientSession;
import confab.app.session.HostAddress;
import confab.app.session.SessionEvent;
import confab.app.session.SessionException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// `confab-host` killed with SIGKILL in the middle of heavy traffic, twice, and restarted on the
/// same port and data directory: real `ClientSession`s keep posting throughout, reconnect by
/// themselves, and in the end every member has every message of its rooms exactly once, in
/// order, with every acknowledged message stored as acknowledged.
class HostKillTest {
    private static final Logger log = LoggerFactory.getLogger(HostKillTest.class);
    private static final List<String> ROOMS = List.of("lobby", "annex");
    private static final List<String> LOGINS = List.of("ann", "bob", "cat", "dan");
    private static final int KILLS = 2;
    private static final int ACKS_BEFORE_EACH_KILL = 400;
    private static final int MAX_UNACKED = 2000;

    @TempDir Path dir;

    private ChildHost host;
    private final List<ClientSession> sessions = new ArrayList<>();
    private final List<Tracker> trackers = new ArrayList<>();
    private final List<Thread> posters = new ArrayList<>();
    private final AtomicBoolean posting = new AtomicBoolean(true);

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
    }

    @Test
    void membersLoseNothingAndSeeNoDuplicateWhenTheHostIsKilledMidTraffic() throws Exception {
        int port = ChildJvm.freePort();
        Path data = dir.resolve("data");
        Path hostLog = dir.resolve("host.log");
        List<String> args = List.of("--rate", "100000", "--burst", "100000");
        host = ChildHost.onLoopback(data, port, hostLog, args);
        HostAddress address = new HostAddress("127.0.0.1", port);

        for (String login : LOGINS) {
            Tracker tracker = new Tracker(login);
            trackers.add(tracker);
            sessions.add(Sessions.registered(address, login, tracker));
        }
        for (String room : ROOMS) {
            sessions.getFirst().createRoom(room, Sessions.ROOM_PASSWORD);
        }
        for (int i = 0; i < sessions.size(); i++) {
            for (String room : ROOMS) {
                Sessions.join(sessions.get(i), trackers.get(i), room, 0);
            }
        }
        for (int i = 0; i < sessions.size(); i++) {
            ClientSession session = sessions.get(i);
            Tracker tracker = trackers.get(i);
            posters.add(Thread.ofVirtual().start(() -> post(session, tracker)));
        }

        int typedWhileDown = 0;
        int ackedAtKills = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            int target = kill * ACKS_BEFORE_EACH_KILL;
            Awaitility.await().atMost(Sessions.PATIENCE).until(() -> totalAcked() >= target);
            ackedAtKills = totalAcked();
            int sentAtKill = totalSent();
            host.kill();
            int reconnects = kill;
            Awaitility.await()
                    .atMost(Sessions.PATIENCE)
                    .until(
                            () ->
                                    trackers.stream()
                                            .allMatch(
                                                    t ->
                                                            t.count(
                                                                            SessionEvent
                                                                                    .ConnectionLost
                                                                                    .class)
                                                                    >= reconnects));
            // a little more typing while the host is down, then it comes back
            Awaitility.await()
                    .atMost(Sessions.PATIENCE)
                    .until(() -> totalSent() >= sentAtKill + 100 * LOGINS.size());
            host = ChildHost.onLoopback(data, port, hostLog, args);
            Awaitility.await()
                    .atMost(Sessions.PATIENCE)
                    .until(
                            () ->
                                    trackers.stream()
                                            .allMatch(
                                                    t ->
                                                            t.count(SessionEvent.Reconnected.class)
                                                                    >= reconnects));
            typedWhileDown += totalSent() - sentAtKill;
        }
        Awaitility.await()
                .atMost(Sessions.PATIENCE)
                .until(() -> totalAcked() >= (KILLS + 1) * ACKS_BEFORE_EACH_KILL);
        posting.set(false);
        for (Thread poster : posters) {
            poster.join(30_000);
        }
        Awaitility.await()
                .atMost(Sessions.PATIENCE)
                .until(() -> trackers.stream().allMatch(Tracker::allAcked));
        Map<String, List<DeliveryChecker.Delivery>> truth =
                Sessions.audit(address, "auditor", ROOMS);
        Awaitility.await().atMost(Sessions.PATIENCE).until(() -> everyoneHasTheLatest(truth));

        List<DeliveryChecker.Interval> intervals = new ArrayList<>();
        List<DeliveryChecker.Interval> stillMember = new ArrayList<>();
        List<DeliveryChecker.Sent> sent = new ArrayList<>();
        for (Tracker tracker : trackers) {
            intervals.addAll(tracker.intervals());
            stillMember.addAll(tracker.openIntervals());
            sent.addAll(tracker.sent(true));
        }
        List<String> violations = DeliveryChecker.violations(truth, intervals, stillMember, sent);
        long stored = truth.values().stream().mapToLong(List::size).sum();
        long shown = intervals.stream().mapToLong(i -> i.deliveries().size()).sum();
        long rejected =
                trackers.stream().mapToLong(t -> t.count(SessionEvent.MessageRejected.class)).sum();
        log.info(
                "host kill: {} members, {} rooms, {} SIGKILLs, {} messages sent ({} typed while"
                        + " the host was down), {} acknowledged before the last kill, {} stored,"
                        + " {} shown, {} rejected, violations {}",
                LOGINS.size(),
                ROOMS.size(),
                KILLS,
                sent.size(),
                typedWhileDown,
                ackedAtKills,
                stored,
                shown,
                rejected,
                violations.size());

        assertThat(violations).isEmpty();
        assertThat(stored).isEqualTo(sent.size());
        assertThat(rejected).isZero();
        assertThat(trackers)
                .allSatisfy(t -> assertThat(t.events(SessionEvent.GaveUp.class)).isEmpty());
    }

    /// Posts as fast as the session takes it, alternating rooms, keeping at most
    /// {@link #MAX_UNACKED} messages unacknowledged (the outbox holds them while the host is down).
    private void post(ClientSession session, Tracker tracker) {
        int n = 0;
        while (posting.get()) {
            try {
                // bounded, so that the loop sees `posting` turn false while the host is down
                if (!tracker.awaitUnackedBelow(MAX_UNACKED, Duration.ofMillis(100))) {
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            String room = ROOMS.get(n % ROOMS.size());
            String text = tracker.who() + " " + ++n;
            tracker.sending(room, text);
            try {
                session.send(room, text);
            } catch (SessionException e) {
                throw new AssertionError(tracker.who() + " could not send: " + e.getMessage(), e);
            }
            sleep(2);
        }
    }

    private boolean everyoneHasTheLatest(Map<String, List<DeliveryChecker.Delivery>> truth) {
        Map<String, Long> latest = new HashMap<>();
        truth.forEach((room, history) -> latest.put(room, (long) history.size()));
        return trackers.stream()
                .allMatch(t -> ROOMS.stream().allMatch(r -> t.lastSeq(r) >= latest.get(r)));
    }

    private int totalAcked() {
        return trackers.stream().mapToInt(Tracker::ackedCount).sum();
    }

    private int totalSent() {
        return trackers.stream().mapToInt(Tracker::sentCount).sum();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
