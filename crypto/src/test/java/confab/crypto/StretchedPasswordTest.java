package confab.crypto;

import static confab.crypto.TestKeys.FAST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertThrows;

import confab.crypto.wire.KdfParams;
import org.junit.jupiter.api.Test;

class StretchedPasswordTest {
    private static final String LOGIN = "bench-user";
    private static final String PASSWORD = "load generator password";
    private static final Srp.Verifier STORED =
            Srp.createVerifier(LOGIN, PASSWORD.toCharArray(), FAST);

    private static ServerHandshake server() {
        return Srp.server(LOGIN, STORED.salt(), STORED.verifier());
    }

    @Test
    void preStretchedPasswordAuthenticatesBothSides() throws Exception {
        Srp.Stretched stretched = Srp.stretch(PASSWORD.toCharArray(), STORED.salt(), FAST);
        ServerHandshake server = server();
        ClientHandshake client = Srp.client(LOGIN, stretched);
        ClientHandshake.Proof proof =
                client.respond(STORED.salt(), STORED.kdf(), server.serverPublic());

        var serverEvidence = server.verify(proof.clientPublic(), proof.clientEvidence());

        assertThatCode(() -> client.verifyServer(serverEvidence)).doesNotThrowAnyException();
    }

    @Test
    void onePreStretchedPasswordServesManyHandshakes() throws Exception {
        Srp.Stretched stretched = Srp.stretch(PASSWORD.toCharArray(), STORED.salt(), FAST);
        for (int i = 0; i < 3; i++) {
            ServerHandshake server = server();
            ClientHandshake client = Srp.client(LOGIN, stretched);
            ClientHandshake.Proof proof =
                    client.respond(STORED.salt(), STORED.kdf(), server.serverPublic());
            client.verifyServer(server.verify(proof.clientPublic(), proof.clientEvidence()));
        }
        assertThat(stretched).hasToString("Stretched[hidden]");
    }

    @Test
    void preStretchedPasswordRefusesAnotherSalt() {
        Srp.Stretched stretched =
                Srp.stretch(PASSWORD.toCharArray(), PasswordStretcher.newSalt(), FAST);
        ClientHandshake client = Srp.client(LOGIN, stretched);

        assertThrows(
                AuthenticationException.class,
                () -> client.respond(STORED.salt(), STORED.kdf(), server().serverPublic()));
    }

    @Test
    void preStretchedPasswordRefusesOtherCosts() {
        Srp.Stretched stretched = Srp.stretch(PASSWORD.toCharArray(), STORED.salt(), FAST);
        ClientHandshake client = Srp.client(LOGIN, stretched);

        assertThrows(
                AuthenticationException.class,
                () ->
                        client.respond(
                                STORED.salt(),
                                new KdfParams(16 * 1024, 1, 1),
                                server().serverPublic()));
    }

    @Test
    void wrongPreStretchedPasswordFailsAtTheServer() throws Exception {
        Srp.Stretched stretched = Srp.stretch("not it".toCharArray(), STORED.salt(), FAST);
        ServerHandshake server = server();
        ClientHandshake.Proof proof =
                Srp.client(LOGIN, stretched)
                        .respond(STORED.salt(), STORED.kdf(), server.serverPublic());

        assertThrows(
                AuthenticationException.class,
                () -> server.verify(proof.clientPublic(), proof.clientEvidence()));
    }
}
