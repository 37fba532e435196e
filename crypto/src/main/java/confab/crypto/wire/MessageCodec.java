package confab.crypto.wire;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/// The one form of each {@link Message}: JSON for all but `delivered` and `post`, which have a
/// compact binary form (see `BinaryForm`; they are nearly all of a host's traffic, and JSON with
/// Base64 made them 58 % larger and costly to parse). The JSON form: UTF-8, a `"type"` member
/// naming the record, then one member per record component.
///
/// ```
/// {"type":"login_start","login":"анна"}
/// {"type":"room_list","rooms":[{"name":"北京","active":true,"members":3,"latestSeq":42}]}
/// {"type":"join_start","room":"général"}
/// ```
/// The type is the record's simple name in snake case (`ErrorReply` -> `error_reply`).
/// Component values:
/// ```
/// int, long     JSON integer (no fraction, no exponent, in range)
/// boolean       true / false
/// String        string
/// Bytes         string: standard Base64 with padding, e.g. "+/8="
/// enum          string: the constant's name, e.g. "BAD_CREDENTIALS"
/// record        object with one member per component (KdfParams, RoomInfo)
/// List<T>       array
/// ```
///
/// Decoding is strict, since the bytes come from the network: anything but exactly one JSON
/// object (RFC 8259, UTF-8) of a known type with exactly the members of that type, each of the
/// right JSON type and accepted by the record's constructor, is a {@link ProtocolException};
/// nothing else is thrown and nothing half-built comes out. Member order is free, but names
/// must be unique.
///
/// Every permitted subclass of `Message` is mapped when this class loads, from its record
/// components, so a new message needs no codec change; a component of a type the codec cannot
/// map fails that load (and every codec test).
///
/// Immutable and thread-safe. Encode a delivered message once and send the same bytes to every
/// member.
public final class MessageCodec {
    private record MessageType(String name, RecordMapper mapper) {}

    private static final Map<Class<?>, MessageType> BY_CLASS = new HashMap<>();
    private static final Map<String, MessageType> BY_NAME = new HashMap<>();

    static {
        for (Class<?> type : Message.class.getPermittedSubclasses()) {
            MessageType messageType = new MessageType(snakeCase(type), new RecordMapper(type));
            if (messageType.mapper().hasComponent("type")) {
                throw new IllegalStateException(type + " has a component named \"type\"");
            }
            if (BY_NAME.put(messageType.name(), messageType) != null) {
                throw new IllegalStateException("two messages named " + messageType.name());
            }
            BY_CLASS.put(type, messageType);
        }
    }

    /// `delivered` and `post` have only their binary form: their JSON is refused like an
    /// unknown type.
    private static final Set<MessageType> BINARY_ONLY =
            Set.of(BY_CLASS.get(Message.Delivered.class), BY_CLASS.get(Message.Post.class));

    private final int maxPayload;

    /// A codec for payloads up to {@link Frames#DEFAULT_MAX_PAYLOAD}.
    public MessageCodec() {
        this(Frames.DEFAULT_MAX_PAYLOAD);
    }

    public MessageCodec(int maxPayload) {
        this.maxPayload = Frames.requireMaxPayload(maxPayload);
    }

    /// The largest payload this codec writes or reads.
    public int maxPayload() {
        return maxPayload;
    }

    /// The payload: the JSON form in UTF-8, or the binary form of a `delivered` or a `post`,
    /// without a frame header.
    ///
    /// @throws IllegalArgumentException if it would be longer than the maximum payload, or a
    ///     string in the message holds a lone surrogate (it has no UTF-8 form)
    public byte[] encode(Message message) {
        MessageType type = BY_CLASS.get(message.getClass());
        if (message instanceof Message.Delivered delivered) {
            return checkSize(type, BinaryForm.encode(delivered));
        }
        if (message instanceof Message.Post post) {
            return checkSize(type, BinaryForm.encode(post));
        }
        TextBuffer text = new TextBuffer();
        try {
            JsonWriter json = new JsonWriter(text);
            json.beginObject();
            json.name("type").value(type.name());
            type.mapper().writeMembers(json, message);
            json.endObject();
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("a TextBuffer does not fail", e);
        }
        return checkSize(type, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private byte[] checkSize(MessageType type, byte[] payload) {
        if (payload.length > maxPayload) {
            throw new IllegalArgumentException(
                    type.name()
                            + " is "
                            + payload.length
                            + " bytes, over the limit of "
                            + maxPayload);
        }
        return payload;
    }

    /// The frame header and the JSON form, ready to write to a connection.
    ///
    /// @throws IllegalArgumentException as {@link #encode} does
    public byte[] encodeFrame(Message message) {
        try {
            return Frames.frame(encode(message), maxPayload);
        } catch (ProtocolException e) {
            throw new AssertionError("encode checked the size", e);
        }
    }

    /// The message in `payload` (one frame's).
    ///
    /// @throws ProtocolException if `payload` is anything but a valid message, see the class
    ///     comment; `FRAME_TOO_LARGE` if it is longer than the maximum payload
    public Message decode(byte[] payload) throws ProtocolException {
        if (payload.length > maxPayload) {
            throw new ProtocolException(
                    ProtocolException.Kind.FRAME_TOO_LARGE,
                    "payload of " + payload.length + " bytes is over the limit of " + maxPayload);
        }
        if (BinaryForm.isBinary(payload)) {
            return BinaryForm.decode(payload);
        }
        return decodeJson(payload);
    }

    private Message decodeJson(byte[] json) throws ProtocolException {
        if (!(JsonNode.parse(utf8(json)) instanceof JsonNode.ObjectNode object)) {
            throw new ProtocolException(
                    ProtocolException.Kind.WRONG_TYPE, "a message is a JSON object");
        }
        JsonNode typeName = object.members().get("type");
        if (typeName == null) {
            throw new ProtocolException(
                    ProtocolException.Kind.MISSING_FIELD, "missing member \"type\"");
        }
        if (!(typeName instanceof JsonNode.StringNode name)) {
            throw ValueMapper.wrongType("type", "a string", typeName);
        }
        MessageType type = BY_NAME.get(name.value());
        if (type == null || BINARY_ONLY.contains(type)) {
            throw new ProtocolException(
                    ProtocolException.Kind.UNKNOWN_TYPE,
                    "unknown message type \"" + ValueMapper.excerpt(name.value()) + "\"");
        }
        return (Message) type.mapper().readMembers(object.members(), type.name(), Set.of("type"));
    }

    /// The `type` of a message record in JSON, e.g. `login_start` for `LoginStart`.
    ///
    /// @throws IllegalArgumentException if `type` is not a permitted subclass of `Message`
    public static String typeName(Class<? extends Message> type) {
        MessageType messageType = BY_CLASS.get(type);
        if (messageType == null) {
            throw new IllegalArgumentException("not a message record: " + type);
        }
        return messageType.name();
    }

    /// A `StringWriter` without its lock (`StringBuffer`): encoding takes half the time.
    private static final class TextBuffer extends Writer {
        private final StringBuilder text = new StringBuilder(256);

        @Override
        public void write(char[] chars, int offset, int length) {
            text.append(chars, offset, length);
        }

        @Override
        public void write(String string, int offset, int length) {
            text.append(string, offset, offset + length);
        }

        @Override
        public void write(int c) {
            text.append((char) c);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}

        @Override
        public String toString() {
            return text.toString();
        }
    }

    private static String snakeCase(Class<?> type) {
        StringBuilder name = new StringBuilder();
        for (char c : type.getSimpleName().toCharArray()) {
            if (Character.isUpperCase(c) && !name.isEmpty()) {
                name.append('_');
            }
            name.append(Character.toLowerCase(c));
        }
        return name.toString();
    }

    private static String utf8(byte[] bytes) throws ProtocolException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException(
                    ProtocolException.Kind.MALFORMED_JSON, "payload is not valid UTF-8", e);
        }
    }
}
