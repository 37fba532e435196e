package confab.app.reliability;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/// Command lines for child JVMs started from a Surefire JVM: the JDK that runs the tests, and
/// the same modules (or class path) it has.
final class ChildJvm {
    private ChildJvm() {}

    /// The `java` launcher of this JVM.
    static String java() {
        return ProcessHandle.current().info().command().orElseThrow();
    }

    /// `java <jvmOptions> ... confab.host.cli.HostCommand`, on the module path when the tests
    /// run on one.
    static List<String> host(List<String> jvmOptions) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath != null && !modulePath.isBlank()) {
            command.addAll(
                    List.of(
                            "--enable-native-access=org.xerial.sqlitejdbc",
                            "--module-path",
                            modulePath,
                            "--module",
                            "confab.host/confab.host.cli.HostCommand"));
        } else {
            command.addAll(
                    List.of(
                            "--enable-native-access=ALL-UNNAMED",
                            "-cp",
                            System.getProperty("java.class.path"),
                            "confab.host.cli.HostCommand"));
        }
        return command;
    }

    /// `java -cp <everything this JVM has, test classes included> mainClass`.
    static List<String> testMain(Class<?> mainClass) {
        List<String> path = new ArrayList<>();
        try {
            path.add(
                    Path.of(mainClass.getProtectionDomain().getCodeSource().getLocation().toURI())
                            .toString());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            String value = System.getProperty(property);
            if (value != null && !value.isBlank()) {
                path.add(value);
            }
        }
        return List.of(
                java(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                String.join(java.io.File.pathSeparator, path),
                mainClass.getName());
    }

    /// A TCP port free on loopback right now, so that a host can be restarted on the port it had.
    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
