package confab.crypto.wire;

/// The framing of every message on a connection: a length, then that many bytes of payload.
///
/// ```
/// +--------+--------+--------+--------+--------------------------------+
/// |   length (4 bytes, big-endian)    |  payload (length bytes)        |
/// +--------+--------+--------+--------+--------------------------------+
///  0                                 3 4                   4 + length - 1
///
/// "hi" (2 bytes):  00 00 00 02 68 69
/// ```
///
/// The length counts only the payload (not the header) and is in `0 .. maxPayload`; a receiver
/// checks it before it allocates anything, so a peer cannot make it reserve more than
/// `maxPayload` bytes. A negative length (top bit set) is never valid. The payload of a
/// Confab frame is one message: UTF-8 JSON, or the binary form of a `delivered` (see
/// {@link MessageCodec}).
///
/// Readers: {@link FrameReader} (blocking, over an `InputStream`) and {@link FrameDecoder}
/// (fed chunks as they arrive).
public final class Frames {
    /// Size of the length header.
    public static final int HEADER_BYTES = 4;

    /// The largest payload a Confab peer sends or accepts.
    public static final int DEFAULT_MAX_PAYLOAD = 64 * 1024;

    private Frames() {}

    /// Header and payload in one new array.
    ///
    /// @throws ProtocolException of kind `FRAME_TOO_LARGE` if `payload` is over `maxPayload`
    public static byte[] frame(byte[] payload, int maxPayload) throws ProtocolException {
        checkLength(payload.length, maxPayload);
        byte[] frame = new byte[HEADER_BYTES + payload.length];
        int length = payload.length;
        frame[0] = (byte) (length >>> 24);
        frame[1] = (byte) (length >>> 16);
        frame[2] = (byte) (length >>> 8);
        frame[3] = (byte) length;
        System.arraycopy(payload, 0, frame, HEADER_BYTES, length);
        return frame;
    }

    /// The length in a header: `header[offset .. offset + 3]`, big-endian, signed.
    static int readLength(byte[] header, int offset) {
        return (header[offset] & 0xff) << 24
                | (header[offset + 1] & 0xff) << 16
                | (header[offset + 2] & 0xff) << 8
                | (header[offset + 3] & 0xff);
    }

    static void checkLength(int length, int maxPayload) throws ProtocolException {
        if (length < 0 || length > maxPayload) {
            throw new ProtocolException(
                    ProtocolException.Kind.FRAME_TOO_LARGE,
                    "frame length "
                            + Integer.toUnsignedString(length)
                            + " is over the limit of "
                            + maxPayload
                            + " bytes");
        }
    }

    static int requireMaxPayload(int maxPayload) {
        if (maxPayload < 0) {
            throw new IllegalArgumentException("maxPayload is negative: " + maxPayload);
        }
        return maxPayload;
    }
}
