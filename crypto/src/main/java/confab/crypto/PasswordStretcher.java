package confab.crypto;

import confab.crypto.wire.Bytes;
import confab.crypto.wire.KdfParams;
import java.util.Arrays;
import java.util.Objects;

/// Argon2id password stretching: turns a password into 32 bytes that cost `params` (memory and
/// time) to compute, so that every guess an attacker makes against a salt, an SRP verifier or a
/// ciphertext costs the same.
///
/// Guarantees: Argon2id version 1.3 (RFC 9106) with the given salt and costs; the password is
/// NFC-normalized and encoded as UTF-8 first, and its bytes are wiped after use. The caller owns
/// (and wipes) both the `char[]` it passes in and the result.
public final class PasswordStretcher {
    /// Length of the salts made here.
    public static final int SALT_LENGTH = 16;

    /// Longest salt accepted (a hostile peer cannot make us hash megabytes of salt).
    public static final int MAX_SALT_LENGTH = 64;

    private PasswordStretcher() {}

    /// 16 fresh random bytes.
    public static Bytes newSalt() {
        return Bytes.of(Entropy.bytes(SALT_LENGTH));
    }

    /// The 32-byte Argon2id tag of `password`. The caller wipes it (`Arrays.fill`).
    ///
    /// @throws IllegalArgumentException if the salt is shorter than 16 or longer than 64 bytes,
    ///     or the password holds an unpaired surrogate
    public static byte[] stretch(char[] password, Bytes salt, KdfParams params) {
        return stretch(password, salt, params, new byte[0]);
    }

    /// The same with a fixed context string (Argon2's associated data), so that two uses of one
    /// password and salt never yield the same bytes.
    static byte[] stretch(char[] password, Bytes salt, KdfParams params, byte[] context) {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(params, "params");
        if (!acceptableSalt(salt)) {
            throw new IllegalArgumentException(
                    "salt must be " + SALT_LENGTH + " to " + MAX_SALT_LENGTH + " bytes");
        }
        byte[] passwordBytes = Encoding.passwordBytes(password);
        try {
            return Argon2id.derive(passwordBytes, salt.toArray(), params, context);
        } finally {
            Arrays.fill(passwordBytes, (byte) 0);
        }
    }

    static boolean acceptableSalt(Bytes salt) {
        return salt != null && salt.size() >= SALT_LENGTH && salt.size() <= MAX_SALT_LENGTH;
    }
}
