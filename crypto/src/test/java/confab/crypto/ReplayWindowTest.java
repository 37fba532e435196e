package confab.crypto;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ReplayWindowTest {
    private final ReplayWindow window = new ReplayWindow();

    @Test
    void replayedCounterIsRejected() throws Exception {
        window.accept("alice", 1);

        assertThrows(ReplayedMessageException.class, () -> window.accept("alice", 1));
    }

    @Test
    void newCounterIsAccepted() throws Exception {
        window.accept("alice", 1);

        assertThatCode(() -> window.accept("alice", 2)).doesNotThrowAnyException();
    }

    @Test
    void outOfOrderCounterWithinTheWindowIsAcceptedOnce() throws Exception {
        window.accept("alice", 10);
        window.accept("alice", 7);

        assertThrows(ReplayedMessageException.class, () -> window.accept("alice", 7));
    }

    @Test
    void oldestCounterStillInTheWindowIsAccepted() throws Exception {
        window.accept("alice", 5000);

        assertThatCode(() -> window.accept("alice", 5000 - ReplayWindow.SIZE + 1))
                .doesNotThrowAnyException();
    }

    @Test
    void counterOlderThanTheWindowIsRejected() throws Exception {
        window.accept("alice", 5000);

        assertThrows(
                ReplayedMessageException.class,
                () -> window.accept("alice", 5000 - ReplayWindow.SIZE));
    }

    @Test
    void countersOfDifferentSendersAreIndependent() throws Exception {
        window.accept("alice", 1);

        assertThatCode(() -> window.accept("bob", 1)).doesNotThrowAnyException();
    }

    @Test
    void slidingForwardForgetsOnlyWhatLeftTheWindow() throws Exception {
        window.accept("alice", 0);
        window.accept("alice", 3);
        window.accept("alice", 3 + ReplayWindow.SIZE - 1);

        assertThrows(ReplayedMessageException.class, () -> window.accept("alice", 3));
        assertThatCode(() -> window.accept("alice", 4)).doesNotThrowAnyException();
    }

    @Test
    void reusedBitOfACounterThatLeftTheWindowDoesNotCountAsSeen() throws Exception {
        window.accept("alice", 1);
        window.accept("alice", 1 + ReplayWindow.SIZE + 5);

        assertThatCode(() -> window.accept("alice", 1 + ReplayWindow.SIZE))
                .doesNotThrowAnyException();
    }

    @Test
    void counterSkippedOverByShortStepsIsAcceptedLater() throws Exception {
        window.accept("alice", 5);
        window.accept("alice", 1000);
        window.accept("alice", 1100);

        assertThatCode(() -> window.accept("alice", 5 + ReplayWindow.SIZE))
                .doesNotThrowAnyException();
    }

    @Test
    void jumpOverTheWholeWindowStillRejectsTheNewHighest() throws Exception {
        window.accept("alice", 1);
        window.accept("alice", 1_000_000);

        assertThrows(ReplayedMessageException.class, () -> window.accept("alice", 1_000_000));
    }

    @Test
    void extremeCountersDoNotOverflow() throws Exception {
        window.accept("alice", Long.MIN_VALUE);
        window.accept("alice", Long.MAX_VALUE);

        assertThrows(ReplayedMessageException.class, () -> window.accept("alice", 0));
        assertThrows(ReplayedMessageException.class, () -> window.accept("alice", Long.MAX_VALUE));
        assertThatCode(() -> window.accept("alice", Long.MAX_VALUE - 1)).doesNotThrowAnyException();
    }
}
