package org.example.intake.web;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which addresses the plugin may talk to: https anywhere, plain http only on this machine (loopback: {@code localhost}
 * and its subdomains, {@code 127.0.0.0/8}, {@code [::1]}), decided from the address as written, without a DNS lookup
 * (a name that resolves to loopback elsewhere is not trusted to). Tokens, client secrets and patient data cross
 * these connections, so a plain-http address outside loopback is a setting mistake the plugin refuses to start with.
 */
final class SecureAddresses {

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");

    private SecureAddresses() {
    }

    /** Whether the plugin may use this address: none, https, or http to loopback. */
    static boolean allowed(URI address) {
        if (address == null) {
            return true;
        }
        String scheme = address.getScheme() == null ? "" : address.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("https") || (scheme.equals("http") && isLoopback(address));
    }

    /** Whether the address names this machine (as written: {@code localhost}, {@code 127.x.y.z} or {@code [::1]}). */
    static boolean isLoopback(URI address) {
        String host = address.getHost();
        if (host == null) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.endsWith(".localhost") || IPV4_LOOPBACK.matcher(host).matches()
                || host.equals("[::1]") || host.equals("::1") || host.equals("[0:0:0:0:0:0:0:1]");
    }
}
