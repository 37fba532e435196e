package confab.host.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecentPostsTest {
    private record Pair(String sender, long counter) {}

    @Test
    void remembersThePairsItWasGivenAndNoOthers() {
        RecentPosts recent = new RecentPosts(4);
        recent.add("alice", 1);
        recent.add("bob", 1);

        assertThat(recent.contains("alice", 1)).isTrue();
        assertThat(recent.contains("bob", 1)).isTrue();
        assertThat(recent.contains("alice", 2)).isFalse();
        assertThat(recent.contains("carol", 1)).isFalse();
        assertThat(recent.size()).isEqualTo(2);
    }

    @Test
    void forgetsTheOldestPairOnceFull() {
        RecentPosts recent = new RecentPosts(3);
        for (long counter = 1; counter <= 5; counter++) {
            recent.add("alice", counter);
        }

        assertThat(recent.contains("alice", 1)).isFalse();
        assertThat(recent.contains("alice", 2)).isFalse();
        assertThat(recent.contains("alice", 3)).isTrue();
        assertThat(recent.contains("alice", 5)).isTrue();
        assertThat(recent.size()).isEqualTo(3);
    }

    @Test
    void answersLikeABoundedInsertionOrderedSetOverManyRandomPosts() {
        // few senders and a narrow counter range: many collisions, long probe runs, repeats
        Random random = new Random(42);
        int capacity = 500;
        RecentPosts recent = new RecentPosts(capacity);
        LinkedHashSet<Pair> model = new LinkedHashSet<>();
        for (int i = 0; i < 200_000; i++) {
            Pair pair = new Pair("user" + random.nextInt(7), random.nextInt(2_000));
            assertThat(recent.contains(pair.sender(), pair.counter()))
                    .as("step %d: %s", i, pair)
                    .isEqualTo(model.contains(pair));
            if (!model.contains(pair)) {
                recent.add(pair.sender(), pair.counter());
                model.add(pair);
                if (model.size() > capacity) {
                    model.removeFirst();
                }
            }
        }
        assertThat(recent.size()).isEqualTo(model.size());
        for (Pair pair : model) {
            assertThat(recent.contains(pair.sender(), pair.counter())).isTrue();
        }
    }

    @Test
    void refusesACapacityBelowOne() {
        assertThatThrownBy(() -> new RecentPosts(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
