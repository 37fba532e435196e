package confab.host.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/// The encoded frames of a room's latest stored messages, one after the other in one direct
/// buffer, so that a live member gets everything after the last message it was sent in one
/// write, however many batches were stored meanwhile. Room thread only.
///
/// Frames are only ever appended while a member's queue may hold a view of them (see
/// {@link #held}), so a view never sees its bytes change; the space is reused only when nobody
/// holds the buffer, and a new buffer is taken otherwise. The socket write reads straight from
/// the direct buffer (a heap array would first be copied into a temporary direct buffer by the
/// JDK, once per member).
final class FrameTail {
    static final int MIN_BYTES = 16 * 1024;

    private ByteBuffer buffer = ByteBuffer.allocateDirect(MIN_BYTES);
    private ByteBuffer shared = buffer.asReadOnlyBuffer();
    private long base;
    private int[] ends = new int[64];
    private int count;
    private boolean held;

    /// @param seq the room's latest stored message: frames appended next start after it
    FrameTail(long seq) {
        this.base = seq;
    }

    /// Seq of the last frame held (or the one before the first to come).
    long last() {
        return base + count;
    }

    /// Appends the frames of the messages `last() + 1` onwards. `oldestNeeded` is the lowest
    /// seq a member was last sent: frames up to it may be dropped to make room.
    void append(List<byte[]> frames, long oldestNeeded) {
        if (oldestNeeded < base || oldestNeeded > last()) {
            throw new IllegalArgumentException(
                    "seq " + oldestNeeded + " outside " + base + ".." + last());
        }
        int bytes = 0;
        for (byte[] frame : frames) {
            bytes += frame.length;
        }
        if (oldestNeeded == last() && !held) {
            count = 0; // everybody has everything: start over at the front
            base = oldestNeeded;
        }
        if (end() + bytes > buffer.capacity()) {
            makeRoom(bytes, oldestNeeded);
        }
        if (count + frames.size() > ends.length) {
            ends = Arrays.copyOf(ends, Math.max(ends.length * 2, count + frames.size()));
        }
        int end = end();
        for (byte[] frame : frames) {
            buffer.put(end, frame);
            end += frame.length;
            ends[count++] = end;
        }
    }

    /// The frames after `sentUpTo`, as a read-only view whose position and limit enclose
    /// them (the same view object every time: use it before the next call), or `null` if
    /// there are none.
    ByteBuffer after(long sentUpTo) {
        if (sentUpTo >= last()) {
            return null;
        }
        if (sentUpTo < base) {
            throw new IllegalArgumentException("seq " + sentUpTo + " is no longer held");
        }
        int from = sentUpTo == base ? 0 : ends[(int) (sentUpTo - base - 1)];
        shared.limit(end()).position(from);
        return shared;
    }

    /// A member's queue kept a view of the buffer: its bytes must not change from now on.
    void held() {
        held = true;
    }

    /// Bytes of frames held, for tests.
    int bytes() {
        return end();
    }

    private int end() {
        return count == 0 ? 0 : ends[count - 1];
    }

    /// Drops the frames up to `oldestNeeded` and makes room for `bytes` more: in place when
    /// nobody holds the buffer and it is large enough, else in a new one.
    private void makeRoom(int bytes, long oldestNeeded) {
        int dropped = (int) (oldestNeeded - base);
        int from = dropped == 0 ? 0 : ends[dropped - 1];
        int kept = end() - from;
        ByteBuffer keep = buffer.duplicate().limit(end()).position(from);
        if (held || kept + bytes > buffer.capacity()) {
            buffer = ByteBuffer.allocateDirect(Math.max(MIN_BYTES, 2 * (kept + bytes)));
            buffer.put(keep);
            shared = buffer.asReadOnlyBuffer();
            held = false;
        } else {
            keep.compact(); // moves the kept frames to the front, overlapping safely
        }
        count -= dropped;
        for (int i = 0; i < count; i++) {
            ends[i] = ends[i + dropped] - from;
        }
        base = oldestNeeded;
    }
}
