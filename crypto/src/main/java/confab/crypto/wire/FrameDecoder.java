package confab.crypto.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/// Turns bytes that arrive in arbitrary chunks into whole frame payloads (see {@link Frames}).
///
/// Each call to {@link #feed} returns the payloads that the chunk completed, in order; a frame
/// split over many chunks (down to one byte each) comes out the same as if it arrived whole.
/// Not thread-safe. After a `ProtocolException` the decoder refuses further input: the byte
/// stream is out of step and the connection should be closed.
public final class FrameDecoder {
    private final int maxPayload;
    private final byte[] header = new byte[Frames.HEADER_BYTES];
    private int headerFilled;
    private byte[] payload; // null while reading a header
    private int payloadFilled;
    private boolean failed;

    public FrameDecoder(int maxPayload) {
        this.maxPayload = Frames.requireMaxPayload(maxPayload);
    }

    /// Consumes `bytes[offset .. offset + length - 1]` and returns the payloads it completed
    /// (often none).
    ///
    /// @throws ProtocolException `FRAME_TOO_LARGE` as soon as a header announces a length over
    ///     the limit or a negative one, before anything is allocated for it
    /// @throws IllegalStateException if an earlier call threw `ProtocolException`
    public List<byte[]> feed(byte[] bytes, int offset, int length) throws ProtocolException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (failed) {
            throw new IllegalStateException("the decoder failed earlier; close the connection");
        }
        List<byte[]> complete = List.of();
        int position = offset;
        int end = offset + length;
        while (position < end) {
            if (payload == null) {
                int n = Math.min(Frames.HEADER_BYTES - headerFilled, end - position);
                System.arraycopy(bytes, position, header, headerFilled, n);
                headerFilled += n;
                position += n;
                if (headerFilled == Frames.HEADER_BYTES) {
                    startPayload();
                }
            } else {
                int n = Math.min(payload.length - payloadFilled, end - position);
                System.arraycopy(bytes, position, payload, payloadFilled, n);
                payloadFilled += n;
                position += n;
            }
            if (payload != null && payloadFilled == payload.length) {
                if (complete.isEmpty()) {
                    complete = new ArrayList<>();
                }
                complete.add(payload);
                payload = null;
                headerFilled = 0;
            }
        }
        return complete;
    }

    /// Whether some bytes of an unfinished frame are buffered: at end of stream that means the
    /// peer stopped in the middle of a frame.
    public boolean hasPartialFrame() {
        return headerFilled > 0;
    }

    private void startPayload() throws ProtocolException {
        int announced = Frames.readLength(header, 0);
        try {
            Frames.checkLength(announced, maxPayload);
        } catch (ProtocolException e) {
            failed = true;
            throw e;
        }
        payload = new byte[announced];
        payloadFilled = 0;
    }
}
