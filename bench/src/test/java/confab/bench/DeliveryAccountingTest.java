package confab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/// The generator's bookkeeping, on IRC lines fed straight to the parser (no server): what
/// counts as a delivery, a loss, a duplicate or a mismatch.
class DeliveryAccountingTest {
    private static final int SENDERS = 2;
    private static final int COUNT = 3;

    private final IrcPeer peer =
            new IrcPeer("irc", new InetSocketAddress("127.0.0.1", 1), -1, Integer.MAX_VALUE);
    private final Conn sender0 = new Conn(0, null);
    private final Conn sender1 = new Conn(1, null);
    private final Conn receiver = new Conn(2, null);
    private final Step step;

    DeliveryAccountingTest() {
        sender0.sender = 0;
        sender1.sender = 1;
        peer.conns.addAll(java.util.List.of(sender0, sender1, receiver));
        step = peer.newStep(SENDERS, COUNT);
        long sent = System.nanoTime();
        for (long[] row : step.sentAt) {
            Arrays.fill(row, sent); // as the senders do when they write
        }
    }

    private static byte[] line(int sender, long counter) {
        return line(BenchText.text(sender, counter));
    }

    private static byte[] line(byte[] text) {
        byte[] prefix = ":u0!~u0@127.0.0.1 PRIVMSG #bench :".getBytes(StandardCharsets.US_ASCII);
        byte[] line = Arrays.copyOf(prefix, prefix.length + text.length + 2);
        System.arraycopy(text, 0, line, prefix.length, text.length);
        line[line.length - 2] = '\r';
        line[line.length - 1] = '\n';
        return line;
    }

    private void feed(Conn conn, byte[] bytes) throws Exception {
        assertThat(peer.parse(conn, bytes, 0, bytes.length, System.nanoTime()))
                .isEqualTo(bytes.length);
    }

    /// Every message of the step from both senders, in order, to `conn`.
    private void feedAll(Conn conn) throws Exception {
        for (int s = 0; s < SENDERS; s++) {
            for (int k = 0; k < COUNT; k++) {
                feed(conn, line(s, step.base[s] + k));
            }
        }
    }

    @Test
    void everyMessageToEveryOtherConnectionIsDeliveredWithNothingLost() throws Exception {
        feedAll(receiver);
        for (int k = 0; k < COUNT; k++) {
            feed(sender0, line(1, step.base[1] + k));
            feed(sender1, line(0, step.base[0] + k));
        }

        assertThat(step.expectedDeliveries()).isEqualTo(12);
        assertThat(step.delivered.sum()).isEqualTo(12);
        assertThat(peer.lost(step)).isZero();
        assertThat(step.intervalLatency().getTotalCount()).isEqualTo(12);
    }

    @Test
    void aSkippedMessageIsLost() throws Exception {
        feed(receiver, line(0, step.base[0]));
        feed(receiver, line(0, step.base[0] + 2));

        assertThat(step.delivered.sum()).isEqualTo(2);
        // one skipped from sender 0, three never sent on by sender 1, and the two senders'
        // own connections got nothing
        assertThat(peer.lost(step)).isEqualTo(1 + COUNT + 2L * COUNT);
    }

    @Test
    void aRepeatedMessageIsADuplicateNotADelivery() throws Exception {
        feed(receiver, line(0, step.base[0]));
        feed(receiver, line(0, step.base[0]));

        assertThat(step.delivered.sum()).isEqualTo(1);
        assertThat(step.duplicates.sum()).isEqualTo(1);
    }

    @Test
    void alteredTextIsAMismatchAndStaysLost() throws Exception {
        byte[] text = BenchText.text(0, step.base[0]);
        text[text.length - 1] ^= 1;
        feed(receiver, line(text));

        assertThat(step.mismatched.sum()).isEqualTo(1);
        assertThat(step.delivered.sum()).isZero();
    }

    @Test
    void aLineCutInTwoIsLeftForTheNextRead() throws Exception {
        byte[] whole = line(1, step.base[1]);
        int cut = whole.length / 2;

        int used = peer.parse(receiver, whole, 0, cut, System.nanoTime());

        assertThat(used).isZero();
        assertThat(peer.parse(receiver, whole, 0, whole.length, System.nanoTime()))
                .isEqualTo(whole.length);
        assertThat(step.delivered.sum()).isEqualTo(1);
    }

    @Test
    void aMessageFromAnEarlierStepIsStrayNotDelivered() throws Exception {
        feed(receiver, line(0, step.base[0] - 1));

        assertThat(step.stray.sum()).isEqualTo(1);
        assertThat(step.delivered.sum()).isZero();
    }
}
