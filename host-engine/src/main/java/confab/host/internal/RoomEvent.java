package confab.host.internal;

import confab.crypto.wire.Bytes;
import confab.crypto.wire.EvictionReason;

/// What the host's other threads tell a room thread. The room thread is the only one that
/// touches room state; everything else reaches it through these events.
public sealed interface RoomEvent {
    /// A connection proved the room password: send `Joined`, replay after `lastSeq`, go live.
    record Join(Connection connection, long lastSeq, Bytes serverEvidence) implements RoomEvent {}

    /// The member asked to leave.
    record Leave(Connection connection) implements RoomEvent {}

    /// The connection ended; `reason` is null for a clean close by the peer.
    record Gone(Connection connection, EvictionReason reason) implements RoomEvent {}

    /// Wake up and check idle time and stalled members now.
    record Tick() implements RoomEvent {}

    /// The host is stopping: store what is queued, then end.
    record Stop() implements RoomEvent {}

    /// A sealed post from a member (the only event that is bounded).
    record Posted(Connection connection, long counter, Bytes sealed) implements RoomEvent {}
}
