package confab.app.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// A host network namespace joined to this one by two veth pairs, for faults between a client
/// and the host that loopback cannot show: packet loss and partitions (iptables in the host's
/// namespace) and delay (`tc netem`, where the kernel has it).
///
/// ```
///  this namespace                          namespace <ns>  (confab-host, --bind 0.0.0.0)
///  198.18.0.2 <ns>-a  ======= veth =======  <ns>-b 198.18.0.1   the faulty path
///  198.18.1.2 <ns>-c  ======= veth =======  <ns>-d 198.18.1.1   the clean path
/// ```
/// 198.18.0.0/15 is the range set aside for network tests (RFC 2544); nothing here leaves
/// the machine.
final class Netns implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Netns.class);

    static final String FAULTY_HOST = "198.18.0.1";
    static final String CLEAN_HOST = "198.18.1.1";

    private final String name;

    private Netns(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /// The interface in the host's namespace that faults are applied to.
    String faultyInterface() {
        return name + "-b";
    }

    /// Builds the topology; throws with the command and its error if anything is refused.
    static Netns create(String name) throws IOException {
        Netns ns = new Netns(name);
        try {
            run("ip", "netns", "add", name);
            ns.pair("a", "b", "198.18.0");
            ns.pair("c", "d", "198.18.1");
            ns.inside("ip", "link", "set", "lo", "up");
            return ns;
        } catch (IOException e) {
            ns.close();
            throw e;
        }
    }

    private void pair(String outside, String inside, String net) throws IOException {
        String out = name + "-" + outside;
        String in = name + "-" + inside;
        run("ip", "link", "add", out, "type", "veth", "peer", "name", in);
        run("ip", "link", "set", in, "netns", name);
        run("ip", "addr", "add", net + ".2/30", "dev", out);
        run("ip", "link", "set", out, "up");
        inside("ip", "addr", "add", net + ".1/30", "dev", in);
        inside("ip", "link", "set", in, "up");
    }

    /// Why the topology cannot be built here, or `null` if it can (it is built and removed).
    static String whyUnavailable() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "network namespaces need root; this runs as " + System.getProperty("user.name");
        }
        String probe = "cfprobe" + ProcessHandle.current().pid() % 100_000;
        try (Netns ns = create(probe)) {
            ns.inside("iptables", "-L", "-n");
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    /// Why `tc netem` is refused here, or `null` if it works.
    String whyNoNetem() {
        try {
            inside("tc", "qdisc", "add", "dev", faultyInterface(), "root", "netem", "delay", "1ms");
            inside("tc", "qdisc", "del", "dev", faultyInterface(), "root");
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    /// Drops every packet to and from the faulty path.
    void partition() throws IOException {
        inside("iptables", "-A", "INPUT", "-i", faultyInterface(), "-j", "DROP");
        inside("iptables", "-A", "OUTPUT", "-o", faultyInterface(), "-j", "DROP");
    }

    /// Drops each packet on the faulty path, either way, with probability `p`.
    void loss(double p) throws IOException {
        String probability = String.valueOf(p);
        inside(
                "iptables",
                "-A",
                "INPUT",
                "-i",
                faultyInterface(),
                "-m",
                "statistic",
                "--mode",
                "random",
                "--probability",
                probability,
                "-j",
                "DROP");
        inside(
                "iptables",
                "-A",
                "OUTPUT",
                "-o",
                faultyInterface(),
                "-m",
                "statistic",
                "--mode",
                "random",
                "--probability",
                probability,
                "-j",
                "DROP");
    }

    /// Delays every packet leaving the host on the faulty path.
    void delay(String delay, String jitter) throws IOException {
        inside(
                "tc",
                "qdisc",
                "add",
                "dev",
                faultyInterface(),
                "root",
                "netem",
                "delay",
                delay,
                jitter);
    }

    /// Takes every iptables rule and qdisc off again.
    void heal() throws IOException {
        inside("iptables", "-F");
        try {
            inside("tc", "qdisc", "del", "dev", faultyInterface(), "root");
        } catch (IOException e) {
            // there was none
        }
    }

    /// Packets dropped by the rules so far, from `iptables -L -v -x`.
    long dropped() throws IOException {
        long total = 0;
        for (String line : inside("iptables", "-L", "-n", "-v", "-x").lines().toList()) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length > 2 && fields[2].equals("DROP")) {
                total += Long.parseLong(fields[0]);
            }
        }
        return total;
    }

    /// `ip netns exec <ns>`, to put before a command.
    List<String> prefix() {
        return List.of("ip", "netns", "exec", name);
    }

    String inside(String... command) throws IOException {
        List<String> line = new ArrayList<>(prefix());
        line.addAll(List.of(command));
        return run(line.toArray(String[]::new));
    }

    static String run(String... command) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(String.join(" ", command) + ": " + e.getMessage(), e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": no answer in 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("`" + String.join(" ", command) + "` failed: " + output.strip());
        }
        return output;
    }

    @Override
    public void close() {
        for (String[] command :
                List.of(
                        new String[] {"ip", "link", "del", name + "-a"},
                        new String[] {"ip", "link", "del", name + "-c"},
                        new String[] {"ip", "netns", "del", name})) {
            try {
                run(command);
            } catch (IOException e) {
                log.debug("cleanup: {}", e.getMessage());
            }
        }
    }
}
