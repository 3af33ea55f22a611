package dev.ampj.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.ops.config.RunsDirOption;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AmpCliTest {


    @Test
    void helpListsTheUserCommands() {
        String[] r = CliRun.run("--help");
        assertEquals("0", r[0]);
        for (String c : new String[] {"train", "resume", "fork", "replay", "runs", "probe", "motion", "bench", "render", "play",
            "export"}) {
            assertTrue(r[1].contains(c), "--help must list " + c + ":\n" + r[1]);
        }
    }

    @Test
    void everyCommandHasHelp() {
        List<String> commands = new ArrayList<>();
        collect(AmpCli.commandLine(), commands);
        assertTrue(commands.size() > 15, commands.toString());
        for (String c : commands) {
            List<String> args = new ArrayList<>(List.of(c.split(" ")));
            args.add("--help");
            String[] r = CliRun.run(args.toArray(String[]::new));
            assertEquals("0", r[0], c + " --help: " + r[2]);
            assertTrue(r[1].startsWith("Usage: amp " + c), c + " --help prints its usage:\n" + r[1]);
        }
    }

    /** Every command's {@code --runs-dir} is the {@link RunsDirOption} mixin's: one name, one help text, one meaning. */
    @Test
    void everyRunsDirIsTheMixinsOption() {
        List<String> commands = new ArrayList<>();
        collect(AmpCli.commandLine(), commands);
        int withRunsDir = 0;
        for (String c : commands) {
            CommandLine cli = AmpCli.commandLine();
            for (String word : c.split(" ")) {
                cli = cli.getSubcommands().get(word);
            }
            CommandLine.Model.OptionSpec option = cli.getCommandSpec().findOption("--runs-dir");
            if (option == null) {
                continue;
            }
            withRunsDir++;
            assertTrue(option.userObject() instanceof Field f && f.getDeclaringClass() == RunsDirOption.class,
                    "amp " + c + " declares --runs-dir itself (" + option.userObject() + "); use the RunsDirOption mixin");
        }
        assertTrue(withRunsDir >= 12, withRunsDir + " commands with --runs-dir");
    }

    /** Every command below {@code cli}, as the words that name it ("motion record"), except picocli's own "help". */
    private static void collect(CommandLine cli, List<String> out) {
        for (CommandLine sub : cli.getSubcommands().values()) {
            if (sub.getCommandName().equals("help") || out.contains(qualified(sub))) {
                continue;
            }
            out.add(qualified(sub));
            collect(sub, out);
        }
    }

    private static String qualified(CommandLine c) {
        return c.getCommandSpec().qualifiedName(" ").substring("amp ".length());
    }

    @Test
    void unknownOptionIsAUsageError() {
        String[] r = CliRun.run("--no-such-flag");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--no-such-flag"), r[2]);
    }
}
