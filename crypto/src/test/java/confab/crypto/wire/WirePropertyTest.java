package confab.crypto.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class WirePropertyTest {
    private final MessageCodec codec = new MessageCodec();

    @Example
    void everyMessageTypeHasAGenerator() {
        assertThat(List.<Class<?>>copyOf(MessageArbitraries.byType().keySet()))
                .containsExactlyInAnyOrder(Message.class.getPermittedSubclasses());
    }

    @Property
    void anyMessageRoundTrips(@ForAll("messages") Message message) throws ProtocolException {
        assertThat(codec.decode(codec.encode(message))).isEqualTo(message);
    }

    @Property
    void framesSplitAnywhereDecodeLikeWhole(
            @ForAll @Size(max = 8) List<@Size(max = 300) byte[]> payloads,
            @ForAll @Size(min = 1, max = 10) List<@IntRange(min = 1, max = 40) Integer> chunks)
            throws Exception {
        byte[] stream = frames(payloads);
        List<byte[]> decoded = new ArrayList<>();
        FrameDecoder decoder = new FrameDecoder(Frames.DEFAULT_MAX_PAYLOAD);
        for (int position = 0, i = 0; position < stream.length; i++) {
            int n = Math.min(chunks.get(i % chunks.size()), stream.length - position);
            decoded.addAll(decoder.feed(stream, position, n));
            position += n;
        }
        assertThat(hex(decoded)).isEqualTo(hex(payloads));
        assertThat(decoder.hasPartialFrame()).isFalse();
        assertThat(hex(readAll(stream))).isEqualTo(hex(payloads));
    }

    @Property
    void framesFedOneByteAtATimeDecodeLikeWhole(
            @ForAll @Size(max = 8) List<@Size(max = 300) byte[]> payloads) throws Exception {
        byte[] stream = frames(payloads);
        FrameDecoder whole = new FrameDecoder(Frames.DEFAULT_MAX_PAYLOAD);
        FrameDecoder trickle = new FrameDecoder(Frames.DEFAULT_MAX_PAYLOAD);
        List<byte[]> trickled = new ArrayList<>();
        for (int i = 0; i < stream.length; i++) {
            trickled.addAll(trickle.feed(stream, i, 1));
        }
        assertThat(hex(trickled)).isEqualTo(hex(whole.feed(stream, 0, stream.length)));
        assertThat(hex(trickled)).isEqualTo(hex(payloads));
    }

    @Property
    void messagesSurviveFramingInArbitraryChunks(
            @ForAll @Size(max = 5) List<@From("messages") Message> messages,
            @ForAll @IntRange(min = 1, max = 100) int chunk)
            throws ProtocolException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        messages.forEach(m -> stream.writeBytes(codec.encodeFrame(m)));
        byte[] bytes = stream.toByteArray();
        FrameDecoder decoder = new FrameDecoder(codec.maxPayload());
        List<Message> decoded = new ArrayList<>();
        for (int position = 0; position < bytes.length; position += chunk) {
            for (byte[] payload :
                    decoder.feed(bytes, position, Math.min(chunk, bytes.length - position))) {
                decoded.add(codec.decode(payload));
            }
        }
        assertThat(decoded).isEqualTo(messages);
    }

    /// A message with one byte changed, removed or added either still decodes, to a message
    /// that round-trips, or fails with a `ProtocolException`; nothing else escapes.
    @Property
    void damagedMessageDecodesOrFailsCleanly(
            @ForAll("messages") Message message,
            @ForAll @IntRange(min = 0, max = 2) int edit,
            @ForAll @IntRange(min = 0) int where,
            @ForAll byte value) {
        byte[] json = codec.encode(message);
        int at = where % (json.length + 1);
        ByteArrayOutputStream damaged = new ByteArrayOutputStream();
        damaged.write(json, 0, Math.min(at, json.length));
        if (edit == 1) {
            damaged.write(value);
        }
        int resume = edit == 0 || edit == 2 ? at + 1 : at;
        if (edit == 2) {
            damaged.write(value);
        }
        if (resume < json.length) {
            damaged.write(json, resume, json.length - resume);
        }
        try {
            Message decoded = codec.decode(damaged.toByteArray());
            assertThat(codec.decode(codec.encode(decoded))).isEqualTo(decoded);
        } catch (ProtocolException expected) {
            assertThat(expected.kind()).isNotNull();
        }
    }

    @Provide
    Arbitrary<Message> messages() {
        return MessageArbitraries.messages();
    }

    private static byte[] frames(List<byte[]> payloads) throws ProtocolException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (byte[] payload : payloads) {
            stream.writeBytes(Frames.frame(payload, Frames.DEFAULT_MAX_PAYLOAD));
        }
        return stream.toByteArray();
    }

    private static List<byte[]> readAll(byte[] stream) throws IOException, ProtocolException {
        FrameReader reader =
                new FrameReader(new ByteArrayInputStream(stream), Frames.DEFAULT_MAX_PAYLOAD);
        List<byte[]> payloads = new ArrayList<>();
        for (byte[] payload = reader.read(); payload != null; payload = reader.read()) {
            payloads.add(payload);
        }
        return payloads;
    }

    private static List<String> hex(List<byte[]> payloads) {
        return payloads.stream().map(HexFormat.of()::formatHex).toList();
    }
}
