package confab.crypto.wire;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/// An immutable byte string: salts, SRP values and ciphertext on the wire.
///
/// Travels as standard Base64 in JSON. Value equality (constant time), defensive copies in and
/// out, and a `toString` that shows only the length, so a log line never leaks the contents.
public final class Bytes {
    private static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] value;

    private Bytes(byte[] value) {
        this.value = value;
    }

    /// A copy of `value`.
    public static Bytes of(byte[] value) {
        return value.length == 0 ? EMPTY : new Bytes(value.clone());
    }

    /// `value` itself, which the caller gives up: for bytes the codec has just read.
    static Bytes wrap(byte[] value) {
        return value.length == 0 ? EMPTY : new Bytes(value);
    }

    /// Decodes standard Base64; throws `IllegalArgumentException` on anything else.
    public static Bytes fromBase64(String base64) {
        return of(Base64.getDecoder().decode(base64));
    }

    public String toBase64() {
        return Base64.getEncoder().encodeToString(value);
    }

    /// A copy of the bytes.
    public byte[] toArray() {
        return value.clone();
    }

    /// Puts the bytes into `out`.
    void copyTo(java.nio.ByteBuffer out) {
        out.put(value);
    }

    public int size() {
        return value.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bytes that && MessageDigest.isEqual(value, that.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Bytes[" + value.length + "]";
    }
}
