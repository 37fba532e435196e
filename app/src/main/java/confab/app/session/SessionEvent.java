package confab.app.session;

import confab.crypto.wire.ErrorCode;
import confab.crypto.wire.EvictionReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/// What a {@link ClientSession} reports to its {@link SessionListener}, in the order it happened.
public sealed interface SessionEvent {
    /// The first connection is up and the host said hello.
    record Connected(HostAddress host) implements SessionEvent {}

    /// The connection dropped (or a reconnect attempt failed); the next attempt, number
    /// `attempt`, starts in `retryIn`.
    record ConnectionLost(String reason, Duration retryIn, int attempt) implements SessionEvent {}

    /// Connected again, logged in again, every room re-joined; replayed messages have been or are
    /// being delivered and the outbox is being sent.
    record Reconnected() implements SessionEvent {}

    /// The host said it is shutting down. The session keeps trying to reconnect.
    record HostStopped(String reason) implements SessionEvent {}

    /// The session stopped reconnecting for good (the login no longer verifies, say); close it.
    ///
    /// @param kind why, for a UI to say in its own words
    /// @param reason why, in English, for the log
    record GaveUp(SessionException.Kind kind, String reason) implements SessionEvent {}

    /// The host accepted a join, with the members it has on the room and its latest sequence
    /// number. Also sent for every room after a reconnect: treat it as an update.
    record RoomJoined(String room, List<String> members, long latestSeq) implements SessionEvent {
        public RoomJoined {
            members = List.copyOf(members);
        }
    }

    /// A message that verified and decrypted. `own` is true for messages sent with this login,
    /// including the echo of each message this session sent (its acknowledgement; echoes arrive
    /// in the order the messages were sent, so within a room the oldest pending message is the
    /// one an own echo acknowledges). `sentAt` is the host's clock when it stored the message.
    record MessageReceived(
            String room, long seq, String sender, String text, Instant sentAt, boolean own)
            implements SessionEvent {}

    /// A message that failed verification: tampered with, attributed to the wrong sender, sealed
    /// with another key, or replayed. Show it as such; its content is not shown because nothing
    /// about it can be trusted.
    record MessageRejected(String room, long seq, String sender, String why)
            implements SessionEvent {}

    /// A message this session queued; it shows as pending until its echo arrives as a
    /// `MessageReceived` with `own` set.
    record MessagePending(String room, long localId, String text) implements SessionEvent {}

    record MemberJoined(String room, String login) implements SessionEvent {}

    record MemberLeft(String room, String login) implements SessionEvent {}

    /// The host took a member off the room's address list because its connection failed.
    record MemberEvicted(String room, String login, EvictionReason reason)
            implements SessionEvent {}

    /// The room had no traffic for its idle timeout and went inactive on the host.
    record RoomIdle(String room) implements SessionEvent {}

    /// An error the host sent outside any request (a post that was rate limited, say).
    record Problem(ErrorCode code, String text) implements SessionEvent {}

    /// A room that could not be re-joined after a reconnect (its password changed, say, or the
    /// host lost it): the session left it, and `unsent` messages typed for it stay unsent.
    record RejoinFailed(String room, ErrorCode code, int unsent) implements SessionEvent {}
}
