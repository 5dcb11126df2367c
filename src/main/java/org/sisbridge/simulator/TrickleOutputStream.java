package org.sisbridge.simulator;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * Sends a body one byte at a time, each flushed and followed by a pause: the answer of an upstream
 * that never times out a read yet never finishes. Ends when the client hangs up (a write fails).
 */
final class TrickleOutputStream extends FilterOutputStream {

    private final long pauseMillis;

    TrickleOutputStream(OutputStream out, long pauseMillis) {
        super(out);
        this.pauseMillis = pauseMillis;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        out.flush();
        try {
            Thread.sleep(pauseMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("simulator stopping");
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = 0; i < len; i++) {
            write(b[off + i]);
        }
    }
}
