package io.transfab.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where a model came from: the training data (file and SHA-256), its row count, the seed, the
 * base model's data for a transferred model, and the versions of the software that made it.
 */
public record Provenance(String dataSource, String dataSha256, int rows, long seed, String baseDataSha256,
        Map<String, String> versions) {
    public Provenance {
        versions = Map.copyOf(versions);
    }

    /** Provenance of a model trained now, with the running software's versions. */
    public static Provenance of(String dataSource, String dataSha256, int rows, long seed, String baseDataSha256) {
        return new Provenance(dataSource, dataSha256, rows, seed, baseDataSha256, currentVersions());
    }

    /** Versions of transfab, Java and the numeric libraries it was built with. */
    public static Map<String, String> currentVersions() {
        Map<String, String> v = new TreeMap<>();
        Properties p = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream("/io/transfab/versions.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled versions.properties", e);
        }
        for (String name : p.stringPropertyNames()) {
            v.put(name, p.getProperty(name));
        }
        v.put("java", System.getProperty("java.version"));
        return v;
    }
}
