package confab.host.store;

import confab.crypto.wire.Bytes;
import confab.crypto.wire.KdfParams;
import java.util.Objects;

/// A room as the host keeps it: the SRP salt and verifier of the room password and the salt
/// from which clients derive the room key (the key itself never reaches the host).
///
/// @param createdBy login of the account that created the room
/// @param createdAt epoch milliseconds from the engine's clock
/// @param retention most messages kept; older ones are deleted as new ones arrive; 0 keeps all
public record RoomRecord(
        String name,
        Bytes salt,
        Bytes verifier,
        KdfParams kdf,
        Bytes keySalt,
        String createdBy,
        long createdAt,
        int retention) {
    public RoomRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(kdf, "kdf");
        Objects.requireNonNull(keySalt, "keySalt");
        Objects.requireNonNull(createdBy, "createdBy");
        if (retention < 0) {
            throw new IllegalArgumentException("retention must be 0 (unlimited) or more");
        }
    }
}
