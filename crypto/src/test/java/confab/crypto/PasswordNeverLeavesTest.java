package confab.crypto;

import static confab.crypto.TestKeys.FAST;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import confab.crypto.wire.Bytes;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/// What reaches the host (the stored verifier, the client's proof) never contains the password
/// or its stretched form, whole or in part.
class PasswordNeverLeavesTest {
    private static final String LOGIN = "alice";
    private static final String PASSWORD = "a long password – длинный пароль – 長いパスワード";
    private static final byte[] PASSWORD_UTF8 = PASSWORD.getBytes(UTF_8);

    @Test
    void verifierForTheHostHoldsNoPasswordBytes() {
        Srp.Verifier verifier = Srp.createVerifier(LOGIN, PASSWORD.toCharArray(), FAST);
        byte[] stretched =
                PasswordStretcher.stretch(PASSWORD.toCharArray(), verifier.salt(), verifier.kdf());

        for (Bytes sent : List.of(verifier.salt(), verifier.verifier())) {
            assertHoldsNoPieceOf(sent, PASSWORD_UTF8);
            assertHoldsNoPieceOf(sent, stretched);
        }
        assertThat(verifier.toString()).doesNotContain(PASSWORD).doesNotContain("длинный");
    }

    @Test
    void proofForTheHostHoldsNoPasswordBytes() throws Exception {
        Srp.Verifier verifier = Srp.createVerifier(LOGIN, PASSWORD.toCharArray(), FAST);
        ServerHandshake server = Srp.server(LOGIN, verifier.salt(), verifier.verifier());
        ClientHandshake.Proof proof =
                Srp.client(LOGIN, PASSWORD.toCharArray())
                        .respond(verifier.salt(), verifier.kdf(), server.serverPublic());
        byte[] stretched =
                PasswordStretcher.stretch(PASSWORD.toCharArray(), verifier.salt(), verifier.kdf());

        for (Bytes sent : List.of(proof.clientPublic(), proof.clientEvidence())) {
            assertHoldsNoPieceOf(sent, PASSWORD_UTF8);
            assertHoldsNoPieceOf(sent, stretched);
        }
        assertThat(proof.toString()).doesNotContain(PASSWORD);
    }

    @Test
    void checkFindsAPieceWhenOneIsThere() {
        byte[] withPiece = new byte[64];
        System.arraycopy(PASSWORD_UTF8, 10, withPiece, 20, 8);

        assertThat(TestKeys.contains(withPiece, Arrays.copyOfRange(PASSWORD_UTF8, 10, 18)))
                .isTrue();
    }

    /// Neither the whole secret nor any 8-byte run of it (a chance match of 8 given bytes in
    /// these values is about 2^-55).
    private static void assertHoldsNoPieceOf(Bytes sent, byte[] secret) {
        byte[] bytes = sent.toArray();
        assertThat(TestKeys.contains(bytes, secret)).isFalse();
        for (int i = 0; i + 8 <= secret.length; i++) {
            assertThat(TestKeys.contains(bytes, Arrays.copyOfRange(secret, i, i + 8)))
                    .as("8 bytes of the secret at %d", i)
                    .isFalse();
        }
    }
}
