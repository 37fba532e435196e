package confab.host.internal;

import static org.assertj.core.api.Assertions.assertThat;

import confab.crypto.wire.Bytes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoomInboxTest {
    private final RoomInbox inbox = new RoomInbox(3);

    @Test
    void aPostBehindOnesTheRoomHasNotTakenIsReportedAsTakenBehind() throws Exception {
        assertThat(inbox.tryOfferPost(post(1))).isEqualTo(RoomInbox.Offer.TAKEN);
        assertThat(inbox.tryOfferPost(post(2))).isEqualTo(RoomInbox.Offer.TAKEN_BEHIND);

        List<RoomEvent.Posted> taken = take();

        assertThat(taken).extracting(RoomEvent.Posted::counter).containsExactly(1L, 2L);
        assertThat(inbox.tryOfferPost(post(3))).isEqualTo(RoomInbox.Offer.TAKEN);
    }

    @Test
    void aFullOrClosedInboxTakesNothing() {
        for (long counter = 1; counter <= 3; counter++) {
            inbox.tryOfferPost(post(counter));
        }

        assertThat(inbox.tryOfferPost(post(4))).isEqualTo(RoomInbox.Offer.FULL);
        assertThat(inbox.closeAndDrainPosts()).hasSize(3);
        assertThat(inbox.tryOfferPost(post(5))).isEqualTo(RoomInbox.Offer.CLOSED);
    }

    @Test
    void postsAreTakenDuringAPassOnlyWhileNoControlEventWaits() throws Exception {
        inbox.tryOfferPost(post(1));
        List<RoomEvent.Posted> taken = new ArrayList<>();

        inbox.takePostsIfNoControl(taken, 64 * 1024);
        assertThat(taken).extracting(RoomEvent.Posted::counter).containsExactly(1L);

        // a control event (a departure, say) came first: the post waits for the next turn
        inbox.offer(new RoomEvent.Tick());
        inbox.tryOfferPost(post(2));
        taken.clear();
        inbox.takePostsIfNoControl(taken, 64 * 1024);
        assertThat(taken).isEmpty();
        assertThat(take()).extracting(RoomEvent.Posted::counter).containsExactly(2L);
    }

    private List<RoomEvent.Posted> take() throws InterruptedException {
        List<RoomEvent> events = new ArrayList<>();
        List<RoomEvent.Posted> posts = new ArrayList<>();
        inbox.take(events, posts, true, 0, 64 * 1024);
        return posts;
    }

    private static RoomEvent.Posted post(long counter) {
        return new RoomEvent.Posted(null, counter, Bytes.of(new byte[] {(byte) counter}));
    }
}
