package confab.crypto;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/// Per-sender replay window: rejects a counter already seen (or too old to tell).
///
/// Guarantees: for each sender, every counter is accepted at most once. Counters may arrive out
/// of order by up to `SIZE - 1` behind the highest seen; anything older is rejected, because
/// the window can no longer tell whether it was seen.
///
/// Feed it only messages that `RoomCipher.open` accepted: an unauthenticated counter recorded
/// here would let a forger block the real message. It lives in memory, one per room; a fresh
/// window (after a restart) accepts history again, which is what a history replay needs. One
/// entry per sender is kept for the window's lifetime (about 150 bytes each). Not thread-safe.
public final class ReplayWindow {
    /// Counters remembered per sender, ending at the highest one seen.
    public static final int SIZE = 1024;

    private final Map<String, SenderWindow> senders = new HashMap<>();

    /// An empty window: the first counter of each sender is accepted whatever its value.
    public ReplayWindow() {}

    /// Records `counter` for `senderLogin`.
    ///
    /// @throws ReplayedMessageException if it was seen before, or is `SIZE` or more below the
    ///     highest counter seen from that sender
    public void accept(String senderLogin, long counter) throws ReplayedMessageException {
        Objects.requireNonNull(senderLogin, "senderLogin");
        SenderWindow window = senders.get(senderLogin);
        if (window == null) {
            senders.put(senderLogin, new SenderWindow(counter));
        } else {
            window.accept(senderLogin, counter);
        }
    }

    /// A bitmap of the `SIZE` counters ending at `highest`; counter `c` is bit `c mod SIZE`.
    /// Differences are computed unsigned, so the whole `long` range works without overflow.
    private static final class SenderWindow {
        private final long[] seen = new long[SIZE / Long.SIZE];
        private long highest;

        SenderWindow(long first) {
            highest = first;
            mark(first);
        }

        void accept(String login, long counter) throws ReplayedMessageException {
            if (counter > highest) {
                long ahead = counter - highest;
                if (Long.compareUnsigned(ahead, SIZE) >= 0) {
                    Arrays.fill(seen, 0L);
                } else {
                    for (long c = highest + 1; c != counter; c++) {
                        clear(c);
                    }
                }
                highest = counter;
                mark(counter);
                return;
            }
            long behind = highest - counter;
            if (Long.compareUnsigned(behind, SIZE) >= 0) {
                throw new ReplayedMessageException(
                        "message " + counter + " from " + login + " is too old to check");
            }
            if (isMarked(counter)) {
                throw new ReplayedMessageException(
                        "message " + counter + " from " + login + " was already received");
            }
            mark(counter);
        }

        private void mark(long counter) {
            int bit = Math.floorMod(counter, SIZE);
            seen[bit / Long.SIZE] |= 1L << (bit % Long.SIZE);
        }

        private void clear(long counter) {
            int bit = Math.floorMod(counter, SIZE);
            seen[bit / Long.SIZE] &= ~(1L << (bit % Long.SIZE));
        }

        private boolean isMarked(long counter) {
            int bit = Math.floorMod(counter, SIZE);
            return (seen[bit / Long.SIZE] & (1L << (bit % Long.SIZE))) != 0;
        }
    }
}
