package confab.host.store;

import static confab.host.store.Fixtures.account;
import static org.assertj.core.api.Assertions.assertThat;

import confab.crypto.wire.Bytes;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostStoreAccountsTest {
    @TempDir Path dir;
    private HostStore store;

    @BeforeEach
    void open() {
        store = HostStore.open(dir, Durability.NORMAL);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void createdAccountIsFoundWithEveryField() {
        AccountRecord alice = account("alice");

        assertThat(store.createAccount(alice)).isTrue();

        assertThat(store.findAccount("alice")).contains(alice);
    }

    @Test
    void createAccountRefusesAnExistingLoginAndKeepsTheFirst() {
        AccountRecord first = account("alice");
        AccountRecord second =
                new AccountRecord(
                        "alice",
                        Bytes.of(new byte[] {1}),
                        Bytes.of(new byte[] {2}),
                        Fixtures.KDF,
                        9);
        store.createAccount(first);

        assertThat(store.createAccount(second)).isFalse();

        assertThat(store.findAccount("alice")).contains(first);
    }

    @Test
    void findAccountOfUnknownLoginIsEmpty() {
        store.createAccount(account("alice"));

        assertThat(store.findAccount("bob")).isEmpty();
    }

    @Test
    void accountsWithDifferentLoginsAreKeptApart() {
        store.createAccount(account("alice"));
        store.createAccount(account("bob"));

        assertThat(store.findAccount("bob")).contains(account("bob"));
        assertThat(store.findAccount("alice")).contains(account("alice"));
    }
}
