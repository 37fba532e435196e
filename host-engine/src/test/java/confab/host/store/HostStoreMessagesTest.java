package confab.host.store;

import static confab.host.store.Fixtures.message;
import static confab.host.store.Fixtures.messages;
import static confab.host.store.Fixtures.range;
import static confab.host.store.Fixtures.room;
import static confab.host.store.Fixtures.seqs;
import static confab.host.store.Fixtures.storedRange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import confab.crypto.wire.Bytes;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostStoreMessagesTest {
    private static final String LOBBY = "lobby";

    @TempDir Path dir;
    private HostStore store;

    @BeforeEach
    void open() {
        store = HostStore.open(dir, Durability.NORMAL);
        store.createRoom(room(LOBBY, 0));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void messagesAfterReturnsExactlyTheMessagesAfterAnySeq() {
        store.append(LOBBY, messages(1, 1));
        store.append(LOBBY, messages(2, 11));
        store.append(LOBBY, messages(12, 40));

        for (long after = 0; after <= 41; after++) {
            assertThat(store.messagesAfter(LOBBY, after, 1_000))
                    .as("after %d", after)
                    .isEqualTo(storedRange(LOBBY, after + 1, 40));
        }
    }

    @Test
    void messagesAfterReturnsAtMostLimitOldestFirst() {
        store.append(LOBBY, messages(1, 20));

        assertThat(seqs(store.messagesAfter(LOBBY, 5, 4))).containsExactly(6L, 7L, 8L, 9L);
    }

    @Test
    void messagesAfterRejectsLimitBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> store.messagesAfter(LOBBY, 0, 0));
    }

    @Test
    void messagesAfterIsOrderedBySeqWhateverTheAppendOrder() {
        store.append(LOBBY, List.of(message(5), message(3), message(4)));
        store.append(LOBBY, List.of(message(2), message(1)));

        assertThat(seqs(store.messagesAfter(LOBBY, 0, 100))).isEqualTo(range(1, 5));
    }

    @Test
    void messagesAfterOfUnknownRoomIsEmpty() {
        store.append(LOBBY, messages(1, 3));

        assertThat(store.messagesAfter("kitchen", 0, 100)).isEmpty();
    }

    @Test
    void roomsKeepSeparateHistoriesWithTheSameSeqs() {
        store.createRoom(room("kitchen", 0));
        store.append(LOBBY, messages(1, 3));
        store.append("kitchen", messages(1, 2));

        assertThat(store.messagesAfter("kitchen", 0, 100)).isEqualTo(storedRange("kitchen", 1, 2));
        assertThat(store.messagesAfter(LOBBY, 0, 100)).isEqualTo(storedRange(LOBBY, 1, 3));
    }

    @Test
    void latestSeqIsZeroForRoomWithoutMessages() {
        assertThat(store.latestSeq(LOBBY)).isZero();
    }

    @Test
    void latestSeqIsTheHighestStoredSeq() {
        store.append(LOBBY, List.of(message(7), message(9), message(8)));

        assertThat(store.latestSeq(LOBBY)).isEqualTo(9);
    }

    @Test
    void emptyBatchStoresNothing() {
        store.append(LOBBY, List.of());

        assertThat(store.latestSeq(LOBBY)).isZero();
    }

    @Test
    void emptyCiphertextRoundTrips() {
        NewMessage empty = new NewMessage(1, "alice", 1, Bytes.of(new byte[0]), 5);

        store.append(LOBBY, List.of(empty));

        assertThat(store.messagesAfter(LOBBY, 0, 1).getFirst().sealed().size()).isZero();
    }

    @Test
    void batchRepeatingAStoredSeqIsRolledBackEntirely() {
        store.append(LOBBY, messages(1, 3));

        assertThrows(
                HostStoreException.class,
                () -> store.append(LOBBY, List.of(message(4), message(5), message(2))));

        assertThat(store.messagesAfter(LOBBY, 0, 100)).isEqualTo(storedRange(LOBBY, 1, 3));
    }

    @Test
    void batchRepeatingASeqWithinItselfIsRolledBackEntirely() {
        assertThrows(
                HostStoreException.class,
                () -> store.append(LOBBY, List.of(message(1), message(2), message(2))));

        assertThat(store.latestSeq(LOBBY)).isZero();
    }

    @Test
    void appendWorksAgainAfterARolledBackBatch() {
        store.append(LOBBY, messages(1, 2));
        assertThrows(HostStoreException.class, () -> store.append(LOBBY, messages(2, 3)));

        store.append(LOBBY, messages(3, 4));

        assertThat(seqs(store.messagesAfter(LOBBY, 0, 100))).isEqualTo(range(1, 4));
    }

    @Test
    void duplicateSeqFailureNamesTheRoomAndTheConstraint() {
        store.append(LOBBY, messages(1, 1));

        assertThatThrownBy(() -> store.append(LOBBY, messages(1, 1)))
                .isInstanceOf(HostStoreException.class)
                .hasMessageContaining(LOBBY)
                .hasMessageContaining("UNIQUE");
    }

    @Test
    void appendToUnknownRoomFails() {
        assertThatThrownBy(() -> store.append("kitchen", messages(1, 1)))
                .isInstanceOf(HostStoreException.class)
                .hasMessageContaining("kitchen");
    }

    @Test
    void retentionKeepsOnlyTheNewestMessages() {
        store.createRoom(room("kitchen", 5));

        store.append("kitchen", messages(1, 3));
        store.append("kitchen", messages(4, 4));
        store.append("kitchen", messages(5, 12));

        assertThat(store.messagesAfter("kitchen", 0, 100)).isEqualTo(storedRange("kitchen", 8, 12));
        assertThat(store.latestSeq("kitchen")).isEqualTo(12);
    }

    @Test
    void retentionHoldsOverManySmallBatches() {
        store.createRoom(room("kitchen", 3));

        for (long seq = 1; seq <= 50; seq++) {
            store.append("kitchen", messages(seq, seq));
        }

        assertThat(seqs(store.messagesAfter("kitchen", 0, 100))).containsExactly(48L, 49L, 50L);
    }

    @Test
    void retentionDropsTheOldestOfABatchLargerThanIt() {
        store.createRoom(room("kitchen", 2));

        store.append("kitchen", messages(1, 6));

        assertThat(seqs(store.messagesAfter("kitchen", 0, 100))).containsExactly(5L, 6L);
    }

    @Test
    void retentionOfOneRoomLeavesOtherRoomsAlone() {
        store.createRoom(room("kitchen", 2));
        store.append(LOBBY, messages(1, 5));

        store.append("kitchen", messages(1, 5));

        assertThat(seqs(store.messagesAfter(LOBBY, 0, 100))).isEqualTo(range(1, 5));
    }

    @Test
    void rolledBackBatchDoesNotCountTowardsRetention() {
        store.createRoom(room("kitchen", 4));
        store.append("kitchen", messages(1, 4));
        assertThrows(HostStoreException.class, () -> store.append("kitchen", messages(4, 6)));

        store.append("kitchen", messages(5, 5));

        assertThat(seqs(store.messagesAfter("kitchen", 0, 100))).isEqualTo(range(2, 5));
    }
}
