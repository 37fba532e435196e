package confab.crypto.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/// Jazzer fuzz test of everything that reads from the network: bytes -> {@link FrameDecoder}
/// -> {@link MessageCodec#decode}. A `ProtocolException` is the only acceptable failure;
/// anything else that escapes (a `RuntimeException`, an `Error`, a hang) is a finding.
///
/// In a plain `mvn test` this runs as a regression test on the empty input and the seed files
/// in `src/test/resources/confab/crypto/wire/WireFuzzTestInputs/decodeFramesThenMessages/`.
/// To fuzz for real, here for 10 minutes (`-Djazzer.max_duration` overrides the 5 minutes
/// below):
/// ```
/// JAZZER_FUZZ=1 mvn -B -pl crypto test -Dtest=WireFuzzTest -Djazzer.max_duration=10m
/// ```
/// A finding is written to that inputs directory, where it stays as a regression input once
/// fixed; the corpus the fuzzer grows goes to `crypto/.cifuzz-corpus/` (not committed).
/// `JAZZER_FUZZ` also switches on the `fuzz` profile of `crypto/pom.xml`, which gives Jazzer
/// back its hooks (its coverage feedback). Fuzzing keeps one core busy for the whole time.
class WireFuzzTest {
    private static final MessageCodec CODEC = new MessageCodec();

    @FuzzTest(maxDuration = "5m")
    void decodeFramesThenMessages(byte[] data) {
        Outcome whole = decode(data, data.length);
        Outcome trickled = decode(data, 1);
        if (whole.failure() == null) {
            assertThat(trickled).as("fed one byte at a time").isEqualTo(whole);
        } else {
            // fed whole, the frames before a bad header are never decoded; either way it fails
            assertThat(trickled.failure()).as("fed one byte at a time").isNotNull();
        }
        for (Message message : whole.messages()) {
            assertThat(decodeOrFail(CODEC.encode(message))).as("re-encoded").isEqualTo(message);
        }
    }

    /// What came out of `data` fed in chunks of `chunk` bytes: the messages decoded before any
    /// failure, the kind of that failure (or null) and whether a frame was left unfinished.
    private record Outcome(
            List<Message> messages, ProtocolException.Kind failure, boolean partial) {}

    private static Outcome decode(byte[] data, int chunk) {
        FrameDecoder decoder = new FrameDecoder(CODEC.maxPayload());
        List<Message> messages = new ArrayList<>();
        try {
            for (int position = 0; position < data.length; position += chunk) {
                int n = Math.min(chunk, data.length - position);
                for (byte[] payload : decoder.feed(data, position, n)) {
                    messages.add(CODEC.decode(payload));
                }
            }
            return new Outcome(messages, null, decoder.hasPartialFrame());
        } catch (ProtocolException e) {
            return new Outcome(messages, e.kind(), false);
        }
    }

    private static Message decodeOrFail(byte[] json) {
        try {
            return CODEC.decode(json);
        } catch (ProtocolException e) {
            throw new AssertionError("the codec's own output does not decode", e);
        }
    }
}
