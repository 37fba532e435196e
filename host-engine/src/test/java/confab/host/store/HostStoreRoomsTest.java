package confab.host.store;

import static confab.host.store.Fixtures.room;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostStoreRoomsTest {
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
    void createdRoomIsFoundWithEveryField() {
        RoomRecord lobby = room("lobby", 500);

        assertThat(store.createRoom(lobby)).isTrue();

        assertThat(store.findRoom("lobby")).contains(lobby);
    }

    @Test
    void createRoomRefusesAnExistingNameAndKeepsTheFirst() {
        RoomRecord first = room("lobby", 0);
        store.createRoom(first);

        assertThat(store.createRoom(room("lobby", 7))).isFalse();

        assertThat(store.findRoom("lobby")).contains(first);
    }

    @Test
    void findRoomOfUnknownNameIsEmpty() {
        store.createRoom(room("lobby", 0));

        assertThat(store.findRoom("kitchen")).isEmpty();
    }

    @Test
    void listRoomsReturnsEveryRoomByName() {
        store.createRoom(room("lobby", 0));
        store.createRoom(room("attic", 10));
        store.createRoom(room("kitchen", 0));

        assertThat(store.listRooms())
                .containsExactly(room("attic", 10), room("kitchen", 0), room("lobby", 0));
    }

    @Test
    void listRoomsOfNewStoreIsEmpty() {
        assertThat(store.listRooms()).isEmpty();
    }
}
