package io.transfab.sweep;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the tasks of one sweep share, in a form another JVM can rebuild the worker from:
 * the worker factory's class name, a JSON description (tables as encoded matrices, options, seed)
 * and files (e.g. the pre-trained model's directory). Sent once per executor (a Spark broadcast);
 * identified by the SHA-256 of its content.
 */
public final class SweepJob implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String factory;
    private final String spec;
    private final TreeMap<String, byte[]> files;
    private final String sha256;

    private SweepJob(String factory, String spec, TreeMap<String, byte[]> files) {
        this.factory = factory;
        this.spec = spec;
        this.files = files;
        this.sha256 = digest(factory, spec, files);
    }

    /**
     * @param factory the class of the {@link SweepWorker.Factory} that rebuilds the worker
     * @param files   relative path -> content (copied)
     */
    public static SweepJob of(Class<? extends SweepWorker.Factory> factory, String spec, Map<String, byte[]> files) {
        TreeMap<String, byte[]> copy = new TreeMap<>();
        files.forEach((name, bytes) -> copy.put(name, bytes.clone()));
        return new SweepJob(factory.getName(), spec, copy);
    }

    public String spec() {
        return spec;
    }

    /** The files' names in sorted order. */
    public Iterable<String> fileNames() {
        return java.util.List.copyOf(files.keySet());
    }

    /** A copy of one file's content. */
    public byte[] file(String name) {
        byte[] b = files.get(name);
        if (b == null) {
            throw new IllegalArgumentException("the sweep job has no file " + name);
        }
        return b.clone();
    }

    /** SHA-256 of the factory name, the description and the files, in hex. */
    public String sha256() {
        return sha256;
    }

    /** Bytes of the description and the files (what a broadcast sends). */
    public long size() {
        long n = spec.length();
        for (byte[] b : files.values()) {
            n += b.length;
        }
        return n;
    }

    /** The worker, rebuilt by the job's factory (in whichever JVM this runs). */
    public SweepWorker open() {
        try {
            Class<?> type = Class.forName(factory, true, Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : SweepJob.class.getClassLoader());
            return ((SweepWorker.Factory) type.getConstructor().newInstance()).open(this);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot rebuild the sweep's worker " + factory, e);
        }
    }

    private static String digest(String factory, String spec, TreeMap<String, byte[]> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(factory.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(spec.getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                md.update((byte) 0);
                md.update(f.getKey().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(f.getValue());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
