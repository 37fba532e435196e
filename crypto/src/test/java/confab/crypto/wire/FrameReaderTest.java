package confab.crypto.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import confab.crypto.wire.ProtocolException.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class FrameReaderTest {
    private static final int MAX = Frames.DEFAULT_MAX_PAYLOAD;

    @Test
    void readReturnsPayloadsInOrderThenNullAtEndOfStream() throws Exception {
        FrameReader reader = reader("00000002 6869 00000000 00000001 21");
        assertThat(reader.read()).containsExactly('h', 'i');
        assertThat(reader.read()).isEmpty();
        assertThat(reader.read()).containsExactly('!');
        assertThat(reader.read()).isNull();
    }

    @Test
    void readReturnsNullOnEmptyStream() throws Exception {
        assertThat(reader("").read()).isNull();
    }

    @Test
    void readAcceptsPayloadAtTheLimit() throws Exception {
        byte[] frame = Frames.frame(new byte[MAX], MAX);
        assertThat(new FrameReader(new ByteArrayInputStream(frame), MAX).read()).hasSize(MAX);
    }

    @Test
    void readDecodesEveryByteOfTheLength() throws Exception {
        // 0x018080: the top bit of each of the three low bytes is set
        byte[] payload = new byte[0x01_80_80];
        payload[payload.length - 1] = 42;
        FrameReader reader =
                new FrameReader(
                        new ByteArrayInputStream(Frames.frame(payload, 0x01_80_80)), 0x01_80_80);
        assertThat(reader.read()).isEqualTo(payload);
        assertThat(reader.read()).isNull();
    }

    @Test
    void readRejectsTwoGibibyteLengthWithoutReadingFurther() {
        // 0x7fffffff announces 2 GiB - 1; a reader that allocated first would run out of memory
        ByteArrayInputStream in = stream("7fffffff 0102030405");
        assertKind(Kind.FRAME_TOO_LARGE, new FrameReader(in, MAX));
        assertThat(in.available()).as("bytes left unread").isEqualTo(5);
    }

    @Test
    void readRejectsLengthOneOverTheLimit() {
        ByteArrayInputStream in = stream(HexFormat.of().toHexDigits(MAX + 1) + "00");
        assertKind(Kind.FRAME_TOO_LARGE, new FrameReader(in, MAX));
        assertThat(in.available()).isEqualTo(1);
    }

    @Test
    void readRejectsNegativeLength() {
        assertKind(Kind.FRAME_TOO_LARGE, reader("80000000 00"));
        assertKind(Kind.FRAME_TOO_LARGE, reader("ffffffff 00"));
    }

    @Test
    void readRejectsStreamEndingInsideTheHeader() {
        assertKind(Kind.TRUNCATED, reader("0000"));
    }

    @Test
    void readRejectsStreamEndingInsideThePayload() {
        assertKind(Kind.TRUNCATED, reader("00000003 6869"));
    }

    @Test
    void readRejectsStreamEndingAfterTheHeader() {
        assertKind(Kind.TRUNCATED, reader("00000001"));
    }

    @Test
    void readCollectsAFrameThatArrivesOneByteAtATime() throws Exception {
        ByteArrayInputStream source = stream("00000003 616263");
        InputStream trickle = new InputStream() { // as a slow socket: at most one byte per read
                    @Override
                    public int read() {
                        return source.read();
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        return source.read(b, off, Math.min(len, 1));
                    }
                };
        FrameReader reader = new FrameReader(trickle, MAX);
        assertThat(reader.read()).containsExactly('a', 'b', 'c');
        assertThat(reader.read()).isNull();
    }

    @Test
    void readPassesOnIOExceptionFromTheStream() {
        InputStream failing =
                new SequenceInputStream(
                        stream("00000005 68"),
                        new InputStream() {
                            @Override
                            public int read() throws IOException {
                                throw new IOException("connection reset");
                            }
                        });
        IOException e = assertThrows(IOException.class, () -> new FrameReader(failing, MAX).read());
        assertThat(e).hasMessage("connection reset");
    }

    private static FrameReader reader(String hex) {
        return new FrameReader(stream(hex), MAX);
    }

    private static ByteArrayInputStream stream(String hex) {
        return new ByteArrayInputStream(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    private static void assertKind(Kind kind, FrameReader reader) {
        ProtocolException e = assertThrows(ProtocolException.class, reader::read);
        assertThat(e.kind()).isEqualTo(kind);
    }
}
