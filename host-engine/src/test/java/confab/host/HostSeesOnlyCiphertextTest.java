package confab.host;

import static org.assertj.core.api.Assertions.assertThat;

import confab.crypto.PasswordStretcher;
import confab.crypto.wire.Bytes;
import confab.crypto.wire.Message;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Security property 1: a tap on everything the host receives, and everything it stores, holds
/// none of the passwords, room keys or message texts used.
class HostSeesOnlyCiphertextTest {
    private static final String USER_PASSWORD = "correct horse battery staple";
    private static final String ROOM_PASSWORD = "пароль комнаты 🔑";
    private static final List<String> TEXTS =
            List.of(
                    "meet at the old mill at midnight",
                    "Встречаемся у старой мельницы",
                    "深夜に古い水車小屋で会いましょう",
                    "نلتقي عند الطاحونة القديمة 🌙");

    @TempDir Path dataDir;

    @Test
    void nothingTheHostReceivesOrStoresContainsAPasswordARoomKeyOrAMessageText() throws Exception {
        ByteArrayOutputStream tapped = new ByteArrayOutputStream();
        Bytes roomSalt;
        confab.crypto.wire.KdfParams roomKdf;
        Bytes userSalt;
        try (HostEngine engine =
                        HostEngine.start(
                                HostConfig.builder(dataDir).bind("127.0.0.1", 0).build(),
                                new HostListener() {});
                Tap tap = new Tap(engine.port(), tapped)) {
            try (TestClient alice = TestClient.loggedIn(tap.port(), "alice", USER_PASSWORD, true);
                    TestClient bob = TestClient.loggedIn(tap.port(), "bob", USER_PASSWORD, true)) {
                alice.createRoom("den", ROOM_PASSWORD);
                alice.join("den", ROOM_PASSWORD, 0);
                bob.join("den", ROOM_PASSWORD, 0);
                roomSalt = alice.lastRoomSalt;
                roomKdf = alice.lastKdf;
                for (String text : TEXTS) {
                    alice.post("den", text);
                    bob.post("den", text);
                }
                for (int i = 0; i < TEXTS.size() * 2; i++) {
                    Message.Delivered delivered = bob.await(Message.Delivered.class);
                    assertThat(TEXTS).contains(bob.open(delivered));
                }
                userSalt = alice.lastLoginSalt;
            }
        }
        byte[] received = tapped.toByteArray();
        assertThat(received.length).isGreaterThan(2000);
        byte[] stored = readAll(dataDir);
        assertThat(stored.length).isGreaterThan(4096);

        List<byte[]> secrets = new ArrayList<>();
        secrets.add(USER_PASSWORD.getBytes(StandardCharsets.UTF_8));
        secrets.add(ROOM_PASSWORD.getBytes(StandardCharsets.UTF_8));
        TEXTS.forEach(t -> secrets.add(t.getBytes(StandardCharsets.UTF_8)));
        // The stretched room and login passwords (what SRP proves knowledge of), as raw bytes
        // and in Base64 and hex. The room key itself cannot even be computed outside the crypto
        // module (RoomKey is opaque); RoomCipherTest and PasswordNeverLeavesTest cover it there.
        byte[] roomKey = PasswordStretcher.stretch(ROOM_PASSWORD.toCharArray(), roomSalt, roomKdf);
        byte[] stretched =
                PasswordStretcher.stretch(USER_PASSWORD.toCharArray(), userSalt, TestClient.FAST);
        for (byte[] key : List.of(roomKey, stretched)) {
            secrets.add(key);
            secrets.add(
                    Base64.getEncoder().encodeToString(key).getBytes(StandardCharsets.US_ASCII));
            secrets.add(HexFormat.of().formatHex(key).getBytes(StandardCharsets.US_ASCII));
        }
        for (byte[] secret : secrets) {
            assertThat(indexOf(received, secret))
                    .as("received: %s", new String(secret, StandardCharsets.UTF_8))
                    .isNegative();
            assertThat(indexOf(stored, secret))
                    .as("stored: %s", new String(secret, StandardCharsets.UTF_8))
                    .isNegative();
        }
        // the tap is real: it did see the logins and room name, which are not secret
        assertThat(indexOf(received, "alice".getBytes(StandardCharsets.UTF_8))).isNotNegative();
        assertThat(indexOf(stored, "den".getBytes(StandardCharsets.UTF_8))).isNotNegative();
    }

    private static byte[] readAll(Path dir) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.write(Files.readAllBytes(file));
            }
        }
        return all.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /// A TCP relay in front of the host that records every byte clients send to it.
    private static final class Tap implements AutoCloseable {
        private final ServerSocket server = new ServerSocket();
        private final List<Socket> sockets = new ArrayList<>();

        Tap(int hostPort, ByteArrayOutputStream record) throws IOException {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            Thread.ofVirtual()
                    .start(
                            () -> {
                                try {
                                    while (true) {
                                        Socket client = server.accept();
                                        Socket host = new Socket("127.0.0.1", hostPort);
                                        synchronized (sockets) {
                                            sockets.add(client);
                                            sockets.add(host);
                                        }
                                        pump(
                                                client.getInputStream(),
                                                host.getOutputStream(),
                                                record);
                                        pump(host.getInputStream(), client.getOutputStream(), null);
                                    }
                                } catch (IOException closed) {
                                    // the tap was closed
                                }
                            });
        }

        int port() {
            return server.getLocalPort();
        }

        private static void pump(InputStream in, OutputStream out, ByteArrayOutputStream record) {
            Thread.ofVirtual()
                    .start(
                            () -> {
                                byte[] buffer = new byte[8192];
                                try (in;
                                        out) {
                                    int n;
                                    while ((n = in.read(buffer)) > 0) {
                                        if (record != null) {
                                            synchronized (record) {
                                                record.write(buffer, 0, n);
                                            }
                                        }
                                        out.write(buffer, 0, n);
                                    }
                                } catch (IOException done) {
                                    // one side closed
                                }
                            });
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (sockets) {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
        }
    }
}
