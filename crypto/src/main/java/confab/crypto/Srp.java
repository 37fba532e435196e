package confab.crypto;

import confab.crypto.wire.Bytes;
import confab.crypto.wire.KdfParams;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.agreement.srp.SRP6StandardGroups;
import org.bouncycastle.crypto.agreement.srp.SRP6VerifierGenerator;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.SRP6GroupParameters;
import org.bouncycastle.util.BigIntegers;

/// SRP-6a (RFC 5054 2048-bit group, SHA-256) over the Argon2id-stretched password. Used for
/// user login (identity = login) and for room access (identity = room name).
///
/// Guarantees:
/// - The host stores only a random salt, the verifier `v = g^x mod N` and the Argon2id costs;
///   the password and its stretched form never leave the client.
/// - A client proves it knows the password, and the host proves it holds the verifier, without
///   either sending anything a passive eavesdropper could test password guesses against.
/// - Each handshake uses fresh random secrets on both sides, so a recorded exchange does not
///   authenticate again, and each `ServerHandshake` takes one attempt only.
/// - An impersonated host learns at most whether one password guess was right per handshake.
///
/// The flow (steps 1 and 3 on the host, 2 and 4 on the client):
/// ```
/// client                                          host
///   hello(identity)                   ------>      Srp.server(identity, salt, verifier)
///                                     <------      salt, kdf, B = serverPublic()
///   respond(salt, kdf, B) -> A, M1    ------>      verify(A, M1) -> M2
///   verifyServer(M2)                  <------
/// ```
/// Anyone who has the verifier can still run an offline dictionary attack against it; Argon2id
/// makes every guess cost the `KdfParams` in memory and time.
public final class Srp {
    static final SRP6GroupParameters GROUP = SRP6StandardGroups.rfc5054_2048;

    /// Length of `A`, `B` and verifiers on the wire: the byte length of the group's prime.
    static final int GROUP_ELEMENT_LENGTH = (GROUP.getN().bitLength() + 7) / 8;

    /// Length of the evidence values `M1` and `M2`: one SHA-256 output.
    static final int EVIDENCE_LENGTH = 32;

    private Srp() {}

    /// What the host keeps for one identity.
    ///
    /// @param salt random salt of both Argon2id and SRP's `x`
    /// @param verifier `g^x mod N`, big-endian, padded to the length of `N`
    /// @param kdf the Argon2id costs the password was stretched with
    public record Verifier(Bytes salt, Bytes verifier, KdfParams kdf) {
        public Verifier {
            Objects.requireNonNull(salt, "salt");
            Objects.requireNonNull(verifier, "verifier");
            Objects.requireNonNull(kdf, "kdf");
        }
    }

    /// A verifier for `identity` and `password` under a new random salt. Runs on the client
    /// (sign-up, room creation, password change), which sends the result to the host.
    public static Verifier createVerifier(String identity, char[] password, KdfParams kdf) {
        byte[] id = identityBytes(identity);
        Bytes salt = PasswordStretcher.newSalt();
        byte[] stretched = PasswordStretcher.stretch(password, salt, kdf);
        try {
            SRP6VerifierGenerator generator = new SRP6VerifierGenerator();
            generator.init(GROUP, digest());
            BigInteger v = generator.generateVerifier(salt.toArray(), id, stretched);
            return new Verifier(salt, encode(v, GROUP_ELEMENT_LENGTH), kdf);
        } finally {
            Arrays.fill(stretched, (byte) 0);
        }
    }

    /// The client side of one handshake. Keeps a copy of `password` until
    /// `ClientHandshake.respond` stretches and wipes it; the caller still wipes its own array.
    public static ClientHandshake client(String identity, char[] password) {
        return new ClientHandshake(identityBytes(identity), password.clone());
    }

    /// The client side of one handshake with a password stretched earlier (see `stretch`): no
    /// Argon2id run. The handshake fails unless the host's challenge carries the same salt and
    /// costs.
    public static ClientHandshake client(String identity, Stretched password) {
        Objects.requireNonNull(password, "password");
        return new ClientHandshake(identityBytes(identity), password);
    }

    /// Stretches `password` once for `salt` and `kdf` (those of a challenge the host sent), so
    /// that a client that runs many handshakes for one account pays Argon2id once, e.g. a load
    /// generator opening thousands of connections. The caller still wipes its own array.
    ///
    /// @throws IllegalArgumentException if the salt is shorter than 16 or longer than 64 bytes
    public static Stretched stretch(char[] password, Bytes salt, KdfParams kdf) {
        return new Stretched(PasswordStretcher.stretch(password, salt, kdf), salt, kdf);
    }

    /// A password stretched for one salt and one set of costs. It is as good as the password
    /// to whoever holds it (for that account), so it stays in the process: it has no getter,
    /// and `toString` shows nothing. Immutable; each handshake works on its own copy.
    public static final class Stretched {
        private final byte[] secret;
        private final Bytes salt;
        private final KdfParams kdf;

        private Stretched(byte[] secret, Bytes salt, KdfParams kdf) {
            this.secret = secret;
            this.salt = salt;
            this.kdf = kdf;
        }

        /// A copy of the secret if the challenge asks for the salt and costs it was made with.
        byte[] forChallenge(Bytes challengeSalt, KdfParams challengeKdf)
                throws AuthenticationException {
            if (!salt.equals(challengeSalt) || !kdf.equals(challengeKdf)) {
                throw new AuthenticationException(
                        "the host asked for another salt or other costs than the password was"
                                + " stretched with");
            }
            return secret.clone();
        }

        @Override
        public String toString() {
            return "Stretched[hidden]";
        }
    }

    /// The host side of one handshake, with a fresh `B`. `identity` and `salt` are those the
    /// verifier was made with (both are already folded into it; they are checked here so that
    /// a host cannot mix up accounts silently).
    ///
    /// @throws IllegalArgumentException if the salt or the verifier is malformed
    public static ServerHandshake server(String identity, Bytes salt, Bytes verifier) {
        identityBytes(identity);
        if (!PasswordStretcher.acceptableSalt(salt)) {
            throw new IllegalArgumentException("malformed salt");
        }
        BigInteger v;
        try {
            v = groupElement(verifier, "verifier");
        } catch (AuthenticationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return new ServerHandshake(v);
    }

    static Digest digest() {
        return new SHA256Digest();
    }

    static byte[] identityBytes(String identity) {
        if (identity == null || identity.isEmpty()) {
            throw new IllegalArgumentException("identity is empty");
        }
        return identity.getBytes(StandardCharsets.UTF_8);
    }

    static Bytes encode(BigInteger value, int length) {
        return Bytes.of(BigIntegers.asUnsignedByteArray(length, value));
    }

    /// `value` as a number in `[1, N-1]` (so neither 0 nor a multiple of N).
    static BigInteger groupElement(Bytes value, String what) throws AuthenticationException {
        if (value == null || value.size() != GROUP_ELEMENT_LENGTH) {
            throw new AuthenticationException(what + " has the wrong length");
        }
        BigInteger number = new BigInteger(1, value.toArray());
        if (number.signum() == 0 || number.compareTo(GROUP.getN()) >= 0) {
            throw new AuthenticationException(what + " is out of range");
        }
        return number;
    }

    static BigInteger evidence(Bytes value, String what) throws AuthenticationException {
        if (value == null || value.size() != EVIDENCE_LENGTH) {
            throw new AuthenticationException(what + " has the wrong length");
        }
        return new BigInteger(1, value.toArray());
    }
}
