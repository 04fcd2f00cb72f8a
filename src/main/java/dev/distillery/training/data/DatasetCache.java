package dev.distillery.training.data;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small least-recently-used cache of loaded datasets, so that experiments sharing a dataset read it once.
 * Loading happens outside the lock (two threads may occasionally load the same dataset twice; one copy wins).
 */
public final class DatasetCache {

    /** Loads a dataset on a cache miss. */
    @FunctionalInterface
    public interface Loader {
        ImageData load() throws IOException;
    }

    private final Map<String, ImageData> entries;

    public DatasetCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ImageData> eldest) {
                return size() > capacity;
            }
        };
    }

    public ImageData get(String key, Loader loader) throws IOException {
        synchronized (entries) {
            ImageData cached = entries.get(key);
            if (cached != null) {
                return cached;
            }
        }
        ImageData loaded = loader.load();
        synchronized (entries) {
            entries.putIfAbsent(key, loaded);
            return entries.get(key);
        }
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
