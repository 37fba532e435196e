package confab.app.connect;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// The addresses of this machine that other machines on the network can reach.
public final class LanAddresses {
    private static final Logger LOG = LoggerFactory.getLogger(LanAddresses.class);

    private LanAddresses() {}

    /// IPv4 addresses first, then global IPv6 ones in brackets; no loopback or link-local
    /// addresses (friends cannot use them).
    public static List<String> ofThisMachine() {
        List<String> v4 = new ArrayList<>();
        List<String> v6 = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address.isLoopbackAddress()
                            || address.isLinkLocalAddress()
                            || address.isAnyLocalAddress()) {
                        continue;
                    }
                    if (address instanceof Inet4Address) {
                        v4.add(address.getHostAddress());
                    } else if (address instanceof Inet6Address) {
                        v6.add("[" + compressed((Inet6Address) address) + "]");
                    }
                }
            }
        } catch (SocketException e) {
            LOG.warn("could not list network interfaces", e);
        }
        List<String> all = new ArrayList<>(v4);
        all.addAll(v6);
        return List.copyOf(all);
    }

    /// The short text form of an IPv6 address (RFC 5952): lower-case hex without leading
    /// zeros, and the longest run of two or more zero groups written as `::`.
    static String compressed(Inet6Address address) {
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /// `[ipv6]:port` with the IPv6 address in its short form; anything else as it is.
    public static String tidy(String address) {
        int close = address.indexOf(']');
        if (!address.startsWith("[") || close < 0) {
            return address;
        }
        try {
            return "["
                    + compressed((Inet6Address) Inet6Address.ofLiteral(address.substring(1, close)))
                    + address.substring(close);
        } catch (IllegalArgumentException | ClassCastException e) {
            return address;
        }
    }

    /// `address` with `port`, as a person types it.
    public static String withPort(String address, int port) {
        return address + ":" + port;
    }
}
