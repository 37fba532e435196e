package confab.app.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanAddressesTest {
    @ParameterizedTest
    @CsvSource({
        "fd00:0:0:0:0:0:0:2, fd00::2",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "0:0:0:0:0:0:0:1, ::1",
        "fe80:0:0:0:0:0:0:0, fe80::",
        "2001:DB8:0:0:0:0:0:ABCD, 2001:db8::abcd",
    })
    void ipv6AddressesAreShownInTheirShortForm(String full, String shortForm) {
        assertThat(LanAddresses.compressed((Inet6Address) Inet6Address.ofLiteral(full)))
                .isEqualTo(shortForm);
    }
}
