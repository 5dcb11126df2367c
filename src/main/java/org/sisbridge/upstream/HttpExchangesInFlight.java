package org.sisbridge.upstream;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.classic.ExecRuntime;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.MessageConstraintException;

/**
 * Lets the call guard end an HTTP exchange that is still waiting for its answer's headers at the call's
 * deadline. Apache HttpClient bounds each read, not the headers as a whole: a server that sent a byte of
 * them every few seconds held a poll for as long as it went on. The guard {@link #watch}es the calling
 * thread from the start of a call until the headers are in; this handler, first in the client's chain
 * (UpstreamHttpClientConfigurer), makes the thread's exchange abortable meanwhile. Once the headers are
 * in, the answer's own bound takes over (BoundedAnswer). A header block past the connection's bounds
 * (BoundedHeadersHttpComponent) fails here too, as a refusal naming the keys that set them.
 */
public final class HttpExchangesInFlight implements ExecChainHandler {

    private final Map<Thread, Watch> watched = new ConcurrentHashMap<>();

    /** From now until {@link Watch#end}, the exchanges {@code thread} makes can be ended by {@link Watch#abort}. */
    public Watch watch(Thread thread) {
        Watch watch = new Watch(thread);
        watched.put(thread, watch);
        return watch;
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        Watch watch = watched.get(Thread.currentThread());
        if (watch != null) {
            watch.enter(scope.execRuntime);
        }
        try {
            return chain.proceed(request, scope);
        } catch (MessageConstraintException tooLarge) {
            // the connection's header bounds (BoundedHeadersHttpComponent): the same request gets the same answer
            UpstreamAnswerRefusedException refused = UpstreamAnswerRefusedException.tooLarge("the answer's header block is"
                    + " larger than allowed (" + tooLarge.getMessage() + "; sisbridge.upstream.max-header-line-chars,"
                    + " sisbridge.upstream.max-header-count); refused");
            refused.initCause(tooLarge);
            throw refused;
        } catch (IOException e) {
            throw watch != null ? watch.refusal(e) : e;
        } finally {
            if (watch != null) {
                watch.leave();
            }
        }
    }

    /** One call's watch over its thread's exchanges. */
    public final class Watch {
        private final Thread thread;
        private String abortedBecause;
        private ExecRuntime runtime;

        private Watch(Thread thread) {
            this.thread = thread;
        }

        /** Ends the exchange in progress, if any, at once (its connection is closed), and any the thread starts later. */
        public void abort(String reason) {
            ExecRuntime inProgress;
            synchronized (this) {
                abortedBecause = reason;
                inProgress = runtime;
            }
            if (inProgress != null) {
                inProgress.discardEndpoint();
            }
        }

        /** The headers are in, or the call is over: nothing of this thread is aborted any more. */
        public void end() {
            watched.remove(thread, this);
        }

        private synchronized void enter(ExecRuntime exchange) throws UpstreamAnswerRefusedException {
            if (abortedBecause != null) {
                throw UpstreamAnswerRefusedException.tooSlow(abortedBecause);
            }
            runtime = exchange;
        }

        private synchronized void leave() {
            runtime = null;
        }

        private synchronized IOException refusal(IOException failure) {
            if (abortedBecause == null) {
                return failure;
            }
            UpstreamAnswerRefusedException refused = UpstreamAnswerRefusedException.tooSlow(abortedBecause);
            refused.initCause(failure);
            return refused;
        }
    }
}
