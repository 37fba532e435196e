package confab.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostAddressTest {
    @ParameterizedTest(name = "\"{0}\" -> {1} port {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "192.168.1.20:7000    | 192.168.1.20   | 7000",
                "192.168.1.20         | 192.168.1.20   | 7331",
                "'  10.0.0.1:80  '    | 10.0.0.1       | 80",
                "localhost            | localhost      | 7331",
                "chat.example.org:1   | chat.example.org | 1",
                "my-box:65535         | my-box         | 65535",
                "example.org.         | example.org.   | 7331",
                "[::1]:9000           | ::1            | 9000",
                "[::1]                | ::1            | 7331",
                "[fe80::1ff:fe23:4567:890a]:7331 | fe80::1ff:fe23:4567:890a | 7331",
                "::1                  | ::1            | 7331",
                "2001:db8::7          | 2001:db8::7    | 7331",
                "bücher.example       | bücher.example | 7331",
            })
    void parseAccepts(String text, String host, int port) {
        assertThat(HostAddress.parse(text)).isEqualTo(new HostAddress(host, port));
    }

    @ParameterizedTest(name = "\"{0}\": {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''                    | enter a host name or IP address",
                "'   '                 | enter a host name or IP address",
                "host:0                | port must be 1-65535",
                "host:65536            | port must be 1-65535",
                "host:99999999999      | port must be 1-65535",
                "host:-1               | port must be 1-65535",
                "host:http             | port must be 1-65535",
                "host:                 | enter a port after ':'",
                ":7331                 | enter a host name or IP address",
                "[::1                  | missing ']'",
                "[::1]7331             | expected ':' and a port after ']'",
                "[]:7331               | enter an IPv6 address",
                "[nothex::1]:7331      | is not an IPv6 address",
                "1::2::3               | put an IPv6 address in brackets",
                "256.1.1.1             | not a valid IPv4 address",
                "1.2.3                 | not a valid IPv4 address",
                "my host               | cannot contain spaces",
                "-bad.example          | not a valid host name",
                "a..b                  | not a valid host name",
                "under_score.example   | not a valid host name",
                "confab://host:7331    | enter only a host and a port",
            })
    void parseRejectsWithAMessageForTheUser(String text, String message) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> HostAddress.parse(text));

        assertThat(e.getMessage()).contains(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1:7331", "example.org:80", "[::1]:9000", "[2001:db8::7]:1"})
    void toStringParsesBackToTheSameAddress(String text) {
        HostAddress address = HostAddress.parse(text);

        assertThat(address.toString()).isEqualTo(text);
        assertThat(HostAddress.parse(address.toString())).isEqualTo(address);
    }

    @org.junit.jupiter.api.Test
    void nullTextIsRejectedLikeEmptyText() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> HostAddress.parse(null));

        assertThat(e.getMessage()).isEqualTo("enter a host name or IP address");
    }
}
