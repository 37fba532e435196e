package confab.crypto.wire;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/// Reads whole frames (see {@link Frames}) from a blocking stream, one payload at a time.
///
/// Not thread-safe: one reader per stream, used by one thread. After a `ProtocolException`
/// the stream is out of step and the connection should be closed.
public final class FrameReader {
    private final InputStream in;
    private final int maxPayload;
    private final byte[] header = new byte[Frames.HEADER_BYTES];

    public FrameReader(InputStream in, int maxPayload) {
        this.in = Objects.requireNonNull(in, "in");
        this.maxPayload = Frames.requireMaxPayload(maxPayload);
    }

    /// The next payload, or `null` when the stream ends cleanly between two frames.
    ///
    /// The announced length is checked before anything is allocated or read after the header.
    ///
    /// @throws ProtocolException `FRAME_TOO_LARGE` for a length over the limit or negative,
    ///     `TRUNCATED` if the stream ends inside a frame
    /// @throws IOException from the stream
    public byte[] read() throws IOException, ProtocolException {
        int headerRead = in.readNBytes(header, 0, Frames.HEADER_BYTES);
        if (headerRead == 0) {
            return null;
        }
        if (headerRead < Frames.HEADER_BYTES) {
            throw truncated(headerRead, Frames.HEADER_BYTES);
        }
        int length = Frames.readLength(header, 0);
        Frames.checkLength(length, maxPayload);
        byte[] payload = new byte[length];
        int payloadRead = in.readNBytes(payload, 0, length);
        if (payloadRead < length) {
            throw truncated(Frames.HEADER_BYTES + payloadRead, Frames.HEADER_BYTES + length);
        }
        return payload;
    }

    private static ProtocolException truncated(int got, int expected) {
        return new ProtocolException(
                ProtocolException.Kind.TRUNCATED,
                "stream ended inside a frame after " + got + " of " + expected + " bytes");
    }
}
