package confab.host.store;

import confab.crypto.wire.Bytes;
import java.util.Objects;

/// A message as read back from the history of `room`.
public record StoredMessage(
        String room, long seq, String sender, long counter, Bytes sealed, long storedAt) {
    public StoredMessage {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(sealed, "sealed");
    }
}
