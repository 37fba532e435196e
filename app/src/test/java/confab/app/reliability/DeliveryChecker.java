package confab.app.reliability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/// The invariant checker of the fault tests and the soak: given the room histories as the host
/// stored them (the truth) and what every member was shown, it lists every violation of
///
/// 1. **the history itself**: each room is numbered 1..latest with no gap and no repeat;
/// 2. **exactly once, in order, no gap**: from each join, a member is shown the messages
///    `afterSeq+1, afterSeq+2, ...` one by one, each exactly as stored (sender and text);
/// 3. **nothing missing at the end**: a member still in a room when the run ends has been
///    shown everything up to the room's latest message;
/// 4. **acknowledged means stored**: every message a sender saw echoed is stored once, at
///    the sequence number of its echo;
/// 5. **no duplicate, no reordering by the outbox**: every text sent is stored at most once
///    (exactly once if it had to arrive), and one sender's texts are stored in the order sent.
///
/// An empty list means the run kept every promise. {@link DeliveryCheckerTest} shows that each
/// kind of fault is caught.
final class DeliveryChecker {
    private static final int MAX_REPORTED = 50;

    /// One message as shown (or as stored).
    record Delivery(long seq, String sender, String text) {}

    /// What one member was shown in one room from one join on (`afterSeq` is the last sequence
    /// number it had when it joined).
    record Interval(String who, String room, long afterSeq, List<Delivery> deliveries) {}

    /// One message sent; `ackedSeq` is the sequence number of its echo, or `null`.
    record Sent(String who, String room, String text, Long ackedSeq, boolean mustArrive) {}

    private DeliveryChecker() {}

    /// @param truth each room's stored history, as read by an auditor from sequence 1
    /// @param intervals every join of every member
    /// @param stillMember the joins still current at the end (they must have reached the end)
    /// @param sent every message sent, per sender in the order sent
    static List<String> violations(
            Map<String, List<Delivery>> truth,
            List<Interval> intervals,
            List<Interval> stillMember,
            List<Sent> sent) {
        List<String> found = new ArrayList<>();
        Map<String, Map<Long, Delivery>> bySeq = new HashMap<>();
        Map<String, Map<String, Long>> seqOfText = new HashMap<>();
        truth.forEach(
                (room, history) -> {
                    Map<Long, Delivery> seqs = new HashMap<>();
                    Map<String, Long> texts = new HashMap<>();
                    long expected = 1;
                    for (Delivery d : history) {
                        if (d.seq() != expected) {
                            found.add(
                                    "history of "
                                            + room
                                            + ": seq "
                                            + d.seq()
                                            + " where "
                                            + expected
                                            + " was due");
                        }
                        expected = d.seq() + 1;
                        seqs.put(d.seq(), d);
                        Long earlier = texts.put(d.text(), d.seq());
                        if (earlier != null) {
                            found.add(
                                    "history of "
                                            + room
                                            + ": \""
                                            + d.text()
                                            + "\" stored twice, at "
                                            + earlier
                                            + " and "
                                            + d.seq());
                        }
                    }
                    bySeq.put(room, seqs);
                    seqOfText.put(room, texts);
                });

        for (Interval interval : intervals) {
            Map<Long, Delivery> stored = bySeq.getOrDefault(interval.room(), Map.of());
            long expected = interval.afterSeq() + 1;
            for (Delivery shown : interval.deliveries()) {
                String where = interval.who() + " in " + interval.room();
                if (shown.seq() < expected) {
                    found.add(where + ": seq " + shown.seq() + " shown again (duplicate)");
                    continue;
                }
                if (shown.seq() > expected) {
                    found.add(
                            where
                                    + ": seqs "
                                    + expected
                                    + ".."
                                    + (shown.seq() - 1)
                                    + " never shown (gap)");
                }
                expected = shown.seq() + 1;
                Delivery truthAt = stored.get(shown.seq());
                if (!shown.equals(truthAt)) {
                    found.add(where + ": shown " + shown + " but stored " + truthAt);
                }
            }
        }

        for (Interval interval : stillMember) {
            List<Delivery> history = truth.getOrDefault(interval.room(), List.of());
            long latest = history.isEmpty() ? 0 : history.getLast().seq();
            long last =
                    interval.deliveries().isEmpty()
                            ? interval.afterSeq()
                            : interval.deliveries().getLast().seq();
            if (last < latest) {
                found.add(
                        interval.who()
                                + " in "
                                + interval.room()
                                + ": shown up to "
                                + last
                                + " of "
                                + latest
                                + " at the end (missing tail)");
            }
        }

        Map<String, Long> lastPositionOfSender = new LinkedHashMap<>();
        for (Sent message : sent) {
            Long at = seqOfText.getOrDefault(message.room(), Map.of()).get(message.text());
            String what = message.who() + "'s \"" + message.text() + "\" in " + message.room();
            if (message.ackedSeq() != null && !message.ackedSeq().equals(at)) {
                found.add(
                        what + ": acknowledged as " + message.ackedSeq() + " but stored at " + at);
            }
            if (at == null) {
                if (message.mustArrive()) {
                    found.add(what + ": never stored (lost)");
                }
                continue;
            }
            String key = message.who() + "\u0000" + message.room();
            Long previous = lastPositionOfSender.put(key, at);
            if (previous != null && previous > at) {
                found.add(
                        what + ": stored at " + at + ", before an earlier message at " + previous);
            }
        }
        if (found.size() > MAX_REPORTED) {
            int more = found.size() - MAX_REPORTED;
            List<String> head = new ArrayList<>(found.subList(0, MAX_REPORTED));
            head.add("... and " + more + " more");
            return head;
        }
        return found;
    }
}
