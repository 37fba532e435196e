package confab.app.session;

import java.net.IDN;
import java.net.Inet6Address;
import java.util.Locale;

/// A host and port as a user types them: an IPv4 address, a host name or a bracketed IPv6
/// address, with an optional `:port` (default {@value #DEFAULT_PORT}).
///
/// Validation is syntactic only: nothing is resolved here.
///
/// @param host an IPv4 address, a host name, or an IPv6 address without brackets
/// @param port 1-65535
public record HostAddress(String host, int port) {
    public static final int DEFAULT_PORT = 7331;

    private static final int MAX_HOST_NAME = 253;
    private static final int MAX_LABEL = 63;

    /// Throws `IllegalArgumentException` with a message fit to show the user.
    public HostAddress {
        String problem = hostProblem(host);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535");
        }
    }

    /// Parses `host`, `host:port`, `[v6]` or `[v6]:port`; a bare IPv6 address without a port is
    /// accepted too. Surrounding spaces are ignored.
    ///
    /// @throws IllegalArgumentException with a message fit to show the user
    public static HostAddress parse(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("enter a host name or IP address");
        }
        if (s.contains("/")) {
            throw new IllegalArgumentException(
                    "enter only a host and a port, as in 192.168.1.20:" + DEFAULT_PORT);
        }
        String host;
        String portText = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ']' after the IPv6 address");
            }
            host = s.substring(1, close);
            if (host.isEmpty()) {
                throw new IllegalArgumentException("enter an IPv6 address between '[' and ']'");
            }
            if (!isIpv6(host)) {
                throw new IllegalArgumentException("\"" + host + "\" is not an IPv6 address");
            }
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("expected ':' and a port after ']'");
                }
                portText = rest.substring(1);
            }
        } else {
            int first = s.indexOf(':');
            if (first >= 0 && first != s.lastIndexOf(':')) {
                if (!isIpv6(s)) {
                    throw new IllegalArgumentException(
                            "put an IPv6 address in brackets, as in [::1]:" + DEFAULT_PORT);
                }
                host = s;
            } else if (first >= 0) {
                host = s.substring(0, first);
                portText = s.substring(first + 1);
            } else {
                host = s;
            }
        }
        return new HostAddress(host, portText == null ? DEFAULT_PORT : parsePort(portText));
    }

    /// `host:port`, or `[v6]:port` for an IPv6 address; {@link #parse} reads it back.
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    private static int parsePort(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("enter a port after ':' (1-65535)");
        }
        if (text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("port must be 1-65535");
        }
        return Integer.parseInt(text); // range checked by the constructor
    }

    private static String hostProblem(String host) {
        if (host == null || host.isEmpty()) {
            return "enter a host name or IP address";
        }
        if (host.indexOf(':') >= 0) {
            return isIpv6(host) ? null : "\"" + host + "\" is not an IPv6 address";
        }
        if (host.chars().anyMatch(Character::isWhitespace)) {
            return "a host name cannot contain spaces";
        }
        if (host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
            return isIpv4(host) ? null : "\"" + host + "\" is not a valid IPv4 address";
        }
        return isHostName(host) ? null : "\"" + host + "\" is not a valid host name";
    }

    private static boolean isIpv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv6(String host) {
        // Only literal characters, so that nothing below ever tries a name lookup.
        String address = host.indexOf('%') >= 0 ? host.substring(0, host.indexOf('%')) : host;
        if (address.isEmpty()
                || !address.chars()
                        .allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
            return false;
        }
        try {
            Inet6Address.ofLiteral(address);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isHostName(String host) {
        String ascii;
        try {
            ascii = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String name = ascii.endsWith(".") ? ascii.substring(0, ascii.length() - 1) : ascii;
        if (name.isEmpty() || name.length() > MAX_HOST_NAME) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (label.isEmpty()
                    || label.length() > MAX_LABEL
                    || label.startsWith("-")
                    || label.endsWith("-")
                    || !label.chars()
                            .allMatch(
                                    c ->
                                            (c >= 'a' && c <= 'z')
                                                    || (c >= '0' && c <= '9')
                                                    || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
