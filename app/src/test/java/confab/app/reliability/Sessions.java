package confab.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import confab.app.session.ClientSession;
import confab.app.session.HostAddress;
import confab.app.session.SessionEvent;
import confab.app.session.SessionException;
import confab.crypto.wire.KdfParams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;

/// Real `ClientSession`s for the reliability tests, with cheap Argon2id and quick reconnects.
final class Sessions {
    static final ClientSession.Options FAST =
            ClientSession.Options.DEFAULT
                    .withKdf(new KdfParams(8 * 1024, 1, 1))
                    .withBackoff(Duration.ofMillis(50), Duration.ofMillis(500));

    static final char[] PASSWORD = "correct horse battery staple".toCharArray();
    static final char[] ROOM_PASSWORD = "room password".toCharArray();

    /// Generous bound for anything a test waits for: the machine is shared and slow at times.
    static final Duration PATIENCE = Duration.ofSeconds(120);

    private Sessions() {}

    static ClientSession connect(HostAddress host, Tracker tracker, ClientSession.Options options)
            throws SessionException {
        return ClientSession.connect(host, Duration.ofSeconds(10), tracker, options);
    }

    /// A new account `login`, logged in.
    static ClientSession registered(HostAddress host, String login, Tracker tracker)
            throws SessionException {
        return registered(host, login, tracker, FAST);
    }

    static ClientSession registered(
            HostAddress host, String login, Tracker tracker, ClientSession.Options options)
            throws SessionException {
        ClientSession session = connect(host, tracker, options);
        session.register(login, PASSWORD);
        session.login(login, PASSWORD);
        return session;
    }

    /// Joins `room` from `afterSeq`, recording what it shows from then on.
    static void join(ClientSession session, Tracker tracker, String room, long afterSeq)
            throws SessionException {
        tracker.begin(room, afterSeq);
        try {
            session.joinRoom(room, ROOM_PASSWORD, afterSeq);
        } catch (SessionException | RuntimeException e) {
            tracker.abandon(room);
            throw e;
        }
    }

    /// Each room's stored history, read by a new member (`auditor`) that joins from sequence 1
    /// and waits until it has everything up to the latest message the host reported.
    static Map<String, List<DeliveryChecker.Delivery>> audit(
            HostAddress host, String auditor, List<String> rooms) throws SessionException {
        Tracker tracker = new Tracker(auditor);
        Map<String, List<DeliveryChecker.Delivery>> truth = new LinkedHashMap<>();
        try (ClientSession session = registered(host, auditor, tracker)) {
            for (String room : rooms) {
                join(session, tracker, room, 0);
            }
            for (String room : rooms) {
                long latest =
                        Awaitility.await()
                                .atMost(PATIENCE)
                                .until(
                                        () ->
                                                tracker
                                                        .events(SessionEvent.RoomJoined.class)
                                                        .stream()
                                                        .filter(j -> j.room().equals(room))
                                                        .findFirst(),
                                        found -> found.isPresent())
                                .orElseThrow()
                                .latestSeq();
                Awaitility.await().atMost(PATIENCE).until(() -> tracker.lastSeq(room) >= latest);
            }
            for (DeliveryChecker.Interval interval : tracker.intervals()) {
                truth.put(interval.room(), interval.deliveries());
            }
        }
        return truth;
    }

    /// Waits until every tracker was shown `room` up to its latest stored message, then returns
    /// the delivery checker's violations of what they were shown and sent against `truth`.
    static List<String> violationsOnceShown(
            Map<String, List<DeliveryChecker.Delivery>> truth,
            List<Tracker> trackers,
            String room) {
        long latest = truth.get(room).size();
        Awaitility.await()
                .atMost(PATIENCE)
                .until(() -> trackers.stream().allMatch(t -> t.lastSeq(room) >= latest));
        List<DeliveryChecker.Interval> intervals = new ArrayList<>();
        List<DeliveryChecker.Sent> sent = new ArrayList<>();
        for (Tracker tracker : trackers) {
            intervals.addAll(tracker.intervals());
            sent.addAll(tracker.sent(true));
        }
        return DeliveryChecker.violations(truth, intervals, intervals, sent);
    }

    /// Asserts that no member saw an eviction, a lost connection or a rejected message.
    static void assertNobodyNoticed(List<Tracker> trackers) {
        for (Tracker tracker : trackers) {
            assertThat(tracker.events(SessionEvent.MemberEvicted.class)).isEmpty();
            assertThat(tracker.events(SessionEvent.ConnectionLost.class)).isEmpty();
            assertThat(tracker.events(SessionEvent.MessageRejected.class)).isEmpty();
        }
    }

    /// Lets the posters run until `acked` messages in all are acknowledged, stops them, and
    /// waits until every message they sent is acknowledged.
    static void stopPostingAfter(
            List<Tracker> trackers, int acked, AtomicBoolean posting, List<Thread> posters)
            throws InterruptedException {
        Awaitility.await().atMost(PATIENCE).until(() -> Tracker.totalAcked(trackers) >= acked);
        posting.set(false);
        for (Thread poster : posters) {
            poster.join(30_000);
        }
        Awaitility.await()
                .atMost(PATIENCE)
                .until(() -> trackers.stream().allMatch(Tracker::allAcked));
    }
}
