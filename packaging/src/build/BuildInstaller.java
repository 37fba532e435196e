import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolvedModule;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/// Builds Confab's jlinked runtime, app-image and native packages with the JDK's own `jar`,
/// `jdeps`, `jlink` and `jpackage` (through `ToolProvider`, so the tools of the JDK that runs
/// this file are used, never those on `PATH`).
///
/// `mvn -B -Pinstaller -DskipTests package` runs it from packaging/pom.xml on the JDK 25
/// toolchain as a source-file program; it can also be run by hand, see packaging/README.md.
///
/// Steps:
/// 1. modular jars of our modules from their `target/classes` (the Maven jar plugin runs on
///    Maven's own JDK and cannot read Java 25 class files);
/// 2. module analysis: explicit modules are linked into the runtime, automatic ones (and
///    modules that need them) stay on the launcher's module path (jlink refuses them);
/// 3. jlink: only the resolved modules, without Java debug attributes, headers and man
///    pages, with the JDK's default CDS archive; class files stored (`--compress zip-0`
///    by default), because the packages compress them better than jlink does; the native
///    libraries of JavaFX and sqlite-jdbc go into the runtime's library folder instead of
///    being unpacked into the user's home or /tmp at every start;
/// 4. jpackage app-image with two launchers, `confab` (GUI) and `confab-host` (console);
/// 5. a training run of the GUI (`--smoke-test`, headless) writes an AOT cache (JDK 25's
///    successor of AppCDS: classes pre-parsed and pre-linked) that the `confab` launcher
///    maps;
/// 6. the runtime's own commands (`bin/java`, ...), needed only for the training run, go;
/// 7. jpackage packages from the app-image: deb (+ rpm where `rpmbuild` exists) on Linux,
///    msi on Windows, dmg on macOS.
public final class BuildInstaller {

    static final String NAME = "confab";
    static final String HOST_LAUNCHER = "confab-host";
    static final String APP_MODULE = "confab.app";
    static final String APP_MAIN = "confab.app/confab.app.ConfabApp";
    static final String HOST_MODULE = "confab.host";
    static final String HOST_MAIN = "confab.host/confab.host.cli.HostCommand";

    /// SLF4J finds Logback through `ServiceLoader`, and jlink does not bind services: without
    /// this root the installed app would log nothing (SLF4J's NOP fallback).
    static final List<String> EXTRA_ROOTS = List.of("ch.qos.logback.classic");

    static final String VENDOR = "The Confab authors";
    static final String COPYRIGHT = "Copyright (c) 2026 The Confab authors. MIT License.";
    static final String DESCRIPTION = "Peer-hosted, end-to-end encrypted group chat";
    static final String HOST_DESCRIPTION = "Confab headless host";

    /// Stable across versions, so that an msi upgrades the previous install.
    static final String WIN_UPGRADE_UUID = "5b0f3c2e-8a4d-4f7e-9c61-2d0a7e4b9f13";

    /// The .deb's extra dependency: an outline font with emoji, which JavaFX can draw.
    static final String LINUX_DEB_EMOJI_FONT = "fonts-symbola";

    enum Os {
        LINUX,
        WINDOWS,
        MAC;

        static Os current() {
            String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
            if (name.startsWith("windows")) {
                return WINDOWS;
            }
            if (name.startsWith("mac")) {
                return MAC;
            }
            return LINUX;
        }

        /// Where native libraries live in a Java runtime image.
        Path nativeDir(Path runtime) {
            return runtime.resolve(this == WINDOWS ? "bin" : "lib");
        }

        /// The runtime inside an app-image.
        Path imageRuntime(Path image) {
            return switch (this) {
                case LINUX -> image.resolve("lib/runtime");
                case WINDOWS -> image.resolve("runtime");
                case MAC -> image.resolve("Contents/runtime/Contents/Home");
            };
        }

        /// The folder with the launchers' `.cfg` files inside an app-image.
        Path imageAppDir(Path image) {
            return switch (this) {
                case LINUX -> image.resolve("lib/app");
                case WINDOWS -> image.resolve("app");
                case MAC -> image.resolve("Contents/app");
            };
        }

        /// The runtime's native folder as the launcher sees it (`$ROOTDIR` is the app-image).
        String rootRelativeNativeDir() {
            return switch (this) {
                case LINUX -> "$ROOTDIR/lib/runtime/lib";
                case WINDOWS -> "$ROOTDIR\\runtime\\bin";
                case MAC -> "$ROOTDIR/Contents/runtime/Contents/Home/lib";
            };
        }

        String sqliteOsName() {
            return switch (this) {
                case LINUX -> "Linux";
                case WINDOWS -> "Windows";
                case MAC -> "Mac";
            };
        }

        String nativeSuffix() {
            return switch (this) {
                case LINUX -> ".so";
                case WINDOWS -> ".dll";
                case MAC -> ".dylib";
            };
        }
    }

    private final Map<String, List<String>> options;
    private final Os os = Os.current();
    private final String version;
    private final Path work;
    private final Path out;
    private final Path resources;
    private final long started = System.nanoTime();

    private BuildInstaller(Map<String, List<String>> options) {
        this.options = options;
        // jpackage on Windows rejects "-SNAPSHOT" (an msi version is numbers only)
        this.version = one("version").replace("-SNAPSHOT", "");
        this.work = Path.of(one("work")).toAbsolutePath();
        this.out = Path.of(one("out")).toAbsolutePath();
        this.resources = Path.of(one("resources")).toAbsolutePath();
    }

    public static void main(String[] args) throws Exception {
        try {
            new BuildInstaller(parse(args)).build();
        } catch (BuildException e) {
            System.err.println("installer: FAILED: " + e.getMessage());
            System.exit(1);
        }
    }

    /// `--key value` pairs; a key may repeat.
    static Map<String, List<String>> parse(String[] args) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new BuildException("usage: --key value ..., got " + Arrays.toString(args));
            }
            map.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>()).add(args[++i]);
        }
        return map;
    }

    private String one(String key) {
        List<String> values = options.getOrDefault(key, List.of());
        if (values.size() != 1) {
            throw new BuildException("need exactly one --" + key);
        }
        return values.get(0);
    }

    private String opt(String key, String fallback) {
        List<String> values = options.getOrDefault(key, List.of());
        return values.isEmpty() ? fallback : values.get(values.size() - 1);
    }

    private List<String> many(String key) {
        return options.getOrDefault(key, List.of());
    }

    /// The version jpackage is given. macOS wants the first number of CFBundleVersion above
    /// zero, so a 0.x release carries a build number there (0.1.0 becomes 100) and
    /// {@link #patchMacVersion} puts the real version back as CFBundleShortVersionString,
    /// the one Finder shows.
    private String packageVersion() {
        if (os != Os.MAC) {
            return version;
        }
        int[] parts = new int[3];
        String[] given = version.split("\\.");
        for (int i = 0; i < Math.min(3, given.length); i++) {
            parts[i] = Integer.parseInt(given[i].replaceAll("[^0-9].*", ""));
        }
        return parts[0] > 0 ? version : String.valueOf(parts[1] * 100 + parts[2]);
    }

    private void build() throws IOException, InterruptedException {
        log("JDK " + Runtime.version() + " at " + System.getProperty("java.home"));
        deleteTree(work);
        deleteTree(out);
        Files.createDirectories(work);
        Files.createDirectories(out);

        List<Path> ourJars = buildModularJars();
        ModulePlan plan = planModules(ourJars);
        Path runtime = out.resolve("runtime");
        jlink(plan, runtime);
        Path image = appImage(plan, runtime);
        patchMacVersion(image);
        trainAotCache(image);
        stripRuntimeCommands(image);
        resignMacBundle(image);
        for (String type : packageTypes()) {
            nativePackage(type, image);
        }
        log("done: " + out);
        try (Stream<Path> files = Files.list(out)) {
            for (Path p : files.sorted().toList()) {
                log(String.format("  %-40s %s", p.getFileName(), size(p)));
            }
        }
    }

    // ---------------------------------------------------------------- 1. jars

    private List<Path> buildModularJars() throws IOException {
        Path mods = Files.createDirectories(work.resolve("mods"));
        List<Path> jars = new ArrayList<>();
        for (String spec : many("classes")) {
            int eq = spec.indexOf('=');
            String artifact = spec.substring(0, eq);
            Path classes = Path.of(spec.substring(eq + 1)).toAbsolutePath();
            if (!Files.isRegularFile(classes.resolve("module-info.class"))) {
                throw new BuildException(classes + " has no module-info.class: compile first");
            }
            Path jar = mods.resolve(artifact + "-" + version + ".jar");
            tool(
                    "jar",
                    "--create",
                    "--file",
                    jar.toString(),
                    "--module-version",
                    version,
                    "-C",
                    classes.toString(),
                    ".");
            jars.add(jar);
        }
        return jars;
    }

    // ---------------------------------------------------------------- 2. modules

    /// What goes where: `linked` into the runtime image (JDK and explicit modules),
    /// `onPath` next to it on the launchers' module path (automatic modules and whatever
    /// needs them).
    record ModulePlan(
            Set<String> linkRoots,
            List<Path> linkPath,
            List<Path> onPath,
            Path javafxGraphics,
            Path sqliteJdbc) {}

    private ModulePlan planModules(List<Path> ourJars) throws IOException {
        Map<String, ModuleReference> appModules = new HashMap<>();
        for (Path jar : ourJars) {
            add(appModules, jar);
        }
        Path libs = Path.of(one("libs")).toAbsolutePath();
        try (Stream<Path> files = Files.list(libs)) {
            for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                add(appModules, jar);
            }
        }

        List<String> roots = new ArrayList<>(List.of(APP_MODULE, HOST_MODULE));
        roots.addAll(EXTRA_ROOTS);
        ModuleFinder jarFinder =
                ModuleFinder.of(
                        appModules.values().stream()
                                .map(r -> Path.of(r.location().orElseThrow()))
                                .toArray(Path[]::new));
        Configuration cf =
                Configuration.empty()
                        .resolve(
                                ModuleFinder.compose(ModuleFinder.ofSystem(), jarFinder),
                                ModuleFinder.of(),
                                roots);

        Map<String, Boolean> linkable = new HashMap<>();
        Set<String> linkRoots = new TreeSet<>();
        List<Path> linkPath = new ArrayList<>();
        List<Path> onPath = new ArrayList<>();
        Set<String> systemModules =
                ModuleFinder.ofSystem().findAll().stream()
                        .map(r -> r.descriptor().name())
                        .collect(Collectors.toSet());
        for (ResolvedModule m : cf.modules()) {
            String name = m.name();
            if (systemModules.contains(name)) {
                linkRoots.add(name);
            } else if (isLinkable(m, systemModules, linkable)) {
                linkRoots.add(name);
                linkPath.add(Path.of(m.reference().location().orElseThrow()));
            } else {
                onPath.add(Path.of(m.reference().location().orElseThrow()));
                if (m.reference().descriptor().isAutomatic()) {
                    // an automatic module may use any JDK module: ask jdeps which
                    linkRoots.addAll(jdkModulesUsedBy(m));
                }
            }
        }
        log("linked into the runtime: " + String.join(",", linkRoots));
        log("on the module path: " + onPath.stream().map(p -> p.getFileName().toString()).toList());
        return new ModulePlan(
                linkRoots,
                linkPath,
                onPath,
                locationOf(cf, "javafx.graphics"),
                locationOf(cf, "org.xerial.sqlitejdbc"));
    }

    private static Path locationOf(Configuration cf, String module) {
        return cf.findModule(module)
                .flatMap(m -> m.reference().location())
                .map(Path::of)
                .orElse(null);
    }

    private void add(Map<String, ModuleReference> modules, Path jar) {
        Set<ModuleReference> found = ModuleFinder.of(jar).findAll();
        if (found.size() != 1) {
            throw new BuildException("not one module in " + jar);
        }
        ModuleReference ref = found.iterator().next();
        ModuleDescriptor d = ref.descriptor();
        if (d.isAutomatic() && d.packages().isEmpty()) {
            // OpenJFX's classifier-less jars: empty placeholders ("javafx.baseEmpty")
            log("skipping empty " + jar.getFileName());
            return;
        }
        modules.putIfAbsent(d.name(), ref);
    }

    private static boolean isLinkable(
            ResolvedModule m, Set<String> system, Map<String, Boolean> memo) {
        Boolean known = memo.get(m.name());
        if (known != null) {
            return known;
        }
        if (system.contains(m.name())) {
            return true;
        }
        if (m.reference().descriptor().isAutomatic()) {
            memo.put(m.name(), false);
            return false;
        }
        memo.put(m.name(), true); // provisional, breaks cycles
        boolean ok = m.reads().stream().allMatch(r -> isLinkable(r, system, memo));
        memo.put(m.name(), ok);
        return ok;
    }

    private List<String> jdkModulesUsedBy(ResolvedModule m) {
        String jar = Path.of(m.reference().location().orElseThrow()).toString();
        String printed =
                toolOutput(
                        "jdeps",
                        "--print-module-deps",
                        "--ignore-missing-deps",
                        "--multi-release",
                        String.valueOf(Runtime.version().feature()),
                        jar);
        return Arrays.stream(printed.trim().split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    // ---------------------------------------------------------------- 3. jlink

    private void jlink(ModulePlan plan, Path runtime) throws IOException {
        String sqliteNatives = "/org.xerial.sqlitejdbc/org/sqlite/native/";
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--output",
                                runtime.toString(),
                                "--add-modules",
                                String.join(",", plan.linkRoots()),
                                "--strip-java-debug-attributes",
                                "--no-header-files",
                                "--no-man-pages",
                                "--compress",
                                one("compress"),
                                "--generate-cds-archive",
                                // bcprov is a signed jar; we use its lightweight API, not its
                                // JCA provider, so the signature has no use in the image
                                "--ignore-signing-information",
                                // natives are copied into the runtime's library folder below;
                                // the copies inside the modules would only add weight
                                "--exclude-resources",
                                "regex:/javafx\\.[a-z]+/[^/]+\\.(so|dll|dylib|jar)"
                                        + ",regex:"
                                        + sqliteNatives.replace(".", "\\.")
                                        + ".*"));
        if (!plan.linkPath().isEmpty()) {
            args.add("--module-path");
            args.add(
                    plan.linkPath().stream()
                            .map(Path::toString)
                            .collect(Collectors.joining(java.io.File.pathSeparator)));
        }
        tool("jlink", args.toArray(String[]::new));

        // the CDS archive for heaps over 32 GB (no compressed oops): a chat app never needs it
        Files.deleteIfExists(runtime.resolve("lib/server/classes_nocoops.jsa"));
        Files.deleteIfExists(runtime.resolve("bin/server/classes_nocoops.jsa"));

        Path nativeDir = os.nativeDir(runtime);
        if (plan.javafxGraphics() != null) {
            extractNatives(plan.javafxGraphics(), "", nativeDir);
        }
        if (plan.sqliteJdbc() != null) {
            String arch = sqliteArch();
            extractNatives(
                    plan.sqliteJdbc(),
                    "org/sqlite/native/" + os.sqliteOsName() + "/" + arch + "/",
                    nativeDir);
        }
    }

    /// Copies the native libraries directly under `prefix` in a jar into `dir`.
    private void extractNatives(Path jar, String prefix, Path dir) throws IOException {
        int count = 0;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                String name = e.getName();
                if (e.isDirectory()
                        || !name.startsWith(prefix)
                        || name.substring(prefix.length()).contains("/")
                        || !name.endsWith(os.nativeSuffix())) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(e)) {
                    Files.copy(
                            in,
                            dir.resolve(name.substring(prefix.length())),
                            StandardCopyOption.REPLACE_EXISTING);
                }
                count++;
            }
        }
        if (count == 0) {
            throw new BuildException("no native libraries under '" + prefix + "' in " + jar);
        }
        log("copied " + count + " native libraries from " + jar.getFileName() + " to " + dir);
    }

    private static String sqliteArch() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch;
        };
    }

    // ---------------------------------------------------------------- 4. app-image

    /// Each login or join stretches a password with Argon2id (64 MiB), which grows the heap for
    /// a moment; a periodic G1 cycle and low free-heap ratios give that memory back while the
    /// app sits idle (one room open: about 380 MB resident instead of 580 MB, dev run). G1 is
    /// named because on one CPU or a small memory the JVM would pick the serial collector, for
    /// which the periodic cycle does nothing.
    private List<String> guiJavaOptions() {
        return List.of(
                "--enable-native-access=javafx.graphics,org.xerial.sqlitejdbc",
                "-Dorg.sqlite.lib.path=" + os.rootRelativeNativeDir(),
                "-XX:+UseG1GC",
                "-XX:G1PeriodicGCInterval=5000",
                "-XX:MinHeapFreeRatio=5",
                "-XX:MaxHeapFreeRatio=20");
    }

    /// A host that stays on must give back what a busy spell took, by itself (the soak checks
    /// it, docs/RELIABILITY.md: after 200 members, resident memory back within 32 MiB of the
    /// idle baseline; with the JVM's defaults it stays about 50 MiB above). G1 even on one
    /// CPU or under 1792 MB of memory, where the JVM would pick the serial collector, which
    /// never shrinks the heap while idle; a periodic cycle and low free-heap ratios uncommit
    /// the heap; on Linux, a `malloc_trim` every 5 s returns native memory that glibc keeps
    /// after it was freed (mostly the JIT compiler's). The trim is Linux-only: elsewhere the JVM
    /// would print a warning to standard output, whose first line scripts read.
    private List<String> hostJavaOptions() {
        List<String> options =
                new ArrayList<>(
                        List.of(
                                "--enable-native-access=org.xerial.sqlitejdbc",
                                "-Dorg.sqlite.lib.path=" + os.rootRelativeNativeDir(),
                                "-XX:+UseG1GC",
                                "-XX:G1PeriodicGCInterval=5000",
                                "-XX:MinHeapFreeRatio=5",
                                "-XX:MaxHeapFreeRatio=20"));
        if (os == Os.LINUX) {
            options.add("-XX:TrimNativeHeapInterval=5000");
        }
        return options;
    }

    private Path appImage(ModulePlan plan, Path runtime) throws IOException {
        Path props = work.resolve(HOST_LAUNCHER + ".properties");
        List<String> lines = new ArrayList<>();
        lines.add("module=" + HOST_MAIN);
        lines.add("java-options=" + String.join(" ", hostJavaOptions()));
        lines.add("description=" + HOST_DESCRIPTION);
        lines.add("launcher-as-service=false");
        lines.add("linux-shortcut=false");
        lines.add("win-console=true");
        lines.add("win-shortcut=false");
        lines.add("win-menu=false");
        Files.writeString(props, String.join("\n", lines) + "\n");

        Path dest = out;
        List<String> args = new ArrayList<>();
        args.addAll(
                List.of(
                        "--type",
                        "app-image",
                        "--dest",
                        dest.toString(),
                        "--name",
                        NAME,
                        "--app-version",
                        packageVersion(),
                        "--vendor",
                        VENDOR,
                        "--copyright",
                        COPYRIGHT,
                        "--description",
                        DESCRIPTION,
                        "--runtime-image",
                        runtime.toString(),
                        "--module",
                        APP_MAIN,
                        "--add-launcher",
                        HOST_LAUNCHER + "=" + props));
        if (os != Os.LINUX) {
            // Linux launchers carry no icon; there an icon would make jpackage add its own
            // desktop integration (xdg-desktop-menu, see nativePackage): the menu entry and
            // its icon are ours instead (below)
            args.add("--icon");
            args.add(icon().toString());
        }
        for (String option : guiJavaOptions()) {
            args.add("--java-options");
            args.add(option);
        }
        if (!plan.onPath().isEmpty()) {
            Path extra = Files.createDirectories(work.resolve("app-mods"));
            for (Path jar : plan.onPath()) {
                Files.copy(jar, extra.resolve(jar.getFileName()));
            }
            args.add("--module-path");
            args.add(extra.toString());
        }
        if (os == Os.MAC) {
            args.addAll(
                    List.of(
                            "--mac-package-name",
                            "Confab",
                            "--mac-package-identifier",
                            "dev.confab.app",
                            "--mac-app-category",
                            "public.app-category.social-networking"));
        }
        Path resourceDir = resources.resolve(osDir());
        if (Files.isDirectory(resourceDir)) {
            args.add("--resource-dir");
            args.add(resourceDir.toString());
        }
        tool("jpackage", args.toArray(String[]::new));

        Path image;
        try (Stream<Path> entries = Files.list(dest)) {
            image =
                    entries.filter(p -> !p.equals(runtime))
                            .filter(p -> p.getFileName().toString().startsWith(NAME))
                            .filter(Files::isDirectory)
                            .findFirst()
                            .orElseThrow(() -> new BuildException("no app-image in " + dest));
        }
        if (os == Os.LINUX) {
            // the menu entry and its icon; the deb's postinst copies the entry to
            // /usr/share/applications
            Files.copy(
                    resources.resolve("linux/menu-entry.desktop"),
                    image.resolve("lib/" + NAME + ".desktop"),
                    StandardCopyOption.REPLACE_EXISTING);
            Files.copy(
                    icon(),
                    image.resolve("lib/" + NAME + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        return image;
    }

    private void patchMacVersion(Path image) throws IOException {
        if (packageVersion().equals(version)) {
            return;
        }
        Path plist = image.resolve("Contents/Info.plist");
        String text = Files.readString(plist);
        String patched =
                text.replaceFirst(
                        "(<key>CFBundleShortVersionString</key>\\s*<string>)[^<]*(</string>)",
                        "$1" + version + "$2");
        if (patched.equals(text)) {
            throw new BuildException("no CFBundleShortVersionString in " + plist);
        }
        Files.writeString(plist, patched);
        log(
                "macOS: CFBundleVersion "
                        + packageVersion()
                        + ", CFBundleShortVersionString "
                        + version);
    }

    private String osDir() {
        return switch (os) {
            case LINUX -> "linux";
            case WINDOWS -> "windows";
            case MAC -> "macos";
        };
    }

    private Path icon() {
        String file =
                switch (os) {
                    case LINUX -> "linux/app-icon.png";
                    case WINDOWS -> "windows/confab.ico";
                    case MAC -> "macos/confab.icns";
                };
        Path icon = resources.resolve(file);
        if (!Files.isRegularFile(icon)) {
            throw new BuildException("missing icon " + icon);
        }
        return icon;
    }

    // ---------------------------------------------------------------- 5. AOT cache

    /// Runs the GUI once headless with `--smoke-test` and records an AOT cache of the classes
    /// it loaded and linked. If the app does not exit by itself in time, no cache is made and
    /// the launcher falls back to the runtime's default CDS archive.
    private void trainAotCache(Path image) throws IOException, InterruptedException {
        if ("false".equals(opt("aot", "true"))) {
            log("AOT cache: off (--aot false)");
            return;
        }
        Path runtime = os.imageRuntime(image);
        Path java = runtime.resolve(os == Os.WINDOWS ? "bin/java.exe" : "bin/java");
        if (!Files.isExecutable(java)) {
            log("WARNING: no AOT cache: " + java + " is missing from the app-image");
            return;
        }
        Path appDir = os.imageAppDir(image);
        Path cache = appDir.resolve(NAME + ".aot");
        Path home = Files.createDirectories(work.resolve("training-home"));
        Path tmp = Files.createDirectories(work.resolve("training-tmp"));
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        for (String option : guiJavaOptions()) {
            cmd.add(option.replace("$ROOTDIR", image.toString()));
        }
        cmd.addAll(
                List.of(
                        "-XX:AOTCacheOutput=" + cache,
                        "-Djpackage.app-version=" + version,
                        "-Dglass.platform=Headless",
                        "-Dprism.order=sw",
                        // the app's settings and data: a scratch folder, never the build user's
                        "-Duser.home=" + home,
                        "-Dconfab.config.dir=" + home.resolve("config"),
                        "-Dconfab.data.dir=" + home.resolve("data"),
                        "-Djava.io.tmpdir=" + tmp,
                        "-Djavafx.cachedir=" + tmp.resolve("openjfx"),
                        "--module",
                        APP_MAIN,
                        "--smoke-test"));
        log("$ " + String.join(" ", cmd));
        Path logFile = work.resolve("training.log");
        Process p =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(logFile.toFile())
                        .start();
        long timeout = Long.parseLong(opt("aot-timeout", "60"));
        boolean exited = p.waitFor(timeout, TimeUnit.SECONDS);
        if (!exited) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
        }
        // the JVM's intermediate file; left behind when the run was cut short
        Files.deleteIfExists(appDir.resolve(NAME + ".aot.config"));
        if (!exited || p.exitValue() != 0 || !Files.isRegularFile(cache)) {
            Files.deleteIfExists(cache);
            log(
                    "WARNING: no AOT cache: the training run "
                            + (exited ? "exited with " + p.exitValue() : "did not exit in time")
                            + " (does the app support --smoke-test?), see "
                            + logFile);
            return;
        }
        Path cfg = appDir.resolve(NAME + ".cfg");
        String text = Files.readString(cfg);
        String marker = "[JavaOptions]\n";
        if (!text.contains(marker)) {
            throw new BuildException("no [JavaOptions] in " + cfg);
        }
        text =
                text.replace(
                        marker,
                        marker
                                + "java-options=-XX:AOTCache=$APPDIR"
                                + (os == Os.WINDOWS ? "\\" : "/")
                                + cache.getFileName()
                                + "\n");
        Files.writeString(cfg, text);
        log("AOT cache: " + size(cache) + ", mapped by " + cfg.getFileName());
    }

    /// jpackage signs a macOS app-image ad hoc (Apple silicon runs nothing unsigned); the
    /// steps after it changed the bundle, so it is signed again, ad hoc as well.
    private void resignMacBundle(Path image) throws IOException, InterruptedException {
        if (os != Os.MAC) {
            return;
        }
        List<String> cmd =
                List.of("codesign", "--force", "--deep", "--sign", "-", image.toString());
        log("$ " + String.join(" ", cmd));
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new BuildException("codesign failed on " + image);
        }
    }

    /// The launchers need only the runtime's libraries; its `java`, `keytool`, ... commands
    /// were kept until the training run and are dropped now.
    private void stripRuntimeCommands(Path image) throws IOException {
        Path bin = os.imageRuntime(image).resolve("bin");
        if (!Files.isDirectory(bin)) {
            return;
        }
        if (os == Os.WINDOWS) {
            // on Windows bin/ also holds the DLLs: delete only the executables
            try (Stream<Path> files = Files.list(bin)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".exe")).toList()) {
                    Files.delete(f);
                }
            }
        } else {
            deleteTree(bin);
        }
    }

    // ---------------------------------------------------------------- 6. packages

    private List<String> packageTypes() {
        String requested = one("types");
        if ("none".equals(requested)) {
            return List.of(); // runtime and app-image only
        }
        if (!"auto".equals(requested)) {
            return List.of(requested.split(","));
        }
        return switch (os) {
            case LINUX -> {
                List<String> types = new ArrayList<>(List.of("deb"));
                if (onPath("rpmbuild").isPresent()) {
                    types.add("rpm");
                } else {
                    log("no rpmbuild on PATH: skipping the .rpm");
                }
                yield types;
            }
            case WINDOWS -> List.of("msi");
            case MAC -> List.of("dmg");
        };
    }

    private void nativePackage(String type, Path image) throws IOException {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--type",
                                type,
                                "--app-image",
                                image.toString(),
                                "--dest",
                                out.toString(),
                                "--name",
                                NAME,
                                "--app-version",
                                packageVersion(),
                                "--vendor",
                                VENDOR,
                                "--copyright",
                                COPYRIGHT,
                                "--description",
                                DESCRIPTION,
                                "--license-file",
                                Path.of(one("license")).toAbsolutePath().toString(),
                                "--resource-dir",
                                resources.resolve(osDir()).toString()));
        switch (os) {
            case LINUX ->
                    args.addAll(
                            List.of(
                                    "--install-dir",
                                    "/opt",
                                    "--linux-package-name",
                                    NAME,
                                    // no --linux-shortcut (and no launcher icons): jpackage's
                                    // xdg-desktop-menu calls fail where no menu folders exist
                                    // (a server running confab-host), and then the package
                                    // can be neither configured nor removed. The deb's own
                                    // postinst/postrm (src/jpackage/linux) add the entry.
                                    "--linux-app-category",
                                    "net",
                                    "--linux-deb-maintainer",
                                    "confab@users.noreply.invalid",
                                    "--linux-rpm-license-type",
                                    "MIT"));
            case WINDOWS ->
                    args.addAll(
                            List.of(
                                    "--win-menu",
                                    "--win-menu-group",
                                    "Confab",
                                    "--win-shortcut-prompt",
                                    "--win-dir-chooser",
                                    "--win-upgrade-uuid",
                                    WIN_UPGRADE_UUID));
            case MAC -> args.addAll(List.of("--mac-package-name", "Confab"));
        }
        if ("deb".equals(type)) {
            // JavaFX cannot draw colour emoji fonts on Linux (JDK-8290866: colour only on
            // macOS): without an outline emoji font emoji show as boxes. The name is
            // Debian's; an rpm distribution names it differently, so the rpm goes without.
            args.addAll(List.of("--linux-package-deps", LINUX_DEB_EMOJI_FONT));
        }
        tool("jpackage", args.toArray(String[]::new));
        if (!packageVersion().equals(version)) {
            // the file is named after the build number: give it the release's version
            Path built = out.resolve(NAME + "-" + packageVersion() + "." + type);
            if (Files.exists(built)) {
                Files.move(built, out.resolve(NAME + "-" + version + "." + type));
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private void tool(String name, String... args) {
        ToolProvider tool =
                ToolProvider.findFirst(name)
                        .orElseThrow(
                                () ->
                                        new BuildException(
                                                "no "
                                                        + name
                                                        + " in "
                                                        + System.getProperty("java.home")));
        log("$ " + name + " " + String.join(" ", args));
        long t0 = System.nanoTime();
        int rc = tool.run(System.out, System.err, args);
        if (rc != 0) {
            throw new BuildException(name + " exited with " + rc);
        }
        log(String.format("  %s took %.1f s", name, (System.nanoTime() - t0) / 1e9));
    }

    private static String toolOutput(String name, String... args) {
        ToolProvider tool = ToolProvider.findFirst(name).orElseThrow();
        StringWriter text = new StringWriter();
        int rc = tool.run(new PrintWriter(text), new PrintWriter(System.err, true), args);
        if (rc != 0) {
            throw new BuildException(name + " exited with " + rc + ": " + text);
        }
        return text.toString();
    }

    private static Optional<Path> onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private void log(String message) {
        System.out.printf("[installer %5.1fs] %s%n", (System.nanoTime() - started) / 1e9, message);
    }

    private static String size(Path p) throws IOException {
        long bytes;
        if (Files.isDirectory(p)) {
            try (Stream<Path> files = Files.walk(p)) {
                bytes =
                        files.filter(Files::isRegularFile)
                                .mapToLong(
                                        f -> {
                                            try {
                                                return Files.size(f);
                                            } catch (IOException e) {
                                                throw new UncheckedIOException(e);
                                            }
                                        })
                                .sum();
            }
        } else {
            bytes = Files.size(p);
        }
        return String.format("%.1f MB", bytes / 1e6);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(
                root,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                            throws IOException {
                        Files.delete(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e)
                            throws IOException {
                        Files.delete(dir);
                        return FileVisitResult.CONTINUE;
                    }
                });
    }

    static final class BuildException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BuildException(String message) {
            super(message);
        }
    }
}
