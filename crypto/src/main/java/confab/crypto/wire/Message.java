package confab.crypto.wire;

import java.util.List;
import java.util.Objects;

/// Every message that crosses the wire, in either direction.
///
/// A new record here breaks the build until every handler deals with it (they switch over this
/// sealed interface exhaustively), and fails the codec tests until it has an example there. Binary
// values travel as {@link Bytes}; the
/// host never sees a password, a room key or message plaintext, only salts, SRP values and
/// sealed ciphertext.
///
/// Conversation order, client (C) and host (H):
/// ```
/// C: Hello            H: Welcome | ErrorReply(INCOMPATIBLE_VERSION)
/// C: Register         H: Registered | ErrorReply(LOGIN_TAKEN)
/// C: LoginStart       H: LoginChallenge        (SRP-6a: salt, Argon2id params, B)
/// C: LoginProof       H: LoginOk | ErrorReply(BAD_CREDENTIALS)   (A, M1 -> M2)
/// C: CreateRoom       H: RoomCreated | ErrorReply(ROOM_EXISTS)
/// C: ListRooms        H: RoomList
/// C: JoinStart        H: JoinChallenge         (SRP-6a over the room password)
/// C: JoinProof        H: Joined, then Delivered for every seq after lastSeq, then live
/// C: Post             H: Delivered to every member, the sender included (its ack)
/// C: Leave            H: Left
/// C: Ping             H: Pong   (either side may ping)
/// ```
public sealed interface Message {
    /// The protocol version this build speaks (2: `post` has only its binary form).
    int PROTOCOL_VERSION = 2;

    /// First message of a connection.
    record Hello(int version, String agent) implements Message {
        public Hello {
            Objects.requireNonNull(agent, "agent");
        }
    }

    record Welcome(int version, String agent) implements Message {
        public Welcome {
            Objects.requireNonNull(agent, "agent");
        }
    }

    /// Creates an account: the SRP verifier of the Argon2id-stretched password, never the
    /// password.
    record Register(String login, Bytes salt, Bytes verifier, KdfParams kdf) implements Message {
        public Register {
            Names.requireLogin(login);
            Objects.requireNonNull(salt, "salt");
            Objects.requireNonNull(verifier, "verifier");
            Objects.requireNonNull(kdf, "kdf");
        }
    }

    record Registered(String login) implements Message {
        public Registered {
            Names.requireLogin(login);
        }
    }

    record LoginStart(String login) implements Message {
        public LoginStart {
            Names.requireLogin(login);
        }
    }

    /// SRP step 1 from the host: the account's salt and Argon2id parameters and the host's
    /// ephemeral public value B.
    record LoginChallenge(Bytes salt, KdfParams kdf, Bytes serverPublic) implements Message {
        public LoginChallenge {
            Objects.requireNonNull(salt, "salt");
            Objects.requireNonNull(kdf, "kdf");
            Objects.requireNonNull(serverPublic, "serverPublic");
        }
    }

    /// SRP step 2 from the client: its ephemeral public value A and evidence M1.
    record LoginProof(Bytes clientPublic, Bytes clientEvidence) implements Message {
        public LoginProof {
            Objects.requireNonNull(clientPublic, "clientPublic");
            Objects.requireNonNull(clientEvidence, "clientEvidence");
        }
    }

    /// The host's evidence M2: it proves the host holds the verifier, so the client knows it
    /// logged in to the host it registered with.
    record LoginOk(String login, Bytes serverEvidence) implements Message {
        public LoginOk {
            Names.requireLogin(login);
            Objects.requireNonNull(serverEvidence, "serverEvidence");
        }
    }

    record ListRooms() implements Message {}

    record RoomList(List<RoomInfo> rooms) implements Message {
        public RoomList {
            rooms = List.copyOf(rooms);
        }
    }

    /// What the host tells about a room: no secrets.
    record RoomInfo(String name, boolean active, int members, long latestSeq) {
        public RoomInfo {
            Names.requireRoom(name);
        }
    }

    /// Creates a room: SRP data for the room password, and the salt clients use to derive the
    /// room key. The creator still joins with `JoinStart` like everyone else.
    record CreateRoom(String name, Bytes salt, Bytes verifier, KdfParams kdf, Bytes keySalt)
            implements Message {
        public CreateRoom {
            Names.requireRoom(name);
            Objects.requireNonNull(salt, "salt");
            Objects.requireNonNull(verifier, "verifier");
            Objects.requireNonNull(kdf, "kdf");
            Objects.requireNonNull(keySalt, "keySalt");
        }
    }

    record RoomCreated(RoomInfo room) implements Message {
        public RoomCreated {
            Objects.requireNonNull(room, "room");
        }
    }

    record JoinStart(String room) implements Message {
        public JoinStart {
            Names.requireRoom(room);
        }
    }

    record JoinChallenge(String room, Bytes salt, KdfParams kdf, Bytes keySalt, Bytes serverPublic)
            implements Message {
        public JoinChallenge {
            Names.requireRoom(room);
            Objects.requireNonNull(salt, "salt");
            Objects.requireNonNull(kdf, "kdf");
            Objects.requireNonNull(keySalt, "keySalt");
            Objects.requireNonNull(serverPublic, "serverPublic");
        }
    }

    /// SRP proof of the room password; `lastSeq` is the last sequence number the client has
    /// (0 for none), so the host replays exactly what came after.
    record JoinProof(String room, Bytes clientPublic, Bytes clientEvidence, long lastSeq)
            implements Message {
        public JoinProof {
            Names.requireRoom(room);
            Objects.requireNonNull(clientPublic, "clientPublic");
            Objects.requireNonNull(clientEvidence, "clientEvidence");
            if (lastSeq < 0) {
                throw new IllegalArgumentException("lastSeq is negative");
            }
        }
    }

    /// Join accepted: replay of `lastSeq + 1 .. latestSeq` follows, then live traffic.
    record Joined(String room, Bytes serverEvidence, long latestSeq, List<String> members)
            implements Message {
        public Joined {
            Names.requireRoom(room);
            Objects.requireNonNull(serverEvidence, "serverEvidence");
            members = List.copyOf(members);
            members.forEach(Names::requireLogin);
        }
    }

    record Leave(String room) implements Message {
        public Leave {
            Names.requireRoom(room);
        }
    }

    record Left(String room) implements Message {
        public Left {
            Names.requireRoom(room);
        }
    }

    /// A sealed chat message; `counter` is the sender's own message counter, bound into the
    /// ciphertext's associated data.
    record Post(String room, long counter, Bytes sealed) implements Message {
        public Post {
            Names.requireRoom(room);
            Objects.requireNonNull(sealed, "sealed");
            if (counter < 1) {
                throw new IllegalArgumentException("counter must be positive");
            }
        }
    }

    /// A stored post as the host relays it: `seq` is the room's sequence number, `sender` the
    /// login of the connection that posted it, `storedAt` the host's clock in epoch millis.
    record Delivered(
            String room, long seq, String sender, long counter, Bytes sealed, long storedAt)
            implements Message {
        public Delivered {
            Names.requireRoom(room);
            Names.requireLogin(sender);
            Objects.requireNonNull(sealed, "sealed");
            if (seq < 1 || counter < 1) {
                throw new IllegalArgumentException("seq and counter must be positive");
            }
        }
    }

    record MemberJoined(String room, String login) implements Message {
        public MemberJoined {
            Names.requireRoom(room);
            Names.requireLogin(login);
        }
    }

    record MemberLeft(String room, String login) implements Message {
        public MemberLeft {
            Names.requireRoom(room);
            Names.requireLogin(login);
        }
    }

    record MemberEvicted(String room, String login, EvictionReason reason) implements Message {
        public MemberEvicted {
            Names.requireRoom(room);
            Names.requireLogin(login);
            Objects.requireNonNull(reason, "reason");
        }
    }

    /// The room had no posts for its idle timeout and went inactive; the next join wakes it.
    record RoomIdle(String room) implements Message {
        public RoomIdle {
            Names.requireRoom(room);
        }
    }

    record Ping(long token) implements Message {}

    record Pong(long token) implements Message {}

    /// A typed refusal: `code` for programs, `text` for people.
    record ErrorReply(ErrorCode code, String text) implements Message {
        public ErrorReply {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(text, "text");
        }
    }
}
