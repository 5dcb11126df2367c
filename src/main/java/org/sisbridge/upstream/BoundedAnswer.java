package org.sisbridge.upstream;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.core5.http.io.EofSensorInputStream;

/**
 * An upstream answer read within its bounds: at most {@code maxBytes} bytes, and every byte before
 * the call's deadline. The bytes are counted as the reader (a streaming parser, a copy to disk)
 * takes them, so nothing is held to measure it; the first byte past the cap or the first read past
 * the deadline fails with {@link UpstreamAnswerRefusedException}. A read that blocks is cut at the
 * deadline by {@link #abort()}, which the call guard's watchdog calls from its own thread.
 *
 * <p>An answer closed before its end is aborted, never drained: draining a 150 MB page or a trickle
 * is exactly the wait the bound is there to prevent. The connection is then discarded, not reused.
 * Once it has ended (read to its end, refused once, closed), it reads as empty: the error handler
 * that later caches the body of a failed exchange must find nothing, not fail a second time.
 */
public final class BoundedAnswer extends FilterInputStream {

    private final long maxBytes;
    private final String maxBytesFrom;
    private final CallDeadline deadline;
    private final String what;
    private final Runnable onEnd;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean timedOut;
    private UpstreamAnswerRefusedException refusedUnread;
    private long bytes;
    private boolean eof;

    /**
     * @param maxBytesFrom where the cap comes from, for the refusal's line (a key, "the listing's rowCount")
     * @param what  how the refusal names the answer, e.g. "the answer" or "the report"
     * @param onEnd called once, when the answer is read to its end, closed, refused or aborted
     */
    public BoundedAnswer(InputStream in, long maxBytes, String maxBytesFrom, CallDeadline deadline, String what,
                         Runnable onEnd) {
        super(in);
        this.maxBytes = maxBytes;
        this.maxBytesFrom = maxBytesFrom;
        this.deadline = deadline;
        this.what = what;
        this.onEnd = onEnd;
    }

    public long bytesRead() {
        return bytes;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    /** Refuses the answer before anything of it is read (its Content-Length alone is too large). */
    public void refuseUnread(UpstreamAnswerRefusedException refusal) {
        refusedUnread = refusal;
        abortUnderlying();
        end();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (refusedUnread != null) {
            UpstreamAnswerRefusedException refusal = refusedUnread;
            refusedUnread = null;
            throw refusal;
        }
        if (ended.get()) {
            return -1;
        }
        if (deadline.passed() || timedOut) {
            throw refuse(UpstreamAnswerRefusedException.tooSlow(deadline.exceeded(what + " (" + bytes + " bytes so far)")));
        }
        // never ask for more than one byte past the cap: that byte is the proof the cap was passed
        int ask = (int) Math.min(length, maxBytes - bytes + 1);
        int n;
        try {
            n = super.read(buffer, offset, Math.max(ask, 1));
        } catch (IOException e) {
            if (timedOut) {
                throw refuse(UpstreamAnswerRefusedException.tooSlow(deadline.exceeded(what + " (" + bytes + " bytes so far)")));
            }
            end();
            throw e;
        }
        if (n < 0) {
            eof = true;
            end();
            return n;
        }
        bytes += n;
        if (bytes > maxBytes) {
            throw refuse(UpstreamAnswerRefusedException.tooLarge(deadline.call() + ": " + what + " is larger than "
                    + maxBytes + " bytes (" + maxBytesFrom + "); refused, the rest left unread"));
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // through read, so that skipped bytes count and the deadline holds
        byte[] sink = new byte[(int) Math.min(8192, Math.max(n, 1))];
        int read = read(sink, 0, (int) Math.min(sink.length, n));
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() throws IOException {
        try {
            if (eof) {
                super.close();
            } else {
                abortUnderlying();
            }
        } finally {
            end();
        }
    }

    /** The deadline passed: cut the connection so that a read blocked on it returns now. Any thread. */
    public void abort() {
        if (ended.get()) {
            return;
        }
        timedOut = true;
        abortUnderlying();
    }

    private UpstreamAnswerRefusedException refuse(UpstreamAnswerRefusedException refusal) {
        abortUnderlying();
        end();
        return refusal;
    }

    private void abortUnderlying() {
        try {
            if (in instanceof EofSensorInputStream http) {
                http.abort(); // closes the socket at once, without reading what is left
            } else {
                in.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // the answer is given up either way
        }
    }

    private void end() {
        if (ended.compareAndSet(false, true)) {
            onEnd.run();
        }
    }
}
