package confab.crypto.wire;

/// Argon2id cost parameters, stored with each account and room so that they can be raised
/// later without locking anyone out.
///
/// @param memoryKiB memory in KiB
/// @param iterations passes over memory
/// @param parallelism lanes
public record KdfParams(int memoryKiB, int iterations, int parallelism) {
    /// About 0.3 s on a 2-core 2026 machine (64 MiB, 3 passes, 1 lane).
    public static final KdfParams DEFAULT = new KdfParams(64 * 1024, 3, 1);

    /// Caps that keep a hostile peer from making us burn memory or minutes.
    public static final int MAX_MEMORY_KIB = 1024 * 1024;

    public static final int MAX_ITERATIONS = 64;
    public static final int MAX_PARALLELISM = 16;

    public KdfParams {
        if (memoryKiB < 8 * 1024 || memoryKiB > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("memoryKiB out of range: " + memoryKiB);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations out of range: " + iterations);
        }
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("parallelism out of range: " + parallelism);
        }
    }
}
