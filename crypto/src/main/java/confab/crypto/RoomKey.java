package confab.crypto;

import confab.crypto.wire.Bytes;
import confab.crypto.wire.KdfParams;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/// The room key: Argon2id(room password, room key salt), derived on clients only. Opaque.
///
/// Guarantees: it never leaves the process through this API (no getter, no `equals`, a
/// `toString` that shows nothing); the only way to the key material is the package-private
/// `exposeSecretKey`, used to derive the per-sender keys. The Argon2id run carries a fixed
/// context string, so the room key differs from the stretched password that room access (SRP)
/// uses even if both were ever given the same salt.
public final class RoomKey {
    private static final byte[] CONTEXT = "confab/room-key/v1".getBytes(StandardCharsets.US_ASCII);

    private final SecretKey key;

    private RoomKey(SecretKey key) {
        this.key = key;
    }

    /// 16 fresh random bytes, made once when the room is created and stored on the host.
    public static Bytes newSalt() {
        return PasswordStretcher.newSalt();
    }

    /// The key of the room whose password is `roomPassword`. Slow by design (Argon2id with
    /// `kdf`). A wrong password gives a key that opens nothing.
    ///
    /// @throws IllegalArgumentException if the salt is shorter than 16 or longer than 64 bytes
    public static RoomKey derive(char[] roomPassword, Bytes keySalt, KdfParams kdf) {
        byte[] raw = PasswordStretcher.stretch(roomPassword, keySalt, kdf, CONTEXT);
        try {
            return new RoomKey(new SecretKeySpec(raw, "HKDF-IKM"));
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /// The key material, for HKDF only. The one way in to the raw key: keep it that way.
    SecretKey exposeSecretKey() {
        return key;
    }

    @Override
    public String toString() {
        return "RoomKey[hidden]";
    }
}
