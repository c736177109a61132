package io.transfab.server;

import io.transfab.model.ModelJson;
import io.transfab.model.TrainedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The models of {@code WORKSPACE/models/}, each loaded once and kept (at most {@code capacity},
 * least recently used dropped first). A model whose model.json changed since it was loaded (a
 * newer version copied over it) is loaded again. Loaded models only predict, which reads their
 * parameters and never writes them, so one instance serves every request thread.
 */
final class ModelCache {
    /** A loaded model and the model.json it came from (modification time and size). */
    record Entry(String name, TrainedModel model, long modified, long size) {
    }

    private final Path dir;
    private final LinkedHashMap<String, Entry> entries;

    ModelCache(Path dir, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1; got " + capacity);
        }
        this.dir = dir;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Model {@code name}, loaded when not cached or when its model.json changed; 404 when there is no
     * such model. A damaged model is the loader's {@link io.transfab.data.DataException}.
     */
    Entry get(String name) {
        Path modelDir = Workspace.existingDir(dir, name, "model");
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(modelDir.resolve(ModelJson.FILE), BasicFileAttributes.class);
        } catch (IOException e) {
            throw Problem.notFound("no model '" + name + "' in models/ of the workspace (its directory has no "
                    + ModelJson.FILE + ")");
        }
        long modified = attrs.lastModifiedTime().toMillis();
        synchronized (entries) {
            Entry e = entries.get(name);
            if (e != null && e.modified() == modified && e.size() == attrs.size()) {
                return e;
            }
            Entry loaded = new Entry(name, TrainedModel.load(modelDir), modified, attrs.size());
            entries.put(name, loaded);
            return loaded;
        }
    }

    /** How many models are loaded now. */
    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
