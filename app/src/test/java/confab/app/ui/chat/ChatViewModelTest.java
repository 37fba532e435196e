package confab.app.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import confab.app.connect.Established;
import confab.app.connect.EventRelay;
import confab.app.i18n.I18n;
import confab.app.session.HostAddress;
import confab.app.session.SessionEvent;
import confab.app.session.SessionException;
import confab.app.session.SessionException.Kind;
import confab.app.ui.DirectUiExecutor;
import confab.app.ui.FakeConnection;
import confab.app.ui.chat.ChatViewModel.ConnectionState;
import confab.crypto.wire.ErrorCode;
import confab.crypto.wire.EvictionReason;
import confab.crypto.wire.Message.RoomInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ChatViewModelTest {
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    private final I18n i18n = I18n.forLocale(Locale.ENGLISH);
    private final DirectUiExecutor ui = new DirectUiExecutor();
    private final FakeConnection connection = new FakeConnection();
    private final EventRelay relay = new EventRelay(ui);

    private ChatViewModel chat(List<RoomInfo> rooms, String joined) {
        Established session =
                new Established(
                        connection,
                        relay,
                        new HostAddress("10.0.0.9", 7331),
                        "ann",
                        rooms,
                        joined,
                        null);
        return new ChatViewModel(i18n, ui, InstantSource.fixed(T0), session);
    }

    /// Ann is in "family" with Bob.
    private ChatViewModel inFamily() {
        ChatViewModel vm = chat(List.of(new RoomInfo("family", true, 1, 0)), "family");
        relay.onEvent(new SessionEvent.RoomJoined("family", List.of("ann", "bob"), 0));
        return vm;
    }

    private static SessionEvent.MessageReceived msg(
            long seq, String from, String text, boolean own) {
        return new SessionEvent.MessageReceived(
                "family", seq, from, text, T0.plusSeconds(seq), own);
    }

    private RoomViewModel family(ChatViewModel vm) {
        return vm.rooms().stream().filter(r -> r.name().equals("family")).findFirst().orElseThrow();
    }

    @Test
    void theHostsRoomsAreListedAndTheJoinedOneShown() {
        ChatViewModel vm =
                chat(
                        List.of(
                                new RoomInfo("family", true, 1, 0),
                                new RoomInfo("work", false, 0, 9)),
                        "family");

        assertThat(vm.rooms()).extracting(RoomViewModel::name).containsExactly("family", "work");
        assertThat(vm.selectedProperty().get().name()).isEqualTo("family");
        assertThat(vm.selectedProperty().get().isJoined()).isTrue();
    }

    @Test
    void membersComeFromTheRoomsAddressListAndFollowJoinsLeavesAndEvictions() {
        ChatViewModel vm = inFamily();

        relay.onEvent(new SessionEvent.MemberJoined("family", "carol"));
        relay.onEvent(new SessionEvent.MemberLeft("family", "bob"));
        relay.onEvent(
                new SessionEvent.MemberEvicted("family", "carol", EvictionReason.STOPPED_READING));

        assertThat(family(vm).members()).containsExactly("ann");
        assertThat(family(vm).lines())
                .extracting(ChatLine::text)
                .containsExactly(
                        "carol joined.",
                        "bob left.",
                        "carol was disconnected: they stopped receiving messages.");
    }

    @Test
    void messagesShowInSequenceAndAReplayedOneOnlyOnce() {
        ChatViewModel vm = inFamily();

        relay.onEvent(msg(1, "bob", "hi", false));
        relay.onEvent(msg(2, "ann", "hello", true));
        relay.onEvent(msg(2, "ann", "hello", true));

        assertThat(family(vm).lines()).extracting(ChatLine::seq).containsExactly(1L, 2L);
        assertThat(family(vm).latestSeq()).isEqualTo(2);
    }

    @Test
    void textInAnyScriptArrivesUnchanged() {
        ChatViewModel vm = inFamily();
        String text = "Привет, 世界! 👋🏽 שלום مرحبا\nsecond line";

        relay.onEvent(msg(1, "bob", text, false));

        assertThat(family(vm).lines().getFirst().text()).isEqualTo(text);
    }

    @Test
    void consecutiveMessagesFromOneSenderAreGrouped() {
        ChatViewModel vm = inFamily();

        relay.onEvent(msg(1, "bob", "a", false));
        relay.onEvent(msg(2, "bob", "b", false));
        relay.onEvent(msg(3, "ann", "c", true));
        relay.onEvent(
                new SessionEvent.MessageReceived(
                        "family", 4, "ann", "d", T0.plus(Duration.ofHours(1)), true));

        assertThat(family(vm).lines())
                .extracting(ChatLine::startsGroup)
                .containsExactly(true, false, true, true);
    }

    @Test
    void ownPendingMessageIsReplacedByItsEcho() {
        ChatViewModel vm = inFamily();

        relay.onEvent(new SessionEvent.MessagePending("family", 1, "on my way"));
        relay.onEvent(msg(1, "bob", "before it", false));
        assertThat(family(vm).lines())
                .extracting(ChatLine::kind)
                .containsExactly(ChatLine.Kind.MESSAGE, ChatLine.Kind.PENDING);

        relay.onEvent(msg(2, "ann", "on my way", true));

        assertThat(family(vm).lines())
                .extracting(ChatLine::kind)
                .containsExactly(ChatLine.Kind.MESSAGE, ChatLine.Kind.MESSAGE);
        assertThat(family(vm).lines().get(1).own()).isTrue();
    }

    @Test
    void aRejectedMessageIsShownAsSuch() {
        ChatViewModel vm = inFamily();

        relay.onEvent(new SessionEvent.MessageRejected("family", 5, "mallory", "bad tag"));

        ChatLine line = family(vm).lines().getFirst();
        assertThat(line.kind()).isEqualTo(ChatLine.Kind.REJECTED);
        assertThat(line.text()).contains("mallory").contains("bad tag");
    }

    @Test
    void messagesInAnotherRoomCountAsUnreadUntilItIsShown() {
        ChatViewModel vm =
                chat(
                        List.of(
                                new RoomInfo("family", true, 1, 0),
                                new RoomInfo("work", true, 1, 0)),
                        "family");
        relay.onEvent(new SessionEvent.RoomJoined("work", List.of("ann"), 0));
        RoomViewModel work = vm.rooms().get(1);

        relay.onEvent(new SessionEvent.MessageReceived("work", 1, "bob", "x", T0, false));
        relay.onEvent(new SessionEvent.MessageReceived("work", 2, "bob", "y", T0, false));
        relay.onEvent(new SessionEvent.MessageReceived("work", 3, "ann", "mine", T0, true));
        assertThat(work.unreadProperty().get()).isEqualTo(2);

        vm.selectedProperty().set(work);
        assertThat(work.unreadProperty().get()).isZero();
    }

    @Test
    void sendSendsTheDraftToTheShownRoomAndClearsIt() {
        ChatViewModel vm = inFamily();
        vm.draftProperty().set("  hello there\n");

        vm.send();

        assertThat(connection.calls).contains("send family hello there");
        assertThat(vm.draftProperty().get()).isEmpty();
    }

    @Test
    void aFailedSendBringsTheDraftBackAndSaysWhy() {
        ChatViewModel vm = inFamily();
        connection.failures.put("send", FakeConnection.error(Kind.DISCONNECTED));
        vm.draftProperty().set("important");

        vm.send();

        assertThat(vm.draftProperty().get()).isEqualTo("important");
        assertThat(vm.problemProperty().get()).isEqualTo(i18n.get("error.DISCONNECTED"));
    }

    @Test
    void theComposerShowsTheLimitAndRefusesLongerDrafts() {
        ChatViewModel vm = inFamily();

        vm.draftProperty().set("x".repeat(ChatViewModel.MAX_TEXT + 1));

        assertThat(vm.counterProperty().get())
                .isEqualTo((ChatViewModel.MAX_TEXT + 1) + " / " + ChatViewModel.MAX_TEXT);
        assertThat(vm.tooLongProperty().get()).isTrue();
        assertThat(vm.canSendProperty().get()).isFalse();
        vm.send();
        assertThat(connection.calls).noneMatch(c -> c.startsWith("send"));
    }

    @Test
    void aBlankDraftCannotBeSent() {
        ChatViewModel vm = inFamily();

        vm.draftProperty().set(" \n ");

        assertThat(vm.canSendProperty().get()).isFalse();
    }

    @Test
    void lostConnectionShowsReconnectingAndBlocksSendingUntilBack() {
        ChatViewModel vm = inFamily();
        vm.draftProperty().set("hi");

        relay.onEvent(new SessionEvent.ConnectionLost("reset", Duration.ofMillis(2500), 2));

        assertThat(vm.stateProperty().get()).isEqualTo(ConnectionState.RECONNECTING);
        assertThat(vm.bannerProperty().get()).contains("3 s").contains("attempt 2");
        assertThat(vm.canSendProperty().get()).isFalse();

        relay.onEvent(new SessionEvent.Reconnected());

        assertThat(vm.bannerProperty().get()).isEmpty();
        assertThat(vm.canSendProperty().get()).isTrue();
    }

    @Test
    void hostStoppedShowsTheDisconnectedState() {
        ChatViewModel vm = inFamily();

        relay.onEvent(new SessionEvent.HostStopped("shutting down"));

        assertThat(vm.stateProperty().get()).isEqualTo(ConnectionState.HOST_STOPPED);
        assertThat(vm.bannerProperty().get()).isEqualTo(i18n.get("chat.banner.hostStopped"));
        assertThat(vm.canSendProperty().get()).isFalse();
    }

    @Test
    void givingUpSaysWhyInTheUiLanguageNotInTheSessionsEnglish() {
        ChatViewModel vm = inFamily();

        relay.onEvent(
                new SessionEvent.GaveUp(
                        SessionException.Kind.BAD_CREDENTIALS, "The host no longer accepts you."));

        assertThat(vm.stateProperty().get()).isEqualTo(ConnectionState.GAVE_UP);
        assertThat(vm.bannerProperty().get())
                .isEqualTo(i18n.get("chat.banner.gaveUp", i18n.get("error.badLogin")))
                .doesNotContain("no longer accepts");
    }

    @Test
    void anIdleRoomKeepsItsMembersAndStillTakesMessages() {
        ChatViewModel vm = inFamily();
        relay.onEvent(new SessionEvent.RoomIdle("family"));
        assertThat(family(vm).isIdle()).isTrue();
        assertThat(family(vm).members()).containsExactly("ann", "bob");
        vm.draftProperty().set("wake up");

        vm.send();
        relay.onEvent(msg(1, "ann", "wake up", true));

        assertThat(connection.calls).contains("send family wake up");
        assertThat(family(vm).isIdle()).isFalse();
    }

    @Test
    void joiningWithAWrongPasswordSaysSo() {
        ChatViewModel vm = chat(List.of(new RoomInfo("work", true, 2, 0)), null);
        vm.selectedProperty().set(vm.rooms().getFirst());
        connection.failures.put("joinRoom", FakeConnection.error(Kind.BAD_CREDENTIALS));
        vm.joinPassword().textProperty().set("wrong");

        vm.join();

        assertThat(vm.joinFailureProperty().get()).isEqualTo(i18n.get("error.badRoomPassword"));
        assertThat(vm.rooms().getFirst().isJoined()).isFalse();
    }

    @Test
    void joiningShowsTheRoomAsJoined() {
        ChatViewModel vm = chat(List.of(new RoomInfo("work", true, 2, 0)), null);
        vm.selectedProperty().set(vm.rooms().getFirst());
        vm.joinPassword().textProperty().set("right");

        vm.join();

        assertThat(connection.calls).contains("joinRoom work 0");
        assertThat(vm.rooms().getFirst().isJoined()).isTrue();
        assertThat(vm.joinPassword().text()).isEmpty();
    }

    @Test
    void creatingARoomJoinsAndShowsIt() {
        ChatViewModel vm = inFamily();
        vm.newRoomName().textProperty().set("новая");
        vm.newRoomPassword().textProperty().set("pw");

        vm.createRoom();

        assertThat(connection.calls).containsSubsequence("createRoom новая", "joinRoom новая 0");
        assertThat(vm.selectedProperty().get().name()).isEqualTo("новая");
    }

    @Test
    void aRoomCreatedElsewhereAppearsOnRefresh() {
        ChatViewModel vm = inFamily();
        connection.rooms =
                List.of(new RoomInfo("family", true, 2, 1), new RoomInfo("games", true, 3, 0));

        vm.refreshRooms();

        assertThat(vm.rooms()).extracting(RoomViewModel::name).containsExactly("family", "games");
    }

    @Test
    void problemsFromTheHostAreShownInTheirOwnWords() {
        ChatViewModel vm = inFamily();

        relay.onEvent(new SessionEvent.Problem(ErrorCode.RATE_LIMITED, "slow down"));

        assertThat(vm.problemProperty().get()).isEqualTo(i18n.get("code.RATE_LIMITED"));
    }

    @Test
    void aRoomThatCouldNotBeRejoinedIsNamedWithTheReasonAndWhatWasNotSent() {
        ChatViewModel vm = inFamily();

        relay.onEvent(new SessionEvent.RejoinFailed("family", ErrorCode.BAD_CREDENTIALS, 2));

        String expected =
                i18n.get(
                        "chat.problem.rejoinUnsent", "family", i18n.get("code.BAD_CREDENTIALS"), 2);
        assertThat(vm.problemProperty().get()).isEqualTo(expected);
        assertThat(expected).contains("family", "2");
        assertThat(family(vm).lines()).last().extracting(ChatLine::text).isEqualTo(expected);
    }

    @Test
    void messagesThatWillNotBeSentAfterAFailedRejoinKeepTheirTextAndAreMarkedNotSent() {
        ChatViewModel vm = inFamily();
        relay.onEvent(msg(1, "bob", "are you coming?", false));
        relay.onEvent(new SessionEvent.MessagePending("family", 1, "on my way"));
        relay.onEvent(new SessionEvent.MessagePending("family", 2, "ten minutes"));

        relay.onEvent(new SessionEvent.RejoinFailed("family", ErrorCode.BAD_CREDENTIALS, 2));

        assertThat(family(vm).lines())
                .extracting(ChatLine::kind, ChatLine::text)
                .containsExactly(
                        tuple(ChatLine.Kind.MESSAGE, "are you coming?"),
                        tuple(ChatLine.Kind.UNSENT, "on my way"),
                        tuple(ChatLine.Kind.UNSENT, "ten minutes"),
                        tuple(
                                ChatLine.Kind.NOTICE,
                                i18n.get(
                                        "chat.problem.rejoinUnsent",
                                        "family",
                                        i18n.get("code.BAD_CREDENTIALS"),
                                        2)));
        assertThat(family(vm).lines().get(1).own()).isTrue();
        assertThat(family(vm).isJoined()).isFalse(); // joining it again is up to the user

        // Sent again by hand later, the echo adds a message and leaves the record of the
        // failure as it was.
        relay.onEvent(msg(2, "ann", "on my way", true));
        assertThat(family(vm).lines())
                .extracting(ChatLine::kind)
                .containsExactly(
                        ChatLine.Kind.MESSAGE,
                        ChatLine.Kind.UNSENT,
                        ChatLine.Kind.UNSENT,
                        ChatLine.Kind.NOTICE,
                        ChatLine.Kind.MESSAGE);
    }

    @Test
    void leavingARoomMarksWhatWasStillOnItsWayAsNotSent() {
        ChatViewModel vm = inFamily();
        relay.onEvent(new SessionEvent.MessagePending("family", 1, "bye all"));

        vm.leave();

        assertThat(connection.calls).contains("leaveRoom family");
        assertThat(family(vm).isJoined()).isFalse();
        assertThat(family(vm).lines())
                .extracting(ChatLine::kind, ChatLine::text)
                .containsExactly(tuple(ChatLine.Kind.UNSENT, "bye all"));
    }

    @Test
    void copyingOneMessageGivesItsTextAndSeveralGiveSendersAndTimes() {
        ChatViewModel vm = inFamily();
        relay.onEvent(msg(1, "bob", "first", false));
        relay.onEvent(msg(2, "ann", "second", true));
        List<ChatLine> lines = family(vm).lines();

        assertThat(vm.copyText(List.of(lines.get(0)))).isEqualTo("first");
        assertThat(vm.copyText(lines)).contains("bob: first\n").endsWith("ann: second");
    }

    @Test
    void nextRoomWrapsAround() {
        ChatViewModel vm =
                chat(List.of(new RoomInfo("a", true, 1, 0), new RoomInfo("b", true, 1, 0)), "a");

        vm.selectNext(1);
        assertThat(vm.selectedProperty().get().name()).isEqualTo("b");
        vm.selectNext(1);
        assertThat(vm.selectedProperty().get().name()).isEqualTo("a");
        vm.selectNext(-1);
        assertThat(vm.selectedProperty().get().name()).isEqualTo("b");
    }

    @Test
    void closingEndsTheConnection() {
        ChatViewModel vm = inFamily();

        vm.close();

        assertThat(connection.closed).isTrue();
        assertThat(vm.canSendProperty().get()).isFalse();
    }
}
