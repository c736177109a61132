package io.transfab.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transfab.model.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Ways a saved model directory gets damaged or changed after saving, and what loading must then say. */
public enum Tamper {
    /** The file loses its second half (an interrupted copy). */
    TRUNCATE {
        @Override
        public void apply(Path dir, String file, Path partner) throws IOException {
            Path f = dir.resolve(file);
            byte[] b = Files.readAllBytes(f);
            Files.write(f, Arrays.copyOf(b, b.length / 2));
        }
    },
    /** One digit changes (JSON stays valid: a silently different parameter) or, without digits, one byte. */
    EDIT_ONE_BYTE {
        @Override
        public void apply(Path dir, String file, Path partner) throws IOException {
            Path f = dir.resolve(file);
            byte[] b = Files.readAllBytes(f);
            int at = b.length / 2;
            for (int i = b.length - 1; i >= 0; i--) {
                if (b[i] >= '0' && b[i] <= '9') {
                    at = i;
                    break;
                }
            }
            b[at] = b[at] >= '0' && b[at] <= '9' ? (byte) ('0' + (b[at] - '0' + 1) % 10) : (byte) (b[at] ^ 1);
            Files.write(f, b);
        }
    },
    /** The file is gone. */
    DELETE("is missing (damaged or incomplete)") {
        @Override
        public void apply(Path dir, String file, Path partner) throws IOException {
            Files.delete(dir.resolve(file));
        }
    },
    /** The file and {@code partner} (of another model, or another file of this one) change places. */
    SWAP {
        @Override
        public void apply(Path dir, String file, Path partner) throws IOException {
            Path f = dir.resolve(file);
            byte[] mine = Files.readAllBytes(f);
            Files.write(f, Files.readAllBytes(partner));
            Files.write(partner, mine);
        }
    },
    /** model.json's checksum of the file is edited (its first hex digit changes). */
    EDIT_CHECKSUM_ENTRY {
        @Override
        public void apply(Path dir, String file, Path partner) throws IOException {
            Path manifest = dir.resolve("model.json");
            ObjectNode root = (ObjectNode) Json.read(manifest);
            ObjectNode sums = (ObjectNode) root.get("checksums");
            String sum = sums.get(file).asText();
            sums.put(file, (sum.charAt(0) == '0' ? "1" : "0") + sum.substring(1));
            Json.write(manifest, root);
        }
    };

    private final String problem;

    Tamper() {
        this("does not match its checksum (damaged or changed)");
    }

    Tamper(String problem) {
        this.problem = problem;
    }

    /** Damages {@code dir/file}; {@code partner} is the file {@link #SWAP} exchanges it with (unused by the others). */
    public abstract void apply(Path dir, String file, Path partner) throws IOException;

    /** What loading the damaged model must say about {@code file}. */
    public String message(String file) {
        return "model file " + file + " " + problem;
    }
}
