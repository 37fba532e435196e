package confab.crypto;

import confab.crypto.wire.Bytes;
import confab.crypto.wire.KdfParams;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.agreement.srp.SRP6Client;

/// The client side of one SRP-6a handshake (see `Srp`).
///
/// Guarantees: what it sends (`A`, `M1`) reveals neither the password nor its stretched form;
/// the password copy it holds is wiped once `respond` has run, whether it succeeded or not; the
/// host's evidence is checked, so a host that does not hold the verifier is caught. One use
/// only, in order: `respond`, then `verifyServer`. Not thread-safe.
public final class ClientHandshake {
    /// What the client sends in step 2.
    ///
    /// @param clientPublic `A`, padded to the length of `N`
    /// @param clientEvidence `M1`, 32 bytes
    public record Proof(Bytes clientPublic, Bytes clientEvidence) {
        public Proof {
            Objects.requireNonNull(clientPublic, "clientPublic");
            Objects.requireNonNull(clientEvidence, "clientEvidence");
        }
    }

    private enum State {
        NEW,
        RESPONDED,
        DONE
    }

    private final byte[] identity;
    private final char[] password;
    private final Srp.Stretched stretchedPassword;
    private final SRP6Client client = new SRP6Client();
    private State state = State.NEW;

    ClientHandshake(byte[] identity, char[] password) {
        this.identity = identity;
        this.password = password;
        this.stretchedPassword = null;
    }

    ClientHandshake(byte[] identity, Srp.Stretched stretchedPassword) {
        this.identity = identity;
        this.password = null;
        this.stretchedPassword = stretchedPassword;
    }

    /// Step 2: given the host's challenge, returns the client's public value A and evidence M1.
    /// Stretches the password with the host's salt and costs (the slow part), or, for a
    /// handshake made from an `Srp.Stretched`, uses that after checking that the host asked for
    /// the same salt and costs.
    ///
    /// @throws AuthenticationException if the salt or `B` is malformed or out of range, or the
    ///     salt or costs differ from those of the pre-stretched password
    /// @throws IllegalStateException if called twice
    public Proof respond(Bytes salt, KdfParams kdf, Bytes serverPublic)
            throws AuthenticationException {
        if (state != State.NEW) {
            throw new IllegalStateException("respond was already called");
        }
        state = State.DONE;
        byte[] stretched = null;
        try {
            Objects.requireNonNull(kdf, "kdf");
            if (!PasswordStretcher.acceptableSalt(salt)) {
                throw new AuthenticationException("host sent a malformed salt");
            }
            BigInteger b = Srp.groupElement(serverPublic, "host public value");
            stretched =
                    stretchedPassword == null
                            ? PasswordStretcher.stretch(password, salt, kdf)
                            : stretchedPassword.forChallenge(salt, kdf);
            client.init(Srp.GROUP, Srp.digest(), Entropy.random());
            BigInteger a = client.generateClientCredentials(salt.toArray(), identity, stretched);
            client.calculateSecret(b);
            BigInteger m1 = client.calculateClientEvidenceMessage();
            state = State.RESPONDED;
            return new Proof(
                    Srp.encode(a, Srp.GROUP_ELEMENT_LENGTH), Srp.encode(m1, Srp.EVIDENCE_LENGTH));
        } catch (CryptoException e) {
            throw new AuthenticationException("host public value rejected", e);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
            if (stretched != null) {
                Arrays.fill(stretched, (byte) 0);
            }
        }
    }

    /// Step 4: verifies the host's evidence M2 (proves the host holds the verifier).
    ///
    /// @throws AuthenticationException if it does not verify
    /// @throws IllegalStateException unless `respond` succeeded just before
    public void verifyServer(Bytes serverEvidence) throws AuthenticationException {
        if (state != State.RESPONDED) {
            throw new IllegalStateException("verifyServer needs one successful respond first");
        }
        state = State.DONE;
        BigInteger m2 = Srp.evidence(serverEvidence, "host evidence");
        try {
            if (!client.verifyServerEvidenceMessage(m2)) {
                throw new AuthenticationException("host evidence does not verify");
            }
        } catch (CryptoException e) {
            throw new AuthenticationException("host evidence does not verify", e);
        }
    }
}
