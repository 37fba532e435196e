package confab.crypto;

import static confab.crypto.TestKeys.roomKey;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import confab.crypto.wire.Bytes;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoomCipherTest {
    private static final Bytes SALT = RoomKey.newSalt();
    private static final RoomKey KEY = roomKey("correct horse battery staple", SALT);
    private static final byte[] HELLO = "hello, room".getBytes(UTF_8);

    private final RoomCipher cipher = new RoomCipher(KEY, "lounge");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "hello",
                "Привет, как дела?",
                "你好，世界",
                "こんにちは",
                "👩‍👩‍👧 🎉 🇺🇦",
                "שלום עולם",
                "مرحبا بالعالم",
                "mixed: abc שלום 123 你好 🙂"
            })
    void roundTripsAnyText(String text) throws Exception {
        byte[] plaintext = text.getBytes(UTF_8);
        Bytes sealed = cipher.seal("alice", 7, plaintext);

        byte[] opened = new RoomCipher(KEY, "lounge").open("alice", 7, sealed);

        assertThat(new String(opened, UTF_8)).isEqualTo(text);
    }

    @Test
    void anotherMemberWithTheSamePasswordOpens() throws Exception {
        RoomCipher bobs = new RoomCipher(roomKey("correct horse battery staple", SALT), "lounge");

        assertThat(bobs.open("alice", 1, cipher.seal("alice", 1, HELLO))).isEqualTo(HELLO);
    }

    @Test
    void sealedMessageHasTheDocumentedLayout() {
        Bytes sealed = cipher.seal("alice", 1, HELLO);

        assertThat(sealed.size()).isEqualTo(1 + 4 + 4 + 12 + HELLO.length + 16);
        assertThat(sealed.toArray()[0]).isEqualTo((byte) 1);
    }

    @Test
    void sealingTwiceGivesDifferentCiphertexts() {
        Bytes first = cipher.seal("alice", 1, HELLO);
        Bytes second = cipher.seal("alice", 1, HELLO);

        assertThat(first).isNotEqualTo(second);
        assertThat(Arrays.copyOfRange(first.toArray(), 9, 21))
                .as("nonce")
                .isNotEqualTo(Arrays.copyOfRange(second.toArray(), 9, 21));
    }

    @Test
    void ciphertextDoesNotContainThePlaintext() {
        byte[] plaintext = "a long and recognisable plaintext".getBytes(UTF_8);

        assertThat(TestKeys.contains(cipher.seal("alice", 1, plaintext).toArray(), plaintext))
                .isFalse();
    }

    @Test
    void flippingAnySingleByteMakesOpenFail() {
        byte[] sealed = cipher.seal("alice", 3, HELLO).toArray();
        for (int i = 0; i < sealed.length; i++) {
            for (int mask : new int[] {0x01, 0x80, 0xff}) {
                byte[] changed = sealed.clone();
                changed[i] ^= (byte) mask;
                assertThrows(
                        MessageRejectedException.class,
                        () -> cipher.open("alice", 3, Bytes.of(changed)),
                        "byte " + i + " xor " + mask);
            }
        }
    }

    @Test
    void flippingAnyByteOfTheBodyIsReportedAsTampering() {
        byte[] sealed = cipher.seal("alice", 3, HELLO).toArray();
        for (int i = RoomCipher.HEADER_LENGTH - 12; i < sealed.length; i++) {
            byte[] changed = sealed.clone();
            changed[i] ^= 0x01;
            assertThrows(
                    TamperedMessageException.class,
                    () -> cipher.open("alice", 3, Bytes.of(changed)),
                    "byte " + i);
        }
    }

    @Test
    void everyTruncationIsRejected() {
        byte[] sealed = cipher.seal("alice", 3, HELLO).toArray();
        for (int length = 0; length < sealed.length; length++) {
            Bytes cut = Bytes.of(Arrays.copyOf(sealed, length));
            assertThrows(
                    MessageRejectedException.class,
                    () -> cipher.open("alice", 3, cut),
                    "length " + length);
        }
    }

    @Test
    void appendedBytesAreRejected() {
        byte[] sealed = cipher.seal("alice", 3, HELLO).toArray();
        Bytes longer = Bytes.of(Arrays.copyOf(sealed, sealed.length + 1));

        assertThrows(TamperedMessageException.class, () -> cipher.open("alice", 3, longer));
    }

    @Test
    void tooShortEnvelopeIsTampered() {
        assertThrows(
                TamperedMessageException.class,
                () -> cipher.open("alice", 1, Bytes.of(new byte[RoomCipher.OVERHEAD - 1])));
    }

    @Test
    void unknownVersionIsUnsupportedFormat() {
        byte[] sealed = cipher.seal("alice", 1, HELLO).toArray();
        sealed[0] = 2;

        assertThrows(
                UnsupportedFormatException.class, () -> cipher.open("alice", 1, Bytes.of(sealed)));
    }

    @Test
    void messageOfAliceDoesNotOpenAsBobs() {
        Bytes sealed = cipher.seal("alice", 1, HELLO);

        assertThrows(MisattributedMessageException.class, () -> cipher.open("bob", 1, sealed));
    }

    @Test
    void messageOfAliceWithBobsKeyIdStillDoesNotOpenAsBobs() {
        byte[] alices = cipher.seal("alice", 1, HELLO).toArray();
        byte[] bobs = cipher.seal("bob", 1, HELLO).toArray();
        System.arraycopy(bobs, 5, alices, 5, 4);

        assertThrows(TamperedMessageException.class, () -> cipher.open("bob", 1, Bytes.of(alices)));
    }

    @Test
    void messageSealedForCounterFiveDoesNotOpenAsSix() {
        Bytes sealed = cipher.seal("alice", 5, HELLO);

        assertThrows(TamperedMessageException.class, () -> cipher.open("alice", 6, sealed));
    }

    @Test
    void messageOfRoomADoesNotOpenInRoomB() {
        RoomKey keyOfB = roomKey("another password", RoomKey.newSalt());
        Bytes sealedInA = cipher.seal("alice", 1, HELLO);

        assertThrows(
                WrongRoomKeyException.class,
                () -> new RoomCipher(keyOfB, "garden").open("alice", 1, sealedInA));
    }

    @Test
    void messageOfRoomADoesNotOpenInRoomBEvenUnderTheSameKey() {
        Bytes sealedInA = cipher.seal("alice", 1, HELLO);

        assertThrows(
                WrongRoomKeyException.class,
                () -> new RoomCipher(KEY, "garden").open("alice", 1, sealedInA));
    }

    @Test
    void messageOfRoomAWithRoomBsKeyIdsStillDoesNotOpenInRoomB() {
        RoomCipher garden = new RoomCipher(KEY, "garden");
        byte[] sealedInA = cipher.seal("alice", 1, HELLO).toArray();
        byte[] sealedInB = garden.seal("alice", 1, HELLO).toArray();
        System.arraycopy(sealedInB, 1, sealedInA, 1, 8);

        assertThrows(
                TamperedMessageException.class, () -> garden.open("alice", 1, Bytes.of(sealedInA)));
    }

    @Test
    void wrongRoomPasswordDerivesAKeyThatOpensNothing() {
        RoomCipher wrong = new RoomCipher(roomKey("correct horse battery stapler", SALT), "lounge");

        for (String sender : new String[] {"alice", "bob", "carol"}) {
            Bytes sealed = cipher.seal(sender, 1, HELLO);
            assertThrows(WrongRoomKeyException.class, () -> wrong.open(sender, 1, sealed));
        }
    }

    @Test
    void sameRoomPasswordWithAnotherSaltOpensNothing() {
        RoomCipher otherSalt =
                new RoomCipher(
                        roomKey("correct horse battery staple", RoomKey.newSalt()), "lounge");

        assertThrows(
                WrongRoomKeyException.class,
                () -> otherSalt.open("alice", 1, cipher.seal("alice", 1, HELLO)));
    }

    @Test
    void negativeCounterCannotBeSealed() {
        assertThrows(IllegalArgumentException.class, () -> cipher.seal("alice", -1, HELLO));
    }

    @Test
    void roomKeyShowsNothingInToString() {
        assertThat(KEY.toString()).isEqualTo("RoomKey[hidden]");
    }
}
