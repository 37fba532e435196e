package confab.crypto;

import confab.crypto.wire.Bytes;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;

/// Seals and opens chat messages of one room (keyed by login).
///
/// Guarantees:
/// - Each sender has its own AES-256 key, HKDF-SHA256(room key, "confab/msg/v1", room, login).
/// - Each message is AES-256-GCM with a fresh random 96-bit nonce and a 128-bit tag; its
///   associated data binds the format version, both key identifiers, the room, the sender's
///   login and the sender's counter. So a message opens only in the room, under the sender and
///   with the counter it was sealed for, and only unchanged.
/// - `open` either returns the exact plaintext or throws a `MessageRejectedException`; it never
///   returns anything for a message that does not verify.
///
/// Not guaranteed: every member holds the room key, so a member can seal a message under
/// another member's login (Ed25519 identity keys are the planned fix). Replays are caught by
/// `ReplayWindow`, not here. Random nonces keep GCM safe up to about 2^32 messages per sender.
///
/// The sealed envelope (all integers big-endian):
/// ```
///  0         1              5               9                      21
/// +---------+--------------+---------------+----------------------+--------------------+
/// | version | roomKeyId    | senderKeyId   | nonce                | ciphertext | tag   |
/// | 1 byte  | 4 bytes      | 4 bytes       | 12 bytes             | n bytes    | 16    |
/// +---------+--------------+---------------+----------------------+--------------------+
///
/// roomKeyId   = HKDF-SHA256(room key, lp("confab/room-key-id/v1") lp(room))[0..4]
/// senderKeyId = HKDF-SHA256(room key, lp("confab/sender-key-id/v1") lp(room) lp(login))[0..4]
/// sender key  = HKDF-SHA256(room key, lp("confab/msg/v1") lp(room) lp(login)), 32 bytes
/// associated data = version roomKeyId senderKeyId lp(room) lp(login) counter(8)
/// HKDF: no salt, the argument after the key is its info
/// lp(s) = length of UTF-8 s (4 bytes) followed by UTF-8 s
/// ```
/// The key identifiers only let `open` say why a message fails (wrong room key, wrong sender)
/// instead of a bare "tampered"; they are as good a check of a room-password guess as the
/// ciphertext itself, so they give an offline guesser nothing new.
///
/// Not thread-safe: it caches per-sender keys. Use one per room per thread.
public final class RoomCipher {
    /// The format version this build writes and reads.
    static final byte VERSION = 1;

    static final int KEY_ID_LENGTH = 4;
    static final int HEADER_LENGTH = 1 + KEY_ID_LENGTH + KEY_ID_LENGTH + Aead.NONCE_LENGTH;
    static final int OVERHEAD = HEADER_LENGTH + Aead.TAG_LENGTH;

    /// At most this many senders' keys are cached; more (from a hostile peer inventing logins)
    /// only costs re-deriving.
    private static final int MAX_CACHED_SENDERS = 1024;

    private final SecretKey roomKey;
    private final String room;
    private final byte[] roomKeyId;
    private final Map<String, SenderKey> senders =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, SenderKey> eldest) {
                    return size() > MAX_CACHED_SENDERS;
                }
            };

    private record SenderKey(SecretKey key, byte[] id) {}

    /// A cipher for the messages of `room` under `key`.
    public RoomCipher(RoomKey key, String room) {
        this.roomKey = Objects.requireNonNull(key, "key").exposeSecretKey();
        this.room = Objects.requireNonNull(room, "room");
        this.roomKeyId =
                Hkdf.bytes(
                        roomKey,
                        Encoding.lengthPrefixed("confab/room-key-id/v1", room),
                        KEY_ID_LENGTH);
    }

    /// `plaintext` sealed as `senderLogin`'s message number `counter`, in the envelope above.
    ///
    /// @throws IllegalArgumentException if `counter` is negative
    public Bytes seal(String senderLogin, long counter, byte[] plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        if (counter < 0) {
            throw new IllegalArgumentException("counter is negative: " + counter);
        }
        SenderKey sender = senderKey(senderLogin);
        byte[] header = header(sender.id(), Entropy.bytes(Aead.NONCE_LENGTH));
        byte[] ciphertext =
                Aead.encrypt(
                        sender.key(),
                        nonce(header),
                        associatedData(header, senderLogin, counter),
                        plaintext);
        return Bytes.of(
                ByteBuffer.allocate(header.length + ciphertext.length)
                        .put(header)
                        .put(ciphertext)
                        .array());
    }

    /// The plaintext of `sealed`, if and only if it was sealed by this room's key for
    /// `senderLogin` and `counter` and is unchanged. Call `ReplayWindow.accept` after it.
    ///
    /// @throws MessageRejectedException if it was not (the subclass says why, best effort)
    public byte[] open(String senderLogin, long counter, Bytes sealed)
            throws MessageRejectedException {
        Objects.requireNonNull(senderLogin, "senderLogin");
        Objects.requireNonNull(sealed, "sealed");
        byte[] envelope = sealed.toArray();
        if (envelope.length < OVERHEAD) {
            throw new TamperedMessageException("sealed message is too short");
        }
        if (envelope[0] != VERSION) {
            throw new UnsupportedFormatException(
                    "unknown sealed message version " + (envelope[0] & 0xff));
        }
        if (!MessageDigest.isEqual(roomKeyId, Arrays.copyOfRange(envelope, 1, 5))) {
            throw new WrongRoomKeyException("sealed with another room key or for another room");
        }
        SenderKey sender = senderKey(senderLogin);
        if (!MessageDigest.isEqual(sender.id(), Arrays.copyOfRange(envelope, 5, 9))) {
            throw new MisattributedMessageException("not sealed by " + senderLogin);
        }
        byte[] header = Arrays.copyOf(envelope, HEADER_LENGTH);
        try {
            return Aead.decrypt(
                    sender.key(),
                    nonce(header),
                    associatedData(header, senderLogin, counter),
                    envelope,
                    HEADER_LENGTH);
        } catch (AEADBadTagException e) {
            throw new TamperedMessageException("authentication tag does not verify");
        }
    }

    private SenderKey senderKey(String login) {
        Objects.requireNonNull(login, "senderLogin");
        SenderKey cached = senders.get(login);
        if (cached != null) {
            return cached;
        }
        SenderKey derived =
                new SenderKey(
                        Hkdf.aesKey(roomKey, Encoding.lengthPrefixed("confab/msg/v1", room, login)),
                        Hkdf.bytes(
                                roomKey,
                                Encoding.lengthPrefixed("confab/sender-key-id/v1", room, login),
                                KEY_ID_LENGTH));
        senders.put(login, derived);
        return derived;
    }

    private byte[] header(byte[] senderKeyId, byte[] nonce) {
        return ByteBuffer.allocate(HEADER_LENGTH)
                .put(VERSION)
                .put(roomKeyId)
                .put(senderKeyId)
                .put(nonce)
                .array();
    }

    private static byte[] nonce(byte[] header) {
        return Arrays.copyOfRange(header, HEADER_LENGTH - Aead.NONCE_LENGTH, HEADER_LENGTH);
    }

    private byte[] associatedData(byte[] header, String login, long counter) {
        byte[] names = Encoding.lengthPrefixed(room, login);
        return ByteBuffer.allocate(1 + 2 * KEY_ID_LENGTH + names.length + Long.BYTES)
                .put(header, 0, 1 + 2 * KEY_ID_LENGTH)
                .put(names)
                .putLong(counter)
                .array();
    }
}
