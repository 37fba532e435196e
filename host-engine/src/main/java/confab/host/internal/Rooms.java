package confab.host.internal;

import confab.crypto.wire.MessageCodec;
import confab.host.HostConfig;
import confab.host.HostListener;
import confab.host.store.HostStore;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/// The active rooms of a host and who holds the right to each (proved its password on an open
/// connection). A room thread starts on demand and removes itself when it goes idle; an event
/// offered to a room that just ended starts a fresh one, so nothing offered is lost.
public final class Rooms {
    private final HostStore store;
    private final MessageCodec codec;
    private final HostConfig config;
    private final HostListener listener;
    private final AtomicLong hostQueued;
    private final Map<String, Room> active = new ConcurrentHashMap<>();
    private final Map<String, Thread> threads = new ConcurrentHashMap<>();
    private final Map<String, Set<Connection>> rights = new ConcurrentHashMap<>();
    private final Map<String, List<Connection>> sleepers = new ConcurrentHashMap<>();

    /// Whether a post went behind others that a room had not taken yet since the last call
    /// (the room's thread busy with a turn); read and cleared by the I/O loop after each turn.
    private volatile boolean busyRoomFed;

    public Rooms(
            HostStore store,
            MessageCodec codec,
            HostConfig config,
            HostListener listener,
            AtomicLong hostQueued) {
        this.store = store;
        this.codec = codec;
        this.config = config;
        this.listener = listener;
        this.hostQueued = hostQueued;
    }

    public void grant(String room, Connection connection) {
        rights.computeIfAbsent(room, name -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    public void revoke(String room, Connection connection) {
        Set<Connection> holders = rights.get(room);
        if (holders != null) {
            holders.remove(connection);
        }
    }

    public boolean holds(String room, Connection connection) {
        Set<Connection> holders = rights.get(room);
        return holders != null && holders.contains(connection);
    }

    public boolean isActive(String room) {
        return active.containsKey(room);
    }

    /// Open connections that hold the room's right.
    public int holders(String room) {
        Set<Connection> holders = rights.get(room);
        return holders == null ? 0 : holders.size();
    }

    public Set<String> activeRooms() {
        return Set.copyOf(active.keySet());
    }

    /// Hands an event to the room, waking it if it is idle.
    public void offer(String room, RoomEvent event) {
        while (true) {
            Room target = activate(room);
            if (target.offer(event)) {
                return;
            }
            active.remove(room, target);
        }
    }

    /// Hands an event to the room only if it is active (a departure from an idle room needs
    /// no one to hear it).
    public void offerIfActive(String room, RoomEvent event) {
        Room target = active.get(room);
        if (target != null) {
            target.offer(event);
        }
    }

    /// Hands a post to the room, waking it if idle and waiting while its inbox is full.
    public void offerPost(String room, RoomEvent.Posted post) throws InterruptedException {
        while (true) {
            Room target = activate(room);
            if (target.offerPost(post)) {
                return;
            }
            active.remove(room, target);
        }
    }

    /// `true` once for each turn of the I/O loop that fed a busy room: the loop then pauses
    /// before its next read (see {@link IoLoop}).
    public boolean takeBusyRoomFed() {
        if (!busyRoomFed) {
            return false;
        }
        busyRoomFed = false;
        return true;
    }

    /// Hands a post to the room, waking it if idle, if its inbox has room now; `false`, having
    /// done nothing, if it is full.
    public boolean tryOfferPost(String room, RoomEvent.Posted post) {
        while (true) {
            Room target = activate(room);
            switch (target.tryOfferPost(post)) {
                case TAKEN -> {
                    return true;
                }
                case TAKEN_BEHIND -> {
                    busyRoomFed = true;
                    return true;
                }
                case FULL -> {
                    return false;
                }
                case CLOSED -> active.remove(room, target);
            }
        }
    }

    /// Removes a closed connection's rights and tells its active rooms why it went.
    public void disconnected(Connection connection, RoomEvent.Gone gone) {
        rights.forEach(
                (room, holders) -> {
                    if (holders.remove(connection)) {
                        offerIfActive(room, gone);
                    }
                });
    }

    /// Asks every room thread to check idle time and stalls now.
    public void tick() {
        active.values().forEach(room -> room.offer(new RoomEvent.Tick()));
    }

    /// Stops every room thread after it stored what it had queued; waits for them.
    public void stopAll() throws InterruptedException {
        active.values().forEach(room -> room.offer(new RoomEvent.Stop()));
        for (Thread thread : List.copyOf(threads.values())) {
            thread.join(10_000);
        }
    }

    private Room activate(String name) {
        while (true) {
            Room existing = active.get(name);
            if (existing != null) {
                return existing;
            }
            Room room =
                    new Room(
                            name,
                            store,
                            codec,
                            config,
                            listener,
                            hostQueued,
                            () -> wakingMembers(name),
                            connection -> holds(name, connection),
                            this::ended);
            if (active.putIfAbsent(name, room) == null) {
                // A platform thread: a busy room parks and wakes thousands of times a second,
                // and a virtual thread's every wake also wakes a carrier of the scheduler's
                // pool, and every timed wait goes through its timer thread (6 context switches
                // per post at N=100 against 2, docs/BENCHMARKS.md item 15). Rooms are few and
                // end when idle, so their stacks cost little.
                threads.put(
                        name, Thread.ofPlatform().daemon().name("confab-room-" + name).start(room));
                return room;
            }
        }
    }

    private Collection<Connection> wakingMembers(String room) {
        List<Connection> asleep = sleepers.remove(room);
        if (asleep == null) {
            return List.of();
        }
        return asleep.stream().filter(c -> !c.isClosed() && holds(room, c)).toList();
    }

    private void ended(Room room) {
        if (!room.idleMembers().isEmpty()) {
            sleepers.put(room.name(), room.idleMembers());
        }
        active.remove(room.name(), room);
        threads.remove(room.name(), Thread.currentThread());
    }
}
