package confab.crypto.wire;

import confab.crypto.wire.Message.CreateRoom;
import confab.crypto.wire.Message.Delivered;
import confab.crypto.wire.Message.ErrorReply;
import confab.crypto.wire.Message.Hello;
import confab.crypto.wire.Message.JoinChallenge;
import confab.crypto.wire.Message.JoinProof;
import confab.crypto.wire.Message.JoinStart;
import confab.crypto.wire.Message.Joined;
import confab.crypto.wire.Message.Leave;
import confab.crypto.wire.Message.Left;
import confab.crypto.wire.Message.ListRooms;
import confab.crypto.wire.Message.LoginChallenge;
import confab.crypto.wire.Message.LoginOk;
import confab.crypto.wire.Message.LoginProof;
import confab.crypto.wire.Message.LoginStart;
import confab.crypto.wire.Message.MemberEvicted;
import confab.crypto.wire.Message.MemberJoined;
import confab.crypto.wire.Message.MemberLeft;
import confab.crypto.wire.Message.Ping;
import confab.crypto.wire.Message.Pong;
import confab.crypto.wire.Message.Post;
import confab.crypto.wire.Message.Register;
import confab.crypto.wire.Message.Registered;
import confab.crypto.wire.Message.RoomCreated;
import confab.crypto.wire.Message.RoomIdle;
import confab.crypto.wire.Message.RoomInfo;
import confab.crypto.wire.Message.RoomList;
import confab.crypto.wire.Message.Welcome;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/// jqwik generators for every message record: any Unicode text where the record takes it
/// (astral code points included, never a lone surrogate), valid logins and room names in any
/// script, arbitrary bytes, full-range numbers where the record allows them.
final class MessageArbitraries {
    private MessageArbitraries() {}

    static Arbitrary<Message> messages() {
        return Arbitraries.oneOf(byType().values());
    }

    static Map<Class<? extends Message>, Arbitrary<? extends Message>> byType() {
        Map<Class<? extends Message>, Arbitrary<? extends Message>> m = new LinkedHashMap<>();
        m.put(Hello.class, Combinators.combine(ints(), text()).as(Hello::new));
        m.put(Welcome.class, Combinators.combine(ints(), text()).as(Welcome::new));
        m.put(
                Register.class,
                Combinators.combine(login(), bytes(), bytes(), kdf()).as(Register::new));
        m.put(Registered.class, login().map(Registered::new));
        m.put(LoginStart.class, login().map(LoginStart::new));
        m.put(
                LoginChallenge.class,
                Combinators.combine(bytes(), kdf(), bytes()).as(LoginChallenge::new));
        m.put(LoginProof.class, Combinators.combine(bytes(), bytes()).as(LoginProof::new));
        m.put(LoginOk.class, Combinators.combine(login(), bytes()).as(LoginOk::new));
        m.put(ListRooms.class, Arbitraries.just(new ListRooms()));
        m.put(RoomList.class, roomInfo().list().ofMaxSize(5).map(RoomList::new));
        m.put(
                CreateRoom.class,
                Combinators.combine(room(), bytes(), bytes(), kdf(), bytes()).as(CreateRoom::new));
        m.put(RoomCreated.class, roomInfo().map(RoomCreated::new));
        m.put(JoinStart.class, room().map(JoinStart::new));
        m.put(
                JoinChallenge.class,
                Combinators.combine(room(), bytes(), kdf(), bytes(), bytes())
                        .as(JoinChallenge::new));
        m.put(
                JoinProof.class,
                Combinators.combine(room(), bytes(), bytes(), Arbitraries.longs().greaterOrEqual(0))
                        .as(JoinProof::new));
        m.put(
                Joined.class,
                Combinators.combine(room(), bytes(), longs(), login().list().ofMaxSize(5))
                        .as(Joined::new));
        m.put(Leave.class, room().map(Leave::new));
        m.put(Left.class, room().map(Left::new));
        m.put(Post.class, Combinators.combine(room(), positive(), bytes()).as(Post::new));
        m.put(
                Delivered.class,
                Combinators.combine(room(), positive(), login(), positive(), bytes(), longs())
                        .as(Delivered::new));
        m.put(MemberJoined.class, Combinators.combine(room(), login()).as(MemberJoined::new));
        m.put(MemberLeft.class, Combinators.combine(room(), login()).as(MemberLeft::new));
        m.put(
                MemberEvicted.class,
                Combinators.combine(room(), login(), Arbitraries.of(EvictionReason.class))
                        .as(MemberEvicted::new));
        m.put(RoomIdle.class, room().map(RoomIdle::new));
        m.put(Ping.class, longs().map(Ping::new));
        m.put(Pong.class, longs().map(Pong::new));
        m.put(
                ErrorReply.class,
                Combinators.combine(Arbitraries.of(ErrorCode.class), text()).as(ErrorReply::new));
        return m;
    }

    /// Any code point but a surrogate, weighted towards ASCII and the BMP.
    static Arbitrary<Integer> codePoints() {
        return Arbitraries.frequencyOf(
                        Tuple.of(3, Arbitraries.integers().between(0, 0x7f)),
                        Tuple.of(3, Arbitraries.integers().between(0x80, 0xffff)),
                        Tuple.of(
                                2,
                                Arbitraries.integers().between(0x1_0000, Character.MAX_CODE_POINT)))
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE);
    }

    static Arbitrary<String> text() {
        return string(codePoints(), 0, 80);
    }

    static Arbitrary<String> login() {
        return string(
                        codePoints()
                                .filter(
                                        cp ->
                                                Character.isLetterOrDigit(cp)
                                                        || "._-".indexOf(cp) >= 0),
                        1,
                        Names.MAX_LOGIN)
                .filter(login -> Names.loginProblem(login) == null);
    }

    static Arbitrary<String> room() {
        return string(codePoints().filter(cp -> !Character.isISOControl(cp)), 1, Names.MAX_ROOM)
                .filter(room -> Names.roomProblem(room) == null);
    }

    private static Arbitrary<String> string(Arbitrary<Integer> codePoints, int min, int max) {
        return codePoints
                .list()
                .ofMinSize(min)
                .ofMaxSize(max)
                .map(
                        cps -> {
                            StringBuilder s = new StringBuilder();
                            cps.forEach(s::appendCodePoint);
                            return s.toString();
                        });
    }

    private static Arbitrary<Bytes> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300).map(Bytes::of);
    }

    private static Arbitrary<Integer> ints() {
        return Arbitraries.integers();
    }

    private static Arbitrary<Long> longs() {
        return Arbitraries.longs();
    }

    private static Arbitrary<Long> positive() {
        return Arbitraries.longs().greaterOrEqual(1);
    }

    private static Arbitrary<KdfParams> kdf() {
        return Combinators.combine(
                        Arbitraries.integers().between(8 * 1024, KdfParams.MAX_MEMORY_KIB),
                        Arbitraries.integers().between(1, KdfParams.MAX_ITERATIONS),
                        Arbitraries.integers().between(1, KdfParams.MAX_PARALLELISM))
                .as(KdfParams::new);
    }

    private static Arbitrary<RoomInfo> roomInfo() {
        return Combinators.combine(room(), Arbitraries.of(true, false), ints(), longs())
                .as(RoomInfo::new);
    }
}
