package confab.bench;

import java.nio.charset.StandardCharsets;

/// The 200 bytes of text every benchmark message carries, the same for both protocols:
/// `SSSSS CCCCCCCCCCCC ` (sender and counter, so an IRC receiver knows what it got) and
/// filler up to 200 bytes.
final class BenchText {
    static final int SIZE = 200;
    private static final byte[] FILLER =
            "The quick brown fox jumps over the lazy dog; "
                    .repeat(6)
                    .getBytes(StandardCharsets.US_ASCII);

    private BenchText() {}

    static byte[] text(int sender, long counter) {
        byte[] text = new byte[SIZE];
        byte[] head =
                String.format("%05d %012d ", sender, counter).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, text, 0, head.length);
        System.arraycopy(FILLER, 0, text, head.length, SIZE - head.length);
        return text;
    }
}
