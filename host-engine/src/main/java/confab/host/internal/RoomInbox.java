package confab.host.internal;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/// The only door into a room thread: control events (joins, leaves, disconnects, ticks) and
/// posts, in two queues so that a paused room still hears about joins and departures.
///
/// Posts are bounded: a reader that offers a post to a full inbox waits, so TCP slows the
/// sender down instead of the host buffering without limit. Once closed (the room went idle
/// or the host stops) every offer fails and the caller starts a fresh room.
final class RoomInbox {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<RoomEvent> control = new ArrayDeque<>();
    private final ArrayDeque<RoomEvent.Posted> posts = new ArrayDeque<>();
    private final int postCapacity;
    private boolean closed;

    RoomInbox(int postCapacity) {
        this.postCapacity = postCapacity;
    }

    /// `false` if the room is closed.
    boolean offer(RoomEvent event) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            control.addLast(event);
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /// Waits while the post queue is full; `false` if the room is closed.
    boolean offerPost(RoomEvent.Posted post) throws InterruptedException {
        lock.lock();
        try {
            while (!closed && posts.size() >= postCapacity) {
                notFull.await();
            }
            if (closed) {
                return false;
            }
            posts.addLast(post);
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /// Takes a post if there is room for it now, without waiting.
    Offer tryOfferPost(RoomEvent.Posted post) {
        lock.lock();
        try {
            if (closed) {
                return Offer.CLOSED;
            }
            if (posts.size() >= postCapacity) {
                return Offer.FULL;
            }
            boolean behind = !posts.isEmpty();
            posts.addLast(post);
            notEmpty.signal();
            return behind ? Offer.TAKEN_BEHIND : Offer.TAKEN;
        } finally {
            lock.unlock();
        }
    }

    /// What became of a post offered without waiting.
    enum Offer {
        TAKEN,
        /// Taken behind posts the room has not taken yet: its thread is busy with a turn.
        TAKEN_BEHIND,
        FULL,
        CLOSED
    }

    /// Moves every control event into `events`, then (when `takePosts`) posts up to about
    /// `maxPostBytes` of ciphertext (at least one) into `postsOut`. Waits up to `waitNanos` when
    /// there is nothing to take.
    void take(
            List<RoomEvent> events,
            List<RoomEvent.Posted> postsOut,
            boolean takePosts,
            long waitNanos,
            int maxPostBytes)
            throws InterruptedException {
        lock.lock();
        try {
            long left = waitNanos;
            while (control.isEmpty() && (!takePosts || posts.isEmpty()) && left > 0) {
                left = notEmpty.awaitNanos(left);
            }
            events.addAll(control);
            control.clear();
            if (takePosts) {
                takePosts(postsOut, maxPostBytes);
            }
        } finally {
            lock.unlock();
        }
    }

    /// Takes posts up to about `maxPostBytes` of ciphertext into `postsOut` without waiting,
    /// unless a control event waits: a post that came after a departure must not be sent
    /// before the room has dealt with it.
    void takePostsIfNoControl(List<RoomEvent.Posted> postsOut, int maxPostBytes) {
        lock.lock();
        try {
            if (control.isEmpty()) {
                takePosts(postsOut, maxPostBytes);
            }
        } finally {
            lock.unlock();
        }
    }

    private void takePosts(List<RoomEvent.Posted> postsOut, int maxPostBytes) {
        if (posts.isEmpty()) {
            return;
        }
        int bytes = 0;
        do {
            RoomEvent.Posted next = posts.pollFirst();
            bytes += next.sealed().size();
            postsOut.add(next);
        } while (!posts.isEmpty() && bytes + posts.peekFirst().sealed().size() <= maxPostBytes);
        notFull.signalAll();
    }

    /// Closes the inbox if nothing is waiting in it; `true` if it did.
    boolean closeIfEmpty() {
        lock.lock();
        try {
            if (!control.isEmpty() || !posts.isEmpty()) {
                return false;
            }
            closed = true;
            notFull.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /// Closes the inbox and returns the posts still waiting, so that they can be stored.
    List<RoomEvent.Posted> closeAndDrainPosts() {
        lock.lock();
        try {
            closed = true;
            List<RoomEvent.Posted> left = List.copyOf(posts);
            posts.clear();
            control.clear();
            notFull.signalAll();
            return left;
        } finally {
            lock.unlock();
        }
    }
}
