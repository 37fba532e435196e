package confab.crypto.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class FramesTest {
    @Test
    void frameIsBigEndianLengthThenPayload() throws ProtocolException {
        assertThat(Frames.frame("hi".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 10))
                .isEqualTo(HexFormat.of().parseHex("000000026869"));
    }

    @Test
    void frameWritesEveryByteOfTheLength() throws ProtocolException {
        byte[] frame = Frames.frame(new byte[0x01_02_03], 0x01_02_03);
        assertThat(frame).hasSize(Frames.HEADER_BYTES + 0x01_02_03);
        assertThat(HexFormat.of().formatHex(frame, 0, Frames.HEADER_BYTES)).isEqualTo("00010203");
    }

    @Test
    void frameOfEmptyPayloadIsJustTheHeader() throws ProtocolException {
        assertThat(Frames.frame(new byte[0], 0)).containsExactly(0, 0, 0, 0);
    }

    @Test
    void frameAcceptsPayloadAtTheLimit() throws ProtocolException {
        assertThat(Frames.frame(new byte[Frames.DEFAULT_MAX_PAYLOAD], Frames.DEFAULT_MAX_PAYLOAD))
                .hasSize(Frames.HEADER_BYTES + Frames.DEFAULT_MAX_PAYLOAD);
    }

    @Test
    void frameRejectsPayloadOverTheLimit() {
        ProtocolException e =
                assertThrows(
                        ProtocolException.class,
                        () ->
                                Frames.frame(
                                        new byte[Frames.DEFAULT_MAX_PAYLOAD + 1],
                                        Frames.DEFAULT_MAX_PAYLOAD));
        assertThat(e.kind()).isEqualTo(ProtocolException.Kind.FRAME_TOO_LARGE);
    }
}
