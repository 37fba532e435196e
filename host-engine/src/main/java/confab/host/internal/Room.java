package confab.host.internal;

import confab.crypto.wire.Bytes;
import confab.crypto.wire.EvictionReason;
import confab.crypto.wire.Message;
import confab.crypto.wire.MessageCodec;
import confab.host.HostConfig;
import confab.host.HostListener;
import confab.host.store.HostStore;
import confab.host.store.HostStoreException;
import confab.host.store.NewMessage;
import confab.host.store.StoredMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// One active room: its thread alone owns the **address list** (the connections that get the
/// room's traffic) and the sequence counter, so nothing in here takes a lock.
///
/// Each turn of the loop takes every control event and the posts waiting (up to
/// {@link #BATCH_BYTES} of ciphertext), stores those posts in one transaction and then, in one
/// pass over the address list, writes each member everything stored that it has not had yet,
/// each message encoded once into a buffer shared by every member's queue ({@link FrameTail}).
/// A pass over a large room takes milliseconds, so every {@link #SWEEP_TAKE_MEMBERS} members,
/// while many are still ahead, it takes and stores the posts that arrived meanwhile: the
/// members still ahead get them in the same write, those already passed in the next pass.
/// Nothing waits for a timer: the busier the room, the more posts arrive while it stores and
/// writes the last batch, so batches grow with the load by themselves. A member that is still
/// draining a full queue pauses the room (backpressure: posts wait in the bounded inbox and TCP
/// slows the senders); a member that makes no write progress is evicted instead, so one bad
/// peer never holds up the rest. With no post for the idle timeout the room tells its members,
/// closes its inbox and its thread ends; the next join or post starts a new one.
///
/// A post whose sender and counter match one of the last {@link #RECENT_POSTS} stored messages
/// is a second copy of it (a resend from a client's outbox that crossed a late copy sent on a
/// connection the client had given up) and is dropped: each message is stored once.
public final class Room implements Runnable {
    /// Ciphertext bytes taken from the inbox per turn.
    static final int BATCH_BYTES = 64 * 1024;

    /// A pass over the address list takes the posts that arrived meanwhile after every this
    /// many members, if at least {@link #SWEEP_TAKE_AHEAD} members are still ahead of it and
    /// {@link #SWEEP_TAKE_NANOS} have passed since it last took any.
    static final int SWEEP_TAKE_MEMBERS = 64;

    /// Each take that finds posts is one more commit and splits what would have been one write
    /// to each member ahead in two: worth it when many members are still ahead (a pass over
    /// 1,000 takes about 10 ms under load), not near the end of a pass nor in a room of 100,
    /// whose pass takes under a millisecond (with takes there, Confab's knee at N=100 fell
    /// below ngIRCd's in two of three `--quick` runs).
    static final int SWEEP_TAKE_AHEAD = 256;

    static final long SWEEP_TAKE_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

    /// Stored messages replayed to a member per turn while it catches up.
    static final int REPLAY_PAGE = 256;

    private static final Logger log = LoggerFactory.getLogger(Room.class);
    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long BUSY_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long DRAIN_WINDOW_MILLIS = 100;

    /// How long membership notices (joined, left, evicted) may wait to be written when no
    /// message is waiting: 20 us per member, at least 50 ms and at most 1 s. A wave of joins
    /// then costs each member one write per interval instead of one per join (10,000 joins
    /// would otherwise mean 50 million writes), and notices never cost a room more than about
    /// 50,000 writes a second, however large it is.
    static long noticeFlushIntervalNanos(int members) {
        long nanos = TimeUnit.MICROSECONDS.toNanos(20) * members;
        return Math.clamp(nanos, TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.SECONDS.toNanos(1));
    }

    private final String name;
    private final HostStore store;
    private final MessageCodec codec;
    private final HostConfig config;
    private final HostListener listener;
    private final AtomicLong hostQueued;
    private final Supplier<Collection<Connection>> sleepers;
    private final Predicate<Connection> entitled;
    private final Consumer<Room> onEnd;
    private final RoomInbox inbox;

    /// Messages whose (sender, counter) is remembered against a resent copy.
    static final int RECENT_POSTS = 8192;

    private final Map<Connection, Member> members = new LinkedHashMap<>();
    private final RecentPosts recent = new RecentPosts(RECENT_POSTS);
    private long seq;
    private long lastActivityMillis;
    private List<Connection> idleMembers = List.of();

    /// Something was queued on members and not written yet; it is written at `flushDue`.
    private boolean unflushed;

    private long flushDue;
    private long lastFlush = System.nanoTime();

    /// The frames of the latest stored messages, which live members are sent from.
    private FrameTail tail;

    /// Members passed over in a sweep that stored more after them, or waiting to rejoin: the
    /// next sweep is due at once.
    private boolean behind;

    /// Whether this turn of the loop takes no posts (backpressure): its sweeps take none either.
    private boolean pausedTurn;

    /// Posters that were not on the address list, put back after the sweep under way.
    private final Map<Connection, Member> rejoining = new LinkedHashMap<>();

    /// Posts taken from the inbox and not yet stored: stored and sent at the next flush.
    private final List<RoomEvent.Posted> pending = new ArrayList<>();

    /// A connection on the address list. A member that joined with an old `lastSeq` catches up
    /// from the store page by page before it gets live traffic.
    private static final class Member {
        long sentUpTo;
        boolean live;

        Member(long sentUpTo, boolean live) {
            this.sentUpTo = sentUpTo;
            this.live = live;
        }
    }

    /// @param sleepers the connections that were on the address list when the room last went
    ///     idle and still hold its rights: put back on the list when it wakes
    /// @param entitled whether a connection still holds the right to this room
    /// @param onEnd called on the room thread when the room has gone idle or stopped
    public Room(
            String name,
            HostStore store,
            MessageCodec codec,
            HostConfig config,
            HostListener listener,
            AtomicLong hostQueued,
            Supplier<Collection<Connection>> sleepers,
            Predicate<Connection> entitled,
            Consumer<Room> onEnd) {
        this.name = name;
        this.store = store;
        this.codec = codec;
        this.config = config;
        this.listener = listener;
        this.hostQueued = hostQueued;
        this.sleepers = sleepers;
        this.entitled = entitled;
        this.onEnd = onEnd;
        this.inbox = new RoomInbox(4096);
    }

    public String name() {
        return name;
    }

    /// The address list at the moment the room went idle (empty otherwise); read after the
    /// room thread ended.
    public List<Connection> idleMembers() {
        return idleMembers;
    }

    /// Hands an event to the room thread; `false` if this room has ended (start a new one).
    public boolean offer(RoomEvent event) {
        return inbox.offer(event);
    }

    /// Hands a post to the room thread, waiting while its inbox is full; `false` if ended.
    public boolean offerPost(RoomEvent.Posted post) throws InterruptedException {
        return inbox.offerPost(post);
    }

    /// Hands a post to the room thread if its inbox has room now.
    RoomInbox.Offer tryOfferPost(RoomEvent.Posted post) {
        return inbox.tryOfferPost(post);
    }

    @Override
    public void run() {
        seq = store.latestSeq(name);
        tail = new FrameTail(seq);
        for (StoredMessage stored :
                store.messagesAfter(name, Math.max(0, seq - RECENT_POSTS), RECENT_POSTS)) {
            remember(stored.sender(), stored.counter());
        }
        lastActivityMillis = config.clock().millis();
        for (Connection holder : sleepers.get()) {
            if (!holder.isClosed()) {
                members.put(holder, new Member(seq, true));
            }
        }
        listener.roomActive(name);
        log.debug("room {} active at seq {} with {} members", name, seq, members.size());
        List<RoomEvent> events = new ArrayList<>();
        List<RoomEvent.Posted> posts = new ArrayList<>();
        try {
            while (true) {
                boolean paused = mustPause();
                pausedTurn = paused;
                boolean catchingUp = catchUp();
                long now = System.nanoTime();
                if (unflushed && (paused || now - flushDue >= 0)) {
                    publishPending();
                    flushMembers();
                }
                long wait = paused || catchingUp ? BUSY_NANOS : TICK_NANOS;
                if (unflushed) {
                    wait = Math.min(wait, flushDue - now);
                }
                inbox.take(events, posts, !paused, wait, BATCH_BYTES);
                boolean stop = false;
                for (RoomEvent event : events) {
                    if (!(event instanceof RoomEvent.Tick)) {
                        // posts go out before the membership change that came after them; a
                        // leaver's last posts may be in this very turn, a joiner's are not
                        if (!(event instanceof RoomEvent.Join)) {
                            addPending(posts);
                        }
                        publishPending();
                    }
                    stop |= handle(event);
                }
                addPending(posts);
                events.clear();
                posts.clear();
                evictStalled();
                if (stop) {
                    pending.addAll(inbox.closeAndDrainPosts());
                    publishPending();
                    flushMembers();
                    log.debug("room {} stopped at seq {}", name, seq);
                    return;
                }
                if (pending.isEmpty() && !behind && idle() && inbox.closeIfEmpty()) {
                    flushMembers();
                    goIdle();
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            inbox.closeAndDrainPosts();
        } catch (RuntimeException e) {
            log.error("room {} failed; its members are disconnected", name, e);
            inbox.closeAndDrainPosts();
            members.keySet().forEach(Connection::close);
        } finally {
            onEnd.accept(this);
        }
    }

    /// Handles one control event; `true` to stop the room.
    private boolean handle(RoomEvent event) {
        switch (event) {
            case RoomEvent.Join join -> join(join);
            case RoomEvent.Leave leave -> {
                Member gone = members.remove(leave.connection());
                leave.connection().send(codec.encodeFrame(new Message.Left(name)));
                if (gone != null) {
                    tellOthers(new Message.MemberLeft(name, leave.connection().login()));
                    listener.memberLeft(name, leave.connection().login());
                }
            }
            case RoomEvent.Gone gone -> {
                if (members.remove(gone.connection()) != null) {
                    String login = gone.connection().login();
                    if (gone.reason() == null) {
                        tellOthers(new Message.MemberLeft(name, login));
                        listener.memberLeft(name, login);
                    } else {
                        tellOthers(new Message.MemberEvicted(name, login, gone.reason()));
                        listener.memberEvicted(name, login, gone.reason());
                    }
                }
            }
            case RoomEvent.Tick tick -> {
                // the loop checks idle time and stalls after every batch
            }
            case RoomEvent.Stop stop -> {
                return true;
            }
            case RoomEvent.Posted posted ->
                    throw new IllegalStateException("posts come through offerPost");
        }
        return false;
    }

    private void join(RoomEvent.Join join) {
        Connection connection = join.connection();
        if (connection.isClosed()) {
            return;
        }
        lastActivityMillis = config.clock().millis();
        long from = Math.min(join.lastSeq(), seq);
        boolean wasMember = members.containsKey(connection);
        members.put(connection, new Member(from, from == seq));
        connection.send(
                codec.encodeFrame(
                        new Message.Joined(name, join.serverEvidence(), seq, memberLogins())));
        if (!wasMember) {
            Message joined = new Message.MemberJoined(name, connection.login());
            byte[] frame = codec.encodeFrame(joined);
            for (Connection other : members.keySet()) {
                if (other != connection) {
                    other.enqueue(frame);
                }
            }
            queuedForMembers(noticeFlushIntervalNanos(members.size()));
            listener.memberJoined(name, connection.login());
        }
    }

    /// Moves `posts` (and empties it) into the posts to publish at the next flush.
    private void addPending(List<RoomEvent.Posted> posts) {
        if (posts.isEmpty()) {
            return;
        }
        pending.addAll(posts);
        posts.clear();
        queuedForMembers(0);
    }

    /// Publishes the posts taken since the last flush, all in one commit: one commit per batch
    /// instead of one per post keeps the write-ahead log (and the checkpoint thread's copying
    /// of it into the database) several times smaller under load.
    private void publishPending() {
        if (!pending.isEmpty() || behind) {
            publish(pending);
            pending.clear();
        }
    }

    /// Stores a batch in one transaction, then sends every live member what it has not had.
    private void publish(List<RoomEvent.Posted> offered) {
        store(offered);
        rejoin();
        sweep();
    }

    /// Stores the posts that are not second copies in one transaction and appends their frames
    /// to the tail; senders that were not on the address list wait in `rejoining`.
    private void store(List<RoomEvent.Posted> offered) {
        // The same (sender, counter) twice is one message sent twice: a client resends from its
        // outbox what it never saw acknowledged, and a copy it gave up on may still arrive late
        // on its old connection.
        List<RoomEvent.Posted> posts = new ArrayList<>(offered.size());
        for (RoomEvent.Posted post : offered) {
            String sender = post.connection().login();
            if (recent.contains(sender, post.counter()) || sentEarlier(posts, post)) {
                log.debug(
                        "room {}: {} sent message {} again; stored once",
                        name,
                        sender,
                        post.counter());
            } else {
                posts.add(post);
            }
        }
        if (posts.isEmpty()) {
            return;
        }
        long now = config.clock().millis();
        lastActivityMillis = now;
        List<NewMessage> batch = new ArrayList<>(posts.size());
        long next = seq;
        for (RoomEvent.Posted post : posts) {
            batch.add(
                    new NewMessage(
                            ++next, post.connection().login(), post.counter(), post.sealed(), now));
        }
        try {
            store.append(name, batch);
        } catch (HostStoreException e) {
            log.error("room {}: could not store {} posts; senders are told", name, posts.size(), e);
            byte[] refusal =
                    codec.encodeFrame(
                            new Message.ErrorReply(
                                    confab.crypto.wire.ErrorCode.INTERNAL,
                                    "the host could not store your message; send it again"));
            posts.forEach(post -> post.connection().send(refusal));
            return;
        }
        seq = next;
        batch.forEach(stored -> remember(stored.sender(), stored.counter()));
        // A post from a connection that is not on the list puts it back, as in the seed, unless
        // it left the room after posting.
        for (RoomEvent.Posted post : posts) {
            if (!post.connection().isClosed()
                    && !members.containsKey(post.connection())
                    && entitled.test(post.connection())) {
                rejoining.put(post.connection(), new Member(batch.getFirst().seq() - 1, true));
            }
        }
        List<byte[]> frames = new ArrayList<>(batch.size());
        for (NewMessage stored : batch) {
            frames.add(
                    delivered(
                            stored.seq(),
                            stored.sender(),
                            stored.counter(),
                            stored.sealed(),
                            stored.storedAt()));
        }
        tail.append(frames, oldestNeeded());
    }

    /// The lowest seq a live member (or one about to rejoin) was last sent.
    private long oldestNeeded() {
        long oldest = tail.last();
        for (Member member : members.values()) {
            if (member.live) {
                oldest = Math.min(oldest, member.sentUpTo);
            }
        }
        for (Member member : rejoining.values()) {
            oldest = Math.min(oldest, member.sentUpTo);
        }
        return oldest;
    }

    private void rejoin() {
        rejoining.forEach(members::putIfAbsent);
        rejoining.clear();
    }

    /// One pass over the address list, writing each live member everything stored since it was
    /// last written (one write for many batches). Every {@link #SWEEP_TAKE_MEMBERS} members the
    /// pass takes the posts that arrived meanwhile, stores them and goes on with them: in a
    /// large room a pass takes milliseconds, and a post that had to wait for the pass to end
    /// would reach the first members only after a whole second pass. Those already passed get
    /// them in the next pass, which the loop runs at once.
    private void sweep() {
        boolean taking = !pausedTurn;
        long lastTake = System.nanoTime();
        List<RoomEvent.Posted> arrived = new ArrayList<>();
        int passed = 0;
        for (Map.Entry<Connection, Member> entry : members.entrySet()) {
            if (taking
                    && ++passed % SWEEP_TAKE_MEMBERS == 0
                    && members.size() - passed >= SWEEP_TAKE_AHEAD) {
                long now = System.nanoTime();
                if (now - lastTake >= SWEEP_TAKE_NANOS) {
                    lastTake = now;
                    inbox.takePostsIfNoControl(arrived, BATCH_BYTES);
                    if (!arrived.isEmpty()) {
                        store(arrived);
                        arrived.clear();
                    }
                }
            }
            Member member = entry.getValue();
            ByteBuffer frames = member.live ? tail.after(member.sentUpTo) : null;
            if (frames != null) {
                Connection connection = entry.getKey();
                if (connection.sendShared(frames) == Connection.Sent.QUEUED) {
                    // at once: a take later in this pass may append, or start over
                    tail.held();
                    // a member that is still draining a full queue: stop taking posts
                    taking &= connection.queuedBytes() <= config.memberQueueBytes();
                }
                member.sentUpTo = tail.last();
            }
        }
        rejoin();
        behind = false;
        for (Member member : members.values()) {
            behind |= member.live && member.sentUpTo < seq;
        }
        if (behind) {
            queuedForMembers(0);
        }
    }

    /// Notes that frames were queued on members without writing them: the loop writes them once
    /// `interval` since the last flush has passed (0: on its next turn), or earlier if something
    /// more urgent is queued meanwhile.
    private void queuedForMembers(long interval) {
        long due = lastFlush + interval;
        if (!unflushed || due - flushDue < 0) {
            flushDue = due;
        }
        unflushed = true;
    }

    /// Writes to every member what is queued for it, as far as its socket takes it now.
    private void flushMembers() {
        for (Connection connection : members.keySet()) {
            connection.flush();
        }
        unflushed = false;
        lastFlush = System.nanoTime();
        if (behind) {
            queuedForMembers(0);
        }
    }

    /// Sends the next page of history to each member that is catching up and has room in its
    /// queue; `true` while anyone is still behind.
    private boolean catchUp() {
        boolean behind = false;
        for (Map.Entry<Connection, Member> entry : members.entrySet()) {
            Member member = entry.getValue();
            if (member.live) {
                continue;
            }
            Connection connection = entry.getKey();
            if (connection.queuedBytes() < config.memberQueueBytes()) {
                List<StoredMessage> page = store.messagesAfter(name, member.sentUpTo, REPLAY_PAGE);
                for (StoredMessage stored : page) {
                    connection.enqueue(
                            delivered(
                                    stored.seq(),
                                    stored.sender(),
                                    stored.counter(),
                                    stored.sealed(),
                                    stored.storedAt()));
                    member.sentUpTo = stored.seq();
                }
                connection.flush();
                if (page.isEmpty() || member.sentUpTo >= seq) {
                    member.sentUpTo = seq;
                    member.live = true;
                    continue;
                }
            }
            behind = true;
        }
        return behind;
    }

    /// Backpressure: stop taking posts while the host is over its budget, or while a member
    /// that is still draining has a full queue.
    private boolean mustPause() {
        if (hostQueued.get() > config.hostQueueBudget()) {
            return true;
        }
        long now = config.clock().millis();
        // a member counts as draining while its writes complete at least this often; the room
        // waits for nobody longer than that (a member that stopped reading cost the others up
        // to half a second with a window of stallTimeout / 10)
        long drainWindow = Math.min(config.stallTimeout().toMillis() / 10, DRAIN_WINDOW_MILLIS);
        for (Connection connection : members.keySet()) {
            if (connection.queuedBytes() > config.memberQueueBytes()
                    && now - connection.lastProgressMillis() < drainWindow) {
                return true;
            }
        }
        return false;
    }

    /// Evicts members whose writes failed or that stopped reading.
    private void evictStalled() {
        long now = config.clock().millis();
        long stall = config.stallTimeout().toMillis();
        List<Map.Entry<Connection, EvictionReason>> evicted = new ArrayList<>();
        Iterator<Connection> it = members.keySet().iterator();
        while (it.hasNext()) {
            Connection connection = it.next();
            EvictionReason reason = null;
            if (connection.isClosed()) {
                reason = EvictionReason.CONNECTION_LOST;
            } else if (connection.queuedBytes() > config.memberQueueHardBytes()
                    || (connection.queuedBytes() > config.memberQueueBytes()
                            && now - connection.lastProgressMillis() >= stall)) {
                reason = EvictionReason.STOPPED_READING;
            }
            if (reason != null) {
                it.remove();
                evicted.add(Map.entry(connection, reason));
            }
        }
        for (Map.Entry<Connection, EvictionReason> entry : evicted) {
            Connection connection = entry.getKey();
            log.info("room {}: evicted {} ({})", name, connection, entry.getValue());
            connection.close();
            tellOthers(new Message.MemberEvicted(name, connection.login(), entry.getValue()));
            listener.memberEvicted(name, connection.login(), entry.getValue());
        }
    }

    private void remember(String sender, long counter) {
        if (!recent.contains(sender, counter)) {
            recent.add(sender, counter); // forgets the oldest beyond RECENT_POSTS
        }
    }

    /// Whether a post of the same batch came first with the same sender and counter (a batch
    /// holds at most a few hundred posts, and repeats are rare: a scan beats a set per batch).
    private static boolean sentEarlier(List<RoomEvent.Posted> earlier, RoomEvent.Posted post) {
        for (RoomEvent.Posted other : earlier) {
            if (other.counter() == post.counter()
                    && other.connection().login().equals(post.connection().login())) {
                return true;
            }
        }
        return false;
    }

    private boolean idle() {
        return config.clock().millis() - lastActivityMillis >= config.idleTimeout().toMillis()
                && members.values().stream().allMatch(member -> member.live);
    }

    private void goIdle() {
        byte[] frame = codec.encodeFrame(new Message.RoomIdle(name));
        members.keySet().forEach(connection -> connection.send(frame));
        idleMembers = List.copyOf(members.keySet());
        members.clear();
        log.info("room {} went idle at seq {}", name, seq);
        listener.roomIdle(name);
    }

    /// One stored message as the frame every member gets.
    private byte[] delivered(long seq, String sender, long counter, Bytes sealed, long storedAt) {
        return codec.encodeFrame(
                new Message.Delivered(name, seq, sender, counter, sealed, storedAt));
    }

    private void tellOthers(Message message) {
        byte[] frame = codec.encodeFrame(message);
        members.keySet().forEach(connection -> connection.enqueue(frame));
        queuedForMembers(noticeFlushIntervalNanos(members.size()));
    }

    private List<String> memberLogins() {
        LinkedHashSet<String> logins = new LinkedHashSet<>();
        members.keySet().forEach(connection -> logins.add(connection.login()));
        return List.copyOf(logins);
    }
}
