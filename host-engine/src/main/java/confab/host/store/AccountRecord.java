package confab.host.store;

import confab.crypto.wire.Bytes;
import confab.crypto.wire.KdfParams;
import java.util.Objects;

/// A user account as the host keeps it: SRP salt and verifier, never a password.
///
/// @param createdAt epoch milliseconds from the engine's clock
public record AccountRecord(
        String login, Bytes salt, Bytes verifier, KdfParams kdf, long createdAt) {
    public AccountRecord {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(kdf, "kdf");
    }
}
