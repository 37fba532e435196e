package confab.app.ui.chat;

import java.text.Collator;
import java.time.Instant;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/// One room in the room list: whether the user is in it, its unread count, its messages and
/// who is in it now (the room's address list). Changed only by [ChatViewModel], on the UI
/// thread.
public final class RoomViewModel {
    private final String name;
    private final ReadOnlyBooleanWrapper joined = new ReadOnlyBooleanWrapper(this, "joined");
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(this, "active");
    private final ReadOnlyBooleanWrapper idle = new ReadOnlyBooleanWrapper(this, "idle");
    private final ReadOnlyIntegerWrapper unread = new ReadOnlyIntegerWrapper(this, "unread");
    private final ReadOnlyIntegerWrapper memberCount = new ReadOnlyIntegerWrapper(this, "count");
    private final ObservableList<ChatLine> lines = FXCollections.observableArrayList();
    private final ObservableList<String> members = FXCollections.observableArrayList();
    private final Collator order;
    private long latestSeq;

    RoomViewModel(String name, Locale locale) {
        this.name = name;
        this.order = Collator.getInstance(locale);
    }

    public String name() {
        return name;
    }

    /// Whether the user is in the room (and so receives and can send messages).
    public ReadOnlyBooleanProperty joinedProperty() {
        return joined.getReadOnlyProperty();
    }

    public boolean isJoined() {
        return joined.get();
    }

    /// Whether the host runs the room right now (someone is in it).
    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    /// Whether the room went idle while the user was in it; the next message wakes it up.
    public ReadOnlyBooleanProperty idleProperty() {
        return idle.getReadOnlyProperty();
    }

    public boolean isIdle() {
        return idle.get();
    }

    /// Messages that arrived while the room was not shown.
    public ReadOnlyIntegerProperty unreadProperty() {
        return unread.getReadOnlyProperty();
    }

    /// How many are in the room: the address list's size once joined, the host's figure before.
    public ReadOnlyIntegerProperty memberCountProperty() {
        return memberCount.getReadOnlyProperty();
    }

    /// The message list, oldest first; messages on their way come last.
    public ObservableList<ChatLine> lines() {
        return FXCollections.unmodifiableObservableList(lines);
    }

    /// Who is in the room now, in the UI language's alphabetical order.
    public ObservableList<String> members() {
        return FXCollections.unmodifiableObservableList(members);
    }

    /// The highest sequence number received, for resuming without gaps or duplicates.
    public long latestSeq() {
        return latestSeq;
    }

    void hostSays(boolean isActive, int count) {
        active.set(isActive);
        if (!joined.get()) {
            memberCount.set(count);
        }
    }

    void joined(Iterable<String> logins) {
        members.clear();
        logins.forEach(this::addMember);
        memberCount.set(members.size());
        joined.set(true);
        active.set(true);
        idle.set(false);
    }

    // The host keeps the members' places while the room sleeps and puts them back on the
    // address list when anyone posts: the member list stays as it is.
    void wentIdle() {
        idle.set(true);
        active.set(false);
    }

    void awake() {
        idle.set(false);
        active.set(true);
    }

    void left() {
        joined.set(false);
        idle.set(false);
        members.clear();
        memberCount.set(0);
    }

    boolean addMember(String login) {
        if (members.contains(login)) {
            return false;
        }
        int at = 0;
        while (at < members.size() && order.compare(members.get(at), login) < 0) {
            at++;
        }
        members.add(at, login);
        memberCount.set(members.size());
        return true;
    }

    boolean removeMember(String login) {
        boolean removed = members.remove(login);
        memberCount.set(members.size());
        return removed;
    }

    /// Adds a delivered message in sequence order; a sequence number seen before is ignored
    /// (a replay after reconnecting). Returns whether it was added.
    boolean addMessage(long seq, String sender, String text, Instant time, boolean own) {
        if (seq <= latestSeq) {
            return false;
        }
        latestSeq = seq;
        if (own) {
            for (int i = 0; i < lines.size(); i++) {
                ChatLine line = lines.get(i);
                if (line.kind() == ChatLine.Kind.PENDING && line.text().equals(text)) {
                    lines.remove(i);
                    regroup(i);
                    break;
                }
            }
        }
        insertBeforePending(
                new ChatLine(ChatLine.Kind.MESSAGE, seq, sender, text, time, own, true));
        return true;
    }

    void addPending(String sender, String text, Instant time) {
        insert(
                lines.size(),
                new ChatLine(ChatLine.Kind.PENDING, 0, sender, text, time, true, true));
    }

    /// Marks every message still on its way as not sent (the session dropped them), keeping
    /// their text and place.
    void markPendingUnsent() {
        for (int i = 0; i < lines.size(); i++) {
            ChatLine line = lines.get(i);
            if (line.kind() == ChatLine.Kind.PENDING) {
                lines.set(
                        i,
                        new ChatLine(
                                ChatLine.Kind.UNSENT,
                                0,
                                line.sender(),
                                line.text(),
                                line.time(),
                                line.own(),
                                line.startsGroup()));
            }
        }
    }

    void addNotice(ChatLine.Kind kind, String sender, String text, Instant time) {
        insertBeforePending(new ChatLine(kind, 0, sender, text, time, false, true));
    }

    void markRead() {
        unread.set(0);
    }

    void countUnread() {
        unread.set(unread.get() + 1);
    }

    private void insertBeforePending(ChatLine line) {
        int at = lines.size();
        while (at > 0 && lines.get(at - 1).kind() == ChatLine.Kind.PENDING) {
            at--;
        }
        insert(at, line);
    }

    // Keeps `startsGroup` right for the new line and the one after it.
    private void insert(int at, ChatLine line) {
        lines.add(at, line);
        regroup(at);
        regroup(at + 1);
    }

    private void regroup(int at) {
        if (at >= lines.size()) {
            return;
        }
        ChatLine line = lines.get(at);
        ChatLine fixed = line.withStartsGroup(at == 0 || !lines.get(at - 1).groupsWith(line));
        if (fixed != line) {
            lines.set(at, fixed);
        }
    }
}
