package io.transfab.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.transfab.data.AtomicOutput;
import io.transfab.data.CsvReader;
import io.transfab.data.DataException;
import io.transfab.data.Numbers;
import io.transfab.data.Table;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Tables under {@code WORKSPACE/data/}: upload (a {@code text/csv} body or a multipart form's
 * {@code file} field), list, and one table's summary. An upload is read exactly as the CLI reads a
 * CSV file and only stored when it reads cleanly, under a name that does not exist yet (409
 * otherwise); a rejected upload leaves nothing behind.
 */
final class DataRoutes {
    /** Rows shown in a table's preview. */
    static final int PREVIEW_ROWS = 10;
    /** Share of numbers above which the CLI reads a column as numeric (as {@code Schema.infer}). */
    private static final double NUMERIC_SHARE = 0.5;

    private final Services services;

    DataRoutes(Services services) {
        this.services = services;
    }

    /** {@code POST /api/v1/data?name=NAME}: stores the table and answers its summary (201). */
    void upload(Context ctx) throws IOException {
        long limit = services.options().maxUploadBytes();
        byte[] bytes;
        String name = ctx.queryParam("name");
        if (ctx.isMultipart()) {
            if (ctx.req().getContentLengthLong() > limit) {
                Bodies.bytes(ctx, limit); // drains and refuses
            }
            UploadedFile file;
            try {
                file = ctx.uploadedFile("file");
            } catch (RuntimeException e) {
                throw tooLargeOr(e, limit);
            }
            if (file == null) {
                throw Problem.badRequest("the multipart form has no 'file' field; send the CSV as field 'file'");
            }
            if (file.size() > limit) {
                throw Problem.tooLarge(limit);
            }
            try (InputStream in = file.content()) {
                bytes = in.readAllBytes();
            }
            name = name != null ? name : file.filename();
        } else {
            bytes = Bodies.bytes(ctx, limit);
        }
        if (name == null || name.isBlank()) {
            throw Problem.badRequest("name the table with ?name=NAME.csv");
        }
        name = fileName(name);
        Path target = services.workspace().data().resolve(name);
        if (Files.exists(target)) {
            throw Problem.conflict("data/" + name + " exists already; choose another name (uploads never replace a file)");
        }
        Table table = CsvReader.parse(name, bytes);
        requireNumbersInNumericColumns(table);
        store(target, bytes);
        Bodies.json(ctx, 201, summary(name, table, bytes));
    }

    /** A multipart parse that failed on the size limit is a 413; anything else propagates. */
    private static RuntimeException tooLargeOr(RuntimeException e, long limit) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("size") || m.contains("too large") || m.contains("exceed")) {
                return Problem.tooLarge(limit);
            }
        }
        return e;
    }

    /** {@code name} as a file name of data/: one safe path segment, with .csv appended when it has no extension. */
    static String fileName(String name) {
        String n = name.strip();
        String base = n.contains("/") || n.contains("\\") ? n.substring(Math.max(n.lastIndexOf('/'),
                n.lastIndexOf('\\')) + 1) : n;
        Workspace.requireName(base, "table name");
        return base.contains(".") ? base : base + ".csv";
    }

    /**
     * A column the CLI would read as numeric (more than half numbers) with a cell that is not a number
     * and not empty is refused at that cell, as training on it would be.
     */
    static void requireNumbersInNumericColumns(Table table) {
        for (int c = 0; c < table.columnCount(); c++) {
            int numeric = 0;
            for (int r = 0; r < table.rowCount(); r++) {
                numeric += Numbers.isNumeric(table.cell(r, c), table.decimalComma()) ? 1 : 0;
            }
            if (numeric <= NUMERIC_SHARE * table.rowCount() || numeric == table.rowCount()) {
                continue;
            }
            for (int r = 0; r < table.rowCount(); r++) {
                String cell = table.cell(r, c);
                if (!cell.isBlank() && !Numbers.isNumeric(cell, table.decimalComma())) {
                    throw DataException.at(table.source(), table.line(r), table.names().get(c),
                            Numbers.whyNotFinite(cell, table.decimalComma()) + " in a numeric column (" + numeric
                            + " of " + table.rowCount() + " cells are numbers); enter a number, leave the cell "
                            + "empty, or remove the row");
                }
            }
        }
    }

    /**
     * Writes the bytes to {@code target} without ever replacing a file: a flushed temporary file in the
     * same folder, hard-linked to the name (which fails if the name appeared meanwhile), then removed.
     */
    private static void store(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling(".upload-" + UUID.randomUUID() + ".tmp");
        try {
            AtomicOutput.writeBytes(tmp, bytes);
            Files.createLink(target, tmp);
        } catch (FileAlreadyExistsException e) {
            throw Problem.conflict("data/" + target.getFileName() + " exists already; choose another name");
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** {@code GET /api/v1/data}: the tables with their size in bytes. */
    void list(Context ctx) throws IOException {
        ArrayNode tables = Bodies.JSON.createArrayNode();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(services.workspace().data())) {
            for (Path p : s) {
                if (Workspace.isName(p.getFileName().toString()) && Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        }
        files.sort(null);
        for (Path p : files) {
            ObjectNode t = tables.addObject();
            t.put("name", p.getFileName().toString());
            t.put("path", "data/" + p.getFileName());
            t.put("bytes", Files.size(p));
        }
        ObjectNode body = Bodies.JSON.createObjectNode();
        body.set("tables", tables);
        Bodies.json(ctx, body);
    }

    /** {@code GET /api/v1/data/{name}}: the summary an upload answers. */
    void detail(Context ctx) throws IOException {
        String name = Workspace.requireName(ctx.pathParam("name"), "table name");
        Path file = services.workspace().data().resolve(name);
        if (!Files.isRegularFile(file)) {
            throw Problem.notFound("no table '" + name + "' in data/ of the workspace");
        }
        byte[] bytes = Files.readAllBytes(file);
        Bodies.json(ctx, summary(name, CsvReader.parse(name, bytes), bytes));
    }

    /** Name, path, delimiter, decimal comma, per column name, unit and kind, row count and the first rows. */
    private static ObjectNode summary(String name, Table table, byte[] bytes) {
        ObjectNode s = Bodies.JSON.createObjectNode();
        s.put("name", name);
        s.put("path", "data/" + name);
        s.put("delimiter", String.valueOf(CsvReader.detectDelimiter(headerLine(bytes))));
        s.put("decimalComma", table.decimalComma());
        s.put("rows", table.rowCount());
        s.put("sha256", table.sha256());
        ArrayNode columns = s.putArray("columns");
        for (int c = 0; c < table.columnCount(); c++) {
            ObjectNode col = columns.addObject();
            col.put("name", table.names().get(c));
            col.put("unit", table.units().get(c));
            int numeric = 0;
            int empty = 0;
            for (int r = 0; r < table.rowCount(); r++) {
                numeric += Numbers.isNumeric(table.cell(r, c), table.decimalComma()) ? 1 : 0;
                empty += table.cell(r, c).isBlank() ? 1 : 0;
            }
            col.put("kind", numeric > NUMERIC_SHARE * table.rowCount() ? "numeric" : "categorical");
            col.put("empty", empty);
        }
        ArrayNode preview = s.putArray("preview");
        for (int r = 0; r < Math.min(PREVIEW_ROWS, table.rowCount()); r++) {
            ArrayNode row = preview.addArray();
            table.row(r).forEach(row::add);
        }
        return s;
    }

    /** The header line of an upload that parsed (UTF-16 with its byte-order mark, else UTF-8). */
    private static String headerLine(byte[] bytes) {
        boolean utf16 = bytes.length >= 2 && ((bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff
                || (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe);
        String text = new String(bytes, utf16 ? StandardCharsets.UTF_16 : StandardCharsets.UTF_8);
        int end = text.length();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n' || text.charAt(i) == '\r') {
                end = i;
                break;
            }
        }
        return text.substring(0, end);
    }
}
