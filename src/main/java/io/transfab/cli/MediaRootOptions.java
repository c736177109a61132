package io.transfab.cli;

import io.transfab.data.Table;
import io.transfab.workflow.TableSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --media-root}: where the image and series files a table names may lie. By default they
 * must stay inside the table's own folder (paths resolve against it; {@code ../} and symbolic
 * links out of it are refused); this option widens that to one folder above, e.g. a project
 * folder with {@code tables/} and {@code images/} side by side.
 */
final class MediaRootOptions {
    @Option(names = "--media-root", paramLabel = "DIR", description = "Folder that image and series files named in "
            + "the table may lie under (default: the table's own folder; paths stay relative to the table).")
    Path mediaRoot;

    /** The table with its media files allowed under --media-root, or unchanged without the option. */
    Table apply(Table table) {
        return TableSettings.withMediaRoot(table, mediaRoot);
    }
}
