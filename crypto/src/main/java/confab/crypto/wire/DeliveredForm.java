package confab.crypto.wire;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/// The binary form of {@link Message.Delivered}, the one message that is not JSON.
///
/// A host sends one `delivered` to every member for every post, so it is nearly all of a
/// host's traffic. In JSON, with the sealed envelope in Base64, a 200-byte message made a
/// 431-byte payload; in this form it is 273 bytes, which is what the host's socket writes and
/// every member's reads cost (bytes copied in the kernel were most of the host's CPU time).
///
/// ```
/// +------+---------+---------+----------+--------+------+--------+--------+----------------+
/// | 0x01 | seq     | counter | storedAt | roomLen| room | sendLen| sender | sealed         |
/// | 1    | 8       | 8       | 8        | 2      | r    | 2      | s      | the rest       |
/// +------+---------+---------+----------+--------+------+--------+--------+----------------+
/// ```
/// Numbers are big-endian (longs signed, lengths unsigned), names UTF-8. The first byte tells
/// the forms apart: a JSON payload starts with `{` or whitespace, never with 0x01.
///
/// Decoding is as strict as the JSON form's: a payload that ends before its fields do, or a
/// name that is not UTF-8, is `MALFORMED_BINARY`; values the record rejects are
/// `INVALID_VALUE`.
final class DeliveredForm {
    /// The first byte of a binary `delivered` payload.
    static final byte MARKER = 0x01;

    private static final int FIXED = 1 + 8 + 8 + 8 + 2 + 2;

    private DeliveredForm() {}

    static boolean isBinary(byte[] payload) {
        return payload.length > 0 && payload[0] == MARKER;
    }

    static byte[] encode(Message.Delivered message) {
        // both names are valid text (the record checks them), so they have a UTF-8 form
        byte[] room = message.room().getBytes(StandardCharsets.UTF_8);
        byte[] sender = message.sender().getBytes(StandardCharsets.UTF_8);
        byte[] sealed = message.sealed().toArray();
        ByteBuffer out = ByteBuffer.allocate(FIXED + room.length + sender.length + sealed.length);
        out.put(MARKER)
                .putLong(message.seq())
                .putLong(message.counter())
                .putLong(message.storedAt())
                .putShort((short) room.length)
                .put(room)
                .putShort((short) sender.length)
                .put(sender)
                .put(sealed);
        return out.array();
    }

    static Message.Delivered decode(byte[] payload) throws ProtocolException {
        ByteBuffer in = ByteBuffer.wrap(payload);
        if (in.remaining() < FIXED) {
            throw malformed("a delivered message of " + payload.length + " bytes is too short");
        }
        in.get();
        long seq = in.getLong();
        long counter = in.getLong();
        long storedAt = in.getLong();
        String room = name(in, "room");
        String sender = name(in, "sender");
        byte[] sealed = new byte[in.remaining()];
        in.get(sealed);
        try {
            return new Message.Delivered(room, seq, sender, counter, Bytes.of(sealed), storedAt);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(
                    ProtocolException.Kind.INVALID_VALUE, "delivered: " + e.getMessage(), e);
        }
    }

    private static String name(ByteBuffer in, String what) throws ProtocolException {
        if (in.remaining() < 2) {
            throw malformed("delivered ends before the length of its " + what);
        }
        int length = Short.toUnsignedInt(in.getShort());
        if (in.remaining() < length) {
            throw malformed("delivered ends inside its " + what + " (" + length + " bytes)");
        }
        ByteBuffer bytes = in.slice(in.position(), length);
        in.position(in.position() + length);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException(
                    ProtocolException.Kind.MALFORMED_BINARY,
                    "delivered: the " + what + " is not valid UTF-8",
                    e);
        }
    }

    private static ProtocolException malformed(String message) {
        return new ProtocolException(ProtocolException.Kind.MALFORMED_BINARY, message);
    }
}
