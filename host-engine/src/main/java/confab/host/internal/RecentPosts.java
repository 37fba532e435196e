package confab.host.internal;

/// The (sender, counter) pairs of a room's last `capacity` stored messages, to recognise a
/// message sent twice.
///
/// A set of records would allocate an entry per message and keep each alive for thousands of
/// messages, long enough to be copied by several young collections and then promoted: under
/// load that churn was a large part of what the collector had to copy while the room stood
/// still. Here everything is in arrays allocated once: a ring of the pairs, oldest first, and
/// an open-addressing index into it (linear probing, deletion by shifting back). Not
/// thread-safe: the room thread owns it.
final class RecentPosts {
    private final int capacity;
    private final String[] senders;
    private final long[] counters;
    private final int[] hashes;

    /// Ring position + 1 of each entry, 0 for a free slot; twice the capacity or more, so that
    /// probe runs stay short.
    private final int[] slots;

    private final int mask;
    private int oldest;
    private int size;

    RecentPosts(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be 1 or more: " + capacity);
        }
        this.capacity = capacity;
        senders = new String[capacity];
        counters = new long[capacity];
        hashes = new int[capacity];
        slots = new int[Integer.highestOneBit(capacity) * 4];
        mask = slots.length - 1;
    }

    int size() {
        return size;
    }

    boolean contains(String sender, long counter) {
        return find(sender, counter, hash(sender, counter)) >= 0;
    }

    /// Remembers a pair (the caller checked it is not here), forgetting the oldest when full.
    void add(String sender, long counter) {
        int position;
        if (size == capacity) {
            position = oldest;
            removeSlot(find(senders[position], counters[position], hashes[position]));
            oldest = (oldest + 1) % capacity;
        } else {
            position = (oldest + size) % capacity;
            size++;
        }
        int hash = hash(sender, counter);
        senders[position] = sender;
        counters[position] = counter;
        hashes[position] = hash;
        int slot = hash & mask;
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = position + 1;
    }

    private int find(String sender, long counter, int hash) {
        for (int slot = hash & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
            int entry = slots[slot] - 1;
            if (hashes[entry] == hash
                    && counters[entry] == counter
                    && senders[entry].equals(sender)) {
                return slot;
            }
        }
        return -1;
    }

    /// Frees a slot and moves back every later entry of its probe run that may no longer be
    /// found past the gap (the linear-probing deletion that needs no tombstones).
    private void removeSlot(int gap) {
        int next = gap;
        while (true) {
            next = (next + 1) & mask;
            if (slots[next] == 0) {
                break;
            }
            int home = hashes[slots[next] - 1] & mask;
            boolean reachableAcrossGap =
                    gap <= next ? gap < home && home <= next : gap < home || home <= next;
            if (!reachableAcrossGap) {
                slots[gap] = slots[next];
                gap = next;
            }
        }
        slots[gap] = 0;
    }

    private static int hash(String sender, long counter) {
        long mixed = (sender.hashCode() * 0x9E3779B97F4A7C15L) ^ (counter * 0xC2B2AE3D27D4EB4FL);
        mixed ^= mixed >>> 31;
        mixed *= 0xBF58476D1CE4E5B9L;
        return (int) (mixed ^ (mixed >>> 32));
    }
}
