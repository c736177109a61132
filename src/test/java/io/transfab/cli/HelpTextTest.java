package io.transfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's --help renders without picocli's format warnings (an unescaped '%' in a description). */
class HelpTextTest {
    @Test
    void everyCommandsHelpRendersWithoutFormatWarnings() {
        // Given every command and subcommand of the CLI
        List<CommandLine> commands = new ArrayList<>();
        collect(new CommandLine(new Main()), commands);
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> usages = new ArrayList<>();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            // When each one's usage is rendered
            for (CommandLine c : commands) {
                usages.add(c.getUsageMessage());
            }
        } finally {
            System.setErr(stderr);
        }
        // Then picocli warned about none of them, and every usage names its command
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("WARN");
        assertThat(commands).hasSizeGreaterThan(20);
        for (int i = 0; i < commands.size(); i++) {
            assertThat(usages.get(i)).contains(commands.get(i).getCommandName());
        }
    }

    private static void collect(CommandLine c, List<CommandLine> into) {
        into.add(c);
        for (CommandLine sub : c.getSubcommands().values()) {
            if (!into.contains(sub)) {
                collect(sub, into);
            }
        }
    }
}
