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
import java.util.List;

/// At least one instance of every message record, with text in several scripts (Cyrillic,
/// CJK, Arabic and Hebrew written right to left, emoji and other characters beyond the BMP)
/// and values at the edges of their ranges.
final class ExampleMessages {
    static final String CYRILLIC = "Общий чат";
    static final String CJK = "北京 ☕ 𠜎";
    static final String ARABIC = "غرفة الأخبار";
    static final String HEBREW = "שלום עולם";
    static final String EMOJI = "👩‍💻 devs 🎉";

    private ExampleMessages() {}

    static List<Message> all() {
        return List.of(
                new Hello(Message.PROTOCOL_VERSION, "Confab/0.1 (Linux; 日本語)"),
                new Hello(Integer.MIN_VALUE, ""),
                new Welcome(Integer.MAX_VALUE, "Confab host \"quoted\" \\ / \u2028 \t\n ✓"),
                new Register("анна", bytes(16), bytes(256), KdfParams.DEFAULT),
                new Registered("李雷"),
                new LoginStart("مريم"),
                new LoginChallenge(
                        bytes(16),
                        new KdfParams(
                                KdfParams.MAX_MEMORY_KIB,
                                KdfParams.MAX_ITERATIONS,
                                KdfParams.MAX_PARALLELISM),
                        bytes(256)),
                new LoginProof(bytes(256), bytes(32)),
                new LoginOk("דוד", bytes(32)),
                new ListRooms(),
                new RoomList(List.of()),
                new RoomList(
                        List.of(
                                new RoomInfo(CYRILLIC, true, 3, 42),
                                new RoomInfo(CJK, false, 0, 0),
                                new RoomInfo(ARABIC, true, Integer.MAX_VALUE, Long.MAX_VALUE),
                                new RoomInfo(HEBREW, false, -1, Long.MIN_VALUE))),
                new CreateRoom(HEBREW, bytes(16), bytes(256), KdfParams.DEFAULT, bytes(16)),
                new RoomCreated(new RoomInfo(EMOJI, true, 1, 0)),
                new JoinStart(CJK),
                new JoinChallenge(ARABIC, bytes(16), KdfParams.DEFAULT, bytes(16), bytes(256)),
                new JoinProof(EMOJI, bytes(256), bytes(32), 0),
                new Joined(CYRILLIC, bytes(32), 17, List.of("анна", "李雷", "مريم", "דוד")),
                new Joined("r", Bytes.of(new byte[0]), 0, List.of()),
                new Leave(CYRILLIC),
                new Left(CJK),
                new Post(EMOJI, 1, bytes(1000)),
                new Delivered(ARABIC, Long.MAX_VALUE, "مريم", Long.MAX_VALUE, bytes(3), 0),
                new MemberJoined(HEBREW, "דוד"),
                new MemberLeft(CJK, "李雷"),
                new MemberEvicted(CYRILLIC, "анна", EvictionReason.STOPPED_READING),
                new RoomIdle(EMOJI),
                new Ping(Long.MIN_VALUE),
                new Pong(-1),
                new ErrorReply(
                        ErrorCode.BAD_CREDENTIALS,
                        "Неверный пароль / 密码错误 / كلمة المرور خاطئة / סיסמה שגויה 🔒"),
                new ErrorReply(ErrorCode.INTERNAL, ""));
    }

    /// `n` bytes that cover every Base64 digit and padding case as `n` varies.
    static Bytes bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 37 + 11);
        }
        return Bytes.of(b);
    }
}
