package confab.crypto.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import confab.crypto.wire.ProtocolException.Kind;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
    private static final int MAX = Frames.DEFAULT_MAX_PAYLOAD;

    private final FrameDecoder decoder = new FrameDecoder(MAX);

    @Test
    void feedReturnsEveryFrameCompletedByAChunk() throws ProtocolException {
        assertThat(hex(feed(bytes("00000002 6869 00000000 00000001 21"))))
                .containsExactly("6869", "", "21");
        assertThat(decoder.hasPartialFrame()).isFalse();
    }

    @Test
    void feedReturnsNothingUntilAFrameIsComplete() throws ProtocolException {
        assertThat(feed(bytes("000000"))).isEmpty();
        assertThat(feed(bytes("03 6162"))).isEmpty();
        assertThat(hex(feed(bytes("63 000000")))).containsExactly("616263");
        assertThat(hex(feed(bytes("01 7a")))).containsExactly("7a");
    }

    @Test
    void feedAssemblesFramesFromSingleBytes() throws ProtocolException {
        byte[] stream = bytes("00000002 6869 00000001 21");
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < stream.length; i++) {
            payloads.addAll(decoder.feed(stream, i, 1));
        }
        assertThat(hex(payloads)).containsExactly("6869", "21");
    }

    @Test
    void feedReadsOnlyTheGivenRange() throws ProtocolException {
        byte[] buffer = bytes("ffff 00000001 21 ffff");
        assertThat(hex(decoder.feed(buffer, 2, 5))).containsExactly("21");
    }

    @Test
    void feedRejectsRangeOutsideTheArray() {
        assertThrows(IndexOutOfBoundsException.class, () -> decoder.feed(new byte[4], 2, 3));
    }

    @Test
    void feedDecodesEveryByteOfTheLength() throws ProtocolException {
        // 0x018080: the top bit of each of the three low bytes is set
        byte[] payload = new byte[0x01_80_80];
        payload[payload.length - 1] = 42;
        FrameDecoder large = new FrameDecoder(0x01_80_80);
        byte[] frame = Frames.frame(payload, 0x01_80_80);
        assertThat(large.feed(frame, 0, frame.length)).singleElement().isEqualTo(payload);
        assertThat(large.hasPartialFrame()).isFalse();
    }

    @Test
    void feedRejectsTwoGibibyteLengthAsSoonAsTheHeaderIsComplete() throws ProtocolException {
        assertThat(feed(bytes("7fffff"))).isEmpty();
        assertKind(Kind.FRAME_TOO_LARGE, bytes("ff"));
    }

    @Test
    void feedRejectsLengthOneOverTheLimit() {
        assertKind(Kind.FRAME_TOO_LARGE, bytes(HexFormat.of().toHexDigits(MAX + 1)));
    }

    @Test
    void feedRejectsNegativeLength() {
        assertKind(Kind.FRAME_TOO_LARGE, bytes("80000000"));
    }

    @Test
    void feedAcceptsPayloadAtTheLimit() throws ProtocolException {
        assertThat(feed(Frames.frame(new byte[MAX], MAX)))
                .singleElement()
                .satisfies(p -> assertThat(p).hasSize(MAX));
    }

    @Test
    void feedAfterAFailureThrowsIllegalState() {
        assertKind(Kind.FRAME_TOO_LARGE, bytes("ffffffff"));
        assertThrows(IllegalStateException.class, () -> feed(bytes("00000000")));
    }

    @Test
    void hasPartialFrameWhileInsideTheHeader() throws ProtocolException {
        feed(bytes("00"));
        assertThat(decoder.hasPartialFrame()).isTrue();
    }

    @Test
    void hasPartialFrameWhileInsideThePayload() throws ProtocolException {
        feed(bytes("00000002 68"));
        assertThat(decoder.hasPartialFrame()).isTrue();
    }

    @Test
    void hasNoPartialFrameBeforeAnyInput() {
        assertThat(decoder.hasPartialFrame()).isFalse();
    }

    private void assertKind(Kind kind, byte[] chunk) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> feed(chunk));
        assertThat(e.kind()).isEqualTo(kind);
    }

    private List<byte[]> feed(byte[] chunk) throws ProtocolException {
        return decoder.feed(chunk, 0, chunk.length);
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    private static List<String> hex(List<byte[]> payloads) {
        return payloads.stream().map(HexFormat.of()::formatHex).toList();
    }
}
