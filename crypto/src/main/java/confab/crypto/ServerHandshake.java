package confab.crypto;

import confab.crypto.wire.Bytes;
import java.math.BigInteger;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.agreement.srp.SRP6Server;

/// The host side of one SRP-6a handshake (see `Srp`).
///
/// Guarantees: `B` is fresh for every handshake, so a recorded `(A, M1)` from an earlier login
/// does not verify; `A` values that would fix the shared secret (0 or a multiple of `N`) are
/// refused; one handshake takes exactly one attempt, so each guess needs a new `B`. Not
/// thread-safe.
public final class ServerHandshake {
    private final SRP6Server server = new SRP6Server();
    private final Bytes serverPublic;
    private boolean used;

    ServerHandshake(BigInteger verifier) {
        server.init(Srp.GROUP, verifier, Srp.digest(), Entropy.random());
        serverPublic = Srp.encode(server.generateServerCredentials(), Srp.GROUP_ELEMENT_LENGTH);
    }

    /// `B`, generated at construction, padded to the length of `N`.
    public Bytes serverPublic() {
        return serverPublic;
    }

    /// Step 3: verifies A and M1; returns the host's evidence M2. One use only: a second call
    /// throws, even after a failed first one.
    ///
    /// @throws AuthenticationException if `A` is malformed or out of range, or `M1` does not
    ///     verify (a wrong password)
    /// @throws IllegalStateException on a second call
    public Bytes verify(Bytes clientPublic, Bytes clientEvidence) throws AuthenticationException {
        if (used) {
            throw new IllegalStateException("a server handshake takes one attempt only");
        }
        used = true;
        BigInteger a = Srp.groupElement(clientPublic, "client public value");
        BigInteger m1 = Srp.evidence(clientEvidence, "client evidence");
        try {
            server.calculateSecret(a);
            if (!server.verifyClientEvidenceMessage(m1)) {
                throw new AuthenticationException("wrong password");
            }
            return Srp.encode(server.calculateServerEvidenceMessage(), Srp.EVIDENCE_LENGTH);
        } catch (CryptoException e) {
            throw new AuthenticationException("client values rejected", e);
        }
    }
}
