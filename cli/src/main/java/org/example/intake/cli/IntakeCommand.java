package org.example.intake.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.io.BufferedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.example.intake.fhir.extract.ResponseExtraction;
import org.hl7.fhir.instance.model.api.IBaseResource;

import org.example.intake.core.triage.TriageEngine;
import org.example.intake.fhir.IntakeReader;
import org.example.intake.fhir.IntakeReading;
import org.example.intake.fhir.StreamingAnswerReader;

import ca.uhn.fhir.context.FhirContext;

/**
 * The {@code intake} command line (the README's "Command line"): {@code triage FILE...},
 * {@code validate FILE} and {@code extract FILE}, each with {@code --max-record-bytes N}, and
 * {@code audit-verify --jdbc-url URL} ({@link AuditVerifyCommand}). Exit status 0 when every
 * response was valid, 1 when one was refused (a response over the size limit too), 2 for bad usage or a file that
 * cannot be read.
 *
 * <p>Prints verdicts and OperationOutcomes on standard output and only file names and usage
 * on standard error: never patient data.
 */
public final class IntakeCommand {

    static final int OK = 0;
    static final int REFUSED = 1;
    static final int USAGE_OR_IO = 2;

    /** The option that sets the size limit of one record. */
    static final String MAX_RECORD_BYTES = "--max-record-bytes";

    static final String USAGE = """
            Usage: intake <command> [--max-record-bytes N] [FILE...]

            Commands:
              triage FILE...   Triage each QuestionnaireResponse and print one JSON line per response:
                               {"source":"<file>#<n>","id":...,"level":...,"rules":[...],"ruleSet":...,"advice":[...]}
                               or {"source":"<file>#<n>","error":<OperationOutcome>} for one that is refused.
              validate FILE    Print the OperationOutcome of checking the one QuestionnaireResponse in FILE.
              extract FILE     Print the FHIR transaction Bundle that would go to the EHR for the one
                               QuestionnaireResponse in FILE (or its OperationOutcome when it is refused).
              ehr              Run the EHR sandbox, a HAPI FHIR JPA server, at http://localhost:8090/fhir
                               (EHR_PORT to change it) in the foreground (the ./intake launcher runs it).
              audit-verify --jdbc-url URL [--user U]
                               Check the web app's audit trail (its hash chain) in the database at URL, e.g.
                               jdbc:postgresql://HOST:5432/DB?currentSchema=S; the password, if any, from
                               INTAKE_DB_PASSWORD. Prints OK or the first broken link; exit 0 OK, 1 broken.

            Options (triage, validate, extract):
              --max-record-bytes N
                               Refuse a response over N bytes of UTF-8 (1 to 2147483647; default 1048576,
                               1 MiB) without reading it into memory: its OperationOutcome has the problem
                               code too-large, and triage goes on with the next response.

            FILE is a JSON file holding one QuestionnaireResponse, an NDJSON file with one per line,
            or - for standard input.

            Exit status: 0 all valid, 1 some response refused, 2 bad usage or a file that cannot be read.
            """;

    private final Supplier<Services> services;
    private final int workers;

    /** The command with the real {@link IntakeReader}; the FHIR machinery is built on first use. */
    public IntakeCommand() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** The command with the real reader and this many worker threads for {@code triage}. */
    IntakeCommand(int workers) {
        this(IntakeCommand::services, workers);
    }

    /**
     * The streaming reader, ready at once (it needs no HAPI), and the {@link IntakeReader} for the rest, made when a
     * record first needs it: HAPI's model and the Questionnaires' parse cost about half a CPU-second, which a run of
     * plain responses and common refusals (the streaming reader words those itself) then never pays; the worker that
     * meets the first record the streaming reader leaves makes it while the other workers go on with theirs (measured
     * against starting it on a thread of its own at launch: 10% less wall time on the load run's mixed file, refusals
     * included, when the streaming reader did not word them yet).
     */
    private static Services services() {
        StreamingAnswerReader streaming = new StreamingAnswerReader();
        OnFirstUse<IntakeReader> reader = OnFirstUse.of(IntakeReader::new);
        return new Services(json -> reader.get().read(json), streaming::check,
                ascii -> streaming.check(ascii, 0, ascii.length), FhirContext::forR4Cached);
    }

    /** For tests: another way to read responses, and a chosen number of workers. */
    IntakeCommand(Supplier<Services> services, int workers) {
        this.services = services;
        this.workers = workers;
    }

    public static void main(String[] args) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        PrintStream out = new PrintStream(
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), false,
                StandardCharsets.UTF_8);
        int status = new IntakeCommand().run(args, System.in, out, System.err);
        out.flush();
        System.exit(status);
    }

    /**
     * Runs one command as {@code intake args...} would.
     *
     * @return the exit status: 0, 1 or 2
     */
    public int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE);
            return USAGE_OR_IO;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (isHelp(args[0]) || asksHelp(rest)) {
            out.print(USAGE);
            out.flush();
            return OK;
        }
        return switch (args[0]) {
            case "triage" -> triage(Arguments.parse(rest, err), in, out, err);
            case "validate" -> validate(Arguments.parse(rest, err), in, out, err);
            case "extract" -> extract(Arguments.parse(rest, err), in, out, err);
            case "ehr" -> usageError(err, "ehr runs the EHR sandbox's own jar: start it with ./intake ehr");
            case "audit-verify" -> AuditVerifyCommand.run(rest, System.getenv(), out, err);
            default -> usageError(err, "unknown command: " + args[0]);
        };
    }

    private int triage(Arguments arguments, InputStream in, PrintStream out, PrintStream err) {
        if (arguments == null) {
            return USAGE_OR_IO;
        }
        if (arguments.files().isEmpty()) {
            return usageError(err, "triage needs at least one FILE (or - for standard input)");
        }
        Services fhir = services.get();
        RecordTriage triage = new RecordTriage(fhir.reader(), fhir.plain(), fhir.plainUtf8(), new TriageEngine(),
                fhir.context());
        int status = new TriagePipeline(triage, workers, arguments.maxRecordBytes()).run(arguments.files(), in, out, err);
        out.flush();
        return status;
    }

    private int validate(Arguments arguments, InputStream in, PrintStream out, PrintStream err) {
        IntakeReading reading = readOne("validate", arguments, in, err);
        if (reading == null) {
            return USAGE_OR_IO;
        }
        printPretty(reading.outcome(), out);
        return Outcomes.hasErrors(reading.outcome()) ? REFUSED : OK;
    }

    private int extract(Arguments arguments, InputStream in, PrintStream out, PrintStream err) {
        IntakeReading reading = readOne("extract", arguments, in, err);
        if (reading == null) {
            return USAGE_OR_IO;
        }
        ResponseExtraction.Result result = new ResponseExtraction(services.get().context().get()).extract(reading);
        if (result instanceof ResponseExtraction.Extracted extracted) {
            printPretty(extracted.bundle(), out);
            return OK;
        }
        printPretty(((ResponseExtraction.Refused) result).outcome(), out);
        return REFUSED;
    }

    /**
     * Reads the one response a command takes; null (after a message) for bad usage or an
     * unreadable file. A response over the size limit is refused unread ({@code too-large}).
     */
    private IntakeReading readOne(String command, Arguments arguments, InputStream in, PrintStream err) {
        if (arguments == null) {
            return null;
        }
        if (arguments.files().size() != 1) {
            usageError(err, command + " takes exactly one FILE (or - for standard input)");
            return null;
        }
        String file = arguments.files().get(0);
        String json;
        try (Reader reader = InputFiles.open(file, in)) {
            json = readAtMost(reader, arguments.maxRecordBytes());
        } catch (IOException e) {
            err.println("intake: cannot read " + file + ": " + InputFiles.reason(e));
            return null;
        }
        if (json == null) {
            return new IntakeReading.Rejected(Outcomes.tooLarge(arguments.maxRecordBytes()));
        }
        try {
            return services.get().reader().apply(json);
        } catch (RuntimeException | StackOverflowError e) {
            return new IntakeReading.Rejected(Outcomes.processingFailed(e));
        }
    }

    private void printPretty(IBaseResource resource, PrintStream out) {
        out.println(services.get().context().get().newJsonParser().setPrettyPrint(true).encodeResourceToString(resource));
        out.flush();
    }

    /**
     * What follows the command: the FILE arguments and the options, which may come before,
     * between or after them, up to a {@code --}.
     *
     * @param files          the FILE arguments in order, maybe empty, never null
     * @param maxRecordBytes the most bytes of UTF-8 one response may have, at least 1
     */
    record Arguments(List<String> files, int maxRecordBytes) {

        /** The arguments, or null (after a message and the usage on {@code err}) when they are bad. */
        static Arguments parse(List<String> args, PrintStream err) {
            List<String> files = new ArrayList<>(args.size());
            int maxRecordBytes = RecordSplitter.DEFAULT_MAX_RECORD_BYTES;
            boolean options = true;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (options && arg.equals("--")) {
                    options = false;
                } else if (options && (arg.equals(MAX_RECORD_BYTES) || arg.startsWith(MAX_RECORD_BYTES + "="))) {
                    String value;
                    if (arg.equals(MAX_RECORD_BYTES)) {
                        if (++i == args.size()) {
                            usageError(err, MAX_RECORD_BYTES + " needs a number of bytes");
                            return null;
                        }
                        value = args.get(i);
                    } else {
                        value = arg.substring(MAX_RECORD_BYTES.length() + 1);
                    }
                    maxRecordBytes = byteCount(value);
                    if (maxRecordBytes < 1) {
                        usageError(err, MAX_RECORD_BYTES + " takes a whole number of bytes from 1 to "
                                + Integer.MAX_VALUE + ", not '" + value + "'");
                        return null;
                    }
                } else if (options && arg.startsWith("-") && !arg.equals(InputFiles.STDIN)) {
                    usageError(err, "unknown option: " + arg);
                    return null;
                } else {
                    files.add(arg);
                }
            }
            return new Arguments(List.copyOf(files), maxRecordBytes);
        }

        /** The value as a positive int, or 0 when it is not one (not digits, 0, or too big). */
        private static int byteCount(String value) {
            if (value.isEmpty() || value.length() > 10 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return 0;
            }
            long count = Long.parseLong(value);
            return count > Integer.MAX_VALUE ? 0 : (int) count;
        }
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
    }

    /** Whether an option before any {@code --} asks for help. */
    private static boolean asksHelp(List<String> args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    private static int usageError(PrintStream err, String message) {
        err.println("intake: " + message);
        err.print(USAGE);
        return USAGE_OR_IO;
    }

    /**
     * The whole text (without a leading byte order mark), or null when it is over
     * {@code maxBytes} bytes of UTF-8; then it stops reading, having held at most about
     * {@code maxBytes} characters.
     */
    static String readAtMost(Reader reader, int maxBytes) throws IOException {
        StringBuilder text = new StringBuilder(8192);
        char[] buffer = new char[8192];
        boolean first = true;
        for (int n; (n = reader.read(buffer)) >= 0; ) {
            int from = first && n > 0 && buffer[0] == '\uFEFF' ? 1 : 0;
            first = first && n == 0;
            text.append(buffer, from, n - from);
            if (text.length() > maxBytes) {
                return null;
            }
        }
        return RecordSplitter.utf8Length(text) > maxBytes ? null : text.toString();
    }

    /**
     * What reading responses needs: one shared reader (thread-safe) and one FHIR context.
     *
     * @param reader  reads one response's JSON text; must not throw on bad input
     * @param plain   triage's streaming reader: the id and answers of a plain response that {@code reader}
     *                accepts with the same answers, the outcome {@code reader} gives a commonly refused one, or
     *                null to leave the response to {@code reader}
     * @param plainUtf8 the same for a response given as UTF-8 bytes
     * @param context the shared FHIR R4 context, to print OperationOutcomes (made on first use)
     */
    record Services(Function<String, IntakeReading> reader, Function<String, StreamingAnswerReader.Reading> plain,
            Function<byte[], StreamingAnswerReader.Reading> plainUtf8, Supplier<FhirContext> context) {

        /** Every response read by {@code reader} (for tests with a stand-in reader). */
        Services(Function<String, IntakeReading> reader, FhirContext context) {
            this(reader, json -> null, utf8 -> null, () -> context);
        }
    }
}
