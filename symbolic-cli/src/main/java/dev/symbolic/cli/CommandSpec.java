package dev.symbolic.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One command of the tool: its options, its operands and its subcommands, and the code that runs
 * it. A small hand-written parser rather than a library: the tool is run once per trace, and a
 * reflective command-line library costs more start-up time than a retrace of 10,000 frames.
 */
final class CommandSpec {
  /** The code of a leaf command. */
  interface Action {
    int run(Parsed parsed) throws Exception;
  }

  /**
   * An option: {@code --name VALUE} (or {@code --name=VALUE}), a flag, or a flag with an optional
   * value given only as {@code --name=VALUE} (its value label starts with {@code [=}).
   */
  static final class Option {
    final String name;
    final String valueLabel;
    final boolean required;
    final String description;

    Option(String name, String valueLabel, boolean required, String description) {
      this.name = name;
      this.valueLabel = valueLabel;
      this.required = required;
      this.description = description;
    }
  }

  /** What the arguments of a leaf command gave. */
  static final class Parsed {
    private final Map<String, String> options = new LinkedHashMap<>();
    private final Map<String, List<String>> allValues = new LinkedHashMap<>();
    private final Map<String, Integer> optionPositions = new LinkedHashMap<>();
    private final List<String> operands = new ArrayList<>();
    private final List<Integer> operandPositions = new ArrayList<>();

    /** The value of an option, or null. */
    String option(String name) {
      return options.get(name);
    }

    /** Every value an option was given, in order (an option that may repeat). */
    List<String> options(String name) {
      return allValues.getOrDefault(name, List.of());
    }

    boolean flag(String name) {
      return options.containsKey(name);
    }

    /**
     * Where an option last appeared among the arguments, for options where the last one given
     * wins; -1 if it was not given.
     */
    int position(String name) {
      return optionPositions.getOrDefault(name, -1);
    }

    /** Where the operand at {@code index} appeared among the arguments. */
    int operandPosition(int index) {
      return operandPositions.get(index);
    }

    /** The operand at {@code index}, or null. */
    String operand(int index) {
      return index < operands.size() ? operands.get(index) : null;
    }
  }

  final String name;
  final String description;
  final String operandsUsage;
  private final int minOperands;
  private final int maxOperands;
  private final List<String> operandHelp = new ArrayList<>();
  private final List<Option> options = new ArrayList<>();
  private final Map<String, CommandSpec> subcommands = new LinkedHashMap<>();
  private final Action action;
  private CommandSpec parent;

  private CommandSpec(
      String name, String description, String operandsUsage, int minOperands, int maxOperands,
      Action action) {
    this.name = name;
    this.description = description;
    this.operandsUsage = operandsUsage;
    this.minOperands = minOperands;
    this.maxOperands = maxOperands;
    this.action = action;
  }

  /** A command that only groups subcommands. */
  static CommandSpec group(String name, String description) {
    return new CommandSpec(name, description, "COMMAND", 0, 0, null);
  }

  /** A command that runs {@code action} with between {@code min} and {@code max} operands. */
  static CommandSpec leaf(
      String name, String description, String operandsUsage, int min, int max, Action action) {
    return new CommandSpec(name, description, operandsUsage, min, max, action);
  }

  CommandSpec option(String name, String valueLabel, boolean required, String description) {
    options.add(new Option(name, valueLabel, required, description));
    return this;
  }

  CommandSpec operand(String label, String description) {
    operandHelp.add(row(label, description));
    return this;
  }

  CommandSpec subcommand(CommandSpec command) {
    command.parent = this;
    subcommands.put(command.name, command);
    return this;
  }

  String qualifiedName() {
    return parent == null ? name : parent.qualifiedName() + " " + name;
  }

  /**
   * Parses {@code args} from {@code index} for this command and runs the command they select.
   *
   * @param version gives what {@code --version} at the top level prints
   */
  int execute(String[] args, int index, Env env, Supplier<String> version) throws Exception {
    if (action == null) {
      if (index >= args.length) {
        throw usage("missing command");
      }
      String arg = args[index];
      if (arg.equals("-h") || arg.equals("--help")) {
        env.out.print(help());
        return Main.OK;
      }
      if (arg.equals("--version") && parent == null) {
        env.out.print(version.get());
        return Main.OK;
      }
      CommandSpec sub = subcommands.get(arg);
      if (sub == null) {
        throw usage(arg.startsWith("-") ? "unknown option '" + arg + "'"
            : "unknown command '" + arg + "'; commands: " + String.join(", ", subcommands.keySet()));
      }
      return sub.execute(args, index + 1, env, version);
    }
    Parsed parsed = new Parsed();
    boolean operandsOnly = false;
    for (int i = index; i < args.length; i++) {
      String arg = args[i];
      if (!operandsOnly && (arg.equals("-h") || arg.equals("--help"))) {
        env.out.print(help());
        return Main.OK;
      }
      if (!operandsOnly && arg.equals("--")) {
        operandsOnly = true;
      } else if (!operandsOnly && arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        String name = eq < 0 ? arg : arg.substring(0, eq);
        Option option = find(name);
        if (option == null) {
          throw usage("unknown option '" + name + "'");
        }
        String value = "";
        if (option.valueLabel != null && option.valueLabel.startsWith("[=")) {
          value = eq >= 0 ? arg.substring(eq + 1) : "";
        } else if (option.valueLabel != null) {
          if (eq >= 0) {
            value = arg.substring(eq + 1);
          } else if (i + 1 < args.length) {
            value = args[++i];
          } else {
            throw usage("option '" + name + "' needs a value (" + option.valueLabel + ")");
          }
        } else if (eq >= 0) {
          throw usage("option '" + name + "' takes no value");
        }
        parsed.options.put(name, value);
        // Not computeIfAbsent with a lambda: see Commands.tree.
        List<String> values = parsed.allValues.get(name);
        if (values == null) {
          values = new ArrayList<>();
          parsed.allValues.put(name, values);
        }
        values.add(value);
        parsed.optionPositions.put(name, i);
      } else {
        parsed.operands.add(arg);
        parsed.operandPositions.add(i);
      }
    }
    for (Option option : options) {
      if (option.required && !parsed.options.containsKey(option.name)) {
        throw usage("missing option '" + option.name + " " + option.valueLabel + "'");
      }
    }
    if (parsed.operands.size() < minOperands) {
      throw usage("missing " + operandsUsage);
    }
    if (parsed.operands.size() > maxOperands) {
      throw usage("unexpected argument '" + parsed.operands.get(maxOperands) + "'");
    }
    return action.run(parsed);
  }

  private Option find(String name) {
    for (Option option : options) {
      if (option.name.equals(name)) {
        return option;
      }
    }
    return null;
  }

  /** A usage error that names this command's help. */
  CliException usage(String message) {
    return CliException.usage(
        message + "\nTry '" + qualifiedName() + " --help' for more information.");
  }

  /** The help text: usage line, description, commands or options. */
  String help() {
    StringBuilder sb = new StringBuilder("Usage: ").append(qualifiedName());
    if (action == null) {
      sb.append(" [--help] COMMAND\n\n").append(description).append("\n\nCommands:\n");
      for (CommandSpec sub : subcommands.values()) {
        sb.append(row(sub.name, firstSentence(sub.description))).append('\n');
      }
      if (parent == null) {
        sb.append("\nOptions:\n  --help           Show this help and exit.\n"
            + "  --version        Show the version and exit.\n");
      }
      sb.append("\nRun '").append(qualifiedName())
          .append(" COMMAND --help' for the options of a command.\n");
      return sb.toString();
    }
    for (Option option : options) {
      String usage = usage(option);
      sb.append(' ').append(option.required ? usage : "[" + usage + "]");
    }
    if (!operandsUsage.isEmpty()) {
      sb.append(' ').append(operandsUsage);
    }
    sb.append("\n\n").append(description).append('\n');
    if (!operandHelp.isEmpty()) {
      sb.append('\n');
      for (String line : operandHelp) {
        sb.append(line).append('\n');
      }
    }
    sb.append("\nOptions:\n");
    for (Option option : options) {
      sb.append(row(usage(option), option.description)).append('\n');
    }
    sb.append(row("-h, --help", "Show this help and exit.")).append('\n');
    return sb.toString();
  }

  private static String usage(Option option) {
    return option.name + (option.valueLabel == null ? ""
        : option.valueLabel.startsWith("[=") ? option.valueLabel : " " + option.valueLabel);
  }

  /**
   * A help row: the label padded to 16 columns, then the text. Not String.format: its parser
   * costs milliseconds of class loading in a process that may only retrace one frame.
   */
  private static String row(String label, String text) {
    StringBuilder sb = new StringBuilder("  ").append(label);
    while (sb.length() < 18) {
      sb.append(' ');
    }
    return sb.append(' ').append(text).toString();
  }

  private static String firstSentence(String text) {
    int dot = text.indexOf(". ");
    return dot < 0 ? text : text.substring(0, dot + 1);
  }
}
