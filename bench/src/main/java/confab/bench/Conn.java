package confab.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/// One client connection of the generator. After its setup (login and join, blocking) it is
/// non-blocking and read by one `Readers` thread only; writes (posts, pongs) take the lock.
final class Conn {
    /// Longest a write may wait for the peer to take bytes before the step gives up.
    private static final long WRITE_STALL_NANOS = 30_000_000_000L;

    final int index;
    final SocketChannel channel;
    final ReentrantLock writeLock = new ReentrantLock();

    /// Sender number, or -1 for a receiver.
    int sender = -1;

    /// Bytes of an unfinished frame or line left over from the last read.
    byte[] pending;

    /// Next counter expected from each sender in the current step; read thread only.
    long[] next;

    /// Deliveries found missing (a later one arrived first); read thread only.
    long gaps;

    volatile boolean closedByPeer;

    /// The generator stopped reading this connection (the stalled member of a stall step).
    volatile boolean stalled;

    /// Whether it joined the room (an IRC client may only register, see `IrcPeer`).
    boolean inRoom = true;

    /// Its key in a `Readers` selector, once registered.
    volatile java.nio.channels.SelectionKey key;

    Conn(int index, SocketChannel channel) {
        this.index = index;
        this.channel = channel;
    }

    /// Writes every buffer fully on the non-blocking channel, parking briefly while the
    /// socket is full (the peer's backpressure).
    void writeFully(ByteBuffer[] buffers, int count) throws IOException {
        writeLock.lock();
        try {
            long left = 0;
            for (int i = 0; i < count; i++) {
                left += buffers[i].remaining();
            }
            long stalledSince = 0;
            long backoff = 20_000;
            while (left > 0) {
                long n = channel.write(buffers, 0, count);
                left -= n;
                if (n == 0) {
                    long now = System.nanoTime();
                    if (stalledSince == 0) {
                        stalledSince = now;
                    } else if (now - stalledSince > WRITE_STALL_NANOS) {
                        throw new IOException("peer took nothing for 30 s");
                    }
                    // back off up to 2 ms: ten senders retrying every 50 us would starve the
                    // generator's reader of CPU, and the server would see slow readers
                    LockSupport.parkNanos(backoff);
                    backoff = Math.min(2_000_000, backoff * 2);
                } else {
                    stalledSince = 0;
                    backoff = 20_000;
                }
            }
        } finally {
            writeLock.unlock();
        }
    }

    void writeFully(byte[] bytes) throws IOException {
        writeFully(new ByteBuffer[] {ByteBuffer.wrap(bytes)}, 1);
    }
}
