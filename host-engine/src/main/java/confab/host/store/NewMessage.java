package confab.host.store;

import confab.crypto.wire.Bytes;
import java.util.Objects;

/// One post to append; `seq` is assigned by the caller (the room thread owns the counter).
///
/// @param seq the room sequence number, 1 or more (0 means "nothing stored" to
///     [HostStore#latestSeq])
/// @param counter the sender's own message counter, as sealed by the sender
/// @param sealed the ciphertext, stored as it arrived
/// @param storedAt epoch milliseconds from the engine's clock
public record NewMessage(long seq, String sender, long counter, Bytes sealed, long storedAt) {
    public NewMessage {
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be 1 or more: " + seq);
        }
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(sealed, "sealed");
    }
}
