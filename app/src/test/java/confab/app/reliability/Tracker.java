package confab.app.reliability;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import confab.app.session.SessionEvent;
import confab.app.session.SessionListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/// What one `ClientSession` reported, kept the way an app would keep it: per room, the messages
/// shown since each join (one {@link DeliveryChecker.Interval} per join), and what this session
/// sent and saw acknowledged. After {@link #leave} a room's later events are ignored, and after
/// {@link #freeze} all of them, as an app ignores a room it left or a session it closed.
final class Tracker implements SessionListener {
    private final String who;
    private final Map<String, DeliveryChecker.Interval> current = new HashMap<>();
    private final List<DeliveryChecker.Interval> intervals = new ArrayList<>();
    private final Map<String, List<String>> sentTexts = new LinkedHashMap<>();
    private final Map<String, Long> acked = new HashMap<>();
    private final List<SessionEvent> events = new ArrayList<>();
    private boolean frozen;
    private long ignored;

    Tracker(String who) {
        this.who = who;
    }

    String who() {
        return who;
    }

    @Override
    public synchronized void onEvent(SessionEvent event) {
        if (frozen) {
            ignored++;
            return;
        }
        if (event instanceof SessionEvent.MessageReceived m) {
            DeliveryChecker.Interval interval = current.get(m.room());
            if (interval == null) {
                ignored++;
                return;
            }
            interval.deliveries().add(new DeliveryChecker.Delivery(m.seq(), m.sender(), m.text()));
            if (m.own()) {
                acked.put(m.text(), m.seq());
                notifyAll(); // awaitUnackedBelow
            }
            return;
        }
        events.add(event);
    }

    /// Call before `joinRoom(room, afterSeq)`: what arrives for the room from now on belongs to
    /// this join.
    synchronized void begin(String room, long afterSeq) {
        DeliveryChecker.Interval interval =
                new DeliveryChecker.Interval(who, room, afterSeq, new ArrayList<>());
        current.put(room, interval);
        intervals.add(interval);
    }

    /// Call after `leaveRoom(room)`; returns the last sequence number shown for it.
    synchronized long leave(String room) {
        long last = lastSeq(room);
        current.remove(room);
        return last;
    }

    /// Call when the app stops listening (before or after `close()`); returns the last sequence
    /// number shown per room.
    synchronized Map<String, Long> freeze() {
        frozen = true;
        Map<String, Long> last = new HashMap<>();
        for (String room : current.keySet()) {
            last.put(room, lastSeq(room));
        }
        return last;
    }

    /// Forgets a join that failed (nothing arrived for it).
    synchronized void abandon(String room) {
        DeliveryChecker.Interval interval = current.remove(room);
        if (interval != null) {
            intervals.remove(interval);
        }
    }

    /// The last sequence number shown for `room` in the current join, or its start.
    synchronized long lastSeq(String room) {
        DeliveryChecker.Interval interval = current.get(room);
        if (interval == null) {
            return -1;
        }
        List<DeliveryChecker.Delivery> got = interval.deliveries();
        return got.isEmpty() ? interval.afterSeq() : got.getLast().seq();
    }

    /// Records a text about to be sent (before `send`, so an echo never comes first).
    synchronized void sending(String room, String text) {
        sentTexts.computeIfAbsent(room, r -> new ArrayList<>()).add(text);
    }

    synchronized int sentCount() {
        return sentTexts.values().stream().mapToInt(List::size).sum();
    }

    synchronized int ackedCount() {
        return acked.size();
    }

    /// Waits, at most `patience`, until fewer than `max` of the texts sent are unacknowledged;
    /// true if they are.
    synchronized boolean awaitUnackedBelow(int max, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        long left;
        while (sentCount() - acked.size() >= max && (left = deadline - System.nanoTime()) > 0) {
            NANOSECONDS.timedWait(this, left);
        }
        return sentCount() - acked.size() < max;
    }

    /// Every text sent has been acknowledged.
    synchronized boolean allAcked() {
        return sentTexts.values().stream().flatMap(List::stream).allMatch(acked::containsKey);
    }

    /// Texts sent and not acknowledged (yet).
    synchronized List<String> unacked() {
        return sentTexts.values().stream()
                .flatMap(List::stream)
                .filter(text -> !acked.containsKey(text))
                .toList();
    }

    synchronized Map<String, Long> ackedSnapshot() {
        return Map.copyOf(acked);
    }

    /// What this session sent, in order, with its acknowledgement if one came.
    synchronized List<DeliveryChecker.Sent> sent(boolean mustArrive) {
        List<DeliveryChecker.Sent> all = new ArrayList<>();
        sentTexts.forEach(
                (room, texts) ->
                        texts.forEach(
                                text ->
                                        all.add(
                                                new DeliveryChecker.Sent(
                                                        who,
                                                        room,
                                                        text,
                                                        acked.get(text),
                                                        mustArrive))));
        return all;
    }

    synchronized List<DeliveryChecker.Interval> intervals() {
        List<DeliveryChecker.Interval> copy = new ArrayList<>();
        for (DeliveryChecker.Interval interval : intervals) {
            copy.add(
                    new DeliveryChecker.Interval(
                            interval.who(),
                            interval.room(),
                            interval.afterSeq(),
                            List.copyOf(interval.deliveries())));
        }
        return copy;
    }

    /// Joins that are still current (not left, session not frozen).
    synchronized List<DeliveryChecker.Interval> openIntervals() {
        return frozen
                ? List.of()
                : current.values().stream()
                        .map(
                                i ->
                                        new DeliveryChecker.Interval(
                                                i.who(),
                                                i.room(),
                                                i.afterSeq(),
                                                List.copyOf(i.deliveries())))
                        .toList();
    }

    synchronized <T extends SessionEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    synchronized <T extends SessionEvent> long count(Class<T> type, Predicate<? super T> match) {
        return events(type).stream().filter(match).count();
    }

    synchronized <T extends SessionEvent> long count(Class<T> type) {
        return events(type).size();
    }

    /// Events received after the app stopped listening (not counted as shown).
    synchronized long ignored() {
        return ignored;
    }

    /// Posts "who n" to the lobby every `pauseMillis` while `posting` holds, recording each
    /// message before it is sent; the loop behind every chatting member of these tests.
    static void chat(
            java.util.concurrent.atomic.AtomicBoolean posting,
            confab.app.session.ClientSession session,
            Tracker tracker,
            long pauseMillis) {
        int n = 0;
        while (posting.get()) {
            String text = tracker.who() + " " + ++n;
            tracker.sending("lobby", text);
            try {
                session.send("lobby", text);
                Thread.sleep(pauseMillis);
            } catch (confab.app.session.SessionException e) {
                throw new AssertionError(tracker.who() + " could not send: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /// Messages acknowledged (echoed) to all of `trackers` together.
    static int totalAcked(java.util.List<Tracker> trackers) {
        return trackers.stream().mapToInt(Tracker::ackedCount).sum();
    }
}
