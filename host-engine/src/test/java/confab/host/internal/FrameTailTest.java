package confab.host.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameTailTest {
    /// A stand-in frame for message `seq`: `length` bytes, all `seq`'s low byte.
    private static byte[] frame(long seq, int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) seq);
        return bytes;
    }

    private static List<byte[]> frames(long from, long to, int length) {
        List<byte[]> frames = new ArrayList<>();
        for (long seq = from; seq <= to; seq++) {
            frames.add(frame(seq, length));
        }
        return frames;
    }

    private static byte[] concat(List<byte[]> frames) {
        int bytes = frames.stream().mapToInt(f -> f.length).sum();
        ByteBuffer all = ByteBuffer.allocate(bytes);
        frames.forEach(all::put);
        return all.array();
    }

    private static byte[] bytesOf(ByteBuffer view) {
        byte[] bytes = new byte[view.remaining()];
        view.duplicate().get(bytes);
        return bytes;
    }

    @Test
    void aMemberBehindGetsEveryLaterBatchInOneView() {
        FrameTail tail = new FrameTail(10);
        tail.append(frames(11, 12, 100), 10);
        tail.append(frames(13, 15, 50), 10);

        assertThat(tail.last()).isEqualTo(15);
        List<byte[]> both = new ArrayList<>(frames(11, 12, 100));
        both.addAll(frames(13, 15, 50));
        assertThat(bytesOf(tail.after(10))).isEqualTo(concat(both));
        assertThat(bytesOf(tail.after(12))).isEqualTo(concat(frames(13, 15, 50)));
        assertThat(bytesOf(tail.after(14))).isEqualTo(frame(15, 50));
    }

    @Test
    void aMemberThatHasEverythingGetsNothing() {
        FrameTail tail = new FrameTail(0);
        assertThat(tail.after(0)).isNull();
        tail.append(frames(1, 3, 10), 0);

        assertThat(tail.after(3)).isNull();
    }

    @Test
    void onceEveryoneHasEverythingTheNextBatchStartsAtTheFront() {
        FrameTail tail = new FrameTail(0);
        tail.append(frames(1, 5, 1000), 0);
        tail.append(frames(6, 6, 1000), 5);

        assertThat(tail.bytes()).isEqualTo(1000);
        assertThat(bytesOf(tail.after(5))).isEqualTo(frame(6, 1000));
    }

    @Test
    void aHeldBufferNeverChangesUnderItsView() {
        FrameTail tail = new FrameTail(0);
        tail.append(frames(1, 2, 1000), 0);
        ByteBuffer queued = tail.after(0).duplicate(); // what a member's queue keeps
        byte[] before = bytesOf(queued);
        tail.held();

        // everyone has 1..2 now; enough more to overflow the first buffer several times
        tail.append(frames(3, 3, 1000), 2);
        for (long seq = 4; seq <= 100; seq++) {
            tail.append(frames(seq, seq, 1000), seq - 1);
        }

        assertThat(bytesOf(queued)).isEqualTo(before);
        assertThat(bytesOf(tail.after(99))).isEqualTo(frame(100, 1000));
    }

    @Test
    void makingRoomKeepsWhatTheSlowestMemberStillNeeds() {
        FrameTail tail = new FrameTail(0);
        int size = 1000;
        int count = 3 * FrameTail.MIN_BYTES / size; // beyond the first buffer
        for (long seq = 1; seq <= count; seq++) {
            // the slowest member was last sent message 5: everything after it must stay
            tail.append(frames(seq, seq, size), Math.min(seq - 1, 5));
        }

        assertThat(bytesOf(tail.after(5))).isEqualTo(concat(frames(6, count, size)));
    }

    @Test
    void framesEveryoneHadCannotBeAskedFor() {
        FrameTail tail = new FrameTail(0);
        for (long seq = 1; seq <= 40; seq++) {
            tail.append(frames(seq, seq, 1000), seq - 1);
        }

        assertThatThrownBy(() -> tail.after(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOldestNeededOutsideWhatIsHeldIsRefused() {
        FrameTail tail = new FrameTail(5);
        tail.append(frames(6, 7, 10), 5);

        assertThatThrownBy(() -> tail.append(frames(8, 8, 10), 4))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tail.append(frames(8, 8, 10), 8))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
