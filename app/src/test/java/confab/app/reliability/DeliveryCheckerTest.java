package confab.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import confab.app.reliability.DeliveryChecker.Delivery;
import confab.app.reliability.DeliveryChecker.Interval;
import confab.app.reliability.DeliveryChecker.Sent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/// The checker that the fault tests and the soak rely on catches each kind of fault: a test
/// that passes because its checker cannot fail would prove nothing.
class DeliveryCheckerTest {
    private static final List<Delivery> LOBBY =
            List.of(
                    new Delivery(1, "ann", "ann 1"),
                    new Delivery(2, "bob", "bob 1"),
                    new Delivery(3, "ann", "ann 2"),
                    new Delivery(4, "bob", "bob 2"));
    private static final Map<String, List<Delivery>> TRUTH = Map.of("lobby", LOBBY);

    private static List<String> check(List<Delivery> shown, long afterSeq) {
        Interval interval = new Interval("carol", "lobby", afterSeq, shown);
        return DeliveryChecker.violations(TRUTH, List.of(interval), List.of(interval), List.of());
    }

    private static List<Delivery> without(int index) {
        List<Delivery> copy = new ArrayList<>(LOBBY);
        copy.remove(index);
        return copy;
    }

    @Test
    void aMemberShownEverythingInOrderIsFine() {
        assertThat(check(LOBBY, 0)).isEmpty();
    }

    @Test
    void aMemberWhoJoinedLateIsShownFromItsLastSeq() {
        assertThat(check(LOBBY.subList(2, 4), 2)).isEmpty();
    }

    @Test
    void aDroppedDeliveryIsAGap() {
        assertThat(check(without(1), 0)).singleElement().asString().contains("gap");
    }

    @Test
    void aRepeatedDeliveryIsADuplicate() {
        List<Delivery> twice = new ArrayList<>(LOBBY);
        twice.add(2, LOBBY.get(1));
        assertThat(check(twice, 0)).singleElement().asString().contains("duplicate");
    }

    @Test
    void swappedDeliveriesAreCaught() {
        List<Delivery> swapped = List.of(LOBBY.get(0), LOBBY.get(2), LOBBY.get(1), LOBBY.get(3));
        assertThat(check(swapped, 0)).isNotEmpty();
    }

    @Test
    void aDeliveryWithAnotherTextThanStoredIsCaught() {
        List<Delivery> altered = new ArrayList<>(LOBBY);
        altered.set(2, new Delivery(3, "ann", "ann 2 (edited)"));
        assertThat(check(altered, 0)).singleElement().asString().contains("stored");
    }

    @Test
    void aMemberStillInTheRoomThatMissesTheTailIsCaught() {
        assertThat(check(without(3), 0)).singleElement().asString().contains("missing tail");
    }

    @Test
    void aMemberThatLeftNeedNotHaveTheTail() {
        Interval left = new Interval("carol", "lobby", 0, without(3));
        assertThat(DeliveryChecker.violations(TRUTH, List.of(left), List.of(), List.of()))
                .isEmpty();
    }

    @Test
    void aGapInTheStoredHistoryIsCaught() {
        Map<String, List<Delivery>> holed = Map.of("lobby", without(1));
        assertThat(DeliveryChecker.violations(holed, List.of(), List.of(), List.of()))
                .singleElement()
                .asString()
                .contains("history");
    }

    @Test
    void aTextStoredTwiceIsCaught() {
        List<Delivery> twice = new ArrayList<>(LOBBY);
        twice.add(new Delivery(5, "ann", "ann 1"));
        assertThat(
                        DeliveryChecker.violations(
                                Map.of("lobby", twice), List.of(), List.of(), List.of()))
                .singleElement()
                .asString()
                .contains("stored twice");
    }

    @Test
    void anAcknowledgedMessageThatIsNotStoredIsCaught() {
        Sent lost = new Sent("ann", "lobby", "ann 3", 5L, true);
        assertThat(DeliveryChecker.violations(TRUTH, List.of(), List.of(), List.of(lost)))
                .anySatisfy(v -> assertThat(v).contains("acknowledged"))
                .anySatisfy(v -> assertThat(v).contains("lost"));
    }

    @Test
    void anUnacknowledgedMessageThatHadToArriveIsCaughtIfMissing() {
        Sent lost = new Sent("ann", "lobby", "ann 3", null, true);
        assertThat(DeliveryChecker.violations(TRUTH, List.of(), List.of(), List.of(lost)))
                .singleElement()
                .asString()
                .contains("lost");
    }

    @Test
    void anUnacknowledgedMessageOfAClosedSessionMayBeMissing() {
        Sent dropped = new Sent("ann", "lobby", "ann 3", null, false);
        assertThat(DeliveryChecker.violations(TRUTH, List.of(), List.of(), List.of(dropped)))
                .isEmpty();
    }

    @Test
    void messagesOfOneSenderStoredOutOfOrderAreCaught() {
        List<Sent> sent =
                List.of(
                        new Sent("ann", "lobby", "ann 2", 3L, true),
                        new Sent("ann", "lobby", "ann 1", 1L, true));
        assertThat(DeliveryChecker.violations(TRUTH, List.of(), List.of(), sent))
                .singleElement()
                .asString()
                .contains("before an earlier message");
    }
}
