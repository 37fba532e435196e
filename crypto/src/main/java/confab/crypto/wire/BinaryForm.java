package confab.crypto.wire;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/// The binary forms of {@link Message.Delivered} and {@link Message.Post}, the two messages
/// that are not JSON.
///
/// They are nearly all of a host's traffic: a member posts, and the host sends one `delivered`
/// to every member for every post. In JSON, with the sealed envelope in Base64, a 200-byte
/// message made a 431-byte `delivered` payload; in this form it is 273 bytes, which is what the
/// host's socket writes and every member's reads cost (bytes copied in the kernel were most of
/// the host's CPU time). A JSON `post` cost the host a JSON parse, a Base64 decode and about
/// 6 KB of garbage per message, most of its allocation under load.
///
/// ```
/// delivered
/// +------+---------+---------+----------+--------+------+--------+--------+----------------+
/// | 0x01 | seq     | counter | storedAt | roomLen| room | sendLen| sender | sealed         |
/// | 1    | 8       | 8       | 8        | 2      | r    | 2      | s      | the rest       |
/// +------+---------+---------+----------+--------+------+--------+--------+----------------+
/// post
/// +------+---------+--------+------+----------------+
/// | 0x02 | counter | roomLen| room | sealed         |
/// | 1    | 8       | 2      | r    | the rest       |
/// +------+---------+--------+------+----------------+
/// ```
/// Numbers are big-endian (longs signed, lengths unsigned), names UTF-8. The first byte tells
/// the forms apart: a JSON payload starts with `{` or whitespace, never with 0x01 or 0x02.
///
/// Decoding is as strict as the JSON form's: a payload that ends before its fields do, or a
/// name that is not UTF-8, is `MALFORMED_BINARY`; values the record rejects are
/// `INVALID_VALUE`.
final class BinaryForm {
    /// The first byte of a binary `delivered` payload.
    static final byte DELIVERED = 0x01;

    /// The first byte of a binary `post` payload.
    static final byte POST = 0x02;

    private static final int DELIVERED_FIXED = 1 + 8 + 8 + 8 + 2 + 2;
    private static final int POST_FIXED = 1 + 8 + 2;

    private BinaryForm() {}

    static boolean isBinary(byte[] payload) {
        return payload.length > 0 && (payload[0] == DELIVERED || payload[0] == POST);
    }

    static byte[] encode(Message.Delivered message) {
        // both names are valid text (the record checks them), so they have a UTF-8 form
        byte[] room = message.room().getBytes(StandardCharsets.UTF_8);
        byte[] sender = message.sender().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out =
                ByteBuffer.allocate(
                        DELIVERED_FIXED + room.length + sender.length + message.sealed().size());
        out.put(DELIVERED)
                .putLong(message.seq())
                .putLong(message.counter())
                .putLong(message.storedAt())
                .putShort((short) room.length)
                .put(room)
                .putShort((short) sender.length)
                .put(sender);
        message.sealed().copyTo(out);
        return out.array();
    }

    static byte[] encode(Message.Post message) {
        byte[] room = message.room().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(POST_FIXED + room.length + message.sealed().size());
        out.put(POST).putLong(message.counter()).putShort((short) room.length).put(room);
        message.sealed().copyTo(out);
        return out.array();
    }

    static Message decode(byte[] payload) throws ProtocolException {
        return payload[0] == DELIVERED ? decodeDelivered(payload) : decodePost(payload);
    }

    private static Message.Delivered decodeDelivered(byte[] payload) throws ProtocolException {
        ByteBuffer in = fields(payload, DELIVERED_FIXED, "a delivered message");
        long seq = in.getLong();
        long counter = in.getLong();
        long storedAt = in.getLong();
        String room = name(in, "delivered", "room");
        String sender = name(in, "delivered", "sender");
        try {
            return new Message.Delivered(room, seq, sender, counter, rest(in), storedAt);
        } catch (IllegalArgumentException e) {
            throw invalid("delivered", e);
        }
    }

    private static Message.Post decodePost(byte[] payload) throws ProtocolException {
        ByteBuffer in = fields(payload, POST_FIXED, "a post");
        long counter = in.getLong();
        String room = name(in, "post", "room");
        try {
            return new Message.Post(room, counter, rest(in));
        } catch (IllegalArgumentException e) {
            throw invalid("post", e);
        }
    }

    /// The payload after its marker byte, once it is known to be at least `fixed` bytes long.
    private static ByteBuffer fields(byte[] payload, int fixed, String what)
            throws ProtocolException {
        if (payload.length < fixed) {
            throw malformed(what + " of " + payload.length + " bytes is too short");
        }
        ByteBuffer in = ByteBuffer.wrap(payload);
        in.get();
        return in;
    }

    private static Bytes rest(ByteBuffer in) {
        byte[] sealed = new byte[in.remaining()];
        in.get(sealed);
        return Bytes.wrap(sealed);
    }

    private static String name(ByteBuffer in, String message, String what)
            throws ProtocolException {
        if (in.remaining() < 2) {
            throw malformed(message + " ends before the length of its " + what);
        }
        int length = Short.toUnsignedInt(in.getShort());
        if (in.remaining() < length) {
            throw malformed(message + " ends inside its " + what + " (" + length + " bytes)");
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
                    message + ": the " + what + " is not valid UTF-8",
                    e);
        }
    }

    private static ProtocolException invalid(String message, IllegalArgumentException e) {
        return new ProtocolException(
                ProtocolException.Kind.INVALID_VALUE, message + ": " + e.getMessage(), e);
    }

    private static ProtocolException malformed(String message) {
        return new ProtocolException(ProtocolException.Kind.MALFORMED_BINARY, message);
    }
}
