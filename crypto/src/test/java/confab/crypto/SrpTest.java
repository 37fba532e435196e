package confab.crypto;

import static confab.crypto.TestKeys.FAST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertThrows;

import confab.crypto.wire.Bytes;
import confab.crypto.wire.KdfParams;
import java.math.BigInteger;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;

class SrpTest {
    private static final String LOGIN = "alice";
    private static final String PASSWORD = "correct horse battery staple";
    private static final Srp.Verifier STORED =
            Srp.createVerifier(LOGIN, PASSWORD.toCharArray(), FAST);

    private static ServerHandshake server() {
        return Srp.server(LOGIN, STORED.salt(), STORED.verifier());
    }

    private static ClientHandshake.Proof respond(ClientHandshake client, ServerHandshake server)
            throws AuthenticationException {
        return client.respond(STORED.salt(), STORED.kdf(), server.serverPublic());
    }

    @Test
    void rightPasswordAuthenticatesBothSides() throws Exception {
        ServerHandshake server = server();
        ClientHandshake client = Srp.client(LOGIN, PASSWORD.toCharArray());
        ClientHandshake.Proof proof = respond(client, server);

        Bytes serverEvidence = server.verify(proof.clientPublic(), proof.clientEvidence());

        assertThatCode(() -> client.verifyServer(serverEvidence)).doesNotThrowAnyException();
    }

    @Test
    void defaultCostsAuthenticate() throws Exception {
        Srp.Verifier stored = Srp.createVerifier(LOGIN, PASSWORD.toCharArray(), KdfParams.DEFAULT);
        ServerHandshake server = Srp.server(LOGIN, stored.salt(), stored.verifier());
        ClientHandshake client = Srp.client(LOGIN, PASSWORD.toCharArray());
        ClientHandshake.Proof proof =
                client.respond(stored.salt(), stored.kdf(), server.serverPublic());

        client.verifyServer(server.verify(proof.clientPublic(), proof.clientEvidence()));

        assertThat(stored.kdf()).isEqualTo(KdfParams.DEFAULT);
    }

    @Test
    void wrongPasswordFailsAtTheServer() throws Exception {
        ServerHandshake server = server();
        ClientHandshake.Proof proof =
                respond(Srp.client(LOGIN, "correct horse battery stapler".toCharArray()), server);

        assertThrows(
                AuthenticationException.class,
                () -> server.verify(proof.clientPublic(), proof.clientEvidence()));
    }

    @Test
    void wrongIdentityFailsAtTheServer() throws Exception {
        ServerHandshake server = server();
        ClientHandshake.Proof proof = respond(Srp.client("bob", PASSWORD.toCharArray()), server);

        assertThrows(
                AuthenticationException.class,
                () -> server.verify(proof.clientPublic(), proof.clientEvidence()));
    }

    @Test
    void recordedTranscriptReplayedToANewHandshakeFails() throws Exception {
        ServerHandshake first = server();
        ClientHandshake.Proof recorded = respond(Srp.client(LOGIN, PASSWORD.toCharArray()), first);
        first.verify(recorded.clientPublic(), recorded.clientEvidence());

        ServerHandshake second = server();

        assertThat(second.serverPublic()).isNotEqualTo(first.serverPublic());
        assertThrows(
                AuthenticationException.class,
                () -> second.verify(recorded.clientPublic(), recorded.clientEvidence()));
    }

    @Test
    void serverHandshakeCannotBeUsedTwice() throws Exception {
        ServerHandshake server = server();
        ClientHandshake.Proof proof = respond(Srp.client(LOGIN, PASSWORD.toCharArray()), server);
        server.verify(proof.clientPublic(), proof.clientEvidence());

        assertThrows(
                IllegalStateException.class,
                () -> server.verify(proof.clientPublic(), proof.clientEvidence()));
    }

    @Test
    void serverHandshakeCannotBeRetriedAfterAWrongPassword() throws Exception {
        ServerHandshake server = server();
        ClientHandshake.Proof wrong = respond(Srp.client(LOGIN, "guess".toCharArray()), server);
        assertThrows(
                AuthenticationException.class,
                () -> server.verify(wrong.clientPublic(), wrong.clientEvidence()));
        ClientHandshake.Proof right = respond(Srp.client(LOGIN, PASSWORD.toCharArray()), server);

        assertThrows(
                IllegalStateException.class,
                () -> server.verify(right.clientPublic(), right.clientEvidence()));
    }

    @Test
    void clientPublicValueZeroIsRejected() {
        assertThrows(
                AuthenticationException.class,
                () -> server().verify(groupElement(BigInteger.ZERO), Bytes.of(new byte[32])));
    }

    @Test
    void clientPublicValueEqualToTheModulusIsRejected() {
        assertThrows(
                AuthenticationException.class,
                () -> server().verify(groupElement(Srp.GROUP.getN()), Bytes.of(new byte[32])));
    }

    @Test
    void clientPublicValueOfTheWrongLengthIsRejected() {
        assertThrows(
                AuthenticationException.class,
                () -> server().verify(Bytes.of(new byte[] {1}), Bytes.of(new byte[32])));
    }

    @Test
    void serverPublicValueZeroIsRejectedByTheClient() {
        ClientHandshake client = Srp.client(LOGIN, PASSWORD.toCharArray());

        assertThrows(
                AuthenticationException.class,
                () -> client.respond(STORED.salt(), FAST, groupElement(BigInteger.ZERO)));
    }

    @Test
    void malformedSaltIsRejectedByTheClient() {
        ClientHandshake client = Srp.client(LOGIN, PASSWORD.toCharArray());

        assertThrows(
                AuthenticationException.class,
                () -> client.respond(Bytes.of(new byte[4]), FAST, server().serverPublic()));
    }

    @Test
    void clientRejectsEvidenceFromAnotherHandshake() throws Exception {
        ServerHandshake earlier = server();
        ClientHandshake.Proof earlierProof =
                respond(Srp.client(LOGIN, PASSWORD.toCharArray()), earlier);
        Bytes recordedEvidence =
                earlier.verify(earlierProof.clientPublic(), earlierProof.clientEvidence());
        ClientHandshake client = Srp.client(LOGIN, PASSWORD.toCharArray());
        respond(client, server());

        assertThrows(AuthenticationException.class, () -> client.verifyServer(recordedEvidence));
    }

    @Test
    void clientRejectsHostWithoutTheRightVerifier() throws Exception {
        Srp.Verifier forged =
                Srp.createVerifier(LOGIN, "what the host guessed".toCharArray(), FAST);
        ServerHandshake impostor = Srp.server(LOGIN, forged.salt(), forged.verifier());
        ClientHandshake client = Srp.client(LOGIN, PASSWORD.toCharArray());
        client.respond(forged.salt(), forged.kdf(), impostor.serverPublic());

        assertThrows(
                AuthenticationException.class, () -> client.verifyServer(Bytes.of(new byte[32])));
    }

    @Test
    void clientCannotVerifyTheHostAfterAFailedRespond() {
        ClientHandshake client = Srp.client(LOGIN, PASSWORD.toCharArray());
        assertThrows(
                AuthenticationException.class,
                () -> client.respond(STORED.salt(), FAST, groupElement(BigInteger.ZERO)));

        assertThrows(
                IllegalStateException.class, () -> client.verifyServer(Bytes.of(new byte[32])));
    }

    @Test
    void clientCannotRespondTwice() throws Exception {
        ClientHandshake client = Srp.client(LOGIN, PASSWORD.toCharArray());
        respond(client, server());

        assertThrows(IllegalStateException.class, () -> respond(client, server()));
    }

    @Test
    void eachVerifierHasItsOwnRandomSalt() {
        Srp.Verifier again = Srp.createVerifier(LOGIN, PASSWORD.toCharArray(), FAST);

        assertThat(again.salt()).isNotEqualTo(STORED.salt());
        assertThat(again.verifier()).isNotEqualTo(STORED.verifier());
    }

    @Test
    void verifierIsAGroupElementUnlikeThePassword() {
        assertThat(STORED.salt().size()).isEqualTo(16);
        assertThat(STORED.verifier().size()).isEqualTo(256);
        assertThat(STORED.verifier().toArray())
                .isNotEqualTo(
                        BigIntegers.asUnsignedByteArray(
                                256, new BigInteger(1, PASSWORD.getBytes())));
    }

    @Test
    void malformedVerifierIsRefusedByTheHost() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Srp.server(LOGIN, STORED.salt(), Bytes.of(new byte[256])));
    }

    private static Bytes groupElement(BigInteger value) {
        return Bytes.of(BigIntegers.asUnsignedByteArray(256, value));
    }
}
