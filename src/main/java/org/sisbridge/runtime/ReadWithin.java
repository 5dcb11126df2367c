package org.sisbridge.runtime;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A read of the staging database for an HTTP answer (a staff page, the conflicts CSV), run on a small pool of its own
 * with no queue and waited for at most a set time: a database that hangs instead of refusing then costs a few reader
 * threads, never the management server's own, and the viewer gets a clear 503 in time.
 */
public final class ReadWithin {

    private ReadWithin() {
    }

    /**
     * @return what {@code read} returned
     * @throws TimeoutException          it took longer than {@code within} (it is then interrupted: a driver that heeds
     *                                   the interrupt lets go of the database at once)
     * @throws RejectedExecutionException every reader of {@code pool} is still waiting on the database
     * @throws Exception                 what {@code read} threw
     */
    public static <T> T read(ExecutorService pool, Duration within, Callable<T> read) throws Exception {
        Future<T> future = pool.submit(read);
        try {
            return future.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
