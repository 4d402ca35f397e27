package org.bzpeer.ingest.work.format;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

/** Every {@link WorkFormat} the service accepts, by name. Names are unique. */
@Component
public class WorkFormats {

    private final Map<String, WorkFormat> byName = new TreeMap<>();

    public WorkFormats(List<WorkFormat> formats) {
        for (WorkFormat format : formats) {
            WorkFormat previous = byName.putIfAbsent(format.name(), format);
            if (previous != null) {
                throw new IllegalStateException("two work formats are named '" + format.name() + "': "
                        + previous.getClass().getName() + " and " + format.getClass().getName());
            }
        }
    }

    /** The format named {@code name}, or empty. */
    public Optional<WorkFormat> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    /**
     * The format named {@code name}.
     *
     * @throws UnknownWorkFormatException when no format has that name; its message lists the known ones
     */
    public WorkFormat get(String name) {
        return find(name).orElseThrow(() -> new UnknownWorkFormatException(name, names()));
    }

    /** The names of all formats, sorted. */
    public Collection<String> names() {
        return List.copyOf(byName.keySet());
    }
}
