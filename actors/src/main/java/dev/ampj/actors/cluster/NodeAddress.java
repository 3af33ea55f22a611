package dev.ampj.actors.cluster;

/** A member's Artery address as given on the command line: {@code HOST:PORT}. */
public record NodeAddress(String host, int port) {

    public NodeAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("empty host in a HOST:PORT address");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(host + ":" + port + ": port must be 1..65535");
        }
    }

    /** Parses {@code HOST:PORT} (an IPv6 host in brackets), naming {@code what} in the error. */
    public static NodeAddress parse(String text, String what) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException(what + " '" + text + "': expected HOST:PORT, e.g. 127.0.0.1:25520");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new NodeAddress(host, Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + text + "': the port is not a number");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " '" + text + "': " + e.getMessage());
        }
    }

    /** The Pekko address of the member of cluster {@code cluster} here. */
    public String pekkoUri(String cluster) {
        return "pekko://" + cluster + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
