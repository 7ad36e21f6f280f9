package org.example.intake.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs {@code intake triage}: one reader thread splits the files into records and hands them out in
 * batches, a fixed pool of workers reads, triages and formats them, and the calling thread writes the lines. A
 * bounded window of futures, taken in the order the records were read, keeps the output in
 * input order; it and a bound on the characters in flight keep the memory bounded however long
 * the input is and however large its records.
 */
final class TriagePipeline {

    /**
     * How many batches (of up to {@value #BATCH_RECORDS} records) may be in flight: bounds memory (the
     * lines of a finished batch wait here for the writer, a few MiB at most) while leaving the workers
     * enough lookahead to go on while one batch waits: the first record the streaming reader leaves
     * waits for HAPI to start (see IntakeCommand), and the other workers read on meanwhile.
     */
    static final int WINDOW = 256;

    /**
     * How many characters of records may be in flight (read but not yet triaged), whatever their
     * number: with records near the size limit, 1024 of them would not fit the launcher's heap.
     * 4 Mi characters take at most 8 MiB as Java strings (most intakes are ASCII bytes: 4 MiB), still
     * a score of batches ahead of the workers; the records in flight live through each young
     * collection, so a larger bound only makes the collector copy more (32 Mi: 13 to 20 MB of
     * survivors a collection on the load run, 4 Mi: about 5 MB).
     */
    static final int MAX_CHARS_IN_FLIGHT = 4 << 20;

    private static final int OUTPUT_FAILED = -1;

    private static final Future<RecordTriage.Line> END = CompletableFuture.completedFuture(null);

    /** Records a worker takes at once, at most: fewer hand-overs between threads than one task a record. */
    static final int BATCH_RECORDS = 64;

    /** Characters of records a worker takes at once, at most (a longer record goes alone). */
    static final int BATCH_CHARS = 256 << 10;

    private final RecordTriage triage;
    private final int workers;
    private final int maxRecordBytes;
    private final int maxCharsInFlight;

    /**
     * @param workers        how many threads read and triage records; at least 1
     * @param maxRecordBytes the most bytes of UTF-8 a record may have; a longer one is skipped
     *                       unread and gets a {@code too-large} error line; at least 1
     */
    TriagePipeline(RecordTriage triage, int workers, int maxRecordBytes) {
        this(triage, workers, maxRecordBytes, MAX_CHARS_IN_FLIGHT);
    }

    /**
     * As above, with another bound on the characters of records read but not yet triaged; a
     * record longer than the bound is let through alone.
     */
    TriagePipeline(RecordTriage triage, int workers, int maxRecordBytes, int maxCharsInFlight) {
        if (maxCharsInFlight < 1) {
            throw new IllegalArgumentException("maxCharsInFlight must be at least 1, not " + maxCharsInFlight);
        }
        this.maxCharsInFlight = maxCharsInFlight;
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, not " + workers);
        }
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("maxRecordBytes must be at least 1, not " + maxRecordBytes);
        }
        this.triage = triage;
        this.workers = workers;
        this.maxRecordBytes = maxRecordBytes;
    }

    /**
     * Triages every record of the files in order and writes one line per record to {@code out}.
     * A record over the size limit is not read: its line is a {@code too-large} error. Unreadable
     * files are reported on {@code err} and skipped.
     *
     * @return 0 when every record was triaged, 1 when some were refused, 2 when a file could
     *         not be read or the output could not be written
     */
    int run(List<String> files, InputStream stdin, PrintStream out, PrintStream err) {
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, task -> {
            Thread thread = new Thread(task, "intake-worker-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        BlockingQueue<Future<RecordTriage.Line>> window = new ArrayBlockingQueue<>(WINDOW);
        RecordReader recordReader = new RecordReader(files, stdin, err, pool, window,
                new Semaphore(maxCharsInFlight));
        Thread readerThread = new Thread(recordReader, "intake-reader");
        readerThread.setDaemon(true);
        readerThread.start();
        try {
            int refused = write(window, out);
            if (refused == OUTPUT_FAILED) {
                err.println("intake: cannot write the output");
                return 2;
            }
            readerThread.join();
            if (recordReader.failed) {
                return 2;
            }
            return refused > 0 ? 1 : 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("intake: interrupted");
            return 2;
        } catch (ExecutionException e) {
            // RecordTriage.apply catches every exception, so only an Error (out of memory) lands here.
            err.println("intake: stopped: " + e.getCause().getClass().getSimpleName());
            return 2;
        } finally {
            recordReader.stop = true;
            readerThread.interrupt();
            pool.shutdownNow();
        }
    }

    /** Writes the lines in order; the number of refused records, or OUTPUT_FAILED. */
    private static int write(BlockingQueue<Future<RecordTriage.Line>> window, PrintStream out)
            throws InterruptedException, ExecutionException {
        OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        int refused = 0;
        long written = 0;
        try {
            while (true) {
                Future<RecordTriage.Line> next = window.poll();
                if (next == null) {
                    buffered.flush(); // the workers lag behind: show what is done
                    next = window.take();
                }
                if (next == END) {
                    break;
                }
                RecordTriage.Line line = next.get();
                buffered.write(line.utf8());
                if (line.error()) {
                    refused++;
                }
                if ((++written & 1023) == 0 && out.checkError()) {
                    return OUTPUT_FAILED; // e.g. a closed pipe: stop reading too
                }
            }
            buffered.flush();
        } catch (IOException e) {
            return OUTPUT_FAILED;
        }
        return out.checkError() ? OUTPUT_FAILED : refused;
    }

    /** Splits the files into records and hands each to the pool, in order. */
    private final class RecordReader implements Runnable {

        private final List<String> files;
        private final InputStream stdin;
        private final PrintStream err;
        private final ExecutorService pool;
        private final BlockingQueue<Future<RecordTriage.Line>> window;
        /** Permits are characters of records in flight; a worker gives them back when its record is triaged. */
        private final Semaphore charsInFlight;
        volatile boolean failed;
        volatile boolean stop;

        RecordReader(List<String> files, InputStream stdin, PrintStream err, ExecutorService pool,
                BlockingQueue<Future<RecordTriage.Line>> window, Semaphore charsInFlight) {
            this.files = files;
            this.stdin = stdin;
            this.err = err;
            this.pool = pool;
            this.window = window;
            this.charsInFlight = charsInFlight;
        }

        @Override
        public void run() {
            try {
                for (String file : files) {
                    if (stop) {
                        return;
                    }
                    readFile(file);
                }
            } catch (InterruptedException e) {
                failed = true;
            } catch (RuntimeException | Error e) {
                failed = true;
                err.println("intake: stopped reading: " + e.getClass().getSimpleName());
            } finally {
                endWindow();
            }
        }

        private void readFile(String file) throws InterruptedException {
            Batch batch = new Batch();
            try (InputStream in = InputFiles.openStream(file, stdin)) {
                Utf8Lines reader = new Utf8Lines(in, maxRecordBytes);
                int index = 0;
                Object record;
                while (!stop && (record = reader.next()) != null) {
                    String source = file + '#' + ++index;
                    Object json = record instanceof RecordSplitter.Text text ? text.json() : record instanceof byte[] ? record : null;
                    int length = json instanceof String text ? text.length() : json instanceof byte[] ascii ? ascii.length : 0;
                    int chars = json == null ? 0 : Math.max(1, Math.min(length, maxCharsInFlight));
                    if (!charsInFlight.tryAcquire(chars)) {
                        batch = submit(batch); // the batch's own records may hold the permits it waits for
                        charsInFlight.acquire(chars);
                    }
                    batch.add(source, json, chars);
                    if (batch.isFull() || !reader.ready()) {
                        batch = submit(batch); // full, or the input makes the next record wait: show this one now
                    }
                }
            } catch (IOException e) {
                failed = true;
                err.println("intake: cannot read " + file + ": " + InputFiles.reason(e));
            } finally {
                submit(batch);
            }
        }

        /** Hands the batch to the pool, in order, unless it is empty; a new batch to fill. */
        private Batch submit(Batch batch) throws InterruptedException {
            if (!batch.sources.isEmpty()) {
                window.put(pool.submit(() -> batch.triage(triage, maxRecordBytes, charsInFlight)));
            }
            return new Batch();
        }

        private void endWindow() {
            // The writer sets stop before it interrupts this thread, and stops taking then.
            try {
                if (!stop) {
                    window.put(END);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Records taken by one worker at once, in order: their lines come back as one. */
    private static final class Batch {
        final List<String> sources = new ArrayList<>(BATCH_RECORDS);
        /** The record's text (a String, or the bytes of an ASCII line), or null for one over the size limit. */
        final List<Object> texts = new ArrayList<>(BATCH_RECORDS);
        int chars;

        void add(String source, Object json, int permits) {
            sources.add(source);
            texts.add(json);
            chars += permits;
        }

        boolean isFull() {
            return sources.size() >= BATCH_RECORDS || chars >= BATCH_CHARS;
        }

        /** The lines of every record, in order; refused when one of them is. */
        RecordTriage.Line triage(RecordTriage triage, int maxRecordBytes, Semaphore charsInFlight) {
            try {
                byte[][] lines = new byte[sources.size()][];
                int length = 0;
                boolean refused = false;
                for (int i = 0; i < lines.length; i++) {
                    Object json = texts.get(i);
                    RecordTriage.Line line = json instanceof byte[] ascii ? triage.apply(sources.get(i), ascii)
                            : json instanceof String text ? triage.apply(sources.get(i), text)
                            : triage.tooLarge(sources.get(i), maxRecordBytes);
                    lines[i] = line.utf8();
                    length = Math.addExact(length, lines[i].length);
                    refused |= line.error();
                }
                // one array of the batch's size, copied into once (lines are about 2 KB: no growing buffer)
                byte[] all = new byte[length];
                int at = 0;
                for (byte[] line : lines) {
                    System.arraycopy(line, 0, all, at, line.length);
                    at += line.length;
                }
                return new RecordTriage.Line(all, refused);
            } finally {
                charsInFlight.release(chars);
            }
        }
    }
}
