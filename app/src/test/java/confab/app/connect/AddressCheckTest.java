package confab.app.connect;

import static org.assertj.core.api.Assertions.assertThat;

import confab.app.connect.AddressCheck.Problem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressCheckTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "192.168.1.20:7331",
                " 10.0.0.5:80 ",
                "localhost",
                "alice-pc.local:4000",
                "chat.example.org",
                "пример.рф:7331",
                "[::1]:7331",
                "[2001:db8::5]",
                "2001:db8::5",
            })
    void acceptsWhatPeopleType(String text) {
        assertThat(AddressCheck.problem(text)).isNull();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|EMPTY",
                "'   '|EMPTY",
                "127.0.0..1|BAD_HOST",
                "300.1.1.1|BAD_HOST",
                "10.1|BAD_HOST",
                "my host|BAD_HOST",
                "-bad.lan|BAD_HOST",
                "host_name.lan|BAD_HOST",
                "[::1|BAD_HOST",
                "[nothex::]:80|BAD_HOST",
                ":7331|BAD_HOST",
                "127.0.0.1:|BAD_PORT",
                "127.0.0.1:0|BAD_PORT",
                "127.0.0.1:65536|BAD_PORT",
                "127.0.0.1:73a1|BAD_PORT",
                "127.0.0.1:-1|BAD_PORT",
                "[::1]:99999|BAD_PORT",
            })
    void explainsWhatIsWrong(String text, Problem expected) {
        assertThat(AddressCheck.problem(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"1,true", "65535,true", "0,false", "65536,false", "007331,false", "x,false"})
    void portsRunFromOneTo65535(String text, boolean valid) {
        assertThat(AddressCheck.isPort(text)).isEqualTo(valid);
    }
}
