/// A JVM neighbour for vm-stalls.sh: allocates 200-byte messages as fast as it can and keeps the
/// last 100,000 of them, so that young collections copy and promote as a host's would, and
/// reports how many MiB a second it allocated. Run as a source file: `java bench/AllocLoad.java
/// SECONDS`.
public final class AllocLoad {
    private AllocLoad() {}

    public static void main(String[] args) {
        long end = System.nanoTime() + (long) (Double.parseDouble(args[0]) * 1e9);
        byte[][] kept = new byte[100_000][];
        long made = 0;
        long start = System.nanoTime();
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1_000; i++, made++) {
                byte[] message = new byte[200];
                message[(int) (made % 200)] = (byte) made;
                kept[(int) (made % kept.length)] = message;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("jvm alloc_mib_per_s=%.0f%n", made * 216 / seconds / (1 << 20));
    }
}
