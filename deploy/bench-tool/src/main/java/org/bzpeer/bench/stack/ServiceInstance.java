package org.bzpeer.bench.stack;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One running service instance of the local stack, as {@code deploy/local/run} lists it under "Services:":
 * {@code graph-2    http://127.0.0.1:8182  pid 6389     log /data/logs/graph-2.log}.
 *
 * @param name instance name: the service ({@code profile}, {@code ingest}, {@code graph}, {@code trust}) for
 *             instance 1, {@code <service>-<k>} for instance k
 * @param port its HTTP port on 127.0.0.1
 * @param pid  its process id
 */
public record ServiceInstance(String name, int port, long pid) {

    private static final Pattern LISTED =
            Pattern.compile("^\\s+([a-z]+(?:-\\d+)?)\\s+http://127\\.0\\.0\\.1:(\\d+)\\s+pid (\\d+)\\s+log \\S.*$");

    /** The instance a line of the run script's output lists, if it lists one. */
    public static Optional<ServiceInstance> parse(String line) {
        Matcher matcher = LISTED.matcher(line);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ServiceInstance(matcher.group(1), Integer.parseInt(matcher.group(2)),
                Long.parseLong(matcher.group(3))));
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
