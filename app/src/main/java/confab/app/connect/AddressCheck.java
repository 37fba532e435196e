package confab.app.connect;

import confab.app.session.HostAddress;
import java.net.IDN;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.regex.Pattern;

/// Checks a typed host address (`host`, `host:port`, `[ipv6]:port`) without any network
/// lookup, so that a typo is explained before anything is sent anywhere.
public final class AddressCheck {

    /// What is wrong with a typed address.
    public enum Problem {
        EMPTY,
        BAD_PORT,
        BAD_HOST
    }

    private static final Pattern LABEL =
            Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");

    private AddressCheck() {}

    /// The problem with `text`, or `null` when it is a well-formed address.
    public static Problem problem(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return Problem.EMPTY;
        }
        String host = t;
        String port = null;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                return Problem.BAD_HOST;
            }
            host = t.substring(1, close);
            String rest = t.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return Problem.BAD_HOST;
                }
                port = rest.substring(1);
            }
            if (!isIpv6(host)) {
                return Problem.BAD_HOST;
            }
        } else {
            int colon = t.indexOf(':');
            if (colon >= 0) {
                if (t.indexOf(':', colon + 1) >= 0) {
                    // several colons: a bare IPv6 address, which has no room for a port
                    return isIpv6(t) ? null : Problem.BAD_HOST;
                }
                host = t.substring(0, colon);
                port = t.substring(colon + 1);
            }
            if (!isHost(host)) {
                return Problem.BAD_HOST;
            }
        }
        if (port != null && !isPort(port)) {
            return Problem.BAD_PORT;
        }
        return null;
    }

    /// `text` as an address, or `null` when [#problem(String)] finds something wrong with it
    /// or the session refuses it.
    public static HostAddress parse(String text) {
        if (problem(text) != null) {
            return null;
        }
        try {
            return HostAddress.parse(text.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /// Whether `text` is a port number from 1 to 65535.
    public static boolean isPort(String text) {
        String t = text.strip();
        if (t.isEmpty() || t.length() > 5 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        int port = Integer.parseInt(t);
        return port >= 1 && port <= 65535;
    }

    private static boolean isHost(String host) {
        if (host.isEmpty()) {
            return false;
        }
        if (DIGITS_AND_DOTS.matcher(host).matches()) {
            // Inet4Address also takes "10" or "10.1"; a person typing an IP means four parts
            if (host.split("\\.", -1).length != 4) {
                return false;
            }
            try {
                Inet4Address.ofLiteral(host);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        String ascii;
        try {
            ascii = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (ascii.endsWith(".")) {
            ascii = ascii.substring(0, ascii.length() - 1);
        }
        if (ascii.isEmpty() || ascii.length() > 253) {
            return false;
        }
        for (String label : ascii.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv6(String text) {
        try {
            Inet6Address.ofLiteral(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
