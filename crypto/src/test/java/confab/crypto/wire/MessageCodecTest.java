package confab.crypto.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import confab.crypto.wire.Message.Delivered;
import confab.crypto.wire.Message.ErrorReply;
import confab.crypto.wire.Message.Joined;
import confab.crypto.wire.Message.LoginStart;
import confab.crypto.wire.Message.MemberEvicted;
import confab.crypto.wire.Message.Ping;
import confab.crypto.wire.Message.Post;
import confab.crypto.wire.Message.Register;
import confab.crypto.wire.ProtocolException.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageCodecTest {
    private final MessageCodec codec = new MessageCodec();

    // --- round trips and the JSON form

    @Test
    void everyMessageTypeRoundTrips() throws ProtocolException {
        Set<Class<?>> covered = new HashSet<>();
        for (Message message : ExampleMessages.all()) {
            assertThat(codec.decode(codec.encode(message))).as("%s", message).isEqualTo(message);
            covered.add(message.getClass());
        }
        assertThat(covered)
                .as("every record under Message needs an example in ExampleMessages")
                .containsExactlyInAnyOrder(Message.class.getPermittedSubclasses());
    }

    @Test
    void everyMessageTypeRoundTripsThroughAFrame() throws IOException, ProtocolException {
        for (Message message : ExampleMessages.all()) {
            byte[] frame = codec.encodeFrame(message);
            byte[] payload =
                    new FrameReader(new ByteArrayInputStream(frame), codec.maxPayload()).read();
            assertThat(codec.decode(payload)).isEqualTo(message);
        }
    }

    @Test
    void encodeFrameIsHeaderThenEncodedMessage() throws ProtocolException {
        Message message = new LoginStart("анна");
        assertThat(codec.encodeFrame(message))
                .isEqualTo(Frames.frame(codec.encode(message), codec.maxPayload()));
    }

    @Test
    void encodePutsTypeFirstAndNamesMembersLikeComponents() {
        assertThat(json(new LoginStart("анна")))
                .isEqualTo("{\"type\":\"login_start\",\"login\":\"анна\"}");
    }

    @Test
    void encodeWritesBytesAsStandardBase64WithPadding() {
        Register register =
                new Register(
                        "a",
                        Bytes.of(new byte[] {(byte) 0xfb, (byte) 0xff}),
                        Bytes.of(new byte[] {2}),
                        KdfParams.DEFAULT);
        assertThat(json(register)).contains("\"salt\":\"+/8=\"");
    }

    @Test
    void postTakesMarkerCounterRoomAndSealedBytesOnly() {
        Post post = new Post("rø", 7, Bytes.of(new byte[] {(byte) 0xfb, (byte) 0xff}));
        assertThat(codec.encode(post))
                .containsExactly(0x02, 0, 0, 0, 0, 0, 0, 0, 7, 0, 3, 'r', 0xc3, 0xb8, 0xfb, 0xff);
    }

    @Test
    void encodeWritesNestedRecordAsObject() {
        Register register =
                new Register(
                        "a", Bytes.of(new byte[] {1}), Bytes.of(new byte[] {2}), KdfParams.DEFAULT);
        assertThat(json(register))
                .isEqualTo(
                        "{\"type\":\"register\",\"login\":\"a\",\"salt\":\"AQ==\",\"verifier\":\"Ag==\","
                                + "\"kdf\":{\"memoryKiB\":65536,\"iterations\":3,\"parallelism\":1}}");
    }

    @Test
    void encodeWritesEnumByNameAndListAsArray() {
        assertThat(json(new MemberEvicted("r", "a", EvictionReason.TIMED_OUT)))
                .isEqualTo(
                        "{\"type\":\"member_evicted\",\"room\":\"r\",\"login\":\"a\",\"reason\":\"TIMED_OUT\"}");
        assertThat(json(new Joined("r", Bytes.of(new byte[0]), 5, List.of("a", "b"))))
                .isEqualTo(
                        "{\"type\":\"joined\",\"room\":\"r\",\"serverEvidence\":\"\",\"latestSeq\":5,"
                                + "\"members\":[\"a\",\"b\"]}");
    }

    @Test
    void typeNameIsSnakeCaseOfRecordName() {
        assertThat(MessageCodec.typeName(Message.Hello.class)).isEqualTo("hello");
        assertThat(MessageCodec.typeName(LoginStart.class)).isEqualTo("login_start");
        assertThat(MessageCodec.typeName(ErrorReply.class)).isEqualTo("error_reply");
        assertThat(MessageCodec.typeName(Message.RoomIdle.class)).isEqualTo("room_idle");
    }

    @Test
    void typeNameRejectsTheInterfaceItself() {
        assertThrows(IllegalArgumentException.class, () -> MessageCodec.typeName(Message.class));
    }

    @Test
    void decodeAcceptsAnyMemberOrderAndWhitespace() throws ProtocolException {
        String json = " {\n\t\"token\" : -5 ,\r\n \"type\" : \"ping\" } \n";
        assertThat(codec.decode(json.getBytes(UTF_8))).isEqualTo(new Ping(-5));
    }

    // --- size limit

    @Test
    void messageOfExactlyMaxPayloadRoundTrips() throws ProtocolException {
        ErrorReply message = errorReplyOfSize(codec.maxPayload());
        byte[] json = codec.encode(message);
        assertThat(json).hasSize(Frames.DEFAULT_MAX_PAYLOAD);
        assertThat(codec.decode(json)).isEqualTo(message);
    }

    @Test
    void encodeRejectsMessageOneByteOverMaxPayload() {
        ErrorReply message = errorReplyOfSize(codec.maxPayload() + 1);
        assertThrows(IllegalArgumentException.class, () -> codec.encode(message));
        assertThrows(IllegalArgumentException.class, () -> codec.encodeFrame(message));
    }

    @Test
    void decodeRejectsPayloadOneByteOverMaxPayload() {
        byte[] json =
                new MessageCodec(codec.maxPayload() + 1)
                        .encode(errorReplyOfSize(codec.maxPayload() + 1));
        assertKind(Kind.FRAME_TOO_LARGE, json);
    }

    /// Mostly three-byte CJK characters, with ASCII to make up the exact size.
    private ErrorReply errorReplyOfSize(int size) {
        int room = size - codec.encode(new ErrorReply(ErrorCode.INTERNAL, "")).length;
        String text = "語".repeat(room / 3) + "x".repeat(room % 3);
        return new ErrorReply(ErrorCode.INTERNAL, text);
    }

    // --- strict decoding: one test per class of bad input

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\":\"shout\"}",
                "{\"type\":\"Ping\",\"token\":1}",
                "{\"type\":\"\"}"
            })
    void decodeRejectsUnknownType(String json) {
        assertKind(Kind.UNKNOWN_TYPE, json);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"token\":1}",
                "{\"type\":\"login_start\"}",
                "{\"type\":\"hello\",\"version\":1}",
                "{\"type\":\"register\",\"login\":\"a\",\"salt\":\"\",\"verifier\":\"\","
                        + "\"kdf\":{\"memoryKiB\":65536,\"iterations\":3}}"
            })
    void decodeRejectsMissingField(String json) {
        assertKind(Kind.MISSING_FIELD, json);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\":\"ping\",\"token\":1,\"extra\":2}",
                "{\"type\":\"list_rooms\",\"rooms\":[]}",
                "{\"type\":\"ping\",\"Token\":1}",
                "{\"type\":\"room_created\",\"room\":{\"name\":\"r\",\"active\":true,\"members\":1,"
                        + "\"latestSeq\":1,\"secret\":\"x\"}}"
            })
    void decodeRejectsUnknownField(String json) {
        assertKind(Kind.UNKNOWN_FIELD, json);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\":\"ping\",\"token\":1,\"token\":2}",
                "{\"type\":\"ping\",\"type\":\"pong\",\"token\":1}",
                "{\"type\":\"ping\",\"token\":1,\"token\":1}"
            })
    void decodeRejectsDuplicateFieldAsMalformed(String json) {
        assertKind(Kind.MALFORMED_JSON, json);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\":null}",
                "{\"type\":\"hello\",\"version\":1,\"agent\":null}",
                "{\"type\":\"ping\",\"token\":null}",
                "{\"type\":\"joined\",\"room\":\"r\",\"serverEvidence\":\"\",\"latestSeq\":1,"
                        + "\"members\":[\"a\",null]}",
                "null"
            })
    void decodeRejectsNullAsWrongType(String json) {
        assertKind(Kind.WRONG_TYPE, json);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[]",
                "\"ping\"",
                "1",
                "{\"type\":1}",
                "{\"type\":[\"ping\"]}",
                "{\"type\":\"ping\",\"token\":\"1\"}",
                "{\"type\":\"ping\",\"token\":true}",
                "{\"type\":\"hello\",\"version\":1,\"agent\":1}",
                "{\"type\":\"register\",\"login\":\"a\",\"salt\":[1,2],\"verifier\":\"AQ==\","
                        + "\"kdf\":{\"memoryKiB\":65536,\"iterations\":3,\"parallelism\":1}}",
                "{\"type\":\"error_reply\",\"code\":0,\"text\":\"\"}",
                "{\"type\":\"room_list\",\"rooms\":{}}",
                "{\"type\":\"room_created\",\"room\":\"r\"}",
                "{\"type\":\"room_created\",\"room\":{\"name\":\"r\",\"active\":\"true\","
                        + "\"members\":1,\"latestSeq\":1}}"
            })
    void decodeRejectsWrongJsonType(String json) {
        assertKind(Kind.WRONG_TYPE, json);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\":\"ping\",\"token\":1.5}",
                "{\"type\":\"ping\",\"token\":1.0}",
                "{\"type\":\"ping\",\"token\":1e2}",
                "{\"type\":\"ping\",\"token\":1e400}",
                "{\"type\":\"ping\",\"token\":-0.0}"
            })
    void decodeRejectsNumberThatIsNotAnInteger(String json) {
        assertKind(Kind.INVALID_VALUE, json);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\":\"ping\",\"token\":9223372036854775808}",
                "{\"type\":\"ping\",\"token\":-9223372036854775809}",
                "{\"type\":\"ping\",\"token\":123456789012345678901234567890}",
                "{\"type\":\"hello\",\"version\":2147483648,\"agent\":\"\"}",
                "{\"type\":\"hello\",\"version\":-2147483649,\"agent\":\"\"}"
            })
    void decodeRejectsIntegerOutOfRange(String json) {
        assertKind(Kind.INVALID_VALUE, json);
    }

    @Test
    void decodeAcceptsIntegersAtTheEdgesOfTheirRange() throws ProtocolException {
        assertThat(decode("{\"type\":\"ping\",\"token\":-9223372036854775808}"))
                .isEqualTo(new Ping(Long.MIN_VALUE));
        assertThat(decode("{\"type\":\"hello\",\"version\":2147483647,\"agent\":\"\"}"))
                .isEqualTo(new Message.Hello(Integer.MAX_VALUE, ""));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "{",
                "{\"type\":\"ping\",\"token\":1",
                "{\"type\":\"ping\",\"token\":1,}",
                "{'type':'ping','token':1}",
                "{type:\"ping\",\"token\":1}",
                "{\"type\":\"ping\";\"token\":1}",
                "{\"type\":\"ping\" \"token\":1}",
                "/* c */{\"type\":\"ping\",\"token\":1}",
                "{\"type\":\"ping\",\"token\":01}",
                "{\"type\":\"ping\",\"token\":+1}",
                "{\"type\":\"ping\",\"token\":NaN}",
                "{\"type\":\"ping\",\"token\":0x10}",
                "{\"type\":\"hello\",\"version\":1,\"agent\":\"a\u0001b\"}",
                "{\"type\":\"hello\",\"version\":1,\"agent\":\"\\x41\"}",
                "{\"type\":\"hello\",\"version\":1,\"agent\":\"\\u12\"}",
                ")]}'\n{\"type\":\"ping\",\"token\":1}",
                "\uFEFF{\"type\":\"ping\",\"token\":1}"
            })
    void decodeRejectsMalformedJson(String json) {
        assertKind(Kind.MALFORMED_JSON, json);
    }

    @Test
    void decodeRejectsDeepNestingAsMalformed() {
        String json =
                "{\"type\":\"ping\",\"token\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        assertKind(Kind.MALFORMED_JSON, json);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "c3 28", // a lead byte without its continuation
                "c0 af", // overlong encoding of '/'
                "ed a0 80", // a surrogate encoded directly
                "f0 9f 98", // a four-byte sequence cut short
                "ff", // never valid
                "f4 90 80 80" // beyond U+10FFFF
            })
    void decodeRejectsInvalidUtf8(String badBytes) {
        byte[] before = "{\"type\":\"hello\",\"version\":1,\"agent\":\"".getBytes(UTF_8);
        byte[] bad = java.util.HexFormat.ofDelimiter(" ").parseHex(badBytes);
        byte[] after = "\"}".getBytes(UTF_8);
        byte[] json = new byte[before.length + bad.length + after.length];
        System.arraycopy(before, 0, json, 0, before.length);
        System.arraycopy(bad, 0, json, before.length, bad.length);
        System.arraycopy(after, 0, json, before.length + bad.length, after.length);
        assertKind(Kind.MALFORMED_JSON, json);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\":\"ping\",\"token\":1} x",
                "{\"type\":\"ping\",\"token\":1}{\"type\":\"ping\",\"token\":1}",
                "{\"type\":\"ping\",\"token\":1} 1",
                "{\"type\":\"ping\",\"token\":1}}",
                "{\"type\":\"ping\",\"token\":1}\u0000",
                "{\"type\":\"ping\",\"token\":1},"
            })
    void decodeRejectsTrailingData(String json) {
        assertKind(Kind.TRAILING_DATA, json);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "!!!!", // not the alphabet
                "-_8=", // the URL-safe alphabet
                "QQ", // padding missing
                "QR==", // bits after the last byte not zero
                "QQ==QQ==", // padding in the middle
                "Q Q==", // whitespace
                "QQ==\n",
                "QUJD\r\nREVG"
            })
    void decodeRejectsInvalidBase64(String base64) {
        assertKind(
                Kind.INVALID_VALUE,
                "{\"type\":\"login_proof\",\"clientPublic\":\""
                        + jsonEscape(base64)
                        + "\",\"clientEvidence\":\"\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NOPE", "internal", " INTERNAL", ""})
    void decodeRejectsUnknownEnumName(String name) {
        assertKind(
                Kind.INVALID_VALUE,
                "{\"type\":\"error_reply\",\"code\":\"" + name + "\",\"text\":\"\"}");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\":\"login_start\",\"login\":\"a b\"}",
                "{\"type\":\"login_start\",\"login\":\"\"}",
                "{\"type\":\"login_start\",\"login\":\"%s\"}",
                "{\"type\":\"join_start\",\"room\":\" r\"}",
                "{\"type\":\"join_start\",\"room\":\"r\\n\"}",
                "{\"type\":\"join_proof\",\"room\":\"r\",\"clientPublic\":\"\",\"clientEvidence\":\"\","
                        + "\"lastSeq\":-1}",
                "{\"type\":\"joined\",\"room\":\"r\",\"serverEvidence\":\"\",\"latestSeq\":1,"
                        + "\"members\":[\"ok\",\"not ok\"]}",
                "{\"type\":\"login_challenge\",\"salt\":\"\",\"serverPublic\":\"\","
                        + "\"kdf\":{\"memoryKiB\":1,\"iterations\":3,\"parallelism\":1}}"
            })
    void decodeRejectsValueTheRecordRejects(String template) {
        String json = template.formatted("x".repeat(Names.MAX_LOGIN + 1));
        assertKind(Kind.INVALID_VALUE, json);
    }

    @Test
    void decodeRejectsEscapedLoneSurrogateAsMalformed() {
        assertKind(
                Kind.MALFORMED_JSON,
                "{\"type\":\"error_reply\",\"code\":\"INTERNAL\",\"text\":\"\\ud800\"}");
        assertKind(
                Kind.MALFORMED_JSON,
                "{\"type\":\"error_reply\",\"code\":\"INTERNAL\",\"text\":\"\\udc00\\ud800\"}");
    }

    @Test
    void decodeAcceptsEscapedSurrogatePair() throws ProtocolException {
        assertThat(
                        decode(
                                "{\"type\":\"error_reply\",\"code\":\"INTERNAL\",\"text\":\"\\ud83d\\ude00\"}"))
                .isEqualTo(new ErrorReply(ErrorCode.INTERNAL, "😀"));
    }

    @Test
    void encodeRejectsLoneSurrogate() {
        ErrorReply message = new ErrorReply(ErrorCode.INTERNAL, "broken \ud800 text");
        assertThrows(IllegalArgumentException.class, () -> codec.encode(message));
    }

    // --- the binary form of delivered

    @Test
    void encodeWritesDeliveredInItsBinaryForm() {
        Delivered delivered =
                new Delivered(
                        "r", 258, "я", 3, Bytes.of(new byte[] {(byte) 0xca, (byte) 0xfe}), -1);
        assertThat(codec.encode(delivered))
                .containsExactly(
                        0x01, // binary delivered
                        0, 0, 0, 0, 0, 0, 1, 2, // seq 258
                        0, 0, 0, 0, 0, 0, 0, 3, // counter 3
                        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, // storedAt -1
                        0, 1, 'r', // room
                        0, 2, 0xd1, 0x8f, // sender "я" in UTF-8
                        0xca, 0xfe); // sealed: the rest
    }

    @Test
    void deliveredOfATwoHundredByteMessageTakes273Bytes() {
        // 237 sealed bytes (header, 200 bytes of text, tag); its JSON form took 431
        Delivered delivered =
                new Delivered(
                        "bench",
                        123_456,
                        "s1",
                        12_345,
                        Bytes.of(new byte[237]),
                        1_795_000_000_000L);
        assertThat(codec.encode(delivered)).hasSize(273);
    }

    @Test
    void decodeRefusesDeliveredInJson() {
        assertKind(
                Kind.UNKNOWN_TYPE,
                "{\"type\":\"delivered\",\"room\":\"r\",\"seq\":1,\"sender\":\"a\",\"counter\":1,"
                        + "\"sealed\":\"\",\"storedAt\":0}");
    }

    @Test
    void decodeRefusesPostInJson() {
        assertKind(
                Kind.UNKNOWN_TYPE,
                "{\"type\":\"post\",\"room\":\"r\",\"counter\":1,\"sealed\":\"\"}");
    }

    @Test
    void decodeRejectsBinaryPostCutBeforeItsSealedPart() {
        byte[] whole = codec.encode(new Post("rø", 1, Bytes.of(new byte[] {9})));
        int sealedAt = whole.length - 1;
        for (int length = 1; length < sealedAt; length++) {
            assertKind(Kind.MALFORMED_BINARY, Arrays.copyOf(whole, length));
        }
    }

    @Test
    void decodeRejectsBinaryPostWithACounterThePostRejects() {
        byte[] bytes = codec.encode(new Post("r", 1, Bytes.of(new byte[8])));
        bytes[8] = 0; // counter 0
        assertKind(Kind.INVALID_VALUE, bytes);
    }

    @Test
    void decodeRejectsBinaryDeliveredCutBeforeItsSealedPart() {
        byte[] whole = codec.encode(new Delivered("rø", 1, "ann", 1, Bytes.of(new byte[] {9}), 0));
        int sealedAt = whole.length - 1;
        for (int length = 1; length < sealedAt; length++) {
            assertKind(Kind.MALFORMED_BINARY, Arrays.copyOf(whole, length));
        }
    }

    @Test
    void decodeRejectsBinaryDeliveredWhoseNameLengthRunsPastTheEnd() {
        byte[] bytes = codec.encode(new Delivered("r", 1, "a", 1, Bytes.of(new byte[40]), 0));
        bytes[25] = (byte) 0xff; // room length 65,535 + 1 byte
        assertKind(Kind.MALFORMED_BINARY, bytes);
    }

    @Test
    void decodeRejectsBinaryDeliveredWithANameThatIsNotUtf8() {
        byte[] bytes = codec.encode(new Delivered("r", 1, "ab", 1, Bytes.of(new byte[0]), 0));
        bytes[bytes.length - 1] = (byte) 0xc3; // "a" then a lead byte with nothing after it
        assertKind(Kind.MALFORMED_BINARY, bytes);
    }

    @Test
    void roomNameWithAnUnpairedSurrogateIsRefused() {
        assertThat(Names.roomProblem("fam\ud800ily")).contains("broken character");
        assertThrows(
                IllegalArgumentException.class,
                () -> new Delivered("r\udc00", 1, "a", 1, Bytes.of(new byte[0]), 0));
    }

    @Test
    void decodeRejectsBinaryDeliveredValuesTheRecordRejects() {
        byte[] zeroSeq = codec.encode(new Delivered("r", 1, "a", 1, Bytes.of(new byte[0]), 0));
        zeroSeq[8] = 0;
        assertKind(Kind.INVALID_VALUE, zeroSeq);
        byte[] badLogin = codec.encode(new Delivered("r", 1, "ab", 1, Bytes.of(new byte[0]), 0));
        badLogin[badLogin.length - 1] = ' ';
        assertKind(Kind.INVALID_VALUE, badLogin);
    }

    @Test
    void protocolExceptionNamesWhereTheProblemIs() {
        ProtocolException e =
                assertThrows(
                        ProtocolException.class,
                        () ->
                                decode(
                                        "{\"type\":\"room_list\",\"rooms\":[{\"name\":\"r\",\"active\":true,"
                                                + "\"members\":1,\"latestSeq\":\"9\"}]}"));
        assertThat(e.kind()).isEqualTo(Kind.WRONG_TYPE);
        assertThat(e.getMessage()).contains("room_list.rooms[0].latestSeq");
    }

    private String json(Message message) {
        return new String(codec.encode(message), UTF_8);
    }

    private Message decode(String json) throws ProtocolException {
        return codec.decode(json.getBytes(UTF_8));
    }

    private void assertKind(Kind kind, String json) {
        assertKind(kind, json.getBytes(UTF_8));
    }

    private void assertKind(Kind kind, byte[] json) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decode(json));
        assertThat(e.kind()).as("%s for %s", e.getMessage(), Arrays.toString(json)).isEqualTo(kind);
    }

    private static String jsonEscape(String s) {
        return s.replace("\n", "\\n").replace("\r", "\\r");
    }
}
